"""The window's map tab: the plot-only MapPlot with its controls around it (the "Farve efter" drop-down above, the
legend below). Click or touch a kommune to choose it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from almen_gui.factsheet import style
from almen_gui.model import Dataset
from almen_gui.model.formatting import MISSING
from almen_gui.model.geo import Boundaries
from almen_gui.qt.map_plot import REGION, MapLegend, MapPlot
from almen_gui.qt.plotting import FigureChoice


def legend_html(legend: MapLegend) -> str:
    """The legend as one line of rich text: coloured dots with their meaning, and how many lack the figure."""
    dots = [f"<span style='color:{colour}'>●</span> {text}" for colour, text in legend.swatches]
    text = (" … " if legend.continuous else " ").join(dots)
    if legend.missing is not None:
        missing = f"<span style='color:{style.MUTED}'>○</span> {MISSING} ({legend.missing})"
        text = f"{legend.title}: {text} &nbsp; {missing}" if dots else missing
    return text


class MapView(QWidget):
    kommune_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = FigureChoice("Farve efter", fixed=(("Region", REGION),))
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.plot = MapPlot()

        top = QHBoxLayout()
        top.addWidget(QLabel("Farve efter:"))
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)

        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self.plot.legend_changed.connect(self._on_legend_changed)
        self.plot.kommune_clicked.connect(self.kommune_clicked)

    @property
    def boundaries(self) -> Boundaries | None:
        return self.plot.boundaries

    def set_dataset(self, dataset: Dataset) -> None:
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
