"""Opening a dataset or kommune boundaries from the main window: read, tell the user about problems, remember a copy.

A mixin of MainWindow (it uses the window's state and settings). A file that cannot be used leaves the figures shown
before as they were.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from almen_gui import paths
from almen_gui.model import DataError, load_bundled_dataset, load_dataset

log = logging.getLogger(__name__)


class DataFiles:
    """The Fil menu's Åbn datasæt, Gendan medfølgende data and Indlæs kommunegrænser."""

    def choose_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Åbn datasæt", str(Path.home()),
                                              "Datasæt (*.csv *.xlsx);;Alle filer (*)")
        if path:
            self.open_dataset(Path(path))

    def open_dataset(self, path: Path) -> bool:
        """Load a user's dataset; on problems show them all and keep the current data."""
        try:
            dataset = load_dataset(path)
        except DataError as exc:
            self.show_data_problems(path, exc)
            return False
        self._remember(path, "datasets", "dataset_path")
        self.state.set_dataset(dataset)
        return True

    def choose_boundaries(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Indlæs kommunegrænser", str(Path.home()),
                                              "GeoJSON (*.geojson *.json);;Alle filer (*)")
        if path:
            self.load_boundaries(Path(path))

    def load_boundaries(self, path: Path, remember: bool = True) -> bool:
        """Kommune outlines for the map from GeoJSON; on problems, say so and leave the map as it was."""
        from almen_gui.model.geo import load_boundaries

        try:
            boundaries = load_boundaries(path, self.state.dataset.kommuner)
        except DataError as exc:
            self.show_problems("Kommunegrænserne kan ikke bruges", f"{path.name} blev ikke indlæst; kortet er uændret.",
                               exc)
            return False
        self.state.set_boundaries(boundaries)
        if remember:
            self._remember(path, "boundaries", "boundaries_path")
        notes = "; ".join(str(w) for w in boundaries.warnings)
        self.statusBar().showMessage(f"Kommunegrænser: {path.name}" + (f" ({notes})" if notes else ""), 15_000)
        return True

    def show_data_problems(self, path: Path, error: DataError) -> None:
        self.show_problems("Datasættet kan ikke bruges",
                           f"{path.name} blev ikke indlæst; de hidtidige tal vises stadig.", error)

    def show_problems(self, title: str, heading: str, error: DataError) -> None:
        """The problems with a file (the first 50, then how many more) in one dialog; whatever was shown before stays."""
        log.warning("%s: %s", title, error)
        lines = [str(p) for p in error.problems]
        if getattr(error, "omitted", 0):
            lines.append(f"… og {error.omitted} problemer mere")
        from almen_gui.qt.dialogs import TextDialog  # dialogs load when needed, not before the window is on screen

        self.problems_dialog = TextDialog(title, heading, "\n".join(lines), self)
        self.problems_dialog.show()

    def _remember(self, path: Path, folder: str, key: str) -> None:
        """Keep a copy in the app-data folder so the file is there next time; failing that, just log it."""
        from almen_gui.model.files import WriteError, remember_copy

        try:
            copy = remember_copy(path, paths.user_data_dir() / folder)
        except (OSError, WriteError) as exc:
            log.warning("%s kunne ikke huskes: %s", path.name, exc)
        else:
            self.settings.set(key, str(copy))

    def restore_bundled_data(self) -> None:
        self.state.set_dataset(load_bundled_dataset())
        self.settings.set("dataset_path", "")
