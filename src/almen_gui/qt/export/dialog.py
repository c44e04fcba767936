"""Fil → Eksportér faktaark…: a preview of every page, size, format and layout (the whole two-page sheet, the
one-page digest or the social-media carousel), a sensible file name, and one clear sentence on errors. Printing asks
the same question before a sheet with missing figures (confirm_incomplete)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
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

from almen_gui.factsheet import style
from almen_gui.factsheet.export import ExportError, sheet_paths, write_sheet
from almen_gui.factsheet.formats import SheetLayout
from almen_gui.factsheet.pages import page_images
from almen_gui.factsheet.render import render_image
from almen_gui.factsheet.spec import FactsheetSpec, file_name
from almen_gui.model.coverage import BL, DST, SHEET_ON
from almen_gui.model.errors import join_and
from almen_gui.model.formatting import in_sentence
from almen_gui.qt.common.dialogs import ask
from almen_gui.qt.export.choices import (FORMAT_LABELS, SheetChoices, default_folder, export_buttons, offer_layouts,
                                         replace_question, sheet_choices)
from almen_gui.qt.common.screens import FRAME_ALLOWANCE, TITLE_ALLOWANCE, screen_of

PREVIEW_BOX = 420  # the preview's height; pages stand side by side, squares in two rows of three


def missing_text(spec: FactsheetSpec) -> str:
    """The sentence export and print both show before a sheet with missing figures is made."""
    return f"{spec.kommune} mangler {len(spec.missing)} tal: {join_and([in_sentence(m) for m in spec.missing])}."


def confirm_incomplete(parent: QWidget, spec: FactsheetSpec, verb: str) -> bool:
    """Ask before exporting or printing a sheet with missing figures; True if the user goes ahead."""
    answer = QMessageBox.question(parent, f"{verb} faktaark", f"{missing_text(spec)}\n\n{verb} alligevel? "
                                  "Manglende tal står som ”ikke oplyst”.",
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def contact_sheet(images: list[QImage], columns: int) -> QImage:
    """Pages side by side (in rows of `columns`) with a small gap, for the preview."""
    width, height = images[0].width(), images[0].height()
    gap = max(8, width // 40)
    rows = -(-len(images) // columns)
    sheet = QImage(columns * width + (columns - 1) * gap, rows * height + (rows - 1) * gap, QImage.Format.Format_RGB32)
    sheet.fill(QColor(style.colour("preview_gap")))
    painter = QPainter(sheet)
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        painter.drawImage(QPointF(column * (width + gap), row * (height + gap)), image)
    painter.end()
    return sheet


class ExportDialog(SheetChoices, QDialog):
    def __init__(self, spec: FactsheetSpec, kommune_navn: str, parent: QWidget | None = None, settings=None):
        super().__init__(parent)
        self.spec = spec
        self.settings = settings  # the last size, format and layout are offered again, and kept when exporting
        self.kommune_navn = kommune_navn
        self.written: Path | None = None
        self.written_files: list[Path] = []
        self.setWindowTitle(f"Eksportér faktaark – {spec.kommune}")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_BOX // 2, PREVIEW_BOX // 2)
        self.preview.setAccessibleName("Forhåndsvisning af faktaarket")
        self.size_choice, self.format_choice, self.layout_choice, self.carousel = sheet_choices()
        self.files_label = QLabel()
        self.files_label.setWordWrap(True)
        self.files_label.setStyleSheet(f"color: {style.MUTED};")
        self.path_edit = QLineEdit()
        browse = QPushButton("Vælg…")
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        # whose figures the sheet tells, in the words of the kommune list and `almen list`
        self.source_label = QLabel(f"Faktaark på {SHEET_ON[DST if spec.dst_based else BL]}.")
        self.source_label.setAccessibleName("Faktaarkets tal")
        self.allow_incomplete = QCheckBox("Eksportér alligevel – manglende tal står som ”ikke oplyst”")
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(f"color: {style.colour('warning_text')};")
        if spec.missing:
            self.missing_label.setText(missing_text(spec))
        self.missing_label.setVisible(bool(spec.missing))
        self.allow_incomplete.setVisible(bool(spec.missing))

        form = self.choices_form("Gem som", path_row, self.files_label)
        self.buttons = export_buttons()
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.source_label)
        side.addWidget(self.missing_label)
        side.addWidget(self.allow_incomplete)
        side.addStretch(1)
        side.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addLayout(side, 1)

        self.size_choice.currentIndexChanged.connect(self._on_kind_changed)
        self.format_choice.currentIndexChanged.connect(self._on_kind_changed)
        self.layout_choice.currentIndexChanged.connect(self._on_layout_changed)
        self.carousel.toggled.connect(self._on_layout_changed)
        self.path_edit.textChanged.connect(self._update_files_label)
        self.allow_incomplete.toggled.connect(self._update_save_button)
        self._preview_key = None
        self._on_kind_changed()
        if settings is not None:
            self.restore_choices(settings)
        self._update_save_button()

    def _on_kind_changed(self, *_):
        """Size or format changed: the layouts that exist for it, its default layout, the file name, the preview."""
        offer_layouts(self.size_choice, self.format_choice, self.layout_choice, self.carousel)
        self._on_layout_changed()

    def _on_layout_changed(self, *_):
        current = self.path_edit.text()
        folder = Path(current).parent if current else default_folder(self.format_key)
        self.path_edit.setText(str(folder / file_name(self.kommune_navn, self.spec.year, self.format_key,
                                                      self.size_key, self.layout_key)))
        self._update_files_label()
        self._update_preview()

    def _update_files_label(self, *_):
        paths = sheet_paths(Path(self.path_edit.text().strip() or "."), self.format_key, self.layout_key)
        self.files_label.setText("" if len(paths) == 1 else
                                 f"Skriver {len(paths)} filer: {paths[0].name} … {paths[-1].name}")

    def _update_preview(self, *_):
        # Rendered at the export's own pixel size and scaled down, so the preview shows exactly what is written.
        key = (self.size_key, self.layout_key)
        if key == self._preview_key:
            return
        self._preview_key = key
        layout = self.layout_key
        if layout == SheetLayout.ONE_PAGE:
            image, width = render_image(self.spec, self.size_key), PREVIEW_BOX
        else:
            pages = page_images(self.spec, layout)
            image = contact_sheet(pages, 2 if layout == SheetLayout.WHOLE else 3)
            width = round(PREVIEW_BOX * 1.5)
        # Two pages or six squares are wider than one page: the dialog grows (and shrinks back) to show them whole,
        # but never past the screen (1366×768 at 150 % is 911 pixels wide), the choices beside them kept whole.
        area = screen_of(self).availableGeometry()
        margins = self.layout().contentsMargins()
        beside = (self.layout().itemAt(1).minimumSize().width() + self.layout().spacing() + margins.left()
                  + margins.right() + FRAME_ALLOWANCE)
        width = max(min(width, area.width() - beside), PREVIEW_BOX // 2)
        # Nor past its foot (1366×768 at 200 % is 384 pixels high): the preview gives way, the buttons stay on screen.
        box = max(min(PREVIEW_BOX, area.height() - TITLE_ALLOWANCE - margins.top() - margins.bottom()),
                  PREVIEW_BOX // 2)
        scaled = image.scaled(width, box, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.preview.setMinimumSize(max(min(box, width), scaled.width()), box)
        self.adjustSize()
        if self.isVisible():
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Grown (or opened) past the screen's edge: back onto it."""
        area, frame = screen_of(self).availableGeometry(), self.frameGeometry()
        if not area.contains(frame):
            self.move(max(area.left(), min(self.x(), self.x() - (frame.right() - area.right()))),
                      max(area.top(), min(self.y(), self.y() - (frame.bottom() - area.bottom()))))

    def showEvent(self, event):  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._keep_on_screen()

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
        existing = [p for p in sheet_paths(path, self.format_key, self.layout_key) if p.exists()]
        if existing:  # a sheet exported before, or the user's own file: never replaced without asking
            self.replace_box = ask(self, "Eksportér faktaark", replace_question(existing),
                                   [("Erstat", True), ("Annullér", False)],
                                   lambda replace: replace and self._export_and_close(path))
            return
        self._export_and_close(path)

    def _export_and_close(self, path: Path) -> None:
        if self.export_to(path):
            if self.settings is not None:
                self.remember_choices(self.settings)
            self.accept()

    @property
    def summary(self) -> str:
        """What was written, for the window's status bar."""
        if len(self.written_files) > 1:
            return f"{len(self.written_files)} filer gemt i {self.written_files[0].parent}"
        return f"Faktaark gemt: {self.written}"

    def export_to(self, path: Path) -> bool:
        """Write the sheet; on failure tell the user in one sentence and keep the dialog open."""
        try:
            self.written_files = write_sheet(self.spec, path, self.format_key, self.size_key, self.layout_key)
            self.written = self.written_files[0]
        except ExportError as exc:
            self.error_box = QMessageBox(QMessageBox.Icon.Warning, "Faktaarket blev ikke gemt", str(exc),
                                         QMessageBox.StandardButton.Ok, self)
            self.error_box.open()
            return False
        return True
