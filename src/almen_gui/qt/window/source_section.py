"""One source's figures on a topic: a heading that names the source, a line with its source and licence that is
always in view (not only on hover), the source's cards (each with its period) and, for BL's figures, its chart. A
topic shows one section per source that has figures for it; no number and no chart series mixes two sources."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.qt.window.card_grid import COLUMNS, CardGrid, columns_for
from almen_gui.qt.window.figure_card import FigureCard, restyle

ROOMY, DENSE, CHARTED = "roomy", "dense", "charted"  # how tightly a section shows its figures; see set_fit


class SourceSection(QFrame):
    """A source's heading and source line, its cards in as many columns as its width allows (one when narrow), and
    a chart below them that takes the rest of the height."""

    footnotes_requested = Signal()

    def __init__(self, heading: str, cards: dict[str, FigureCard], footnotes: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sourceSection")
        self.heading = QLabel(heading)
        self.heading.setObjectName("groupHeading")
        self.source = QLabel()  # wraps rather than hides: the source is read, not hovered for
        self.source.setObjectName("groupSource")
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # a user's file names its own source: text, not markup
        self.top = top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.heading, 1)
        self.footnotes_button = None
        if footnotes:
            self.footnotes_button = QPushButton("Fodnoter…")
            self.footnotes_button.setAccessibleName("Danmarks Statistiks fodnoter og definitioner")
            self.footnotes_button.setToolTip("Danmarks Statistiks obligatoriske fodnoter og hvordan tallene er opgjort")
            self.footnotes_button.clicked.connect(self.footnotes_requested)
            top.addWidget(self.footnotes_button)
        self.cards = cards
        self.grid = CardGrid(cards)
        self.chart: QWidget | None = None
        self.charted: tuple[str, ...] = ()  # the figures the chart draws with their values
        self.hidden: set[str] = set()  # cards the topic does not show (a table that was not fetched)
        self.narrow = False  # beside another section: one column of cards, the source line under the heading
        self.fit = ROOMY
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.source)
        layout.addWidget(self.grid)
        layout.addStretch(1)  # the cards keep to the top; a chart, once added, takes this height instead
        self.grid.arrange(self.columns_for(COLUMNS * 200))

    @property
    def dense(self) -> bool:
        return self.fit != ROOMY

    def add_chart(self, chart: QWidget, charted: tuple[str, ...]) -> None:
        """The source's chart under its cards, drawing the figures `charted` with their values: it takes the height
        the cards leave."""
        self.chart, self.charted = chart, charted
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.grid) + 1, chart, 1)
        self.show_chart(True)
        self._show_cards()

    def show_chart(self, shown: bool) -> None:
        """Show the chart (it takes the height under the cards) or not (the cards keep to the top)."""
        layout = self.layout()
        layout.setStretch(layout.count() - 1, 0 if shown else 1)  # the stretch after the chart
        self.chart.setVisible(shown)  # now, not when the event loop next runs: it draws its figures when shown

    @property
    def chart_shown(self) -> bool:
        return self.chart is not None and not self.chart.isHidden()

    def set_source(self, text: str) -> None:
        if self.source.text() != text:  # a changing label re-lays out the window
            self.source.setText(text)

    def set_hidden(self, names: set[str]) -> None:
        self.hidden = names
        self._show_cards()

    def _shown_names(self) -> set[str]:
        charted = set(self.charted) if self.fit == CHARTED and self.chart is not None else set()
        return set(self.cards) - self.hidden - charted

    def _show_cards(self) -> None:
        self.grid.show_only(self._shown_names())
        self.grid.arrange(self.columns_for(self.width()))

    def columns_for(self, width: int) -> int:
        return 1 if self.narrow else columns_for(width, self.dense, len(self._shown_names()) or 1)

    def set_narrow(self, narrow: bool) -> None:
        """Beside another section (one column of cards, the source under the heading), or on the page's width."""
        if narrow != self.narrow:
            self.narrow = narrow
            self._place_source()
            self.grid.arrange(self.columns_for(self.width()))

    def set_fit(self, fit: str) -> None:
        """ROOMY: every card at its normal size. DENSE: smaller cards, the title on a line of its own and the period
        beside the value. CHARTED: dense, and the figures the chart draws with their values are read there only (a
        low window, where cards and chart would not both be readable)."""
        if fit == self.fit:
            return
        self.fit = fit
        self.grid.set_dense(self.dense)
        restyle(self.heading, "dense", self.dense)
        self.layout().setSpacing(2 if self.dense else 4)
        self._place_source()
        self._show_cards()

    def _place_source(self) -> None:
        """The source line under the heading; on a dense section that is not narrow it runs on beside the heading,
        which saves the height of a line."""
        beside = self.dense and not self.narrow
        layout, top = self.layout(), self.top
        layout.removeWidget(self.source)
        top.removeWidget(self.source)
        if beside:
            top.setStretch(0, 0)
            top.insertWidget(1, self.source, 1)
        else:
            top.setStretch(0, 1)
            layout.insertWidget(1, self.source)

    def cards_height(self, width: int, fit: str) -> int:
        """The height the heading, source line and cards need at `width` when fitted so (the chart excluded); the
        section is left as it was."""
        was = self.fit
        self.set_fit(fit)
        self.grid.arrange(self.columns_for(width))
        layout = self.layout()
        if self.source.parentWidget() is self and layout.indexOf(self.source) >= 0:
            height = self.top.sizeHint().height() + self.source.heightForWidth(width) + layout.spacing()
        else:  # beside the heading (and before the button)
            rest = width - self.heading.sizeHint().width() - self.top.spacing()
            if self.footnotes_button is not None:
                rest -= self.footnotes_button.sizeHint().width() + self.top.spacing()
            height = max(self.heading.sizeHint().height(), self.source.heightForWidth(rest))
        if self._shown_names():
            grid = self.grid.layout()
            grid.activate()
            height += grid.totalHeightForWidth(width) if grid.hasHeightForWidth() else grid.totalSizeHint().height()
            height += layout.spacing()
        self.set_fit(was)
        self.grid.arrange(self.columns_for(self.width()))
        return height

    def width_for(self, fit: str) -> int:
        """The width the section asks for when fitted so (beside another section it gets that much)."""
        was = self.fit
        self.set_fit(fit)
        self.layout().activate()
        width = self.sizeHint().width()
        self.set_fit(was)
        return width

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.grid.arrange(self.columns_for(event.size().width()))
