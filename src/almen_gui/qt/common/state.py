"""The one piece of shared state, for the window and the kiosk alike: the current dataset, kommune, map boundaries and
Danmarks Statistik's fetched figures. It reads no file: loaders (qt/loading/) set it, and views listen to its
signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from almen_gui.model import Dataset
from almen_gui.model.kommuner import DEFAULT_KODE


class AppState(QObject):
    kommune_changed = Signal(int)
    dataset_changed = Signal(object)
    boundaries_changed = Signal(object)  # model.geo.Boundaries, or None for bubbles
    dst_changed = Signal(object)  # model.dst.DstFigures, or None when nothing has been fetched

    def __init__(self, dataset: Dataset, kode: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._dataset = dataset
        self._kode = DEFAULT_KODE if kode is None else kode  # none chosen: the kommune whose figures ship
        self._boundaries = None
        self._dst = None

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    @property
    def kode(self) -> int:
        return self._kode

    def set_kommune(self, kode: int) -> None:
        if kode != self._kode:
            self._kode = kode
            self.kommune_changed.emit(kode)

    @property
    def boundaries(self):
        """Kommune outlines for the maps (model.geo.Boundaries): the user's GeoJSON file, else the bundled outlines,
        as a loader set them (loading/data_files.py); None before."""
        return self._boundaries

    def set_boundaries(self, boundaries) -> None:
        self._boundaries = boundaries
        self.boundaries_changed.emit(boundaries)

    @property
    def dst(self):
        """Danmarks Statistik's figures (model.dst.DstFigures), None until a cache is read or a fetch succeeds."""
        return self._dst

    def set_dst(self, figures) -> None:
        self._dst = figures
        self.dst_changed.emit(figures)

    def set_dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self.dataset_changed.emit(dataset)
