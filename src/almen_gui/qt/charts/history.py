"""The Udvikling tab: Danmarks Statistik's figures per year since 2010 for the kommune, its region and the whole
country (count or share as lines; the years DST has closed are a visible gap, never interpolated), and construction
started by almene bygherrer per year as bars for the kommune. Hover shows the year and the values.

Plot items are built once and updated with setData/setOpts. Built from the app's state, the tab follows it while it
is visible and catches up when it is shown again, as the map does.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model.formatting import MISSING, format_number, format_value, format_year
from almen_gui.model.metadata import load_dst_family
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.plotting import DanishAxis, LockedPlot, chart_font
from almen_gui.qt.common.state import AppState

YEAR_FROM = 2010
ALMENE, ANDEL, PAABEGYNDT = "dst_almene_boliger", "dst_andel_almene_pct", "dst_paabegyndte_almene"
LINE_MEASURES = (ANDEL, ALMENE)  # the drop-down's order: the share compares areas of any size on one axis
AREA_COLOURS = (style.ACCENT, style.PRIMARY, style.MUTED)  # kommune, region, hele landet
NOT_FETCHED = ("Danmarks Statistiks tal er ikke hentet endnu. Vælg Fil → Hent tal fra Danmarks Statistik… (det "
               "kræver internet én gang); derefter vises udviklingen her, også uden internet.")

HOVER_HINT = "Peg på et år for at se tallene."


class YearAxis(pg.AxisItem):
    """Years are labels, not quantities: 2024, never 2.024, and only whole years."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph override)
        return [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size)
                if spacing >= 1 and spacing == int(spacing)] or [(1.0, 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [format_year(int(round(v))) for v in values]


class ValueAxis(DanishAxis):
    """Danish numbers on a linear axis, and on a logarithmic one (the counts of a kommune, a region and the country
    differ a hundredfold; on a log axis each stays readable and equal growth draws equal slopes)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        if self.logMode:
            return [format_number(float(f"{10 ** v:.2g}")) for v in values]
        return super().tickStrings(values, scale, spacing)


def _plot(left: pg.AxisItem) -> LockedPlot:
    plot = LockedPlot(axisItems={"left": left, "bottom": YearAxis("bottom")})
    plot.style_axes(8)
    plot.showGrid(y=True, alpha=0.25)
    return plot


def _series(history, column: str, years: list[int]) -> list[float]:
    """One area's values for every year (NaN where DST has no figure), read from a history table."""
    values = history[column] if column in history.columns else None
    found = {} if values is None else {int(p): float(v) for p, v in values.items()}
    return [found.get(year, math.nan) for year in years]


class HistoryView(QWidget):
    """The Udvikling tab: the line chart with its measure choice and legend, the bars, and a line of hover text."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.family = load_dst_family()
        self.message = QLabel(NOT_FETCHED)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("chartTitle")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Tal i udviklingen")
        for name in LINE_MEASURES:
            self.choice.addItem(self.family.measure(name).title, name)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # this and the lines below wrap: a long name must not widen the window
        self.hover = QLabel(HOVER_HINT)
        self.hover.setObjectName("chartTitle")
        self.hover.setAccessibleName("Værdier for året under musen")
        self.hover.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("cardDetail")
        self.source.setWordWrap(True)

        self.lines_plot = _plot(ValueAxis("left"))
        self.lines_plot.setAccessibleName("Udvikling pr. år")
        self.lines = [self.lines_plot.plot([], [], pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=5,
                                           symbolBrush=colour, symbolPen=None, connect="finite")
                      for colour in AREA_COLOURS]
        self.bars_plot = _plot(DanishAxis("left"))
        self.bars_plot.getPlotItem().getAxis("left").whole_numbers = True
        self.bars_plot.setAccessibleName("Påbegyndte almene boliger pr. år")
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=style.PRIMARY, pen=pg.mkPen(None))
        self.bars_plot.addItem(self.bars)
        self.bars_title = QLabel()
        self.bars_title.setObjectName("chartTitle")
        self.bars_title.setWordWrap(True)
        self.bars_message = pg.TextItem(anchor=(0.5, 0.5), color=style.MUTED)
        self.bars_message.setFont(chart_font(11, bold=True))
        self.bars_plot.addItem(self.bars_message)

        top = QHBoxLayout()
        top.addWidget(QLabel("Vis:"))
        top.addWidget(self.choice)
        top.addWidget(self.legend, 1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.lines_plot, 1)
        right = QVBoxLayout()
        right.addWidget(self.bars_title)
        right.addWidget(self.bars_plot, 1)
        plots = QHBoxLayout()
        plots.addLayout(left, 3)
        plots.addLayout(right, 2)
        charts = QWidget()
        column = QVBoxLayout(charts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(plots, 1)
        column.addWidget(self.hover)
        column.addWidget(self.source)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.message)
        self.pages.addWidget(charts)
        self.charts_page = charts

        self._state = state
        self._shown: tuple | None = None  # (figures, kode, measure) now drawn
        self.years: list[int] = []
        self.values: list[list[float]] = []  # per area, per year
        self.areas: list[str] = []
        self.started: list[float] = []
        self.started_years: list[int] = []
        self.choice.currentIndexChanged.connect(lambda _: self._catch_up())
        for plot in (self.lines_plot, self.bars_plot):
            plot.scene().sigMouseMoved.connect(lambda pos, plot=plot: self._on_mouse_moved(plot, pos))
        self.follower = StateFollower(self, state, self._catch_up,
                                      ("dst_changed", "kommune_changed", "dataset_changed"))
        self.follower.catch_up()

    def current_measure(self) -> str:
        return self.choice.currentData()

    def _catch_up(self) -> None:
        state = self._state
        dst = state.dst
        if dst is None:
            self.pages.setCurrentWidget(self.message)
            return
        self.pages.setCurrentWidget(self.charts_page)
        key = (dst, state.kode, self.current_measure())
        if key != self._shown:
            self._shown = key
            self._draw(dst, state.dataset.kommuner, state.kode, self.current_measure())

    def _draw(self, dst, kommuner, kode: int, name: str) -> None:
        measure = self.family.measure(name)
        kommune = kommuner.by_code(kode)
        history = dst.history(kommuner, kode, name)
        periods = [int(p) for p in dst.periods(name) if int(p) >= YEAR_FROM]
        # Every year in the span, so a year DST has closed (2021–2022) is a NaN: a gap, never a line across it.
        self.years = list(range(periods[0], periods[-1] + 1)) if periods else []
        self.areas = list(history.columns)
        self.values = [_series(history, area, self.years) for area in self.areas]
        log = measure.kind == "antal"
        plot = self.lines_plot.getPlotItem()
        plot.setLogMode(y=log)
        for line, values in zip(self.lines, self.values):
            line.setData(self.years, values)
        axis = plot.getAxis("left")
        axis.setLabel(measure.unit)
        axis.label.setFont(chart_font(8))
        finite = [v for values in self.values for v in values if not math.isnan(v)]
        if self.years:
            plot.setXRange(self.years[0] - 0.5, self.years[-1] + 0.5, padding=0)
        if finite and not log:
            plot.setYRange(0, max(finite) * 1.1, padding=0)  # a share from 0: no exaggerated slopes
        elif finite:
            plot.setYRange(math.log10(min(finite) / 1.5), math.log10(max(finite) * 1.5), padding=0)
        self.legend.setText(" ".join(f"<span style='color:{colour}'>●</span> {area}"
                                     for colour, area in zip(AREA_COLOURS, self.areas)))
        self._draw_started(dst, kommuner, kommune, kode)
        tables = sorted({measure.table, self.family.measure(PAABEGYNDT).table})
        closed = [str(y) for y, values in zip(self.years, zip(*self.values)) if all(math.isnan(v) for v in values)]
        gap = f" Ingen tal for {' og '.join(closed)}: Danmarks Statistik har lukket de år." if closed else ""
        scale = " Antallet vises på en logaritmisk akse, så kommune, region og land kan ses sammen." if log else ""
        self.source.setText(f"{self.family.credit}, {' og '.join(tables)} ({measure.licence}); hentet "
                            f"{dst.fetched_text}.{gap}{scale} Danmarks Statistiks opgørelse, ikke BL's.")
        self.hover.setText(HOVER_HINT)

    def _draw_started(self, dst, kommuner, kommune, kode: int) -> None:
        measure = self.family.measure(PAABEGYNDT)
        history = dst.history(kommuner, kode, PAABEGYNDT)
        periods = [int(p) for p in dst.periods(PAABEGYNDT) if int(p) >= YEAR_FROM]
        self.started_years = list(range(periods[0], periods[-1] + 1)) if periods else []
        self.started = _series(history, kommune.navn, self.started_years)
        heights = [0.0 if math.isnan(v) else v for v in self.started]
        self.bars.setOpts(x=self.started_years, height=heights)
        span = (f" {self.started_years[0]}–{self.started_years[-1]}" if self.started_years else "")
        self.bars_title.setText(f"{measure.title} i {kommune.navn}{span}")
        plot = self.bars_plot.getPlotItem()
        top = max(heights, default=0) or 1.0
        plot.setYRange(0, top * 1.15, padding=0)
        if self.started_years:
            plot.setXRange(self.started_years[0] - 0.6, self.started_years[-1] + 0.6, padding=0)
        if all(math.isnan(v) for v in self.started):
            message = f"{MISSING} for {kommune.navn}"
        elif all(v == 0 for v in self.started):
            message = "ingen påbegyndte almene boliger"
        else:
            message = ""
        self.bars_message.setText(message)
        self.bars_message.setVisible(bool(message))
        if self.started_years:
            self.bars_message.setPos((self.started_years[0] + self.started_years[-1]) / 2, top * 0.6)

    def hover_text(self, year: int) -> str:
        """What the line of hover text says for one year: each area's value, and the kommune's started dwellings."""
        parts = [format_year(year)]
        measure = self.family.measure(self.current_measure())
        if year in self.years:
            at = self.years.index(year)
            for area, values in zip(self.areas, self.values):
                value = values[at]
                shown = round(value, 1) if measure.kind == "pct" and not math.isnan(value) else value
                parts.append(f"{area}: {format_value(None if math.isnan(value) else shown, measure.kind)}")
        if year in self.started_years:
            value = self.started[self.started_years.index(year)]
            parts.append(f"påbegyndt: {format_value(None if math.isnan(value) else value, 'antal')}")
        return " · ".join(parts)

    def _on_mouse_moved(self, plot: LockedPlot, position) -> None:
        box = plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(position):
            return
        year = int(round(box.mapSceneToView(position).x()))
        if year in self.years or year in self.started_years:
            self.hover.setText(self.hover_text(year))
