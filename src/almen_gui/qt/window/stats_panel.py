"""The stats panel: the state's kommune's figures as cards (figure_card.py) in a grid that fits the window
(card_grid.py), honest about gaps, and Danmarks Statistik's fetched figures as a group of their own (dst_group.py).
It follows the state while visible."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.model import Dataset, KommuneFigures
from almen_gui.model.metadata import load_dst_family, load_metadata
from almen_gui.qt.window.card_grid import COLUMNS, CardGrid, columns_for
from almen_gui.qt.window.dst_group import DstGroup
from almen_gui.qt.window.figure_card import FigureCard, restyle
from almen_gui.qt.common.dialogs import TextDialog
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.state import AppState


class StatsPanel(QWidget):
    """Shows the state's kommune's figures, following the state while visible; emits open_dataset_requested and
    fetch_dst_requested from the empty state's buttons, and parts_changed when it shows other parts (the notice, the
    cards, DST's group), so that whoever sized it can give it the height it now needs."""

    open_dataset_requested = Signal()
    fetch_dst_requested = Signal()
    parts_changed = Signal()

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
        self.fetch_button = QPushButton("Hent tal fra Danmarks Statistik…")
        self.fetch_button.setAccessibleName("Hent tal fra Danmarks Statistik")
        self.fetch_button.clicked.connect(self.fetch_dst_requested)
        notice_layout.addWidget(self.fetch_button)

        self.cards = {f.name: FigureCard(f.name) for f in load_metadata().card_fields}
        self.grid_widget = CardGrid(self.cards)
        self.dense = False
        self.dst_group = DstGroup(load_dst_family())
        self.dst_group.footnotes_requested.connect(self._on_dst_footnotes_requested)
        self.dst_group.hide()
        self._arrange(COLUMNS)
        self._figures: KommuneFigures | None = None
        self._dataset: Dataset | None = None
        self._parts: tuple[bool, bool, bool] | None = None  # notice, cards, DST's group: shown or not
        self.dst = None  # Danmarks Statistik's figures (model.dst.DstFigures) from the state, shown as their own group

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.notice)
        layout.addWidget(self.grid_widget)
        layout.addWidget(self.dst_group)
        layout.addStretch(1)
        margins = layout.contentsMargins()
        self._margins = (margins.left(), margins.top(), margins.right(), margins.bottom())
        self._spacing = layout.spacing()
        self.follower = StateFollower(self, state, self._catch_up,
                                      ("dataset_changed", "kommune_changed", "dst_changed"))

    def _catch_up(self) -> None:
        self.dst = self._state.dst
        self.set_figures(self._state.dataset.figures_for(self._state.kode), self._state.dataset)

    @property
    def columns(self) -> int:
        return self.grid_widget.columns

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in `columns` columns (fewer on a narrow window or at a large scale factor)."""
        self.grid_widget.arrange(columns)
        self.dst_group.arrange(columns)

    def columns_for(self, width: int) -> int:
        return columns_for(width, self.dense)

    def set_dense(self, dense: bool) -> None:
        """Denser cards and heading for a window too low to show every card at the normal size."""
        if dense == self.dense:
            return
        self.dense = dense
        self.grid_widget.set_dense(dense)
        self.dst_group.set_dense(dense)
        for label in (self.heading, self.subheading):
            restyle(label, "dense", dense)
        layout = self.layout()
        layout.setContentsMargins(*((6, 2, 6, 2) if dense else self._margins))
        layout.setSpacing(3 if dense else self._spacing)
        self._arrange(self.columns_for(self.width()))

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))

    def _on_dst_footnotes_requested(self) -> None:
        self.footnotes_dialog = TextDialog("Danmarks Statistiks fodnoter", "Fodnoter og definitioner til Danmarks "
                                           "Statistiks tal", self.dst_group.footnotes_text(), self)
        self.footnotes_dialog.show()

    def set_figures(self, figures: KommuneFigures, dataset: Dataset) -> None:
        self._figures, self._dataset = figures, dataset
        kommune = figures.kommune
        self.heading.setText(kommune.officielt_navn)
        have, total = dataset.completeness(kommune.kode)
        self.subheading.setText(f"{kommune.region} · kommunekode {kommune.kode_text} · {have} af {total} tal oplyst")
        if figures.is_empty:
            self.notice_text.setText(
                f"Der er ingen tal for {kommune.officielt_navn} i {dataset.label_in_sentence}. "
                + ("Programmet leveres kun med Glostrup Kommunes offentliggjorte tal; åbn et datasæt med tal for flere "
                   "kommuner" if dataset.path is None else "Åbn et datasæt med tal for kommunen")
                + (", eller hent Danmarks Statistiks egne tal." if self.dst is None
                   else ". Danmarks Statistiks egne tal står nedenfor."))
        elif figures.missing:
            self.notice_text.setText(f"{len(figures.missing)} af {total} tal er ikke oplyst for {kommune.navn} "
                                     "i datasættet; de vises som «ikke oplyst», aldrig som 0.")
        self.notice.setVisible(bool(figures.missing))
        self.open_button.setVisible(figures.is_empty)
        self.fetch_button.setVisible(figures.is_empty and self.dst is None)
        self.grid_widget.setVisible(not figures.is_empty)
        for card in self.cards.values():
            card.set_figure(figures, dataset.label_in_sentence)
        if self.dst is not None:
            self.dst_group.set_kommune(self.dst, kommune.kode)
        self.dst_group.setVisible(self.dst is not None)
        parts = (bool(figures.missing), not figures.is_empty, self.dst is not None)
        changed = self._parts is not None and parts != self._parts
        self._parts = parts
        if changed:
            self.parts_changed.emit()
