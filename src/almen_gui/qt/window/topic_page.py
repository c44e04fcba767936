"""One topic of the window (Boliger, Byggeri, Økonomi): every source that has figures for it, each in a section of
its own with its source and period in view, side by side; a source without figures for the kommune is one line that
says so (and how to get them), and takes no room for empty cards or charts. It follows the state while visible."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from almen_gui.model import Dataset
from almen_gui.model.metadata import load_dst_family, load_metadata
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.figure_card import DstCard, FigureCard
from almen_gui.qt.window.source_section import CHARTED, DENSE, ROOMY, SourceSection

CHART_READABLE_HEIGHT = 200  # logical pixels: below this the cards give way to dense ones
SLACK = 6  # logical pixels: the heights of wrapped lines are measured before the layout is done, to a few pixels


@dataclass(frozen=True)
class Topic:
    """What a topic shows: BL's figure groups (with the chart of one of them) and Danmarks Statistik's measures, and
    how each is named in the line that says a kommune has none."""

    key: str
    title: str
    bl_groups: tuple[str, ...]
    bl_what: str
    chart_group: str
    chart_title: str
    zero_message: str = ""
    dst_measures: tuple[str, ...] = ()
    dst_what: str = ""


class AbsentLine(QFrame):
    """One line: this source has the topic, this kommune has no figures from it (and a button to get them)."""

    def __init__(self, button: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("absentLine")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(button)
        self.button.setAccessibleName(accessible)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)


class _PageLayout(QVBoxLayout):
    """The page takes the height its tab gives it (and fits itself to it), not the height its wrapped lines and
    charts would like: a scroll area asks for that height first when a layout has one."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return False


class TopicPage(QWidget):
    """BL's section and Danmarks Statistik's, side by side when both have figures; add_charts gives them their
    charts once pyqtgraph may load (after the window's first paint)."""

    open_dataset_requested = Signal()
    fetch_dst_requested = Signal()
    footnotes_requested = Signal()

    def __init__(self, state: AppState, topic: Topic, more_groups: tuple[str, ...] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.topic = topic
        self.setObjectName("topicPage")
        self.family = load_dst_family()
        groups = (*topic.bl_groups, *more_groups)
        fields = [f for f in load_metadata().card_fields if f.group in groups]
        self.bl = SourceSection("BL's faktaark", {f.name: FigureCard(f.name) for f in fields})
        measures = [self.family.measure(name) for name in topic.dst_measures]
        self.dst = SourceSection("Danmarks Statistik", {m.name: DstCard(m) for m in measures}, footnotes=True)
        self.dst.footnotes_requested.connect(self.footnotes_requested)
        self.bl_absent = AbsentLine("Åbn datasæt…", "Åbn datasæt")
        self.bl_absent.button.clicked.connect(self.open_dataset_requested)
        self.dst_absent = AbsentLine("Hent tal fra Danmarks Statistik…", "Hent tal fra Danmarks Statistik")
        self.dst_absent.button.clicked.connect(self.fetch_dst_requested)
        for part in self._parts():
            part.hide()
        self.sections = QHBoxLayout()
        self.sections.setSpacing(16)
        self.sections.addWidget(self.bl, 1)
        self.sections.addWidget(self.dst)
        layout = _PageLayout(self)
        layout.setContentsMargins(8, 4, 8, 2)
        layout.setSpacing(4)
        layout.addWidget(self.bl_absent)
        layout.addWidget(self.dst_absent)
        layout.addLayout(self.sections, 1)
        layout.addStretch(0)  # takes the height when no chart does
        self._room = 0  # the height the page is given on its tab (it scrolls only on a screen too small for it)
        self._fitted_for: tuple | None = None  # what the page was last fitted for
        # Fitted once the layout has settled, after what asked for it (a resize, a show, new figures): one fit for
        # many asks, and none before the window's first paint.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit)
        self.follower = StateFollower(self, state, self._catch_up, ("dataset_changed", "kommune_changed",
                                                                     "dst_changed"))

    @property
    def cards(self) -> dict[str, FigureCard]:
        """Every card on the topic, BL's first, shown or not."""
        return {**self.bl.cards, **self.dst.cards}

    def add_charts(self, bl_chart: QWidget, dst_chart: QWidget | None = None) -> None:
        """BL's chart of the topic's chart group under BL's cards and, for a topic DST covers, DST's recent years
        under DST's cards (shown when DST's figures stand alone: beside BL's, DST's column is too narrow)."""
        charted = tuple(f.name for f in load_metadata().group(self.topic.chart_group))
        bl_chart.layout().setContentsMargins(0, 0, 0, 0)  # the section's edges are the chart's
        self.bl.add_chart(bl_chart, charted)
        if dst_chart is not None:
            self.dst.add_chart(dst_chart, ())
        self.follower.changed()

    def _catch_up(self) -> None:
        state = self._state
        dataset, kode, dst = state.dataset, state.kode, state.dst
        figures = dataset.figures_for(kode)
        kommune = figures.kommune
        bl = any(figures.value(name) is not None for name in self.bl.cards)
        for card in self.bl.cards.values():
            card.set_figure(figures, dataset.label_in_sentence)
        self.bl.set_source(self._bl_source(dataset))
        self.bl_absent.text.setText(self._bl_absent_text(dataset, kommune.officielt_navn))
        fetched = [name for name in self.dst.cards if dst is not None and dst.has(name)]
        for name in fetched:
            self.dst.cards[name].set_measure(dst, kode, self.family)
        self.dst.set_hidden(set(self.dst.cards) - set(fetched))  # BOL201 is optional: a card only when fetched
        if fetched:
            tables = sorted({self.family.measure(name).table for name in fetched})
            licences = ", ".join(sorted({self.family.measure(name).licence for name in fetched}))
            self.dst.set_source(f"{self.family.credit}, {' og '.join(tables)} · {licences} · hentet "
                                f"{dst.fetched_text}")
        self.dst_absent.text.setText(f"Danmarks Statistik har {self.topic.dst_what} for hver kommune; tallene er "
                                     "ikke hentet endnu.")
        covered = bool(self.topic.dst_measures)
        self.bl.setVisible(bl)
        self.bl_absent.setVisible(not bl)
        self.dst.setVisible(bool(fetched))
        self.dst_absent.setVisible(covered and dst is None)
        self.dst.set_narrow(bl and bool(fetched))
        dst_chart = self.dst.chart is not None and bool(fetched) and not bl
        if self.dst.chart is not None:
            self.dst.show_chart(dst_chart)
            if dst_chart:
                name = self.topic.dst_measures[0]
                self.dst.chart.set_measure(dst, self.family.measure(name), kode, kommune.navn)
        # A section with a chart takes the height; without one, the cards keep to the top.
        self.sections.setStretch(0, 1 if bl else 0)
        self.sections.setStretch(1, 1 if dst_chart else 0)
        charts = bl or dst_chart
        self.layout().setStretch(2, 1 if charts else 0)
        self.layout().setStretch(3, 0 if charts else 1)
        self._fit_timer.start()

    @staticmethod
    def _bl_source(dataset: Dataset) -> str:
        metadata = dataset.metadata
        edition = metadata.edition_title if dataset.path is None else dataset.label
        return f"{edition} · Kilde: {metadata.source}"

    def _bl_absent_text(self, dataset: Dataset, name: str) -> str:
        said = f"BL's faktaark har {self.topic.bl_what}, men der er ingen tal for {name}"
        if dataset.path is None:  # the bundled data: only Glostrup's sheet is public
            return f"{said}: {dataset.label_in_sentence} har kun Glostrup Kommunes."
        return f"{said} i {dataset.label_in_sentence}."

    def _fit(self) -> None:
        """Roomy cards when each chart keeps a readable height under its section's cards, else dense ones, and on a
        page too low even for those the figures BL's chart draws with their values are read on the chart only. A
        section without a chart (DST's beside BL's) needs only the page's height."""
        room = self._room or self.height()
        if not self.isVisible() or room <= 0:
            return  # fitted when shown: a hidden page's sizes are not yet its own
        # Measuring a fit restyles the cards (about 20 ms): only when what is measured has changed.
        # A line not shown takes no room, whatever it says (it names the kommune): it does not ask for a refit.
        said = tuple(line.text.text() if line.isVisibleTo(self) else "" for line in (self.bl_absent, self.dst_absent))
        fitted_for = (room, self.width(), *(part.isVisibleTo(self) for part in self._parts()),
                      self.bl.chart_shown, self.dst.chart_shown, *said, self.bl.source.text(),
                      self.dst.source.text(), tuple(self.dst.hidden))
        if fitted_for == self._fitted_for:
            return
        self._fitted_for = fitted_for
        charts = [section.chart_shown and section.isVisibleTo(self) for section in (self.bl, self.dst)]
        fits = (ROOMY, DENSE, CHARTED)
        chosen = len(fits) - 1
        for at, fit in enumerate(fits):
            if all(needed + (self._chart_room(section) if chart else 0) <= room
                   for needed, section, chart in zip(self._needed(fit), (self.bl, self.dst), charts)):
                chosen = at
                break
        self._apply(fits[chosen])
        # The heights above are measured before the layout is done; once it is, a chart still short of a readable
        # height gets the next denser fit.
        while any(charts) and self.isVisible() and chosen < len(fits) - 1 and self._chart_short():
            chosen += 1
            self._apply(fits[chosen])

    def _parts(self) -> tuple[QWidget, ...]:
        return self.bl, self.dst, self.bl_absent, self.dst_absent

    def _apply(self, fit: str) -> None:
        self.bl.set_fit(fit)
        self.dst.set_fit(DENSE if fit == CHARTED else fit)  # DST's cards are not on a chart

    @staticmethod
    def _title_height(section: SourceSection) -> int:
        """The height of a chart's own title line and margins over its plot."""
        chart = section.chart
        margins = chart.layout().contentsMargins()
        return chart.title.sizeHint().height() + chart.layout().spacing() + margins.top() + margins.bottom()

    def _chart_room(self, section: SourceSection) -> int:
        """A readable plot and its title."""
        return CHART_READABLE_HEIGHT + SLACK + self._title_height(section)

    def _chart_short(self) -> bool:
        """Whether a chart shown, laid out now, leaves its plot less than a readable height."""
        self.layout().activate()  # a visible widget's children get their geometry at once, down to the charts
        return any(section.chart.height() - self._title_height(section) < CHART_READABLE_HEIGHT
                   for section in (self.bl, self.dst) if section.chart_shown and section.isVisibleTo(self))

    def _needed(self, fit: str) -> tuple[int, int]:
        """The height the lines and BL's cards, and the lines and DST's cards, need when fitted so (their charts
        excluded); a section not shown needs none."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        lines = margins.top() + margins.bottom()
        for line in (self.bl_absent, self.dst_absent):
            if line.isVisibleTo(self):
                lines += line.heightForWidth(width) if line.hasHeightForWidth() else line.sizeHint().height()
                lines += layout.spacing()
        dst_fit = DENSE if fit == CHARTED else fit
        bl_width = width
        if self.bl.isVisibleTo(self) and self.dst.isVisibleTo(self):  # side by side: DST's at the width it asks
            dst_width = self.dst.width_for(dst_fit)
            bl_width = width - dst_width - self.sections.spacing()
        else:
            dst_width = width
        bl = lines + self.bl.cards_height(bl_width, fit) if self.bl.isVisibleTo(self) else lines
        dst = lines + self.dst.cards_height(dst_width, dst_fit) if self.dst.isVisibleTo(self) else lines
        return bl, dst

    def set_room(self, height: int) -> None:
        """The height the page's tab gives it, which it fits its cards and chart to."""
        self._room = height
        self._fit_timer.start()

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_timer.start()

    def showEvent(self, event):  # noqa: N802 (Qt override): a hidden tab was fitted to an old size, if at all
        super().showEvent(event)
        self._fit_timer.start()
