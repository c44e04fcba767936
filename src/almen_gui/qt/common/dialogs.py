"""Small dialogs (crash report, data problems, data sources, a question that does not block), and Messages: how
the window's parts speak to the user."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from almen_gui.model import DataError
from almen_gui.model.formatting import count_noun
from almen_gui.qt.common.announce import announce
from almen_gui.qt.common.screens import fitting

log = logging.getLogger(__name__)


class TextDialog(QDialog):
    """A heading, an explanation and a read-only text box, with Luk (and optionally Kopiér detaljer)."""

    def __init__(self, title: str, heading: str, text: str, parent: QWidget | None = None, copy_button: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(fitting(parent or self, 640, 420))  # never larger than the screen
        layout = QVBoxLayout(self)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # headings carry file names, which are never markup
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Detaljer")
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Luk")
        buttons.rejected.connect(self.reject)
        if copy_button:
            copy = QPushButton("Kopiér detaljer")
            copy.clicked.connect(lambda: QApplication.clipboard().setText(self.details.toPlainText()))
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_button = copy
        layout.addWidget(buttons)


class CrashDialog(TextDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None):
        super().__init__("almen-gui: uventet fejl",
                         "Der opstod en uventet fejl. Programmet kører videre, men det du lige gjorde, blev måske ikke "
                         f"gennemført.\nFejlen er gemt i logfilen: {log_path}",
                         details, parent, copy_button=True)
        self.log_path = log_path


class Messages:
    """How the window's parts speak to the user: a message that does not block the window, a file's problems in one
    dialog, a line in the status bar. The last message and problems dialog are kept, so they stay open.

    While the window is hidden (the kiosk has the screen) no message opens over the kiosk: it is logged instead.
    """

    def __init__(self, window: QMainWindow):
        self._window = window
        self.message_box: QMessageBox | None = None
        self.problems_dialog: TextDialog | None = None

    def warn(self, title: str, text: str) -> None:
        self.message(title, text, QMessageBox.Icon.Warning)

    def inform(self, title: str, text: str) -> None:
        self.message(title, text, QMessageBox.Icon.Information)

    def message(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        if not self._window.isVisible():
            log.warning("%s: %s", title, text)
            return
        self.message_box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._window)
        self.message_box.open()
        announce(self.message_box, f"{title}. {text}", urgent=icon == QMessageBox.Icon.Warning)

    def problems(self, title: str, heading: str, error: DataError) -> None:
        """The problems with a file (the first 50, then how many more) in one dialog; whatever was shown stays."""
        log.warning("%s: %s", title, error)
        if not self._window.isVisible():
            return
        lines = [str(p) for p in error.problems]
        if getattr(error, "omitted", 0):
            lines.append(f"… og {count_noun(error.omitted, 'problem', 'problemer')} mere")
        self.problems_dialog = TextDialog(title, heading, "\n".join(lines), self._window)
        self.problems_dialog.show()

    def status(self, text: str, milliseconds: int) -> None:
        self._window.statusBar().showMessage(text, milliseconds)
def ask(parent: QWidget, title: str, text: str, choices: list[tuple[str, object]], on_answer) -> QMessageBox:
    """A question with a button per choice (label, answer), opened without blocking the window; on_answer(answer) is
    called once one is clicked. The last choice is the cancelling one, also for Escape and the window's close button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    answers = {}
    for number, (label, answer) in enumerate(choices):
        last = number == len(choices) - 1
        button = box.addButton(label, QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole)
        answers[button] = answer
        if last:
            box.setEscapeButton(button)
            box.setDefaultButton(button)  # Enter never replaces a file by accident
    box.finished.connect(lambda _result: on_answer(answers.get(box.clickedButton(), choices[-1][1])))
    box.open()
    return box
