"""The window's map tab: the plot-only MapPlot with its controls beside it (the "Farve efter" drop-down and the
legend in a narrow column, so the map gets the tab's whole height). Click or touch a kommune to choose it.

Built from the app's state, it follows that state itself: dataset, Danmarks Statistik's figures (offered in the
drop-down beside BL's), selected kommune and boundaries, redrawn while
the tab is visible and caught up when it is shown again (without a state, it is fed by hand with set_dataset,
set_kommune and set_boundaries).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model.figure_set import FigureSet
from almen_gui.model.figure_source import FigureSource
from almen_gui.model.formatting import MISSING
from almen_gui.model.geo import Boundaries
from almen_gui.qt.common.follow import ALL_SIGNALS, StateFollower
from almen_gui.qt.map.colours import REGION, MapLegend
from almen_gui.qt.map.plot import MapPlot
from almen_gui.qt.common.plotting import FigureChoice
from almen_gui.qt.common.state import AppState


SIDE_WIDTH = 230


def legend_html(legend: MapLegend) -> str:
    """The legend as rich text, a line each: coloured dots with their meaning, and how many lack the figure."""
    lines = [f"<span style='color:{colour}'>●</span> {text}" for colour, text in legend.swatches]
    if legend.continuous and len(lines) == 2:
        lines.insert(1, "…")
    if legend.missing is not None:
        if lines:
            lines.insert(0, f"{legend.title}:")
        lines.append(f"<span style='color:{style.MUTED}'>○</span> {MISSING} ({legend.missing})")
    if legend.source:
        lines.append(f"<span style='color:{style.MUTED}'>{legend.source}</span>")
    return "<br>".join(lines)


class MapView(QWidget):
    kommune_clicked = Signal(int)

    def __init__(self, state: AppState | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = FigureChoice("Farve efter", fixed=(("Region", REGION),), mappable=True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.plot = MapPlot()
        # The drop-down's entries are long; let it elide them rather than widen the column.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(12)

        # A low tab (200 %, a small window) cannot show a long legend whole: it scrolls rather than losing its end.
        legend_area = QScrollArea()
        legend_area.setWidget(self.legend)
        legend_area.setWidgetResizable(True)
        legend_area.setFrameShape(QScrollArea.Shape.NoFrame)
        legend_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there by keyboard: no focus stop
        legend_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # on the tab's own background, as the rest of the column
        legend_area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QLabel { background: transparent; }")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        label = QLabel("Farve &efter:")
        label.setBuddy(self.choice)  # read as the drop-down's name, not only its value
        side.addWidget(label)
        side.addWidget(self.choice)
        side.addWidget(legend_area, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(SIDE_WIDTH)
        side.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addWidget(side_widget)

        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self.plot.legend_changed.connect(self._on_legend_changed)
        self.plot.kommune_clicked.connect(self.kommune_clicked)
        self._state = state
        if state is not None:
            self.follower = StateFollower(self, state, self._catch_up, (*ALL_SIGNALS, "dst_changed"))
            self.follower.catch_up()

    def _catch_up(self) -> None:
        state = self._state
        figures = self.plot.dataset
        if not isinstance(figures, FigureSet) or (figures.dataset, figures.dst) != (state.dataset, state.dst):
            self.set_dataset(FigureSet(state.dataset, state.dst))
        if state.boundaries is not self.plot.boundaries:
            self.set_boundaries(state.boundaries)
        self.set_kommune(state.kode)

    @property
    def boundaries(self) -> Boundaries | None:
        return self.plot.boundaries

    def set_dataset(self, dataset: FigureSource) -> None:
        self.choice.set_dataset(dataset)
        self.plot.set_dataset(dataset, self.current_choice())

    def set_choice(self, name: str) -> None:
        self.choice.set_field(name)

    def current_choice(self) -> str | None:
        return self.choice.current_field()

    def set_kommune(self, kode: int) -> None:
        self.plot.set_kommune(kode)

    def set_boundaries(self, boundaries: Boundaries | None) -> None:
        self.plot.set_boundaries(boundaries)

    def _on_choice_changed(self, _index: int) -> None:
        self.plot.set_choice(self.current_choice())

    def _on_legend_changed(self, legend: MapLegend) -> None:
        self.legend.setText(legend_html(legend))
