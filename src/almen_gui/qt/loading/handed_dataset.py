"""A dataset handed to the running window by another start (`almen-gui tal.csv`, a double-click in the file manager):
read at once, but shown only when the user says so, and "Fortryd" in the status bar brings the previous figures back.

Opening a file from the window's own menu needs no question: the user chose it there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton

from almen_gui.qt.common.dialogs import ask
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState
from almen_gui.qt.loading.data_files import DataFiles

UNDO_SHOWN_MS = 60_000  # how long "Fortryd" stays in the status bar


class HandedDataset:
    """Asks before a handed file replaces the window's figures, and undoes the replacement on request."""

    def __init__(self, window: QMainWindow, state: AppState, settings: Settings, files: DataFiles):
        self.window, self.state, self.settings, self.files = window, state, settings, files
        self.previous = None  # (dataset, remembered path) before the last replacement
        self.undo_button = QPushButton("Fortryd")
        self.undo_button.setAccessibleName("Fortryd: vis de tidligere tal igen")
        self.undo_button.clicked.connect(self.undo)
        window.statusBar().addPermanentWidget(self.undo_button)
        self.undo_button.hide()
        self.undo_timer = QTimer(window, singleShot=True, interval=UNDO_SHOWN_MS)
        self.undo_timer.timeout.connect(self.undo_button.hide)
        self.question = None

    def offer(self, path: Path) -> None:
        """Read the file; a file that cannot be used is told as from the menu, a good one is offered."""
        dataset = self.files.read_dataset(path)
        if dataset is None:
            return
        shown = self.state.dataset.label
        self.question = ask(self.window, "Åbn datasæt", f"Vil du erstatte de viste tal ({shown}) med tallene i "
                                                   f"{path.name}?",
                            [("Erstat", True), ("Behold de viste tal", False)],
                            lambda replace: replace and self._replace(path, dataset))

    def _replace(self, path: Path, dataset) -> None:
        self.previous = (self.state.dataset, self.settings.get("dataset_path"))
        self.files.use_dataset(path, dataset)
        self.window.statusBar().showMessage(f"Tallene i {path.name} vises nu; «Fortryd» viser de tidligere igen.",
                                       UNDO_SHOWN_MS)
        self.undo_button.show()
        self.undo_timer.start()

    def undo(self) -> None:
        if self.previous is None:
            return
        dataset, remembered = self.previous
        self.previous = None
        self.undo_button.hide()
        self.settings.set("dataset_path", remembered)
        self.state.set_dataset(dataset)
        self.window.statusBar().showMessage(f"De tidligere tal vises igen ({dataset.label}).", 10_000)
