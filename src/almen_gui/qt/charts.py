"""The window's pyqtgraph charts. Each chart builds its plot items once and updates them in place on every switch.

Tick labels are formatted in Danish by us (pyqtgraph ignores the locale); mouse zoom, pan and menus are off.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model import Dataset, KommuneFigures
from almen_gui.model.figure_set import FigureSet, is_dst
from almen_gui.model.formatting import MISSING, format_period, format_value
from almen_gui.model.metadata import load_metadata
from almen_gui.qt.follow import StateFollower
from almen_gui.qt.plotting import DanishAxis, FigureChoice, LockedPlot, chart_font
from almen_gui.qt.state import AppState

MAX_RANKED = 25


@dataclass(frozen=True)
class Ranking:
    """What a ranking chart shows: the leading kommuner with the selected one kept in view, and where it stands."""

    categories: list[str]
    values: list[float]
    texts: list[str]
    colours: list[str]
    place: tuple[int, int] | None  # (place, among how many), None if the kommune lacks the figure
    have: int  # kommuner that have the figure


def ranking_bars(dataset: Dataset | FigureSet, name: str, kode: int, limit: int) -> Ranking:
    field = dataset.metadata.field(name)
    ranked = list(enumerate(dataset.ranking(name), start=1))
    place = dataset.rank(kode, name)
    shown = ranked[:limit]
    if place and place[0] > limit:  # keep the selected kommune in view
        shown = ranked[: limit - 1] + [ranked[place[0] - 1]]
    values = [v for _, (_, v) in shown]
    return Ranking([f"{p}. {k.navn}" for p, (k, _) in shown], values, [format_value(v, field.kind) for v in values],
                   [style.ACCENT if k.kode == kode else style.PRIMARY for _, (k, _) in shown], place, len(ranked))


class BarChart(LockedPlot):
    """Bars for a fixed set of categories (vertical) or a ranking (horizontal), built once, updated by set_bars."""

    def __init__(self, slots: int, horizontal: bool = False, points: float = 9, parent: QWidget | None = None):
        value_side = "bottom" if horizontal else "left"
        super().__init__(parent, axisItems={value_side: DanishAxis(value_side)})
        self.horizontal = horizontal
        plot = self.getPlotItem()
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setPen(pg.mkPen(style.GRID))
            axis.setTextPen(pg.mkPen(style.TEXT))
            axis.setStyle(tickFont=chart_font(points))
        plot.getAxis("left" if horizontal else "bottom").setStyle(tickLength=0)  # categories need no tick marks
        self.value_axis = plot.getAxis(value_side)
        if horizontal:  # the 0 under the bars' start reaches past the axis' left end: draw it anyway
            self.value_axis.setStyle(hideOverlappingLabels=False)
        self._unit = ""
        self._top: float | None = None  # the tallest bar's value, once there are bars
        zeros = [0.0] * slots
        positions = list(range(slots))
        if horizontal:
            self.bars = pg.BarGraphItem(x0=0, y=positions, width=zeros, height=0.7, pen=pg.mkPen(None))
        else:
            self.bars = pg.BarGraphItem(x=positions, height=zeros, width=0.6, pen=pg.mkPen(None))
        self.addItem(self.bars)
        self.labels = []
        for _ in range(slots):
            label = pg.TextItem(anchor=(0, 0.5) if horizontal else (0.5, 1.0))
            label.setFont(chart_font(points, bold=True))
            self.addItem(label)
            self.labels.append(label)
        self.message = pg.TextItem(anchor=(0.5, 0.5), color=style.MUTED)
        self.message.setFont(chart_font(points + 3, bold=True))
        self._tick_font = chart_font(points)
        self.addItem(self.message)
        self._ticks: list | None = None
        self._value_ticks_hidden = False
        self.setAccessibleName("Diagram")

    def _fit_value_range(self) -> None:
        """Vertical bars: room above the tallest bar for its value label, also when the plot is only a few lines
        high (a low window, a large scale factor)."""
        plot_height = self.getPlotItem().getViewBox().height()
        label_height = QFontMetricsF(self.labels[0].textItem.font()).height() * 1.2 if self.labels else 0
        share = label_height / plot_height if plot_height > 0 else 0  # of the plot's height, for a label
        # The label starts 2 % of the tallest bar above it and must end below the top: top·1,02 + share·range ≤ range
        headroom = max(0.18, (0.02 + share) / (1 - share)) if share < 0.5 else 0.18
        self.setYRange(0, self._top * (1 + headroom), padding=0)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if getattr(self, "_top", None) is not None and not self.horizontal:  # (pyqtgraph resizes during __init__)
            self._fit_value_range()

    def set_scale(self, unit: str, whole_numbers: bool) -> None:
        """The value axis' unit ("mio. kr.", "boliger") as its title, and whether its steps must be whole numbers."""
        if whole_numbers != self.value_axis.whole_numbers:
            self.value_axis.whole_numbers = whole_numbers
            self.value_axis.picture = None  # ticks are recomputed on the next paint
            self.value_axis.update()
        if unit != self._unit:
            self._unit = unit
            self.value_axis.setLabel(unit)
            self.value_axis.label.setFont(self._tick_font)
            self.value_axis.showLabel(bool(unit))

    def set_bars(self, categories: list[str], values: list[float | None], texts: list[str], colours: list[str],
                 message: str = "") -> None:
        """Show len(categories) bars (up to the slots built); None draws no bar and labels it "ikke oplyst"."""
        count = len(categories)
        heights = [v or 0.0 for v in values]
        top = max(heights, default=0.0) or 1.0  # all zero: an axis from 0 to 1 (whole steps for counts: 0 and 1)
        brushes = [pg.mkBrush(c) for c in colours]
        positions = list(range(count))
        rows = [count - 1 - i for i in positions]  # horizontal: the largest bar at the top
        ticks = [list(zip(rows if self.horizontal else positions, categories))]
        if ticks != self._ticks:  # regenerating an axis is the costly part of a switch; skip it when unchanged
            self._ticks = ticks
            category_axis = self.getPlotItem().getAxis("left" if self.horizontal else "bottom")
            category_axis.setTicks(ticks)
            if self.horizontal:  # room for the longest name, also when the chart is drawn without being shown
                metrics = QFontMetricsF(self._tick_font)
                category_axis.setWidth(round(max((metrics.horizontalAdvance(c) for c in categories), default=0) + 16))
        if self.horizontal:
            self.bars.setOpts(x0=0, y=rows, width=heights, height=0.7, brushes=brushes)
            self.setYRange(-0.6, max(count, 1) - 0.4, padding=0)
            self.setXRange(0, top * 1.3, padding=0)
        else:
            self.bars.setOpts(x=positions, height=heights, width=0.6, brushes=brushes)
            self.setXRange(-0.6, max(count, 1) - 0.4, padding=0)
            self._top = top
            self._fit_value_range()
        for index, label in enumerate(self.labels):
            visible = index < count
            label.setVisible(visible)
            if not visible:
                continue
            if label.textItem.toPlainText() != texts[index]:
                label.setColor(QColor(style.MUTED if values[index] is None else style.TEXT))
                label.setText(texts[index])
            if self.horizontal:
                label.setPos(heights[index] + top * 0.02, rows[index])
            else:
                label.setPos(index, heights[index] + top * 0.02)
        # With nothing to measure, numeric ticks (0,0 … 1,1) would only suggest figures that do not exist.
        hide_value_ticks = all(v is None for v in values)
        if hide_value_ticks != self._value_ticks_hidden:
            self._value_ticks_hidden = hide_value_ticks
            value_axis = self.getPlotItem().getAxis("bottom" if self.horizontal else "left")
            value_axis.setTicks([[]] if hide_value_ticks else None)
        if self.message.textItem.toPlainText() != message:
            self.message.setText(message)
        self.message.setVisible(bool(message))
        if self.horizontal:
            self.message.setPos(top * 0.65, (count - 1) / 2)
        else:
            self.message.setPos((count - 1) / 2, top * 0.6)


class _LazyChartPage(QWidget):
    """A tab page that follows the state while its tab is open; its plot is built the first time it is shown, so a
    hidden tab costs nothing at start-up or on a switch."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._chart: BarChart | None = None
        self._layout = QVBoxLayout(self)
        self.follower = StateFollower(self, state, self._catch_up, ("dataset_changed", "kommune_changed"))

    def _catch_up(self) -> None:
        raise NotImplementedError

    def _make_chart(self) -> BarChart:
        raise NotImplementedError

    @property
    def chart(self) -> BarChart:
        if self._chart is None:
            self._chart = self._make_chart()
            self._layout.addWidget(self._chart, 1)
        return self._chart


class CategoryChart(_LazyChartPage):
    """A titled bar chart of a few figures of one kommune (dwellings, construction, economy)."""

    def __init__(self, state: AppState, title: str, fields: tuple[str, ...], short_names: tuple[str, ...],
                 colours: tuple[str, ...], zero_message: str = "", parent: QWidget | None = None):
        super().__init__(state, parent)
        self.fields, self.short_names, self.colours = fields, short_names, colours
        self.zero_message = zero_message
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self._layout.addWidget(self.title)
        self._base_title = title

    def _make_chart(self) -> BarChart:
        chart = BarChart(len(self.fields))
        chart.setAccessibleName(self._base_title)
        return chart

    def _catch_up(self) -> None:
        self.set_figures(self._state.dataset.figures_for(self._state.kode))

    def set_figures(self, figures: KommuneFigures) -> None:
        values = [figures.value(n) for n in self.fields]
        texts = [figures.text(n) for n in self.fields]
        periods = [format_period(figures.field(n).period) for n in self.fields]
        categories = list(self.short_names)
        if len(set(periods)) > 1:  # say each bar's period rather than one that is wrong for some
            categories = [f"{name}, {period}" for name, period in zip(self.short_names, periods)]
        if all(v is None for v in values):
            message = f"{MISSING} for {figures.kommune.navn}"
        elif self.zero_message and all(v == 0 for v in values):
            message = self.zero_message
        else:
            message = ""
        title = f"{self._base_title} ({periods[0]})" if len(set(periods)) == 1 else self._base_title
        if self.title.text() != title:  # a changing label re-lays out the window; the kommune is in the heading
            self.title.setText(title)
        fields = [figures.field(n) for n in self.fields]
        units = {f.unit for f in fields}
        self.chart.set_scale(units.pop() if len(units) == 1 else "", all(f.kind == "antal" for f in fields))
        self.chart.set_bars(categories, values, texts, list(self.colours), message)


class ComparisonChart(_LazyChartPage):
    """Ranks the kommuner that have a figure (chosen in a drop-down) and highlights the selected one."""

    field_changed = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(state, parent)
        self.choice = FigureChoice("Tal at sammenligne")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("chartTitle")
        top = QHBoxLayout()
        top.addWidget(QLabel("Sammenlign:"))
        top.addWidget(self.choice, 1)
        self._layout.addLayout(top)
        self._layout.addWidget(self.summary)
        self._dataset = FigureSet(state.dataset, state.dst)
        # now, so that a remembered choice can be set before it is shown
        self.choice.set_dataset(self._dataset)
        state.dst_changed.connect(self.follower.changed)  # DST's measures join the drop-down once fetched
        self.choice.currentIndexChanged.connect(self._on_choice_changed)

    def _make_chart(self) -> BarChart:
        chart = BarChart(MAX_RANKED, horizontal=True)
        chart.setAccessibleName("Sammenligning af kommuner")
        return chart

    def current_field(self) -> str | None:
        return self.choice.current_field()

    def set_field(self, name: str) -> None:
        self.choice.set_field(name)

    def _on_choice_changed(self, _index: int) -> None:
        self.follower.changed()
        self.field_changed.emit(self.current_field())

    def _catch_up(self) -> None:
        state, kode = self._state, self._state.kode
        if (self._dataset.dataset, self._dataset.dst) != (state.dataset, state.dst):
            self._dataset = FigureSet(state.dataset, state.dst)
            self.choice.set_dataset(self._dataset)  # keeps the choice when the new figures have it
        dataset = self._dataset
        name = self.current_field()
        field = dataset.metadata.field(name)
        kommune = dataset.kommuner.by_code(kode)
        ranking = ranking_bars(dataset, name, kode, MAX_RANKED)
        if not ranking.have:
            summary = f"Ingen kommuner har «{field.title}» i datasættet."
        elif ranking.place is None:
            summary = f"{kommune.navn}: {MISSING}. {ranking.have} af {len(dataset.kommuner)} kommuner har tallet."
        else:
            place, among = ranking.place
            if among == 1:
                summary = f"{kommune.navn} er den eneste kommune med tallet"
            else:
                summary = f"{kommune.navn} er nr. {place} af {among} kommuner med tallet"
            rest = len(dataset.kommuner) - among
            if rest == 1:
                summary += " (den sidste kommune har det ikke oplyst)"
            elif rest:
                summary += f" (de øvrige {rest} har det ikke oplyst)"
            summary += "."
        if is_dst(field):  # DST's measure: its name, year and source, never to be read as BL's
            summary += f" {field.title} ({field.period}). Kilde: {field.source}."
        self.summary.setText(summary)
        self.chart.set_scale(field.unit, field.kind == "antal")
        self.chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours,
                            "" if ranking.have else MISSING)


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
            from almen_gui.qt.map_view import MapView

            self._map = MapView(self._state)
            self._map_layout.addWidget(self._map)
            self._map.kommune_clicked.connect(self.kommune_clicked)
        return self._map

    @property
    def history(self):
        """The Udvikling tab (Danmarks Statistik's figures per year), built the first time it is needed; from then on
        it follows the state itself."""
        if self._history is None:
            from almen_gui.qt.history_chart import HistoryView

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
