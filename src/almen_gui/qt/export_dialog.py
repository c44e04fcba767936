"""Fil → Eksportér faktaark…: a preview, size and format, a sensible file name, and one clear sentence on errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from almen_gui.factsheet.export import ExportError, write_factsheet
from almen_gui.factsheet.render import render_image
from almen_gui.factsheet.spec import FactsheetSpec, file_name
from almen_gui.model.errors import join_or

SIZE_LABELS = {"a4": "A4 til tryk (2480 × 3508 px, 300 dpi)", "skaerm": "Skærm (1920 × 1080 px)",
               "kvadrat": "Kvadrat til sociale medier (1080 × 1080 px)"}
FORMAT_LABELS = {"png": "PNG-billede", "pdf": "PDF-dokument"}
PREVIEW_BOX = 420


def default_folder(fmt: str) -> Path:
    """The user's Pictures folder for images, Documents for PDFs; home if those do not exist."""
    location = (QStandardPaths.StandardLocation.PicturesLocation if fmt == "png"
                else QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder if folder.is_dir() else Path.home()


class ExportDialog(QDialog):
    def __init__(self, spec: FactsheetSpec, kommune_navn: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.kommune_navn = kommune_navn
        self.written: Path | None = None
        self.setWindowTitle(f"Eksportér faktaark – {spec.kommune}")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_BOX, PREVIEW_BOX)
        self.preview.setAccessibleName("Forhåndsvisning af faktaarket")
        self.size_choice = QComboBox()
        for key, label in SIZE_LABELS.items():
            self.size_choice.addItem(label, key)
        self.size_choice.setAccessibleName("Størrelse")
        self.format_choice = QComboBox()
        for key, label in FORMAT_LABELS.items():
            self.format_choice.addItem(label, key)
        self.format_choice.setAccessibleName("Format")
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Filnavn")
        browse = QPushButton("Vælg…")
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.allow_incomplete = QCheckBox("Eksportér alligevel – manglende tal står som «ikke oplyst»")
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #9A4A10;")
        if spec.missing:
            self.missing_label.setText(f"{spec.kommune} mangler {len(spec.missing)} tal: "
                                       f"{join_or([m.lower() for m in spec.missing])}.")
        self.missing_label.setVisible(bool(spec.missing))
        self.allow_incomplete.setVisible(bool(spec.missing))

        form = QFormLayout()
        form.addRow("Størrelse:", self.size_choice)
        form.addRow("Format:", self.format_choice)
        form.addRow("Gem som:", path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Eksportér")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annullér")
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.missing_label)
        side.addWidget(self.allow_incomplete)
        side.addStretch(1)
        side.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addLayout(side, 1)

        self.size_choice.currentIndexChanged.connect(self._update_preview)
        self.format_choice.currentIndexChanged.connect(self._on_format_changed)
        self.allow_incomplete.toggled.connect(self._update_save_button)
        self._on_format_changed()
        self._update_preview()
        self._update_save_button()

    @property
    def size_key(self) -> str:
        return self.size_choice.currentData()

    @property
    def format_key(self) -> str:
        return self.format_choice.currentData()

    def _on_format_changed(self, *_):
        current = self.path_edit.text()
        folder = Path(current).parent if current else default_folder(self.format_key)
        self.path_edit.setText(str(folder / file_name(self.kommune_navn, self.spec.year, self.format_key)))

    def _update_preview(self, *_):
        # Rendered at the export's own pixel size and scaled down, so the preview shows exactly what is written.
        image = render_image(self.spec, self.size_key)
        scaled = image.scaled(PREVIEW_BOX, PREVIEW_BOX, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(QPixmap.fromImage(scaled))

    def _update_save_button(self, *_):
        self.save_button.setEnabled(not self.spec.missing or self.allow_incomplete.isChecked())

    def _on_browse_clicked(self):
        fmt = self.format_key
        path, _ = QFileDialog.getSaveFileName(self, "Gem faktaark", self.path_edit.text(),
                                              f"{FORMAT_LABELS[fmt]} (*.{fmt})")
        if path:
            self.path_edit.setText(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")

    def _on_export_clicked(self):
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != f".{self.format_key}":
            path = path.with_name(f"{path.name}.{self.format_key}")
        if self.export_to(path):
            self.accept()

    def export_to(self, path: Path) -> bool:
        """Write the sheet; on failure tell the user in one sentence and keep the dialog open."""
        try:
            self.written = write_factsheet(self.spec, path, self.format_key, self.size_key)
        except ExportError as exc:
            self.error_box = QMessageBox(QMessageBox.Icon.Warning, "Faktaarket blev ikke gemt", str(exc),
                                         QMessageBox.StandardButton.Ok, self)
            self.error_box.open()
            return False
        return True
