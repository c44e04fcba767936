"""Fil → Eksportér alle…: the single export's size, format and layout choices for every kommune with a complete
sheet, and the folder to write them into; how many sheets, on whose figures, is said as `almen list` says it."""

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

from almen_gui.model.coverage import sheets_sentence
from almen_gui.qt.export_choices import SheetChoices, export_buttons, offer_layouts, sheet_choices


class ExportAllDialog(SheetChoices, QDialog):
    """Fil → Eksportér alle…: the same size, format, layout and carousel choices as the single export, and the folder.
    No preview: every kommune's sheet is different."""

    def __init__(self, folder: Path, sources: list[str | None], parent: QWidget | None = None):
        """sources: each kommune's sheet source (model/coverage.py; None for a kommune without a complete sheet)."""
        super().__init__(parent)
        self.setWindowTitle("Eksportér alle faktaark")
        self.size_choice, self.format_choice, self.layout_choice, self.carousel = sheet_choices()
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setAccessibleName("Mappe")
        browse = QPushButton("Vælg…")
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        count = sum(1 for source in sources if source)
        self.count_label = QLabel(sheets_sentence(sources))
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
