"""Fil → Eksportér alle…: the single export's size, format and layout choices for every kommune with a complete
sheet, and the folder to write them into: made if it does not exist yet, and, when sheets are there already, one
question for the whole batch (replace all, skip existing, or go back to the choices)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from almen_gui.model.coverage import sheets_sentence
from almen_gui.model.errors import os_reason
from almen_gui.qt.common.dialogs import ask
from almen_gui.qt.export.choices import SheetChoices, export_buttons, offer_layouts, sheet_choices

REPLACE_ALL, SKIP_EXISTING, CANCEL = "replace", "skip", "cancel"


class ExportAllDialog(SheetChoices, QDialog):
    """Fil → Eksportér alle…: the same size, format, layout and carousel choices as the single export, and the folder.
    No preview: every kommune's sheet is different."""

    def __init__(self, folder: Path, sources: list[str | None], parent: QWidget | None = None, settings=None,
                 existing: Callable[[Path, str, str, str], list[Path]] | None = None):
        """existing(folder, format, size, layout): the files of the batch that are in the folder already."""
        super().__init__(parent)
        self.settings = settings
        self.existing = existing
        self.skip_existing = False
        if settings is not None and settings.get("export_all_folder"):
            folder = Path(settings.get("export_all_folder"))
        self.setWindowTitle("Eksportér alle faktaark")
        self.size_choice, self.format_choice, self.layout_choice, self.carousel = sheet_choices()
        self.folder_edit = QLineEdit(str(folder))
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
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.size_choice.currentIndexChanged.connect(self._on_kind_changed)
        self.format_choice.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        if settings is not None:
            self.restore_choices(settings)

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def _on_kind_changed(self, *_):
        offer_layouts(self.size_choice, self.format_choice, self.layout_choice, self.carousel)

    def _on_export_clicked(self) -> None:
        """Make the folder if it is new (as `almen export --out` does), then ask once if sheets are there already;
        anything that goes wrong is said here, and the choices stay."""
        folder = self.folder
        if not folder.exists():
            try:
                folder.mkdir()  # one level, as the command line: a mistyped parent is not made
            except OSError as exc:
                self.error_box = QMessageBox(QMessageBox.Icon.Warning, "Mappen kunne ikke oprettes",
                                             f"Mappen {folder} kunne ikke oprettes ({os_reason(exc)}).",
                                             QMessageBox.StandardButton.Ok, self)
                self.error_box.open()
                return
        found = self.existing(folder, self.format_key, self.size_key, self.layout_key) if self.existing else []
        if not found:
            self._accept_with(REPLACE_ALL)
            return
        sheets = "faktaark" if len(found) == 1 else "filer"
        self.replace_box = ask(self, "Eksportér alle faktaark",
                               f"{len(found)} {sheets} findes allerede i {folder} ({found[0].name} …). "
                               "Vil du erstatte dem, springe dem over eller gå tilbage?",
                               [("Erstat alle", REPLACE_ALL), ("Spring eksisterende over", SKIP_EXISTING),
                                ("Annullér", CANCEL)], self._accept_with)

    def _accept_with(self, answer: str) -> None:
        if answer == CANCEL:
            return  # back to the choices, as they were
        self.skip_existing = answer == SKIP_EXISTING
        if self.settings is not None:
            self.remember_choices(self.settings)
            self.settings.set("export_all_folder", str(self.folder))
        self.accept()

    def _on_browse_clicked(self):
        folder = QFileDialog.getExistingDirectory(self, "Eksportér alle faktaark til mappe", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
