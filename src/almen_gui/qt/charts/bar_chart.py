"""The plot-only bar chart: a few categories as vertical bars, or a ranking of kommuner as horizontal ones. Its plot
items are built once and updated in place by set_bars on every switch.

The window's chart tabs, the kiosk's comparison pages and their tests share it. Tick labels are formatted in Danish
by us (pyqtgraph ignores the locale); mouse zoom, pan and menus are off.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QWidget

from almen_gui.factsheet import style
from almen_gui.qt.common.plotting import DanishAxis, LockedPlot, chart_font

ROW_LINES = 1.15  # a ranking row's height in lines of the names' font: each name clear of its neighbours
MIN_ROWS_WITH_AXIS = 3  # a ranking with room for fewer rows than this leaves its value axis out
# How far pyqtgraph draws a tick label past its axis' ends when it is told not to hide overlapping labels (its fixed
# 15 pixels): a ranking's value axis is, so that its 0 shows, and its last value needs that room inside the chart.
LABEL_OVERHANG = 15


class BarChart(LockedPlot):
    """Bars for a fixed set of categories (vertical) or a ranking (horizontal), built once, updated by set_bars.

    A ranking's names are never squeezed onto each other: rows_that_fit says how many rows the plot has room for,
    and rows_fit_changed tells when a resize changes that.
    """

    rows_fit_changed = Signal(int)

    def __init__(self, slots: int, horizontal: bool = False, points: float = 9, parent: QWidget | None = None):
        value_side = "bottom" if horizontal else "left"
        super().__init__(parent, axisItems={value_side: DanishAxis(value_side)})
        self.horizontal = horizontal
        plot = self.getPlotItem()
        self.style_axes(points)
        plot.getAxis("left" if horizontal else "bottom").setStyle(tickLength=0)  # categories need no tick marks
        self.value_axis = plot.getAxis(value_side)
        left, top, right, bottom = plot.layout.getContentsMargins()
        if horizontal:  # the 0 under the bars' start reaches past the axis' left end: draw it anyway
            self.value_axis.setStyle(hideOverlappingLabels=False)
            # and the last value its right end: keep it whole, not cut by the chart's edge
            plot.layout.setContentsMargins(left, top, max(right, LABEL_OVERHANG), bottom)
        else:  # the top value is centred on the axis' top end: half a line above the plot, inside the chart
            half_line = math.ceil(QFontMetricsF(chart_font(points)).height() / 2)
            plot.layout.setContentsMargins(left, max(top, half_line), right, bottom)
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
        self._rows_fit = 0
        self._axis_room = 2.5 * self._row_height()  # the value axis' height, measured once it has been laid out
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

    def _row_height(self) -> float:
        return QFontMetricsF(self._tick_font).height() * ROW_LINES

    def rows_that_fit(self) -> int:
        """How many rows of a ranking the plot has room for, each name on a line of its own (at least one)."""
        return max(1, int(self.getPlotItem().getViewBox().height() // self._row_height()))

    def _fit_rows(self) -> None:
        """A ranking too low for a few rows above its value axis leaves the axis out (each bar has its value written
        at its end), so that a low window or a large scale factor still shows names to read."""
        plot = self.getPlotItem()
        plot.layout.activate()  # the plot's parts take the widget's new size now, before they are measured
        axis_shown = self.value_axis.isVisible()
        if axis_shown and self.value_axis.height() > 0:
            self._axis_room = self.value_axis.height()
        room = plot.getViewBox().height() + (self._axis_room if axis_shown else 0)  # all of it, without the axis
        show_axis = room - self._axis_room >= MIN_ROWS_WITH_AXIS * self._row_height()
        if show_axis != axis_shown:
            plot.showAxis("bottom", show_axis)
            plot.layout.activate()  # the view box takes the axis' room now, before the rows are counted
        rows = self.rows_that_fit()
        if rows != self._rows_fit:
            self._rows_fit = rows
            self.rows_fit_changed.emit(rows)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not hasattr(self, "_rows_fit"):
            return  # pyqtgraph resizes during __init__
        if self.horizontal:
            self._fit_rows()
        elif self._top is not None:
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
                 message: str = "", reach: float | None = None) -> None:
        """Show len(categories) bars (up to the slots built); None draws no bar and labels it "ikke oplyst".

        reach: a value the axis must reach although no bar shown has it (a ranking's leader, left out for lack of
        room), so that the bars keep their length against it."""
        count = len(categories)
        heights = [v or 0.0 for v in values]
        top = max(heights + [reach or 0.0]) or 1.0  # all zero: an axis from 0 to 1 (whole steps for counts: 0 and 1)
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
