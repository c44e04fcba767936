"""Danmarks Statistik's figures for one kommune as a group of their own in the stats panel: DST's names, source,
licence and fetch time, its mandatory footnotes, and never in the place of BL's figures."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.model.formatting import format_stamp
from almen_gui.model.metadata import DstFamily
from almen_gui.qt.window.card_grid import CardGrid
from almen_gui.qt.common.elided_label import ElidedLabel
from almen_gui.qt.window.figure_card import DstCard, restyle


class DstGroup(QFrame):
    """A heading with source, licence and fetch time, the mandatory footnotes one click away, and a card per measure
    that was fetched."""

    footnotes_requested = Signal()

    def __init__(self, family: DstFamily, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dstGroup")
        self.family = family
        self.heading = QLabel("Danmarks Statistik")
        self.heading.setObjectName("groupHeading")
        self.source = ElidedLabel()
        self.source.setObjectName("groupSource")
        self.footnotes_button = QPushButton("Fodnoter…")
        self.footnotes_button.setAccessibleName("Danmarks Statistiks fodnoter og definitioner")
        self.footnotes_button.setToolTip("Danmarks Statistiks obligatoriske fodnoter og hvordan tallene er opgjort")
        self.footnotes_button.clicked.connect(self.footnotes_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.source, 1)
        top.addWidget(self.footnotes_button)
        # "Alle boliger" is only the share's denominator: the measures that are figures of their own get a card.
        self.cards = {m.name: DstCard(m) for m in family.measures if m.comparable}
        self.grid = CardGrid(self.cards)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        self.dst = None

    def arrange(self, columns: int) -> None:
        self.grid.arrange(columns)

    def set_dense(self, dense: bool) -> None:
        self.grid.set_dense(dense)
        restyle(self.heading, "dense", dense)

    def set_kommune(self, dst, kode: int) -> None:
        self.dst = dst
        shown = [m for m in self.family.measures if dst.has(m.name)]
        tables = sorted({m.table for m in shown})
        licences = ", ".join(sorted({m.licence for m in shown}))
        self.source.setText(f"{self.family.credit}, {' og '.join(tables)} · {licences} · "
                            f"hentet {dst.fetched_text} · ikke BL's opgørelse")
        for card in self.cards.values():
            shown = dst.has(card.name)  # BOL201 is optional: its card shows only when the table was fetched
            card.setVisible(shown)
            if shown:
                card.set_measure(dst, kode, self.family)

    def footnotes_text(self) -> str:
        """The mandatory footnotes of each table shown, what was skipped, how DST's figures differ, and the credit."""
        dst = self.dst
        lines = [self.family.description, ""]
        for table in dst.tables.values():
            lines.append(f"{table.id}: {table.text} (opdateret {format_stamp(table.updated)})")
            lines += [f"  Fodnote: {note}" for note in table.footnotes]
        if dst.notes:
            lines += ["", *dst.notes]
        lines += ["", f"{self.family.credit}, {' og '.join(dst.tables)}. Licens: {self.family.licence}. "
                      f"Hentet {dst.fetched_text} fra {dst.source_url}."]
        return "\n".join(lines)
