"""The stats panel: the factsheet's figures as cards with unit and period, the source on hover, honest gaps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.model import Dataset, KommuneFigures
from almen_gui.model.formatting import MISSING, format_period
from almen_gui.model.metadata import TOTAL
from almen_gui.qt.elided_label import ElidedLabel
from almen_gui.qt.follow import StateFollower
from almen_gui.qt.state import AppState

CARD_FIELDS = (
    "beboere", TOTAL, "ungdomsboliger", "familieboliger", "aeldreboliger",
    "igangsat_ungdomsboliger", "igangsat_familieboliger", "igangsat_aeldreboliger",
    "fraflytning_familieboliger_pct", "andel_af_boligmassen_pct",
    "huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr", "renovering_lbf_mio_kr",
)
COLUMNS = 5
MIN_CARD_WIDTH = 190  # logical pixels
MIN_DENSE_CARD_WIDTH = 125  # a dense card: the title on one line, shortened with "…" when it must be


def _restyle(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet looks at, and re-polish only when it really changes."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
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
        """Normal: title, value and detail under each other. Dense: the period beside the title, then the value."""
        layout = self.layout()
        for label in (self.title, self.value, self.detail):
            layout.removeWidget(label)
        if self.dense:
            layout.setContentsMargins(8, 4, 8, 4)
            layout.addWidget(self.title, 0, 0)
            layout.addWidget(self.detail, 0, 1, Qt.AlignmentFlag.AlignRight)
            layout.addWidget(self.value, 1, 0, 1, 2)
        else:
            layout.setContentsMargins(12, 8, 12, 8)
            layout.addWidget(self.title, 0, 0, 1, 2)
            layout.addWidget(self.value, 1, 0, 1, 2)
            layout.addWidget(self.detail, 2, 0, 1, 2)
        self.detail.setWordWrap(not self.dense)
        self.detail.setText(self._details[self.dense])

    def set_figure(self, figures: KommuneFigures, dataset_label: str) -> None:
        field = figures.field(self.name)
        text = figures.text(self.name)
        period = format_period(field.period)
        missing = text == MISSING
        self.title.setText(field.title)
        self.value.setText(text)
        _restyle(self.value, "missing", missing)
        self._details = (f"Ikke oplyst i {dataset_label.lower()} ({period})" if missing else period, period)
        self.detail.setText(self._details[self.dense])
        note = f"\n{field.note}" if field.note else ""
        self.setToolTip(f"{field.title}: {text} ({period})\n{field.description}\nKilde: {field.source}{note}")
        self.setAccessibleName(f"{field.title}: {text}, {period}")

    def set_dense(self, dense: bool) -> None:
        """Dense: one line of title and period, smaller type, so that every card fits on a small or scaled screen."""
        if dense == self.dense:
            return
        self.dense = dense
        self.title.set_elided(dense)
        for label in (self.title, self.value, self.detail):
            _restyle(label, "dense", dense)
        self._place()


class StatsPanel(QWidget):
    """Shows the state's kommune's figures, following the state while visible; emits open_dataset_requested from the
    empty state's button."""

    open_dataset_requested = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.setObjectName("statsPanel")
        self.heading = QLabel()
        self.heading.setObjectName("panelHeading")
        self.subheading = QLabel()
        self.subheading.setObjectName("panelSubheading")
        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.open_button = QPushButton("Åbn datasæt…")
        self.open_button.setAccessibleName("Åbn datasæt")
        self.open_button.clicked.connect(self.open_dataset_requested)
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.addWidget(self.notice_text, 1)
        notice_layout.addWidget(self.open_button)

        self.cards = {name: FigureCard(name) for name in CARD_FIELDS}
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self.dense = False
        self._arrange(COLUMNS)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.notice)
        layout.addWidget(self.grid_widget)
        layout.addStretch(1)
        margins = layout.contentsMargins()
        self._margins = (margins.left(), margins.top(), margins.right(), margins.bottom())
        self._spacing = layout.spacing()
        StateFollower(self, state, self._catch_up, ("dataset_changed", "kommune_changed"))

    def _catch_up(self) -> None:
        self.set_figures(self._state.dataset.figures_for(self._state.kode), self._state.dataset)

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in `columns` columns (fewer on a narrow window or at a large scale factor)."""
        if columns == self.columns:
            return
        for column in range(max(self.columns, columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns
        for position, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, position // columns, position % columns)

    def columns_for(self, width: int) -> int:
        return max(2, min(COLUMNS, width // (MIN_DENSE_CARD_WIDTH if self.dense else MIN_CARD_WIDTH)))

    def set_dense(self, dense: bool) -> None:
        """Denser cards and heading for a window too low to show every card at the normal size."""
        if dense == self.dense:
            return
        self.dense = dense
        for card in self.cards.values():
            card.set_dense(dense)
        for label in (self.heading, self.subheading):
            _restyle(label, "dense", dense)
        self.grid.setSpacing(5 if dense else 8)
        layout = self.layout()
        layout.setContentsMargins(*((6, 2, 6, 2) if dense else self._margins))
        layout.setSpacing(3 if dense else self._spacing)
        self._arrange(self.columns_for(self.width()))

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))

    def set_figures(self, figures: KommuneFigures, dataset: Dataset) -> None:
        kommune = figures.kommune
        self.heading.setText(kommune.officielt_navn)
        have, total = dataset.completeness(kommune.kode)
        self.subheading.setText(f"{kommune.region} · kommunekode {kommune.kode_text} · {have} af {total} tal oplyst")
        if figures.is_empty:
            self.notice_text.setText(
                f"Der er ingen tal for {kommune.officielt_navn} i {dataset.label.lower()}. "
                "Programmet leveres kun med Glostrup Kommunes offentliggjorte tal; åbn et datasæt med tal for flere "
                "kommuner.")
        elif figures.missing:
            self.notice_text.setText(f"{len(figures.missing)} af {total} tal er ikke oplyst for {kommune.navn} "
                                     "i datasættet; de vises som «ikke oplyst», aldrig som 0.")
        self.notice.setVisible(bool(figures.missing))
        self.open_button.setVisible(figures.is_empty)
        self.grid_widget.setVisible(not figures.is_empty)
        for card in self.cards.values():
            card.set_figure(figures, dataset.label)
