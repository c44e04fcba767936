"""The kiosk's pages: which pages a kommune has something for, and painting one page into a pixmap.

Pages are drawn by the factsheet renderer in large type; the comparison chart and the map are plot-only widgets built
once, sized, laid out and then rendered into the page. A page is left out rather than shown with "ikke oplyst" where a
sentence needs a number.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from almen_gui.factsheet import style
from almen_gui.factsheet.render import KIOSK_PAGES, render_kiosk_page
from almen_gui.factsheet.spec import FactsheetSpec, build_spec, load_template
from almen_gui.model import DataError, Dataset
from almen_gui.model.formatting import format_period
from almen_gui.model.metadata import TOTAL

log = logging.getLogger(__name__)
PAGE_NAMES = {"oversigt": "Overblik", "boliger": "Boliger", "oekonomi": "Økonomi", "vidste_du": "Vidste du",
              "sammenligning": "Sammenligning", "kort": "Kort"}
KIOSK_RANKED = 12  # bars on the comparison page: few enough to read from across the room
FEWEST_TO_COMPARE = 3  # "nr. 1 af 2" is no comparison
KOMMUNE_PAGES = ("oversigt", "boliger", "oekonomi", "sammenligning")  # pages about the kommune's own figures


def _settle() -> None:
    """Deliver pending layout requests, so that a widget drawn next has the geometry it would have on screen."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _present(tiles):
    return tuple(tile for tile in tiles if not tile.missing)


class KioskPages:
    """Knows the dataset; answers which pages and kommuner there are, and paints a page."""

    def __init__(self, dataset: Dataset, boundaries_file: str = ""):
        self.template = load_template()
        self.boundaries_file = boundaries_file
        self._chart = None  # built on first need, then reused: never one per page
        self._map = None
        self._drawn: list[QWidget] = []  # widgets that have been drawn once (and laid out after it)
        self.set_dataset(dataset)

    def set_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._specs: dict[int, FactsheetSpec] = {}
        self._pages: dict[int, tuple[str, ...]] = {}
        self._compare = len(dataset.ranking(TOTAL)) >= FEWEST_TO_COMPARE
        if self._map is not None:
            self._map.set_dataset(dataset)

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
                "sammenligning": self._compare and self.dataset.value(kode, TOTAL) is not None,
                "kort": True,
            }
            self._pages[kode] = tuple(page for page in KIOSK_PAGES if have[page])
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
        if page == "oversigt":  # only the tiles with a figure: "ikke oplyst" over a sentence reads wrong
            spec = replace(spec, tiles=_present(spec.tiles[:3]))
        elif page == "oekonomi":  # the renderer draws tiles[3:] here
            spec = replace(spec, tiles=spec.tiles[:3] + _present(spec.tiles[3:]))
        if page == "kort":
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
        from almen_gui.qt.charts import ranking_bars

        field = self.dataset.metadata.field(TOTAL)
        kommune = self.dataset.kommuner.by_code(kode)
        ranking = ranking_bars(self.dataset, TOTAL, kode, KIOSK_RANKED)
        place, among = ranking.place
        title = (f"{field.title} ({format_period(field.period)}): {kommune.navn} er nr. {place} af {among} kommuner "
                 "med tallet")
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
            from almen_gui.qt.charts import BarChart

            self._chart = BarChart(KIOSK_RANKED, horizontal=True, points=18)
        return self._chart

    def _map_page(self):
        if self._map is None:
            from almen_gui.qt.kiosk_map import KioskMapPage

            self._map = KioskMapPage()
            self._map.set_dataset(self.dataset)
            if self.boundaries_file:
                from almen_gui.model.geo import load_boundaries

                try:
                    self._map.set_boundaries(load_boundaries(Path(self.boundaries_file), self.dataset.kommuner))
                except DataError as exc:  # the map page shows dots instead; nobody is there to read a dialog
                    log.error("Kioskens kommunegrænser kan ikke bruges; kortet viser punkter: %s", exc)
        return self._map

    def close(self) -> None:
        """Free the offscreen plots (the kiosk has ended)."""
        for widget in (self._chart, self._map):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self._chart = self._map = None
        self._drawn.clear()

