"""Small dialogs: crash report, data problems, data sources, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from almen_gui.qt.common.screens import fitting


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
