"""The stats panel: the factsheet's figures as cards with unit and period, the source on hover, honest gaps; and
Danmarks Statistik's fetched figures as a group of their own, under DST's names and source, never in BL's place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.model import Dataset, KommuneFigures
from almen_gui.model.formatting import MISSING, format_period, format_stamp, format_value
from almen_gui.model.metadata import DstFamily, DstMeasure, load_dst_family, load_metadata
from almen_gui.qt.elided_label import ElidedLabel
from almen_gui.qt.follow import StateFollower
from almen_gui.qt.state import AppState

COLUMNS = 5
MIN_CARD_WIDTH = 190  # logical pixels
MIN_DENSE_CARD_WIDTH = 125  # a dense card: the title on one line, shortened with "…" when it must be


def _restyle(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet looks at, and re-polish only when it really changes."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def arrange_cards(grid: QGridLayout, cards: list[QWidget], before: int, columns: int) -> None:
    """Put the cards in `columns` equal columns, row by row; `before` is how many columns the grid had."""
    for column in range(max(before, columns)):
        grid.setColumnStretch(column, 1 if column < columns else 0)
    for position, card in enumerate(cards):
        grid.addWidget(card, position // columns, position % columns)


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
        note = f"\n{field.note}" if field.note else ""
        detail = f"Ikke oplyst i {dataset_label.lower()} ({period})" if missing else period
        self._show(field.title, text, (detail, period),
                   f"{field.title}: {text} ({period})\n{field.description}\nKilde: {field.source}{note}", period)

    def _show(self, title: str, text: str, details: tuple[str, str], tooltip: str, period: str) -> None:
        self.title.setText(title)
        self.value.setText(text)
        _restyle(self.value, "missing", text == MISSING)
        self._details = details
        self.detail.setText(self._details[self.dense])
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{title}: {text}, {period}")

    def set_dense(self, dense: bool) -> None:
        """Dense: one line of title and period, smaller type, so that every card fits on a small or scaled screen."""
        if dense == self.dense:
            return
        self.dense = dense
        self.title.set_elided(dense)
        for label in (self.title, self.value, self.detail):
            _restyle(label, "dense", dense)
        self._place()


class DstCard(FigureCard):
    """One of Danmarks Statistik's measures for one kommune: its latest year, the table and the licence on hover."""

    def __init__(self, measure: DstMeasure, parent: QWidget | None = None):
        super().__init__(measure.name, parent)
        self.measure = measure

    def set_measure(self, dst, kode: int, family: DstFamily) -> None:
        measure = self.measure
        year, value = dst.latest(measure.name, kode)
        if value is not None and measure.kind == "pct":
            value = round(value, 1)  # one decimal, as BL's shares: 8,5 pct.
        text = format_value(value, measure.kind)
        source = f"{family.credit}, {measure.table} ({measure.licence})"
        detail = (f"Ikke oplyst af Danmarks Statistik ({year}, {measure.table})" if text == MISSING
                  else f"{year} · {measure.table}")
        note = f"\n{measure.note}" if measure.note else ""
        self._show(measure.title, text, (detail, year),
                   f"{measure.title}: {text} ({year}; {measure.period})\n{measure.description}\n{source}{note}", year)


class DstGroup(QFrame):
    """Danmarks Statistik's figures for one kommune as their own group: a heading with source, licence and fetch
    time, the mandatory footnotes one click away, and a card per measure that was fetched."""

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
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        self.columns = 0
        self.dst = None

    def arrange(self, columns: int) -> None:
        if columns != self.columns:
            arrange_cards(self.grid, list(self.cards.values()), self.columns, columns)
            self.columns = columns

    def set_dense(self, dense: bool) -> None:
        for card in self.cards.values():
            card.set_dense(dense)
        _restyle(self.heading, "dense", dense)
        self.grid.setSpacing(5 if dense else 8)

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


class StatsPanel(QWidget):
    """Shows the state's kommune's figures, following the state while visible; emits open_dataset_requested from the
    empty state's button."""

    open_dataset_requested = Signal()
    fetch_dst_requested = Signal()

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
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self.dense = False
        self.dst_group = DstGroup(load_dst_family())
        self.dst_group.footnotes_requested.connect(self._on_dst_footnotes_requested)
        self.dst_group.hide()
        self._arrange(COLUMNS)
        self._figures: KommuneFigures | None = None
        self._dataset: Dataset | None = None
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

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in `columns` columns (fewer on a narrow window or at a large scale factor)."""
        if columns != self.columns:
            arrange_cards(self.grid, list(self.cards.values()), self.columns, columns)
            self.columns = columns
            self.dst_group.arrange(columns)

    def columns_for(self, width: int) -> int:
        return max(2, min(COLUMNS, width // (MIN_DENSE_CARD_WIDTH if self.dense else MIN_CARD_WIDTH)))

    def set_dense(self, dense: bool) -> None:
        """Denser cards and heading for a window too low to show every card at the normal size."""
        if dense == self.dense:
            return
        self.dense = dense
        for card in self.cards.values():
            card.set_dense(dense)
        self.dst_group.set_dense(dense)
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

    def _on_dst_footnotes_requested(self) -> None:
        from almen_gui.qt.dialogs import TextDialog

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
                f"Der er ingen tal for {kommune.officielt_navn} i {dataset.label.lower()}. "
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
            card.set_figure(figures, dataset.label)
        if self.dst is not None:
            self.dst_group.set_kommune(self.dst, kommune.kode)
        self.dst_group.setVisible(self.dst is not None)
