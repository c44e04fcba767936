"""Small dialogs: crash report, data problems, data sources, about, and a question that does not block."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class TextDialog(QDialog):
    """A heading, an explanation and a read-only text box, with Luk (and optionally Kopiér detaljer)."""

    def __init__(self, title: str, heading: str, text: str, parent: QWidget | None = None, copy_button: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 420)
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
