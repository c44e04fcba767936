"""The one piece of shared state: the current dataset and kommune. Views listen to its signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from almen_gui.model import Dataset


class AppState(QObject):
    kommune_changed = Signal(int)
    dataset_changed = Signal(object)

    def __init__(self, dataset: Dataset, kode: int, parent: QObject | None = None):
        super().__init__(parent)
        self._dataset = dataset
        self._kode = kode

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

    def set_dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self.dataset_changed.emit(dataset)
