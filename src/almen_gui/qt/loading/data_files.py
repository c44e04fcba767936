"""Datasets and kommune boundaries into the state: the first usable dataset at start and kommune outlines (for the
window and the kiosk), and DataFiles, the window's part that opens them, tells the user about problems and remembers a
copy.

A file that cannot be used leaves what the state held before as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from almen_gui import paths
from almen_gui.model import DataError, Dataset, load_bundled_dataset, load_dataset
from almen_gui.model.errors import Problem
from almen_gui.model.files import WriteError, remember_copy
from almen_gui.qt.common.dialogs import Messages
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState

log = logging.getLogger(__name__)


def load_first_usable(*paths: str | None) -> tuple:
    """(the first usable dataset of `paths`, else the bundled one; [(path, DataError)] for each that was not usable).

    Start-up never fails on a file: an error that is not the reader's own is logged and told like one.
    """
    failures = []
    for path in dict.fromkeys(p for p in paths if p):
        try:
            return load_dataset(Path(path)), failures
        except DataError as exc:  # kept without its traceback, whose frames would hold the rows that were read
            failures.append((path, exc.with_traceback(None)))
        except Exception:  # a defect, not the user's: keep it in the log, but still start
            log.exception("Uventet fejl ved indlæsning af %s", path)
            failures.append((path, DataError(Problem(Path(path).name, "filen kunne ikke læses (uventet fejl; "
                                                                       "detaljerne står i loggen)"))))
    return load_bundled_dataset(), failures


def read_boundaries(state: AppState, path: Path | None) -> DataError | None:
    """Kommune outlines into the state: from a GeoJSON file, or the bundled DAGI outlines without one; the error if
    the file cannot be used (the state keeps the boundaries it had, or gets the bundled ones if it had none, so the
    maps draw shapes all the same)."""
    from almen_gui.model.geo import bundled_boundaries, load_boundaries  # lazy: numpy loads here, after start-up

    error = None
    if path is not None:
        try:
            state.set_boundaries(load_boundaries(Path(path), state.dataset.kommuner))
            return None
        except DataError as exc:
            error = exc
    if state.boundaries is None:
        state.set_boundaries(bundled_boundaries(state.dataset.kommuner))
    return error


@dataclass(frozen=True)
class BoundaryFile:
    """A GeoJSON file of kommune outlines for the maps, and whether a copy is kept for the next start (a file given
    now is; the copy remembered from before already is)."""

    path: Path
    remember: bool


class DataFiles:
    """The Fil menu's Åbn datasæt, Gendan medfølgende data and Indlæs kommunegrænser: the files a user opens in the
    window, read into the state, remembered for the next start, and their problems told."""

    def __init__(self, state: AppState, settings: Settings, tell: Messages, parent: QWidget | None = None):
        self.state, self.settings, self.tell, self.parent = state, settings, tell, parent

    def choose_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Åbn datasæt", str(Path.home()),
                                              "Datasæt (*.csv *.xlsx);;Alle filer (*)")
        if path:
            self.open_dataset(Path(path))

    def open_dataset(self, path: Path) -> bool:
        """Load a user's dataset; on problems show them all and keep the current data."""
        dataset = self.read_dataset(path)
        if dataset is None:
            return False
        self.use_dataset(path, dataset)
        return True

    def read_dataset(self, path: Path) -> Dataset | None:
        """A user's dataset, or None after its problems are told (the figures shown stay)."""
        try:
            return load_dataset(path)
        except DataError as exc:
            self.tell.problems("Datasættet kan ikke bruges",
                               f"{path.name} blev ikke indlæst; de hidtidige tal vises stadig.", exc)
            return None

    def use_dataset(self, path: Path, dataset: Dataset) -> None:
        """Show a dataset read from `path`, remembered for the next start."""
        self._remember(path, "datasets", "dataset_path")
        self.state.set_dataset(dataset)

    def choose_boundaries(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Indlæs kommunegrænser", str(Path.home()),
                                              "GeoJSON (*.geojson *.json);;Alle filer (*)")
        if path:
            self.load_boundaries(Path(path))

    def load_boundaries(self, path: Path, remember: bool = True) -> bool:
        """Kommune outlines for the map from GeoJSON, kept for the next start if `remember`; on problems, say so and
        leave the map as it was."""
        error = read_boundaries(self.state, path)
        if error is not None:
            self.tell.problems("Kommunegrænserne kan ikke bruges",
                               f"{path.name} blev ikke indlæst; kortet er uændret.", error)
            return False
        if remember:
            self._remember(path, "boundaries", "boundaries_path")
        notes = "; ".join(str(w) for w in self.state.boundaries.warnings)
        self.tell.status(f"Kommunegrænser: {path.name}" + (f" ({notes})" if notes else ""), 15_000)
        return True

    def _remember(self, path: Path, folder: str, key: str) -> None:
        """Keep a copy in the app-data folder so the file is there next time; failing that, just log it."""
        try:
            copy = remember_copy(path, paths.user_data_dir() / folder)
        except (OSError, WriteError) as exc:
            log.warning("%s kunne ikke huskes: %s", path.name, exc)
        else:
            self.settings.set(key, str(copy))

    def restore_bundled_data(self) -> None:
        self.state.set_dataset(load_bundled_dataset())
        self.settings.set("dataset_path", "")
