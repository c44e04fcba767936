"""The kiosk's pages: one registry of them (key, title, when a kommune has one, how it is drawn), and painting one
page into a pixmap.

Pages are drawn by the factsheet renderer in large type; the comparison chart and the map are plot-only widgets built
once, sized, laid out and then rendered into the page. A page is left out rather than shown with "ikke oplyst" where a
sentence needs a number. The overview's and the economy page's figure tiles are chosen by the figures' group in the
metadata, so a line added to the template's [noegletal] lands on the page of its group, and never moves another.
With Danmarks Statistik's figures fetched, two pages of their own show them under DST's names, periods and source;
they never stand in for BL's figures, and BL's pages never show DST's. Their words come from the same spec builder as
DST's factsheet (factsheet/dst_sheet.py), so a sentence cannot read differently here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from almen_gui.factsheet import style
from almen_gui.factsheet.build import build_spec
from almen_gui.factsheet.dst_sheet import dst_header, dst_spec
from almen_gui.factsheet.render import KioskDrawing, render_kiosk_page
from almen_gui.factsheet.spec import FactsheetSpec, Tile, load_template, page_heading
from almen_gui.model import Dataset
from almen_gui.model.coverage import dst_latest_count
from almen_gui.model.dst import ALMENE, ANDEL, DstFigures
from almen_gui.model.figure_set import FigureSet
from almen_gui.model.geo import BUNDLED_ATTRIBUTION
from almen_gui.model.metadata import ALL_DWELLINGS, period_and_origin, period_text
from almen_gui.qt.charts.bar_chart import BarChart
from almen_gui.qt.charts.ranking import Ranking, ranking_bars
from almen_gui.qt.common.state import AppState
from almen_gui.qt.kiosk.map_page import KioskMapPage
from almen_gui.qt.map.colours import REGION

DST_RANKED = ALMENE  # the comparison ranks by DST's count of dwellings owned by almene boligselskaber
KIOSK_RANKED = 12  # bars on the comparison page: few enough to read from across the room
FEWEST_TO_COMPARE = 3  # "nr. 1 af 2" is no comparison
# The figure tiles' groups (model/metadata.py) on the overview and on the economy page, each in the metadata's order
OVERVIEW_TILES = ("boliger", "boligmassen")
ECONOMY_TILES = ("oekonomi",)


class KioskPage(StrEnum):
    """The kiosk's pages. The values are the page keys the kiosk reports (`page_shown`) and logs."""

    OVERVIEW = "oversigt"
    DWELLINGS = "boliger"
    ECONOMY = "oekonomi"
    DST = "dst"
    FACTS = "vidste_du"
    COMPARISON = "sammenligning"
    DST_COMPARISON = "dst_sammenligning"
    MAP = "kort"


def _settle() -> None:
    """Deliver pending layout requests, so that a widget drawn next has the geometry it would have on screen."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class KioskPages:
    """Follows the state's dataset and Danmarks Statistik's figures; answers which pages and kommuner there are, and
    paints a page."""

    def __init__(self, state: AppState):
        self.template = load_template()
        self.state = state  # the pages' figures, and the map page's boundaries
        self._chart = None  # built on first need, then reused: never one per page
        self._map = None
        self._drawn: list[QWidget] = []  # widgets that have been drawn once (and laid out after it)
        self.page_text = ""  # the text of the page last painted into a pixmap
        self._forget()
        # Connected before the kiosk's own reactions to the state (the controller connects when it starts), so what
        # the kiosk asks next is worked out on the new figures.
        state.dataset_changed.connect(self._on_figures_changed)
        state.dst_changed.connect(self._on_figures_changed)

    @property
    def dataset(self) -> Dataset:
        return self.state.dataset

    @property
    def dst(self) -> DstFigures | None:
        return self.state.dst

    def _on_figures_changed(self, *_) -> None:
        """New figures in the state: which pages each kommune has, and what they say, is worked out again."""
        self._forget()
        if self._map is not None:
            self._map.set_dataset(*self._map_figures())

    def _forget(self) -> None:
        self._specs: dict[int, FactsheetSpec] = {}
        self._dst_specs: dict[int, FactsheetSpec] = {}
        self._pages: dict[int, tuple[str, ...]] = {}
        self._compare = len(self.dataset.ranking(ALL_DWELLINGS)) >= FEWEST_TO_COMPARE

    def _map_figures(self):
        """What the map page colours by: Danmarks Statistik's latest share where fetched, else the regions."""
        if self.dst is not None and self.dst.periods(ANDEL):
            return FigureSet(self.dataset, self.dst), ANDEL
        return self.dataset, REGION

    def spec(self, kode: int) -> FactsheetSpec:
        if kode not in self._specs:
            self._specs[kode] = build_spec(self.dataset, kode, self.template)
        return self._specs[kode]

    # --- what there is to show --------------------------------------------------------------------------------------
    def pages_for(self, kode: int) -> tuple[KioskPage, ...]:
        """The pages with something to show for this kommune, in the loop's order."""
        if kode not in self._pages:
            self._pages[kode] = tuple(entry.page for entry in PAGES if entry.available(self, kode))
        return self._pages[kode]

    def has_own_figures(self, kode: int) -> bool:
        """True when at least one page shows this kommune's own figures (not only national facts and the map)."""
        return any(PAGE_ENTRIES[page].own_figures for page in self.pages_for(kode))

    def offered(self) -> list[int]:
        """The kommuner the kiosk may show, by name: those with figures of their own."""
        kommuner = sorted(self.dataset.kommuner, key=lambda k: k.navn)
        return [k.kode for k in kommuner if self.has_own_figures(k.kode)]

    def tiles(self, kode: int, groups: tuple[str, ...]) -> tuple[Tile, ...]:
        """The kommune's figure tiles of these groups that have a figure, in the metadata's order: a screen for
        passers-by shows what the kommune has (the printed sheet names what it lacks)."""
        field = self.dataset.metadata.field
        tiles = [tile for tile in self.spec(kode).tiles if not tile.missing and field(tile.name).group in groups]
        return tuple(sorted(tiles, key=lambda tile: field(tile.name).order))

    def _has_overview(self, kode: int) -> bool:
        return not self.spec(kode).residents.missing  # the page's sentence starts with the number of residents

    def _has_dwellings(self, kode: int) -> bool:
        spec = self.spec(kode)
        return any(bar.value is not None for bar in spec.dwellings + spec.construction)

    def _has_economy(self, kode: int) -> bool:
        return bool(self.tiles(kode, ECONOMY_TILES))

    def _has_comparison(self, kode: int) -> bool:
        return self._compare and self.dataset.value(kode, ALL_DWELLINGS) is not None

    def _has_dst(self, kode: int) -> bool:
        return self.dst is not None and dst_latest_count(self.dst, kode) is not None

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
            self.page_text = self.paint(painter, kode, page, width, height)
        finally:
            painter.end()
        return pixmap

    def paint(self, painter: QPainter, kode: int, page: KioskPage, width: int, height: int) -> str:
        """Draw the page; returns its text (headline, figures with their periods, source) for a screen reader."""
        texts: list[str] = []
        PAGE_ENTRIES[KioskPage(page)].draw(self, painter, kode, width, height, texts)
        return "\n".join(texts)

    def _draw_overview(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        spec = replace(self.spec(kode), tiles=self.tiles(kode, OVERVIEW_TILES))
        render_kiosk_page(painter, spec, KioskDrawing.INTRO_AND_TILES, width, height, texts=texts)

    def _draw_dwellings(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        render_kiosk_page(painter, self.spec(kode), KioskDrawing.CHARTS, width, height, texts=texts)

    def _draw_economy(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        spec = replace(self.spec(kode), tiles=self.tiles(kode, ECONOMY_TILES))
        render_kiosk_page(painter, spec, KioskDrawing.TILES, width, height, texts=texts)

    def _draw_facts(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        # figures for the whole country, each with its source: under their own heading
        spec = page_heading(self.spec(kode), self.template, "landstal")
        render_kiosk_page(painter, spec, KioskDrawing.FACTS, width, height, texts=texts)

    def _draw_dst(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        # the sheet's own figure, sentences and tiles, on the overview's layout
        render_kiosk_page(painter, self.dst_spec(kode), KioskDrawing.INTRO_AND_TILES, width, height, texts=texts)

    def _draw_comparison(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        title, ranking = self.comparison(kode)
        free = render_kiosk_page(painter, self.spec(kode), KioskDrawing.TITLE_AND_SPACE, width, height, title, texts)
        self._draw_ranking(painter, ranking, free, texts)

    def _draw_dst_comparison(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        title, ranking = self.dst_comparison(kode)
        free = render_kiosk_page(painter, self.dst_page_spec(kode, DST_RANKED), KioskDrawing.TITLE_AND_SPACE, width,
                                 height, title, texts)
        self._draw_ranking(painter, ranking, free, texts)

    def _draw_map(self, painter: QPainter, kode: int, width: int, height: int, texts: list[str]) -> None:
        if self._map_figures()[1] == ANDEL:  # coloured by DST's share: DST's name and source line
            spec = self.dst_page_spec(kode, ANDEL)
        else:  # coloured by region: the map shows where the kommuner are, from the kommune data, and no figure
            spec = replace(page_heading(self.spec(kode), self.template, "kort"),
                           source_line=f"{self.dataset.metadata.kommune_attribution}.")
        map_page = self._map_page()
        outlines = map_page.plot.boundaries  # the shapes are credited too: the bundled ones as DAGI, a file by name
        if outlines is not None:
            credit = outlines.source if outlines.source == BUNDLED_ATTRIBUTION else f"Kommunegrænser: {outlines.source}"
            spec = replace(spec, source_line=f"{spec.source_line} {credit}.")
        title = f"{spec.kommune} på Danmarkskortet"
        free = render_kiosk_page(painter, spec, KioskDrawing.TITLE_AND_SPACE, width, height, title, texts)
        map_page.set_kommune(kode)
        map_page.paint_into(painter, free)

    def _draw_ranking(self, painter: QPainter, ranking: Ranking, rect, texts: list[str]) -> None:
        chart = self._comparison_chart()
        chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours)
        self._render_widget(painter, chart, rect)
        texts[-1:-1] = [f"{name}: {text}" for name, text in zip(ranking.categories, ranking.texts)]  # before the source

    def comparison(self, kode: int):
        """The comparison page's title and bars; only called for a kommune that has the figure."""
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
        figures = FigureSet(self.dataset, self.dst)
        field = figures.metadata.field(DST_RANKED)
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
            self._chart = BarChart(KIOSK_RANKED, horizontal=True, points=18)
        return self._chart

    def _map_page(self):
        if self._map is None:
            self._map = KioskMapPage(self.state)
            self._map.set_dataset(*self._map_figures())
        return self._map

    def close(self) -> None:
        """Let go of the state and free the offscreen plots (the kiosk has ended)."""
        self.state.dataset_changed.disconnect(self._on_figures_changed)
        self.state.dst_changed.disconnect(self._on_figures_changed)
        if self._map is not None:
            self._map.stop_following()
        for widget in (self._chart, self._map):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self._chart = self._map = None
        self._drawn.clear()


@dataclass(frozen=True)
class PageEntry:
    """One of the kiosk's pages: its key, its title on the page label, whether it shows the kommune's own figures
    (not only national facts or the map), when a kommune has it, and how it is drawn."""

    page: KioskPage
    title: str
    own_figures: bool
    available: Callable[[KioskPages, int], bool]
    draw: Callable[[KioskPages, QPainter, int, int, int, list[str]], None]


def _always(pages: KioskPages, kode: int) -> bool:
    return True


# The loop's order: BL's pages, with Danmarks Statistik's after the kommune's own BL pages.
PAGES = (
    PageEntry(KioskPage.OVERVIEW, "Overblik", True, KioskPages._has_overview, KioskPages._draw_overview),
    PageEntry(KioskPage.DWELLINGS, "Boliger", True, KioskPages._has_dwellings, KioskPages._draw_dwellings),
    PageEntry(KioskPage.ECONOMY, "Økonomi", True, KioskPages._has_economy, KioskPages._draw_economy),
    PageEntry(KioskPage.DST, "Danmarks Statistik", True, KioskPages._has_dst, KioskPages._draw_dst),
    PageEntry(KioskPage.FACTS, "Vidste du", False, _always, KioskPages._draw_facts),  # national facts
    PageEntry(KioskPage.COMPARISON, "Sammenligning", True, KioskPages._has_comparison, KioskPages._draw_comparison),
    PageEntry(KioskPage.DST_COMPARISON, "Sammenligning (Danmarks Statistik)", True, KioskPages._dst_ranking_ok,
              KioskPages._draw_dst_comparison),
    PageEntry(KioskPage.MAP, "Kort", False, _always, KioskPages._draw_map),
)
PAGE_ENTRIES = {entry.page: entry for entry in PAGES}
