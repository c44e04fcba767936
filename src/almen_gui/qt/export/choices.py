"""What every factsheet export asks: size, format and layout (or the carousel), and the folder it suggests; the
single export and export-all share these choices and read them the same way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLayout

from almen_gui.factsheet.export import default_layout
from almen_gui.factsheet.formats import SheetFormat, SheetLayout, SheetSize

SIZE_LABELS = {SheetSize.A4: "A4 til tryk (2480 × 3508 px, 300 dpi)", SheetSize.SCREEN: "Skærm (1920 × 1080 px)",
               SheetSize.SQUARE: "Kvadrat til sociale medier (1080 × 1080 px)"}
FORMAT_LABELS = {SheetFormat.PNG: "PNG-billede", SheetFormat.PDF: "PDF-dokument"}
LAYOUT_LABELS = {SheetLayout.WHOLE: "Hele faktaarket (2 sider)", SheetLayout.ONE_PAGE: "Kort (1 side)"}


def default_folder(fmt: SheetFormat) -> Path:
    """The user's Pictures folder for images, Documents for PDFs; home if those do not exist."""
    location = (QStandardPaths.StandardLocation.PicturesLocation if fmt == SheetFormat.PNG
                else QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder if folder.is_dir() else Path.home()


def sheet_choices() -> tuple[QComboBox, QComboBox, QComboBox, QCheckBox]:
    """The size, format and layout choices and the carousel box: the same in the single export and in export-all."""
    boxes = []
    for labels, name in ((SIZE_LABELS, "Størrelse"), (FORMAT_LABELS, "Format"), (LAYOUT_LABELS, "Layout")):
        box = QComboBox()
        for key, label in labels.items():
            box.addItem(label, key)
        box.setAccessibleName(name)
        boxes.append(box)
    return (*boxes, QCheckBox("Karrusel: seks billeder, ét budskab hver"))


def offer_layouts(size: QComboBox, fmt: QComboBox, layout: QComboBox, carousel: QCheckBox) -> None:
    """Only the layouts that exist for the chosen size and format, starting from that combination's default."""
    a4 = SheetSize(size.currentData()) == SheetSize.A4
    layout.setEnabled(a4)
    if a4:
        layout.blockSignals(True)
        layout.setCurrentIndex(layout.findData(default_layout(SheetFormat(fmt.currentData()), SheetSize.A4)))
        layout.blockSignals(False)
    square_png = (SheetSize(size.currentData()), SheetFormat(fmt.currentData())) == (SheetSize.SQUARE,
                                                                                      SheetFormat.PNG)
    carousel.setEnabled(square_png)
    carousel.setVisible(square_png)


def chosen_layout(size: QComboBox, layout: QComboBox, carousel: QCheckBox) -> SheetLayout:
    """The one-page digest, the whole sheet (A4 only) or the carousel (square PNGs only)."""
    if carousel.isEnabled() and carousel.isChecked():
        return SheetLayout.CAROUSEL
    if SheetSize(size.currentData()) == SheetSize.A4:
        return SheetLayout(layout.currentData())
    return SheetLayout.ONE_PAGE


class SheetChoices:
    """What the size, format and layout choices made by sheet_choices() say; both export dialogs have them."""

    size_choice: QComboBox
    format_choice: QComboBox
    layout_choice: QComboBox
    carousel: QCheckBox

    @property
    def size_key(self) -> SheetSize:
        return SheetSize(self.size_choice.currentData())

    @property
    def format_key(self) -> SheetFormat:
        return SheetFormat(self.format_choice.currentData())

    @property
    def layout_key(self) -> SheetLayout:
        """The one-page digest, the whole sheet (A4 only) or the carousel (square PNGs only)."""
        return chosen_layout(self.size_choice, self.layout_choice, self.carousel)

    def restore_choices(self, settings) -> None:
        """Offer the size, format and layout chosen last time (kept in Settings by remember_choices)."""
        for box, key in ((self.size_choice, "export_size"), (self.format_choice, "export_format")):
            index = box.findData(settings.get(key))
            if index >= 0:
                box.setCurrentIndex(index)
        layout = settings.get("export_layout")
        if layout == "karrusel" and self.carousel.isEnabled():
            self.carousel.setChecked(True)
        elif self.layout_choice.isEnabled() and self.layout_choice.findData(layout) >= 0:
            self.layout_choice.setCurrentIndex(self.layout_choice.findData(layout))

    def remember_choices(self, settings) -> None:
        settings.set("export_size", self.size_key)
        settings.set("export_format", self.format_key)
        settings.set("export_layout", self.layout_key)

    def choices_form(self, place: str, place_row: QLayout, note: QLabel) -> QFormLayout:
        """The choices, then where the files go (`place`: "Gem som" or "Mappe") and a note under it."""
        form = QFormLayout()
        form.addRow("Størrelse:", self.size_choice)
        form.addRow("Format:", self.format_choice)
        form.addRow("Layout:", self.layout_choice)
        form.addRow("", self.carousel)
        form.addRow(f"{place}:", place_row)
        # a field in a row of its own is named by the row's label, as the drop-downs are (QFormLayout's buddies)
        form.labelForField(place_row).setBuddy(place_row.itemAt(0).widget())
        form.addRow("", note)
        return form


def replace_question(existing: list[Path]) -> str:
    """The question before files are replaced: which, and where."""
    folder = existing[0].parent
    if len(existing) == 1:
        return f"{existing[0].name} findes allerede i {folder}. Vil du erstatte den?"
    return f"{len(existing)} af filerne findes allerede i {folder} ({existing[0].name} …). Vil du erstatte dem?"


def export_buttons() -> QDialogButtonBox:
    """Eksportér and Annullér."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Eksportér")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annullér")
    return buttons
