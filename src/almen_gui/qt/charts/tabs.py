"""The window's chart tabs below the stats panel: the bar-chart pages, the map and the Udvikling tab. The map and
Udvikling are built the first time their tab is opened; every tab follows the state itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model.metadata import load_metadata
from almen_gui.qt.charts.pages import CategoryChart, ComparisonChart
from almen_gui.qt.common.state import AppState


def _names(fields) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A group's field names and their short titles, for a chart's categories and axis."""
    return tuple(f.name for f in fields), tuple(f.short_title for f in fields)


class ChartsView(QTabWidget):
    """The chart tabs below the stats panel, and the map; each tab follows the state itself while it is open."""

    kommune_clicked = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        group = load_metadata().group
        self.dwellings = CategoryChart(state, "Almene boliger efter type", *_names(group("boliger")),
                                       style.BOLIG_COLOURS)
        self.construction = CategoryChart(state, "Igangsatte byggerier", *_names(group("igangsat")),
                                          style.BOLIG_COLOURS, zero_message="ingen igangsatte byggerier")
        self.economy = CategoryChart(state, "Økonomi", *_names(group("oekonomi")),
                                     (style.PRIMARY, style.PRIMARY_LIGHT, style.ACCENT))
        self.comparison = ComparisonChart(state)
        self.addTab(self.dwellings, "Boliger")
        self.addTab(self.construction, "Byggeri")
        self.addTab(self.economy, "Økonomi")
        self.addTab(self.comparison, "Sammenligning")
        self._map_page = QWidget()
        self._map_layout = QVBoxLayout(self._map_page)
        self._map_layout.setContentsMargins(0, 0, 0, 0)
        self._map = None
        self.addTab(self._map_page, "Kort")
        self._history_page = QWidget()
        self._history_layout = QVBoxLayout(self._history_page)
        self._history_layout.setContentsMargins(0, 0, 0, 0)
        self._history = None
        self.addTab(self._history_page, "Udvikling")
        self.setAccessibleName("Diagrammer")
        self.kommune_clicked.connect(state.set_kommune)
        self.currentChanged.connect(self._on_current_changed)

    @property
    def map(self):
        """The map, built the first time it is needed; from then on it follows the state (dataset, kommune,
        boundaries) itself."""
        if self._map is None:
            from almen_gui.qt.map.view import MapView  # lazy: only the tab on show is built, the others when opened

            self._map = MapView(self._state)
            self._map_layout.addWidget(self._map)
            self._map.kommune_clicked.connect(self.kommune_clicked)
        return self._map

    @property
    def history(self):
        """The Udvikling tab (Danmarks Statistik's figures per year), built the first time it is needed; from then on
        it follows the state itself."""
        if self._history is None:
            from almen_gui.qt.charts.history import HistoryView  # lazy: as the map above

            self._history = HistoryView(self._state)
            self._history_layout.addWidget(self._history)
        return self._history

    def _on_current_changed(self, _index: int) -> None:
        """The map and the Udvikling tab are built when their tab is first opened; from then on they follow the
        state themselves, as the other tabs do."""
        page = self.currentWidget()
        if page is self._map_page and self._map is None:
            self.map.show()
        elif page is self._history_page and self._history is None:
            self.history.show()
