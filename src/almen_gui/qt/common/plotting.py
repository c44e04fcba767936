"""What every pyqtgraph view shares: the locked-down plot with its axes in the house colours, the Danish value axis,
the chart font, and the drop-down that picks a figure.

The charts, the map and the kiosk build on this module; it imports none of them, so qt/ has no import cycle.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from almen_gui.factsheet import style
from almen_gui.model.figure_set import choice_label
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import format_tick
from almen_gui.resources import FONT_FAMILY

pg.setConfigOptions(antialias=True, background="w", foreground="k")


def chart_font(points: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class DanishAxis(pg.AxisItem):
    """Numeric axis with Danish grouping: 4.451, 1.000, 0,5; whole steps only for counts (no 0,5 dwellings)."""

    whole_numbers = False

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph override)
        levels = super().tickSpacing(minVal, maxVal, size)
        if not self.whole_numbers:
            return levels
        return [(spacing, offset) for spacing, offset in levels if spacing >= 1] or [(1.0, 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [format_tick(v * scale, spacing * scale) for v in values]


class LockedPlot(pg.PlotWidget):
    """A plot that only shows: no mouse zoom or pan, no context menu, no auto-range button (a kiosk visitor or a
    stray wheel turn must not move a chart away from its figures)."""

    def __init__(self, parent: QWidget | None = None, axisItems: dict | None = None):  # noqa: N803 (pyqtgraph's name)
        super().__init__(parent, background=style.BACKGROUND, axisItems=axisItems)
        plot = self.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.getViewBox().setMenuEnabled(False)

    def style_axes(self, points: float) -> None:
        """Both axes in the axis grey (3:1 on the page) with dark tick text in the chart font."""
        for side in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(side)
            axis.setPen(pg.mkPen(style.AXIS))
            axis.setTextPen(pg.mkPen(style.TEXT))
            axis.setStyle(tickFont=chart_font(points))


class FigureChoice(QComboBox):
    """A drop-down of the comparable (or, for the map, the mappable) figures, each with its period; optional fixed
    entries (such as "Region") first. The figures come from the dataset's metadata, in card order; given a FigureSet
    with Danmarks Statistik's figures, DST's measures follow under DST's name and year.

    Filling it again for a new dataset keeps the user's choice when the figure still exists, without signalling.
    """

    def __init__(self, accessible_name: str, fixed: tuple[tuple[str, str], ...] = (), mappable: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._fixed = fixed
        self._mappable = mappable
        self.currentIndexChanged.connect(self._update_tooltip)  # a long entry, shortened in the box, told whole

    def set_dataset(self, dataset: FigureSource) -> None:
        chosen = self.current_field()
        self.blockSignals(True)
        self.clear()
        for text, name in self._fixed:
            self.addItem(text, name)
        metadata = dataset.metadata
        for field in metadata.mappable_fields if self._mappable else metadata.comparable_fields:
            self.addItem(choice_label(field), field.name)
        self.set_field(chosen)
        self.blockSignals(False)
        self._update_tooltip()

    def current_field(self) -> str | None:
        return self.currentData()

    def set_field(self, name: str | None) -> None:
        """Choose a figure by its name; an unknown name chooses the first entry."""
        self.setCurrentIndex(max(self.findData(name), 0))

    def _shown_text(self, option: QStyleOptionComboBox) -> str:
        """The chosen entry as it fits the box: ending in "…" when it is longer (Qt would cut it off)."""
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        # the style draws the label one pixel in from each side of the field
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, field.width() - 2)

    def _update_tooltip(self) -> None:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        self.setToolTip(option.currentText if self._shown_text(option) != option.currentText else "")

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._shown_text(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
