"""Danmarks Statistik's recent years of one measure for one kommune as bars, under DST's name, table and years: the
chart a topic shows under DST's cards for a kommune with no BL figures. A year DST has closed or does not publish is
a bar left out and labelled "ikke oplyst", never a bar at 0. Fed by its topic page; built once, updated in place."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model.formatting import MISSING, format_value, format_year
from almen_gui.qt.charts.bar_chart import BarChart

YEARS = 8  # the most years shown
YEAR_WIDTH = 85  # logical pixels a year needs for its label ("ikke oplyst" the widest); fewer years when narrower
AXIS_WIDTH = 70  # logical pixels the value axis takes beside the bars (its numbers and its unit)


class DstYearsChart(QWidget):
    """A title naming the measure, the kommune, the years and the table, and the bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self.title.setWordWrap(True)
        self._chart: BarChart | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        self._shown: tuple | None = None  # (dst, measure, kode, navn) drawn
        self.years = 0  # how many years are drawn

    @property
    def chart(self) -> BarChart:
        """The plot, built when there are first years to draw (most windows start on a kommune with BL's figures)."""
        if self._chart is None:
            self._chart = BarChart(YEARS)
            self.layout().addWidget(self._chart, 1)
            self._chart.show()  # now, not when the event loop next runs
        return self._chart

    def years_that_fit(self) -> int:
        """As many of the last YEARS years as the width gives a readable label each (three at least)."""
        return max(3, min(YEARS, (self.width() - AXIS_WIDTH) // YEAR_WIDTH))

    def set_measure(self, dst, measure, kode: int, navn: str) -> None:
        """The last years up to DST's latest of `measure` for the kommune `kode`, as many as fit."""
        self._shown = (dst, measure, kode, navn)
        periods = dst.periods(measure.name)
        if not periods:
            return
        last = int(periods[-1])
        self.years = self.years_that_fit()
        years = list(range(last - self.years + 1, last + 1))
        values = [dst.value(measure.name, kode, str(year)) for year in years]
        title = f"{measure.title} i {navn}, {format_year(years[0])}–{format_year(last)} ({measure.table})"
        if self.title.text() != title:
            self.title.setText(title)
        self.chart.setAccessibleName(f"{measure.title} pr. år")
        self.chart.set_scale(measure.unit, measure.kind == "antal")
        self.chart.set_bars([format_year(year) for year in years], values,
                            [format_value(value, measure.kind) for value in values], [style.PRIMARY] * len(years),
                            f"{MISSING} for {navn}" if all(value is None for value in values) else "")

    def resizeEvent(self, event):  # noqa: N802 (Qt override): a narrower chart shows fewer years, never cramped
        super().resizeEvent(event)
        if self._shown is not None and self.years_that_fit() != self.years:
            self.set_measure(*self._shown)
