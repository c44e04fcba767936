"""The one piece of shared state: the current dataset, kommune, map boundaries (and the file to read them from) and
Danmarks Statistik's fetched figures. Views listen to its signals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from almen_gui.model import DataError, Dataset
from almen_gui.model.kommuner import DEFAULT_KODE


@dataclass(frozen=True)
class BoundaryFile:
    """A GeoJSON file of kommune outlines for the maps, and whether a copy is kept for the next start (a file given
    now is; the copy remembered from before already is)."""

    path: Path
    remember: bool


class AppState(QObject):
    kommune_changed = Signal(int)
    dataset_changed = Signal(object)
    boundaries_changed = Signal(object)  # model.geo.Boundaries, or None for bubbles
    boundaries_file_read = Signal(object)  # BoundaryFile: its outlines are now the boundaries
    boundaries_file_refused = Signal(object, object)  # BoundaryFile, DataError: the boundaries stay as they were
    dst_changed = Signal(object)  # model.dst.DstFigures, or None when nothing has been fetched

    def __init__(self, dataset: Dataset, kode: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._dataset = dataset
        self._kode = DEFAULT_KODE if kode is None else kode  # none chosen: the kommune whose figures ship
        self._boundaries = None
        self._boundaries_file: BoundaryFile | None = None
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
        """Kommune outlines for the maps (model.geo.Boundaries): the user's GeoJSON file, else the bundled outlines
        once a map has asked for them (read_boundaries); None before."""
        return self._boundaries

    def set_boundaries(self, boundaries) -> None:
        self._boundaries = boundaries
        self.boundaries_changed.emit(boundaries)

    @property
    def boundaries_file(self) -> BoundaryFile | None:
        """The boundary file waiting to be read, None when there is none."""
        return self._boundaries_file

    def set_boundaries_file(self, path: Path, remember: bool = True) -> None:
        """The GeoJSON file to outline the kommuner with; read by read_boundaries (a map does so when it is built,
        so a window that never shows its map never reads the file)."""
        self._boundaries_file = BoundaryFile(Path(path), remember)

    def read_boundaries(self) -> bool | None:
        """Read the waiting boundary file: True if its outlines are now the boundaries, False if it was refused (told
        through boundaries_file_refused), None if no file was waiting. Without outlines of the user's own, the maps
        get the bundled DAGI outlines."""
        from almen_gui.model.geo import bundled_boundaries, load_boundaries

        file, self._boundaries_file = self._boundaries_file, None
        if file is None:
            if self._boundaries is None:
                self.set_boundaries(bundled_boundaries(self._dataset.kommuner))
            return None
        try:
            boundaries = load_boundaries(file.path, self._dataset.kommuner)
        except DataError as exc:
            if self._boundaries is None:  # a refused file leaves the map with shapes all the same
                self.set_boundaries(bundled_boundaries(self._dataset.kommuner))
            self.boundaries_file_refused.emit(file, exc)
            return False
        self.set_boundaries(boundaries)
        self.boundaries_file_read.emit(file)
        return True

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
