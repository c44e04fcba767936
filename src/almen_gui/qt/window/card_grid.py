"""The card grid: figure cards in equal columns, row by row, as many columns as the width allows (fewer on a narrow
window or at a large scale factor, never more than there are cards), denser cards on a low window."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QGridLayout, QWidget

from almen_gui.qt.window.figure_card import FigureCard

COLUMNS = 5
MIN_CARD_WIDTH = 190  # logical pixels
MIN_DENSE_CARD_WIDTH = 125  # a dense card: the title on one line, shortened with "…" when it must be


def columns_for(width: int, dense: bool, cards: int = COLUMNS) -> int:
    """How many columns `cards` cards get in `width` logical pixels: one at least, COLUMNS at most, and no more than
    the fewest rows need (seven cards in two rows of four, not five and two: wider cards, whole titles)."""
    most = max(1, min(COLUMNS, cards, width // (MIN_DENSE_CARD_WIDTH if dense else MIN_CARD_WIDTH)))
    rows = math.ceil(cards / most)
    return math.ceil(cards / rows)


class CardGrid(QWidget):
    """Its cards (name -> card, in their order) in `columns` equal columns, those not shown left out; set_dense
    makes every card dense."""

    def __init__(self, cards: dict[str, FigureCard], parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = cards
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self.shown = list(cards)  # the names of the cards laid out, in order

    def arrange(self, columns: int) -> None:
        if columns != self.columns:
            self.columns = columns
            self._place()

    def show_only(self, names: set[str]) -> None:
        """Show these cards, and lay them out without gaps where the others were."""
        self.shown = [name for name in self.cards if name in names]
        for name, card in self.cards.items():
            card.setVisible(name in names)
        self._place()

    def _place(self) -> None:
        columns = self.columns
        for column in range(max(self.grid.columnCount(), columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for position, name in enumerate(self.shown):
            self.grid.addWidget(self.cards[name], position // columns, position % columns)

    def set_dense(self, dense: bool) -> None:
        for card in self.cards.values():
            card.set_dense(dense)
        self.grid.setSpacing(5 if dense else 8)
