"""Fil → Eksportér alle…: the single export's size, format and layout choices for every kommune with a complete
sheet, and the folder to write them into."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from almen_gui.model.formatting import count_noun
from almen_gui.qt.export.choices import SheetChoices, export_buttons, offer_layouts, sheet_choices


class ExportAllDialog(SheetChoices, QDialog):
    """Fil → Eksportér alle…: the same size, format, layout and carousel choices as the single export, and the folder.
    No preview: every kommune's sheet is different."""

    def __init__(self, folder: Path, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Eksportér alle faktaark")
        self.size_choice, self.format_choice, self.layout_choice, self.carousel = sheet_choices()
        self.folder_edit = QLineEdit(str(folder))
        browse = QPushButton("Vælg…")
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.count_label = QLabel(f"{count_noun(count, 'kommune', 'kommuner')} har et komplet faktaark.")
        self.count_label.setWordWrap(True)
        form = self.choices_form("Mappe", folder_row, self.count_label)
        self.buttons = export_buttons()
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(count > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.size_choice.currentIndexChanged.connect(self._on_kind_changed)
        self.format_choice.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def _on_kind_changed(self, *_):
        offer_layouts(self.size_choice, self.format_choice, self.layout_choice, self.carousel)

    def _on_browse_clicked(self):
        folder = QFileDialog.getExistingDirectory(self, "Eksportér alle faktaark til mappe", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
