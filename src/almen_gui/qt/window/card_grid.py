"""The card grid: figure cards in equal columns, row by row, as many columns as the width allows (fewer on a narrow
window or at a large scale factor, never more than there are cards), denser cards on a low window."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from almen_gui.qt.window.figure_card import FigureCard

COLUMNS = 5
MIN_CARD_WIDTH = 190  # logical pixels
MIN_DENSE_CARD_WIDTH = 125  # a dense card: the title on one line, shortened with "…" when it must be


def columns_for(width: int, dense: bool, cards: int = COLUMNS) -> int:
    """How many columns of `cards` cards fit in `width` logical pixels: one at least, COLUMNS at most."""
    return max(1, min(COLUMNS, cards, width // (MIN_DENSE_CARD_WIDTH if dense else MIN_CARD_WIDTH)))


class CardGrid(QWidget):
    """Its cards (name -> card, in their order) in `columns` equal columns; set_dense makes every card dense."""

    def __init__(self, cards: dict[str, FigureCard], parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = cards
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0

    def arrange(self, columns: int, force: bool = False) -> None:
        """The shown cards in `columns` columns; `force` lays them out anew after cards were shown or hidden."""
        if columns == self.columns and not force:
            return
        for column in range(max(self.columns, columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        shown = [card for card in self.cards.values() if not card.isHidden()]
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for position, card in enumerate(shown):
            self.grid.addWidget(card, position // columns, position % columns)
        self.columns = columns

    def set_dense(self, dense: bool) -> None:
        for card in self.cards.values():
            card.set_dense(dense)
        self.grid.setSpacing(5 if dense else 8)
