"""The window's bar charts: a few of BL's figures of the selected kommune under BL's cards on a topic (Boliger,
Byggeri, Økonomi), and the ranking of kommuner by a chosen figure (the Sammenligning tab). Each follows the state
while it is shown and builds its plot the first time it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from almen_gui.model import KommuneFigures
from almen_gui.model.figure_set import FigureSet, is_dst
from almen_gui.model.formatting import MISSING
from almen_gui.model.metadata import period_text
from almen_gui.qt.charts.bar_chart import BarChart
from almen_gui.qt.common.follow import StateFollower
from almen_gui.qt.common.plotting import FigureChoice
from almen_gui.qt.charts.ranking import ranking_bars
from almen_gui.qt.common.state import AppState

MAX_RANKED = 25


class _LazyChartPage(QWidget):
    """A tab page that follows the state while its tab is open; its plot is built the first time it is shown, so a
    hidden tab costs nothing at start-up or on a switch."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._chart: BarChart | None = None
        self._layout = QVBoxLayout(self)
        self.follower = StateFollower(self, state, self._catch_up, ("dataset_changed", "kommune_changed"))

    def _catch_up(self) -> None:
        raise NotImplementedError

    def _make_chart(self) -> BarChart:
        raise NotImplementedError

    @property
    def chart(self) -> BarChart:
        if self._chart is None:
            self._chart = self._make_chart()
            self._layout.addWidget(self._chart, 1)
        return self._chart


class CategoryChart(_LazyChartPage):
    """A titled bar chart of a few figures of one kommune (dwellings, construction, economy)."""

    def __init__(self, state: AppState, title: str, fields: tuple[str, ...], short_names: tuple[str, ...],
                 colours: tuple[str, ...], zero_message: str = "", parent: QWidget | None = None):
        super().__init__(state, parent)
        self.fields, self.short_names, self.colours = fields, short_names, colours
        self.zero_message = zero_message
        self.title = QLabel(title)
        self.title.setObjectName("chartTitle")
        self._layout.addWidget(self.title)
        self._base_title = title

    def _make_chart(self) -> BarChart:
        chart = BarChart(len(self.fields))
        chart.setAccessibleName(self._base_title)
        return chart

    def _catch_up(self) -> None:
        self.set_figures(self._state.dataset.figures_for(self._state.kode))

    def set_figures(self, figures: KommuneFigures) -> None:
        values = [figures.value(n) for n in self.fields]
        texts = [figures.text(n) for n in self.fields]
        periods = [period_text(figures.field(n)) for n in self.fields]
        categories = list(self.short_names)
        if len(set(periods)) > 1:  # say each bar's period rather than one that is wrong for some
            # (a figure printed without a period keeps its bare name, as on BL's sheet; its card says so)
            categories = [f"{name}, {period}" if figures.field(n).period else name
                          for n, name, period in zip(self.fields, self.short_names, periods)]
        if all(v is None for v in values):
            message = f"{MISSING} for {figures.kommune.navn}"
        elif self.zero_message and all(v == 0 for v in values):
            message = self.zero_message
        else:
            message = ""
        title = f"{self._base_title} ({periods[0]})" if len(set(periods)) == 1 else self._base_title
        if self.title.text() != title:  # a changing label re-lays out the window; the kommune is in the heading
            self.title.setText(title)
        fields = [figures.field(n) for n in self.fields]
        units = {f.unit for f in fields}
        self.chart.set_scale(units.pop() if len(units) == 1 else "", all(f.kind == "antal" for f in fields))
        self.chart.set_bars(categories, values, texts, list(self.colours), message)


class ComparisonChart(_LazyChartPage):
    """Ranks the kommuner that have a figure (chosen in a drop-down) and highlights the selected one."""

    field_changed = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(state, parent)
        self.choice = FigureChoice("Tal at sammenligne")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("chartTitle")
        top = QHBoxLayout()
        label = QLabel("&Sammenlign:")
        label.setBuddy(self.choice)  # read as the drop-down's name, not only its value
        top.addWidget(label)
        top.addWidget(self.choice, 1)
        self._layout.addLayout(top)
        self._layout.addWidget(self.summary)
        self._dataset = FigureSet(state.dataset, state.dst)
        # now, so that a remembered choice can be set before it is shown
        self.choice.set_dataset(self._dataset)
        state.dst_changed.connect(self.follower.changed)  # DST's measures join the drop-down once fetched
        self.choice.currentIndexChanged.connect(self._on_choice_changed)

    def _make_chart(self) -> BarChart:
        chart = BarChart(MAX_RANKED, horizontal=True)
        chart.setAccessibleName("Sammenligning af kommuner")
        chart.rows_fit_changed.connect(self.follower.changed)  # a lower chart shows fewer kommuner, never cramped
        return chart

    def current_field(self) -> str | None:
        return self.choice.current_field()

    def set_field(self, name: str) -> None:
        self.choice.set_field(name)

    def _on_choice_changed(self, _index: int) -> None:
        self.follower.changed()
        self.field_changed.emit(self.current_field())

    def _catch_up(self) -> None:
        state, kode = self._state, self._state.kode
        if (self._dataset.dataset, self._dataset.dst) != (state.dataset, state.dst):
            self._dataset = FigureSet(state.dataset, state.dst)
            self.choice.set_dataset(self._dataset)  # keeps the choice when the new figures have it
        dataset = self._dataset
        name = self.current_field()
        field = dataset.metadata.field(name)
        kommune = dataset.kommuner.by_code(kode)
        rows = min(MAX_RANKED, self.chart.rows_that_fit())
        ranking = ranking_bars(dataset, name, kode, rows)
        if not ranking.have:
            summary = f"Ingen kommuner har «{field.title}» i datasættet."
        elif ranking.place is None:
            summary = f"{kommune.navn}: {MISSING}. {ranking.have} af {len(dataset.kommuner)} kommuner har tallet."
        else:
            among = ranking.place.among
            if among == 1:
                summary = f"{kommune.navn} er den eneste kommune med tallet"
            else:
                summary = f"{kommune.navn} er {ranking.place.text} kommuner med tallet"
            rest = len(dataset.kommuner) - among
            if rest == 1:
                summary += " (den sidste kommune har det ikke oplyst)"
            elif rest:
                summary += f" (de øvrige {rest} har det ikke oplyst)"
            summary += "."
        if is_dst(field):  # DST's measure: its name, year and source, never to be read as BL's
            summary += f" {field.title} ({period_text(field)}). Kilde: {field.source}."
        self.summary.setText(summary)
        hidden = min(MAX_RANKED, ranking.have) - len(ranking.categories)
        room = f"Plads til {rows} kommuner her; gør vinduet højere for at se op til {MAX_RANKED}."
        self.chart.setToolTip(room if hidden > 0 else "")
        self.chart.set_scale(field.unit, field.kind == "antal")
        self.chart.set_bars(ranking.categories, ranking.values, ranking.texts, ranking.colours,
                            "" if ranking.have else MISSING, reach=ranking.leader)
