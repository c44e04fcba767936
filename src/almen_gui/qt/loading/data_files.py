"""Opening a dataset or kommune boundaries from the main window: read, tell the user about problems, remember a copy;
and the first usable dataset at start (for the window and the kiosk).

A mixin of MainWindow (it uses the window's state and settings). A file that cannot be used leaves the figures shown
before as they were. Boundaries are read by the state (when the map is built, or at once from the menu); the window
only tells how that went and remembers the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from almen_gui import paths
from almen_gui.model import DataError, load_bundled_dataset, load_dataset
from almen_gui.model.errors import Problem
from almen_gui.model.formatting import count_noun

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
        """Kommune outlines for the map from GeoJSON, read now; on problems, say so and leave the map as it was."""
        self.state.set_boundaries_file(path, remember)
        return bool(self.state.read_boundaries())

    def _on_boundaries_file_read(self, file) -> None:
        if file.remember:
            self._remember(file.path, "boundaries", "boundaries_path")
        notes = "; ".join(str(w) for w in self.state.boundaries.warnings)
        self.statusBar().showMessage(f"Kommunegrænser: {file.path.name}" + (f" ({notes})" if notes else ""), 15_000)

    def _on_boundaries_file_refused(self, file, error: DataError) -> None:
        if not self.isVisible():  # the kiosk has the screen and logs it: no message may open over a kiosk
            return
        self.show_problems("Kommunegrænserne kan ikke bruges", f"{file.path.name} blev ikke indlæst; kortet er uændret.",
                           error)

    def show_data_problems(self, path: Path, error: DataError) -> None:
        self.show_problems("Datasættet kan ikke bruges",
                           f"{path.name} blev ikke indlæst; de hidtidige tal vises stadig.", error)

    def show_problems(self, title: str, heading: str, error: DataError) -> None:
        """The problems with a file (the first 50, then how many more) in one dialog; whatever was shown before stays."""
        log.warning("%s: %s", title, error)
        lines = [str(p) for p in error.problems]
        if getattr(error, "omitted", 0):
            lines.append(f"… og {count_noun(error.omitted, 'problem', 'problemer')} mere")
        from almen_gui.qt.common.dialogs import TextDialog  # loaded when first used

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
