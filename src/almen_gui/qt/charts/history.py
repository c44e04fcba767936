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
from almen_gui.model.dst_measures import ALMENE, ANDEL, PAABEGYNDT
from almen_gui.model.formatting import MISSING, PROVISIONAL, format_number, format_value, format_year
from almen_gui.model.metadata import load_dst_family
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.plotting import DanishAxis, LockedPlot, chart_font
from almen_gui.qt.common.state import AppState

YEAR_FROM = 2010
LINE_MEASURES = (ANDEL, ALMENE)  # the drop-down's order: the share compares areas of any size on one axis
AREA_COLOURS = (style.ACCENT, style.PRIMARY, style.MUTED)  # kommune, region, hele landet
# Not by colour alone: each area has its own dash and marker (the legend shows the marker) and its name at its line's end.
AREA_DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
AREA_SYMBOLS = (("o", "●"), ("s", "■"), ("t1", "▲"))  # pyqtgraph's symbol, and the same shape in the legend
NOT_FETCHED = ("Danmarks Statistiks tal er ikke hentet endnu. Vælg Fil → Hent tal fra Danmarks Statistik… (det "
               "kræver internet én gang); derefter vises udviklingen her, også uden internet.")

HOVER_HINT = "Peg på et år for at se tallene."
LABEL_GAP_PX = 2  # between the names of lines that end close together


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


class GapMarks:
    """"ikke oplyst" written upright in each year a series has no figure: a gap that says why, never a bar or a line
    at 0. The marks are made as they are first needed and then moved, shown and hidden, never made again."""

    def __init__(self, plot: LockedPlot):
        self.plot = plot
        self.marks: list[pg.TextItem] = []

    def set_years(self, years: list[int], bottom: float) -> None:
        """One mark standing on `bottom` (the value axis' lowest value, in view coordinates) in each of `years`."""
        while len(self.marks) < len(years):
            mark = pg.TextItem(MISSING, color=style.MUTED, anchor=(0, 0.5), angle=90)
            font = chart_font(8)
            font.setItalic(True)
            mark.setFont(font)
            self.plot.addItem(mark)
            self.marks.append(mark)
        for index, mark in enumerate(self.marks):
            mark.setVisible(index < len(years))
            if index < len(years):
                mark.setPos(years[index], bottom)

    @property
    def years(self) -> list[int]:
        return [round(mark.pos().x()) for mark in self.marks if mark.isVisible()]


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
        self.lines = [self.lines_plot.plot([], [], pen=pg.mkPen(colour, width=2.5, style=dash), symbol=symbol,
                                           symbolSize=7, symbolBrush=colour, symbolPen=None, connect="finite")
                      for colour, dash, (symbol, _) in zip(AREA_COLOURS, AREA_DASHES, AREA_SYMBOLS)]
        self.line_labels = [pg.TextItem(color=colour, anchor=(1, 1)) for colour in AREA_COLOURS]
        self._line_ends: dict[pg.TextItem, tuple[float, float]] = {}  # where each shown name's line ends
        for label in self.line_labels:
            label.setFont(chart_font(8, bold=True))
            self.lines_plot.addItem(label)
        self.lines_plot.getPlotItem().getViewBox().sigTransformChanged.connect(lambda *_: self._place_line_labels())
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
        self.line_gaps = GapMarks(self.lines_plot)  # years without the kommune's figure
        self.bar_gaps = GapMarks(self.bars_plot)

        top = QHBoxLayout()
        label = QLabel("V&is:")
        label.setBuddy(self.choice)  # read as the drop-down's name, not only its value
        top.addWidget(label)
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
        self.provisional: list[int] = []  # years of started construction DST will revise
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
        self._line_ends = {}
        for line, label, area, values in zip(self.lines, self.line_labels, self.areas, self.values):
            line.setData(self.years, values)
            label.setText(area)
            last = [(year, value) for year, value in zip(self.years, values) if not math.isnan(value)][-1:]
            if last:
                year, value = last[0]
                self._line_ends[label] = (year, math.log10(value) if log and value > 0 else value)
        axis = plot.getAxis("left")
        axis.setLabel(measure.unit)
        axis.label.setFont(chart_font(8))
        finite = [v for values in self.values for v in values if not math.isnan(v)]
        if self.years:
            plot.setXRange(self.years[0] - 0.5, self.years[-1] + 0.5, padding=0)
        bottom = 0.0
        if finite and not log:
            plot.setYRange(0, max(finite) * 1.1, padding=0)  # a share from 0: no exaggerated slopes
        elif finite:
            bottom = math.log10(min(finite) / 1.5)
            plot.setYRange(bottom, math.log10(max(finite) * 1.5), padding=0)
        kommune_values = self.values[0] if self.values else []
        self.line_gaps.set_years([y for y, v in zip(self.years, kommune_values) if math.isnan(v)], bottom)
        self._place_line_labels()
        self.legend.setText(" ".join(f"<span style='color:{colour}'>{glyph}</span> {area}"
                                     for colour, (_, glyph), area in zip(AREA_COLOURS, AREA_SYMBOLS, self.areas)))
        self._draw_started(dst, kommuner, kommune, kode)
        tables = sorted({measure.table, self.family.measure(PAABEGYNDT).table})
        closed = [str(y) for y, values in zip(self.years, zip(*self.values)) if all(math.isnan(v) for v in values)]
        gap = f" Ingen tal for {' og '.join(closed)}: Danmarks Statistik har lukket de år." if closed else ""
        scale = " Antallet vises på en logaritmisk akse, så kommune, region og land kan ses sammen." if log else ""
        revised = (f" Påbegyndte boliger {' og '.join(map(str, self.provisional))} er {PROVISIONAL}e (lysere "
                   "søjler): Danmarks Statistik venter at justere det seneste 1½ år op." if self.provisional else "")
        self.source.setText(f"{self.family.credit}, {' og '.join(tables)} ({measure.licence}); hentet "
                            f"{dst.fetched_text}.{gap}{revised}{scale} Danmarks Statistiks opgørelse, ikke BL's.")
        self.hover.setText(HOVER_HINT)

    def _place_line_labels(self) -> None:
        """Each area's name just above its line's last point; names of lines that end close together are stacked
        downwards, so that none covers another (redone when the plot's size or scale changes)."""
        units_per_pixel = self.lines_plot.getPlotItem().getViewBox().viewPixelSize()[1]
        below = math.inf  # the lowest name placed so far
        ends = sorted(self._line_ends.items(), key=lambda item: -item[1][1])
        for label in self.line_labels:
            label.setVisible(label in self._line_ends)
        for label, (year, y) in ends:
            y = min(y, below)
            label.setPos(year, y)
            below = y - (label.boundingRect().height() + LABEL_GAP_PX) * units_per_pixel

    def _draw_started(self, dst, kommuner, kommune, kode: int) -> None:
        measure = self.family.measure(PAABEGYNDT)
        history = dst.history(kommuner, kode, PAABEGYNDT)
        periods = [int(p) for p in dst.periods(PAABEGYNDT) if int(p) >= YEAR_FROM]
        self.started_years = list(range(periods[0], periods[-1] + 1)) if periods else []
        self.started = _series(history, kommune.navn, self.started_years)
        # A year without a figure gets no bar (not one of height 0) and says "ikke oplyst" in its place.
        published = [(year, v) for year, v in zip(self.started_years, self.started) if not math.isnan(v)]
        heights = [v for _, v in published]
        # a year DST will revise ("foreløbig") is drawn lighter; the line under the charts and the hover say so
        self.provisional = [y for y in self.started_years if dst.is_provisional(PAABEGYNDT, str(y))]
        brushes = [pg.mkBrush(style.PRIMARY_LIGHT if year in self.provisional else style.PRIMARY)
                   for year, _ in published]
        self.bars.setOpts(x=[year for year, _ in published], height=heights, brushes=brushes)
        gaps = [y for y, v in zip(self.started_years, self.started) if math.isnan(v)]
        self.bar_gaps.set_years(gaps if published else [], 0.0)  # none published: one message says it
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
                parts.append(f"{area}: {format_value(None if math.isnan(value) else value, measure.kind)}")
        if year in self.started_years:
            value = self.started[self.started_years.index(year)]
            text = format_value(None if math.isnan(value) else value, 'antal')
            parts.append(f"påbegyndt: {text}" + (f" ({PROVISIONAL})" if year in self.provisional else ""))
        return " · ".join(parts)

    def _on_mouse_moved(self, plot: LockedPlot, position) -> None:
        box = plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(position):
            return
        year = int(round(box.mapSceneToView(position).x()))
        if year in self.years or year in self.started_years:
            self.hover.setText(self.hover_text(year))
