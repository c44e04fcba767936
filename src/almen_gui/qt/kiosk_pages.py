"""The kiosk's pages: which pages a kommune has something for, and painting one page into a pixmap.

Pages are drawn by the factsheet renderer in large type; the comparison chart and the map are plot-only widgets built
once, sized, laid out and then rendered into the page. A page is left out rather than shown with "ikke oplyst" where a
sentence needs a number. With Danmarks Statistik's figures fetched, two pages of their own show them under DST's names,
periods and source line; they never stand in for BL's figures, and BL's pages never show DST's. Their words come from
the same spec builder as DST's factsheet (factsheet/dst_sheet.py), so a sentence cannot read differently here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from almen_gui.factsheet import style
from almen_gui.factsheet.dst_sheet import dst_header, dst_spec
from almen_gui.factsheet.render import render_kiosk_page
from almen_gui.factsheet.spec import FactsheetSpec, build_spec, dst_latest_count, load_template
from almen_gui.model import Dataset
from almen_gui.model.dst import ALMENE, ANDEL, DstFigures
from almen_gui.model.metadata import ALL_DWELLINGS, period_and_origin, period_text
from almen_gui.qt.state import AppState

PAGE_NAMES = {"oversigt": "Overblik", "boliger": "Boliger", "oekonomi": "Økonomi", "vidste_du": "Vidste du",
              "sammenligning": "Sammenligning", "kort": "Kort", "dst": "Danmarks Statistik",
              "dst_sammenligning": "Sammenligning (Danmarks Statistik)"}
# BL's pages in the renderer's order, with Danmarks Statistik's after the kommune's own BL pages
PAGE_ORDER = ("oversigt", "boliger", "oekonomi", "dst", "vidste_du", "sammenligning", "dst_sammenligning", "kort")
DST_RANKED = ALMENE  # the comparison ranks by DST's count of dwellings owned by almene boligselskaber
KIOSK_RANKED = 12  # bars on the comparison page: few enough to read from across the room
FEWEST_TO_COMPARE = 3  # "nr. 1 af 2" is no comparison
KOMMUNE_PAGES = ("oversigt", "boliger", "oekonomi", "sammenligning", "dst", "dst_sammenligning")  # pages about the kommune's own figures


def _settle() -> None:
    """Deliver pending layout requests, so that a widget drawn next has the geometry it would have on screen."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _present(tiles):
    return tuple(tile for tile in tiles if not tile.missing)


class KioskPages:
    """Knows the dataset; answers which pages and kommuner there are, and paints a page."""

    def __init__(self, dataset: Dataset, dst: DstFigures | None = None, state: AppState | None = None):
        self.template = load_template()
        self.state = state  # the map page takes its boundaries from it; None: bubbles
        self.dst = dst
        self._chart = None  # built on first need, then reused: never one per page
        self._map = None
        self._drawn: list[QWidget] = []  # widgets that have been drawn once (and laid out after it)
        self.set_dataset(dataset)

    def set_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._specs: dict[int, FactsheetSpec] = {}
        self._dst_specs: dict[int, FactsheetSpec] = {}
        self._pages: dict[int, tuple[str, ...]] = {}
        self._compare = len(dataset.ranking(ALL_DWELLINGS)) >= FEWEST_TO_COMPARE
        if self._map is not None:
            self._map.set_dataset(*self._map_figures())

    def set_dst(self, dst: DstFigures | None) -> None:
        """New figures from Danmarks Statistik (or none): which pages each kommune has is worked out again."""
        self.dst = dst
        self._pages = {}
        self._dst_specs = {}
        if self._map is not None:
            self._map.set_dataset(*self._map_figures())

    def _map_figures(self):
        """What the map page colours by: Danmarks Statistik's latest share where fetched, else the regions."""
        from almen_gui.model.figure_set import FigureSet
        from almen_gui.qt.map_colours import REGION

        if self.dst is not None and self.dst.periods(ANDEL):
            return FigureSet(self.dataset, self.dst), ANDEL
        return self.dataset, REGION

    def spec(self, kode: int) -> FactsheetSpec:
        if kode not in self._specs:
            self._specs[kode] = build_spec(self.dataset, kode, self.template)
        return self._specs[kode]

    # --- what there is to show --------------------------------------------------------------------------------------
    def pages_for(self, kode: int) -> tuple[str, ...]:
        """The pages with something to show for this kommune, in the loop's order."""
        if kode not in self._pages:
            spec = self.spec(kode)
            have = {
                "oversigt": not spec.residents.missing,  # the page's sentence starts with the number of residents
                "boliger": any(bar.value is not None for bar in spec.dwellings + spec.construction),
                "oekonomi": bool(_present(spec.tiles[3:])),
                "vidste_du": True,  # national facts
                "sammenligning": self._compare and self.dataset.value(kode, ALL_DWELLINGS) is not None,
                "kort": True,
                "dst": self.dst is not None and dst_latest_count(self.dst, kode) is not None,
                "dst_sammenligning": self._dst_ranking_ok(kode),
            }
            self._pages[kode] = tuple(page for page in PAGE_ORDER if have[page])
        return self._pages[kode]

    def has_own_figures(self, kode: int) -> bool:
        """True when at least one page shows this kommune's own figures (not only national facts and the map)."""
        return any(page in KOMMUNE_PAGES for page in self.pages_for(kode))

    def offered(self) -> list[int]:
        """The kommuner the kiosk may show, by name: those with figures of their own."""
        kommuner = sorted(self.dataset.kommuner, key=lambda k: k.navn)
        return [k.kode for k in kommuner if self.has_own_figures(k.kode)]

    # --- painting ---------------------------------------------------------------------------------------------------
    def pixmap(self, kode: int, page: str, width: int, height: int, ratio: float = 1.0,
               reuse: QPixmap | None = None) -> QPixmap:
        """The page as a pixmap; painted into `reuse` when it has the right size (a long run allocates nothing)."""
        pixels = (round(width * ratio), round(height * ratio))
        if reuse is not None and (reuse.width(), reuse.height()) == pixels:
            pixmap = reuse
        else:
            pixmap = QPixmap(*pixels)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(style.BACKGROUND))
        painter = QPainter(pixmap)
        try:
            self.paint(painter, kode, page, width, height)
        finally:
            painter.end()
        return pixmap

    def paint(self, painter: QPainter, kode: int, page: str, width: int, height: int) -> None:
        spec = self.spec(kode)
        # Only the tiles with a figure: a screen for passers-by shows what the kommune has (the printed sheet names
        # what it lacks); the tiles kept stand in the middle of their row.
        if page == "oversigt":
            spec = replace(spec, tiles=_present(spec.tiles[:3]))
        elif page == "oekonomi":  # the renderer draws tiles[3:] here
            spec = replace(spec, tiles=spec.tiles[:3] + _present(spec.tiles[3:]))
        if page == "dst":  # the sheet's own figure, sentences and tiles, on the overview's layout
            render_kiosk_page(painter, self.dst_spec(kode), "oversigt", width, height)
        elif page == "dst_sammenligning":
            title, ranking = self.dst_comparison(kode)
            free = render_kiosk_page(painter, self.dst_page_spec(kode, DST_RANKED), "sammenligning", width, height,
                                     title)
            chart = self._comparison_chart()
            chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours)
            self._render_widget(painter, chart, free)
        elif page == "kort":
            if self._map_figures()[1] == ANDEL:  # coloured by DST's share: DST's name and source line
                spec = self.dst_page_spec(kode, ANDEL)
            else:  # coloured by region: the map shows where the kommuner are, from the kommune data, and no figure
                spec = replace(spec, source_line=f"{self.dataset.metadata.kommune_attribution}.")
            title = f"{spec.kommune} på Danmarkskortet"
            free = render_kiosk_page(painter, spec, page, width, height, title)
            map_page = self._map_page()
            map_page.set_kommune(kode)
            map_page.paint_into(painter, free)
        elif page == "sammenligning":
            title, ranking = self.comparison(kode)
            free = render_kiosk_page(painter, spec, page, width, height, title)
            chart = self._comparison_chart()
            chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours)
            self._render_widget(painter, chart, free)
        else:
            render_kiosk_page(painter, spec, page, width, height)

    def comparison(self, kode: int):
        """The comparison page's title and bars; only called for a kommune that has the figure."""
        from almen_gui.qt.ranking import ranking_bars

        field = self.dataset.metadata.field(ALL_DWELLINGS)
        kommune = self.dataset.kommuner.by_code(kode)
        ranking = ranking_bars(self.dataset, ALL_DWELLINGS, kode, KIOSK_RANKED)
        title = (f"{field.title} ({period_and_origin(field)}): {kommune.navn} er {ranking.place.text} kommuner "
                 "med tallet")
        return title, ranking

    # --- Danmarks Statistik's pages ----------------------------------------------------------------------------------
    def _dst_values(self, name: str) -> tuple[str, list[tuple[int, float]]] | None:
        """The measure's latest period and every kommune's published value in it, largest first."""
        latest = self.dst.latest(name, 0) if self.dst is not None else None
        if latest is None:
            return None
        period = latest[0]
        values = [(k.kode, self.dst.value(name, k.kode, period)) for k in self.dataset.kommuner]
        ranked = sorted(((kode, v) for kode, v in values if v is not None), key=lambda item: -item[1])
        return period, ranked

    def _dst_ranking_ok(self, kode: int) -> bool:
        found = self._dst_values(DST_RANKED)
        return found is not None and len(found[1]) >= FEWEST_TO_COMPARE and kode in dict(found[1])

    def dst_spec(self, kode: int) -> FactsheetSpec:
        """The kommune's sheet on DST's figures, as DST's factsheet builds it; only for a kommune with a published
        count (its "dst" page)."""
        if kode not in self._dst_specs:
            self._dst_specs[kode] = dst_spec(self.spec(kode), self.dataset, self.dst, self.template, dt.date.today())
        return self._dst_specs[kode]

    def dst_page_spec(self, kode: int, measure: str) -> FactsheetSpec:
        """The kommune's page with DST's sheet's overline, headline and source line for the one measure it shows."""
        overline, headline, source = dst_header(self.dataset, self.dst, kode, self.template, (measure,),
                                                dt.date.today())
        return replace(self.spec(kode), overline=overline, headline=headline, source_line=source)

    def dst_comparison(self, kode: int):
        """The DST comparison page's title and bars; only called for a kommune that has the figure."""
        from almen_gui.model.figure_set import FigureSet
        from almen_gui.qt.ranking import ranking_bars

        figures = FigureSet(self.dataset, self.dst)
        field = figures.field(DST_RANKED)
        ranking = ranking_bars(figures, DST_RANKED, kode, KIOSK_RANKED)
        title = (f"{field.title} ({period_text(field)}): {self.dataset.kommuner.by_code(kode).navn} er "
                 f"{ranking.place.text} kommuner med tallet")
        return title, ranking

    def _render_widget(self, painter: QPainter, widget: QWidget, rect) -> None:
        """Size the widget, let its layout settle, then draw it: a plot grabbed mid-resize has no axis numbers.

        The widget is never shown: grab() delivers its pending resize, and the posted layout requests are sent here.
        """
        widget.resize(round(rect.width()), round(rect.height()))
        if widget not in self._drawn:
            # pyqtgraph sizes its axes from the text it first draws: let it draw once, then lay out
            widget.grab()
            _settle()
            self._drawn.append(widget)
        _settle()
        painter.drawPixmap(rect.topLeft(), widget.grab())

    def _comparison_chart(self):
        if self._chart is None:
            from almen_gui.qt.bar_chart import BarChart

            self._chart = BarChart(KIOSK_RANKED, horizontal=True, points=18)
        return self._chart

    def _map_page(self):
        if self._map is None:
            from almen_gui.qt.kiosk_map import KioskMapPage

            self._map = KioskMapPage(self.state)
            self._map.set_dataset(*self._map_figures())
        return self._map

    def close(self) -> None:
        """Free the offscreen plots (the kiosk has ended)."""
        if self._map is not None:
            self._map.stop_following()
        for widget in (self._chart, self._map):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self._chart = self._map = None
        self._drawn.clear()

