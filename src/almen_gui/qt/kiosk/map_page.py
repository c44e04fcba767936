"""The kiosk's map page: the plot-only map with a large legend beside it and no controls (nothing a visitor could tap
that does nothing).

Use from the kiosk:

    page = KioskMapPage(state)                 # once; build it lazily, it loads pyqtgraph; outlines follow the
                                               # state's boundaries, else bubbles
    page.set_dataset(dataset)                  # colour by region; or page.set_dataset(dataset, "beboere")
    page.set_dataset(FigureSet(dataset, dst), ANDEL)  # or by Danmarks Statistik's latest share
    page.set_kommune(kode)                     # the kommune on show, highlighted and named
    page.paint_into(painter, rect)             # draw it into the page's free rectangle

paint_into sizes the page to the rectangle and lets its layout and the map's view settle before drawing, so the first
page after start is drawn like every other (never grabbed mid-resize). Type sizes follow the rectangle's height.
Without a state (a page fed by hand), set_boundaries gives the outlines; stop_following lets go of the state.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from almen_gui.factsheet import style
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import MISSING
from almen_gui.model.geo import Boundaries
from almen_gui.qt.map.colours import REGION, MapLegend
from almen_gui.qt.map.plot import MapPlot
from almen_gui.qt.common.state import AppState
from almen_gui.resources import FONT_FAMILY

LEGEND_SHARE = 0.26  # of the page's width, for the legend column


def _legend_html(legend: MapLegend, pixels: int) -> str:
    """Large swatches, one per line, with the figure's name above them and the count of kommuner without it below."""
    dot = f"font-size:{round(pixels * 1.4)}px"
    lines = []
    if legend.title:
        lines.append(f"<b>{legend.title}</b>")
    swatches = [f"<span style='color:{colour};{dot}'>●</span>&nbsp;{text}" for colour, text in legend.swatches]
    if legend.continuous and len(swatches) == 2:
        swatches.insert(1, f"<span style='color:{style.MUTED}'>til</span>")
    lines += swatches
    if legend.missing:
        lines.append(f"<span style='color:{style.MUTED};{dot}'>○</span>&nbsp;{MISSING} ({legend.missing})")
    if legend.source:
        lines.append(f"<span style='color:{style.MUTED}'>{legend.source}</span>")
    return "<br>".join(lines)


class KioskMapPage(QWidget):
    """Map and large legend for a kiosk page; fed like the map (dataset, boundaries, kommune), drawn by paint_into."""

    def __init__(self, state: AppState | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"background: {style.BACKGROUND};")
        self.plot = MapPlot(points=16)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setStyleSheet(f"color: {style.TEXT};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self._legend: MapLegend | None = None
        self.plot.legend_changed.connect(self._on_legend_changed)
        self._state = state
        if state is not None:
            self.set_boundaries(state.boundaries)
            state.boundaries_changed.connect(self.set_boundaries)

    def stop_following(self) -> None:
        """Let go of the state: the page is about to be freed."""
        if self._state is not None:
            self._state.boundaries_changed.disconnect(self.set_boundaries)
            self._state = None

    def set_dataset(self, dataset: FigureSource, choice: str = REGION) -> None:
        self.plot.set_dataset(dataset, choice)

    def set_boundaries(self, boundaries: Boundaries | None) -> None:
        self.plot.set_boundaries(boundaries)

    def set_kommune(self, kode: int) -> None:
        self.plot.set_kommune(kode)

    def paint_into(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the page into rect of painter, sized and settled first."""
        width, height = round(rect.width()), round(rect.height())
        self.resize(width, height)
        self.legend.setFixedWidth(round(width * LEGEND_SHARE))
        self._size_legend(height)
        # Lay out now: render() then delivers the pending resize events before it draws, so the view's range and the
        # bubbles' sizes are those of this rectangle from the first page on.
        self.layout().activate()
        self.render(painter, QPoint(round(rect.left()), round(rect.top())))

    def _size_legend(self, height: int) -> None:
        pixels = max(16, round(height / 17))
        font = QFont(FONT_FAMILY)
        font.setPixelSize(pixels)
        self.legend.setFont(font)
        if self._legend is not None:
            self.legend.setText(_legend_html(self._legend, pixels))

    def _on_legend_changed(self, legend: MapLegend) -> None:
        self._legend = legend
        self._size_legend(max(self.height(), 1))
