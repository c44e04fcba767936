"""The window's topics, one tab each: Boliger, Byggeri and Økonomi (every source that has figures for the topic,
topic_page.py), Udvikling (Danmarks Statistik's figures per year), Sammenligning and Kort. The cards are there at the
first paint; the charts (pyqtgraph) are added just after it, and Udvikling and Kort the first time they are opened.
Every tab follows the state itself."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model.formatting import format_stamp
from almen_gui.model.metadata import load_dst_family, load_metadata
from almen_gui.qt.common.dialogs import TextDialog
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.topic_page import Topic, TopicPage

TOPICS = (
    Topic("boliger", "Boliger", ("beboere", "boliger", "boligmassen"),
          "beboere, boliger efter type, fraflytning og andel af boligmassen", "boliger",
          "Almene boliger efter type",
          dst_measures=("dst_almene_boliger", "dst_andel_almene_pct", "dst_beboere_almene"),
          dst_what="boliger ejet af almene boligselskaber og deres andel af alle boliger"),
    Topic("byggeri", "Byggeri", ("igangsat",), "igangsatte almene boliger efter type", "igangsat",
          "Igangsatte byggerier", zero_message="ingen igangsatte byggerier",
          dst_measures=("dst_paabegyndte_almene",), dst_what="påbegyndte almene boliger pr. år"),
    Topic("oekonomi", "Økonomi", ("oekonomi",),
          "huslejeomsætning, lokal omsætning og renovering med støtte fra Landsbyggefonden",
          "oekonomi", "Økonomi"),
)
CHART_COLOURS = {"boliger": style.BOLIG_COLOURS, "igangsat": style.BOLIG_COLOURS,
                 "oekonomi": (style.PRIMARY, style.PRIMARY_LIGHT, style.ACCENT)}
CHART_MIN_HEIGHT = 120  # logical pixels: a chart's least; the pages give it CHART_READABLE_HEIGHT when they can


def _lazy_page() -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    return page, layout


def dst_footnotes(family, dst) -> str:
    """The mandatory footnotes of each table fetched, what was skipped, how DST's figures differ, and the credit."""
    lines = [family.description, ""]
    for table in dst.tables.values():
        lines.append(f"{table.id}: {table.text} (opdateret {format_stamp(table.updated)})")
        lines += [f"  Fodnote: {note}" for note in table.footnotes]
    if dst.notes:
        lines += ["", *dst.notes]
    lines += ["", f"{family.credit}, {' og '.join(dst.tables)}. Licens: {family.licence}. "
                  f"Hentet {dst.fetched_text} fra {dst.source_url}."]
    return "\n".join(lines)


class _TopicScroll(QScrollArea):
    """A topic page in the room its tab gives it: the page fits itself to that room."""

    def __init__(self, page: TopicPage):
        super().__init__()
        self.page = page
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take focus themselves, and it scrolls to them

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.page.set_room(self.height())


class TopicsView(QTabWidget):
    """The topic tabs; emits open_dataset_requested and fetch_dst_requested from the lines that say a source has no
    figures, and kommune_clicked from the map."""

    kommune_clicked = Signal(int)
    open_dataset_requested = Signal()
    fetch_dst_requested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        # A figure whose group no topic names (a figure added to the data package) is shown with the first topic's.
        fields = load_metadata().card_fields
        named = {group for topic in TOPICS for group in topic.bl_groups}
        unnamed = tuple(dict.fromkeys(f.group for f in fields if f.group not in named))
        self.pages = {topic.key: TopicPage(state, topic, unnamed if topic is TOPICS[0] else ())
                      for topic in TOPICS}
        for topic in TOPICS:
            page = self.pages[topic.key]
            page.open_dataset_requested.connect(self.open_dataset_requested)
            page.fetch_dst_requested.connect(self.fetch_dst_requested)
            page.footnotes_requested.connect(self._on_footnotes_requested)
            # Fitted to its room, a page never scrolls on the screens the window claims (tests/test_topics.py);
            # on a smaller one it scrolls rather than make the window larger than the screen.
            self.addTab(_TopicScroll(page), topic.title)
        self.dwellings = self.construction = self.economy = self.comparison = None  # charts: add_charts
        self._history_page, self._history_layout = _lazy_page()
        self._history = None
        self.addTab(self._history_page, "Udvikling")
        self.addTab(QWidget(), "Sammenligning")  # the comparison takes this place in add_charts
        self._map_page, self._map_layout = _lazy_page()
        self._map = None
        self.addTab(self._map_page, "Kort")
        self.setAccessibleName("Emner")
        self.kommune_clicked.connect(state.set_kommune)
        self.currentChanged.connect(self._on_current_changed)

    def add_charts(self) -> None:
        """The charts on each topic (BL's, and DST's recent years) and the comparison: after the window's first
        paint, as pyqtgraph loads here."""
        if self.comparison is not None:
            return
        # lazy: pyqtgraph and numpy load after the window's first paint
        from almen_gui.qt.charts.dst_years import DstYearsChart
        from almen_gui.qt.charts.pages import CategoryChart, ComparisonChart

        group = load_metadata().group
        charts = []
        for topic in TOPICS:
            fields = group(topic.chart_group)
            chart = CategoryChart(self._state, topic.chart_title, tuple(f.name for f in fields),
                                  tuple(f.short_title for f in fields), CHART_COLOURS[topic.chart_group],
                                  zero_message=topic.zero_message)
            chart.setMinimumHeight(CHART_MIN_HEIGHT)
            years = DstYearsChart() if topic.dst_measures else None
            if years is not None:
                years.setMinimumHeight(CHART_MIN_HEIGHT)
            self.pages[topic.key].add_charts(chart, years)
            charts.append(chart)
        self.dwellings, self.construction, self.economy = charts
        self.comparison = ComparisonChart(self._state)
        index = self.indexOf(self._history_page) + 1
        placeholder = self.widget(index)
        self.insertTab(index, self.comparison, "Sammenligning")
        self.removeTab(index + 1)
        placeholder.deleteLater()

    @property
    def map(self):
        """The map, built the first time it is needed; from then on it follows the state (dataset, kommune,
        boundaries) itself."""
        if self._map is None:
            from almen_gui.qt.map.view import MapView  # lazy: the map (and numpy's outlines) when first shown

            self._map = MapView(self._state)
            self._map_layout.addWidget(self._map)
            self._map.kommune_clicked.connect(self.kommune_clicked)
        return self._map

    @property
    def history(self):
        """The Udvikling tab (Danmarks Statistik's figures per year), built the first time it is needed; from then on
        it follows the state itself."""
        if self._history is None:
            from almen_gui.qt.charts.history import HistoryView  # lazy: pyqtgraph, when first shown

            self._history = HistoryView(self._state)
            self._history_layout.addWidget(self._history)
        return self._history

    def _on_current_changed(self, _index: int) -> None:
        page = self.currentWidget()
        if page is self._map_page and self._map is None:
            self.map.show()
        elif page is self._history_page and self._history is None:
            self.history.show()

    def _on_footnotes_requested(self) -> None:
        self.footnotes_dialog = TextDialog("Danmarks Statistiks fodnoter", "Fodnoter og definitioner til Danmarks "
                                           "Statistiks tal", dst_footnotes(load_dst_family(), self._state.dst), self)
        self.footnotes_dialog.show()
