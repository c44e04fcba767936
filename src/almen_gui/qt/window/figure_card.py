"""A figure card: one figure's title, its value in large type and its unit/period, the source on hover; a missing
figure says "ikke oplyst" and why, never 0. DstCard shows one of Danmarks Statistik's measures the same way, under
DST's name and source."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from almen_gui.model import KommuneFigures
from almen_gui.model.formatting import MISSING, format_period, format_value
from almen_gui.model.metadata import DstFamily, DstMeasure, period_and_origin, period_text
from almen_gui.qt.common.elided_label import ElidedLabel


def restyle(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet looks at, and re-polish only when it really changes on a widget already polished
    (a widget not yet shown reads it when it is first polished)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class FigureCard(QFrame):
    """One figure: its title, the value in large type, and unit/period (or why it is missing)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.setObjectName("figureCard")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.title = ElidedLabel(own_tooltip=False)  # the card's tooltip says it all
        self.title.set_elided(False)
        self.title.setObjectName("cardTitle")
        self.value = QLabel()
        self.value.setObjectName("cardValue")
        self.value.setProperty("missing", False)  # as most cards are: no re-polish when the first figures come
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self._details = ("", "")  # (normal, dense): a dense card has room for the period only
        self.dense = False
        layout = QGridLayout(self)
        layout.setSpacing(2)
        layout.setColumnStretch(0, 1)
        self._place()

    def _place(self) -> None:
        """Normal: title, value and detail under each other. Dense: the title on a line of its own (the words that
        tell "Igangsatte ungdomsboliger" from "Igangsatte ældreboliger" come last), then the value with the period
        beside it."""
        layout = self.layout()
        for label in (self.title, self.value, self.detail):
            layout.removeWidget(label)
        if self.dense:
            layout.setContentsMargins(8, 4, 8, 4)
            layout.addWidget(self.title, 0, 0, 1, 2)
            layout.addWidget(self.value, 1, 0)
            layout.addWidget(self.detail, 1, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        else:
            layout.setContentsMargins(12, 8, 12, 8)
            layout.addWidget(self.title, 0, 0, 1, 2)
            layout.addWidget(self.value, 1, 0, 1, 2)
            layout.addWidget(self.detail, 2, 0, 1, 2)
        self.detail.setWordWrap(not self.dense)
        self.detail.setText(self._details[self.dense])

    def set_figure(self, figures: KommuneFigures, dataset_in_sentence: str) -> None:
        field = figures.field(self.name)
        text = figures.text(self.name)
        period = period_text(field)
        missing = text == MISSING
        note = f"\n{field.note}" if field.note else ""
        # a figure almen-gui works out (the sum of the three dwelling types) says so on the card, not only on hover
        detail = f"Ikke oplyst i {dataset_in_sentence} ({period})" if missing else period_and_origin(field)
        # dense, beside the value: the period, or for a figure printed without one a dash (the tooltip says why)
        self._show(field.title, text, (detail, period if field.period else "–"),
                   f"{field.title}: {text} ({period})\n{field.description}\nKilde: {field.source}{note}", period)

    def _show(self, title: str, text: str, details: tuple[str, str], tooltip: str, period: str) -> None:
        self.title.setText(title)
        self.value.setText(text)
        restyle(self.value, "missing", text == MISSING)
        self._details = details
        self.detail.setText(self._details[self.dense])
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{title}: {text}, {period}")

    def set_dense(self, dense: bool) -> None:
        """Dense: two lines (title; value and period), smaller type, so that every card fits on a small or scaled
        screen."""
        if dense == self.dense:
            return
        self.dense = dense
        self.title.set_elided(dense)
        for label in (self.title, self.value, self.detail):
            restyle(label, "dense", dense)
        self._place()


class DstCard(FigureCard):
    """One of Danmarks Statistik's measures for one kommune: its latest year, the table and the licence on hover."""

    def __init__(self, measure: DstMeasure, parent: QWidget | None = None):
        super().__init__(measure.name, parent)
        self.measure = measure

    def set_measure(self, dst, kode: int, family: DstFamily) -> None:
        measure = self.measure
        year, value = dst.latest(measure.name, kode)
        period = format_period(year, dst.is_provisional(measure.name, year))  # "2025, foreløbig": DST will revise it
        text = format_value(value, measure.kind)
        source = (f"Kilde: {measure.computed}" if measure.computed else f"{family.credit}, {measure.table}"
                  ) + f" ({measure.licence})"
        # the share almen-gui works out from DST's two counts says so on the card, not only on hover
        origin = f"almen-guis beregning, {measure.table}" if measure.computed else measure.table
        detail = (f"Ikke oplyst af Danmarks Statistik ({period}, {measure.table})" if text == MISSING
                  else f"{period} · {origin}")
        note = f"\n{measure.note}" if measure.note else ""
        self._show(measure.title, text, (detail, period),
                   f"{measure.title}: {text} ({period}; {measure.period})\n{measure.description}\n{source}{note}",
                   period)
