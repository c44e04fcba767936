"""The main window's output: export one factsheet, export all, print (all through the one renderer), and the table of
every kommune's figures.

A mixin of MainWindow (it uses the window's state, status bar and _tell). Danmarks Statistik's figures come from the
state only, so a sheet says what the window shows, also right after Fil → Hent tal fra Danmarks Statistik….
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from almen_gui.model import DataError
from almen_gui.model.formatting import count_noun

XLSX_FILTER, CSV_FILTER = "Excel-regneark (*.xlsx)", "CSV, semikolonsepareret (*.csv)"


class SheetOutput:
    """The Fil menu's Eksportér faktaark, Eksportér alle, Eksportér tabel and Udskriv."""

    def _current_spec(self):
        """The current kommune's factsheet; None (and one sentence to the user) if the text template is broken."""
        from almen_gui.factsheet.spec import TemplateError, build_spec

        try:
            return build_spec(self.state.dataset, self.state.kode, dst=self.state.dst)
        except TemplateError as exc:
            self._tell("Faktaarket kan ikke laves", f"{str(exc)[0].upper()}{str(exc)[1:]}.", QMessageBox.Icon.Warning)
            return None

    def export_current(self) -> None:
        from almen_gui.qt.export_dialog import ExportDialog

        kommune = self.state.dataset.kommuner.by_code(self.state.kode)
        spec = self._current_spec()
        if spec is None:
            return
        self.export_dialog = ExportDialog(spec, kommune.navn, self)
        self.export_dialog.accepted.connect(lambda: self.statusBar().showMessage(self.export_dialog.summary, 10_000))
        self.export_dialog.open()

    def choose_export_all_folder(self) -> None:
        """Fil → Eksportér alle…: size, format, layout or carousel, and the folder; then export."""
        from almen_gui.model.coverage import sheet_sources
        from almen_gui.qt.export_all_dialog import ExportAllDialog
        from almen_gui.qt.export_choices import default_folder

        sources = list(sheet_sources(self.state.dataset, self.state.dst).values())
        self.export_all_dialog = ExportAllDialog(default_folder("png"), sources, self)
        self.export_all_dialog.accepted.connect(self._on_export_all_dialog_accepted)
        self.export_all_dialog.open()

    def _on_export_all_dialog_accepted(self) -> None:
        dialog = self.export_all_dialog
        self.export_all(dialog.folder, dialog.format_key, dialog.size_key, dialog.layout_key)

    def export_all(self, folder: Path, fmt: str = "png", size: str = "a4", layout: str | None = None):
        """Export every kommune with a complete sheet (the dataset's figures, or Danmarks Statistik's when fetched),
        with a progress dialog that can be cancelled."""
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from almen_gui.factsheet.export import ExportError, export_many
        from almen_gui.model.coverage import sheet_sources

        dataset, dst = self.state.dataset, self.state.dst
        koder = [kode for kode, source in sheet_sources(dataset, dst).items() if source]
        progress = QProgressDialog("Eksporterer faktaark…", "Annullér", 0, len(koder), self)
        progress.setWindowTitle("Eksportér alle")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def on_progress(done: int, total: int, name: str) -> bool:
            progress.setValue(done)
            progress.setLabelText(f"{done} af {total}: {name}")
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = export_many(dataset, koder, folder, fmt, size, progress=on_progress, layout=layout, dst=dst)
        except ExportError as exc:
            progress.close()
            self._tell("Faktaarkene blev ikke gemt", str(exc), QMessageBox.Icon.Warning)
            return None
        progress.close()
        skipped = len(dataset.kommuner) - len(koder)
        lines = [f"{result.sheets} faktaark gemt i {folder}."]
        if result.cancelled:
            lines.append("Eksporten blev afbrudt.")
        if skipped:
            lines.append(f"{count_noun(skipped, 'kommune', 'kommuner')} blev sprunget over, fordi datasættet ikke har "
                         f"alle {'dens' if skipped == 1 else 'deres'} tal.")
        lines += [f"{name}: {why}" for name, why in result.failed]
        self._tell("Eksportér alle", "\n".join(lines),
                   QMessageBox.Icon.Warning if result.failed else QMessageBox.Icon.Information)
        return result

    def print_current(self) -> None:
        """Ctrl+P: the same confirmation as export for missing figures, the print dialog, then say it is done."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from almen_gui.qt.export_dialog import confirm_incomplete

        spec = self._current_spec()
        if spec is None or (spec.missing and not confirm_incomplete(self, spec, "Udskriv")):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted and self.print_to(printer):
            self.statusBar().showMessage(f"Faktaarket for {spec.kommune} er sendt til printeren.", 10_000)

    def print_to(self, printer) -> bool:
        """Draw the whole two-page A4 sheet on a printer through the one factsheet renderer; False if it failed."""
        from PySide6.QtGui import QPageLayout, QPainter, QPageSize

        from almen_gui.factsheet.export import draw_full_sheet

        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                          printer.pageLayout().margins()))
        spec = self._current_spec()
        if spec is None:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self._tell("Udskrivning mislykkedes", "Printeren kunne ikke startes.", QMessageBox.Icon.Warning)
            return False
        try:
            page = printer.pageRect(printer.Unit.DevicePixel)  # the painter's origin is already the printable area
            draw_full_sheet(painter, spec, printer.newPage, round(page.width()), round(page.height()))
        finally:
            painter.end()
        return True

    def choose_table_file(self) -> None:
        from almen_gui.qt.export_choices import default_folder

        suggestion = default_folder("pdf") / "almene-boliger.xlsx"  # Documents, as for a PDF
        path, chosen = QFileDialog.getSaveFileName(self, "Eksportér tabel", str(suggestion),
                                                   f"{XLSX_FILTER};;{CSV_FILTER}")
        if path:
            path = Path(path)
            if path.suffix.lower() not in (".csv", ".xlsx"):  # a name typed without its ending gets the chosen one
                path = path.with_name(path.name + (".csv" if chosen == CSV_FILTER else ".xlsx"))
            self.export_table(path)

    def export_table(self, path: Path) -> bool:
        """Every kommune's figures, BL's and DST's latest year, as `almen table --out FILE` writes them."""
        from almen_gui.model.figures_table import write_figures_table
        from almen_gui.model.files import WriteError

        try:
            write_figures_table(path, self.state.dataset, self.state.dst)
        except (DataError, WriteError) as exc:
            self._tell("Tabellen blev ikke gemt", f"{str(exc).rstrip('.')}.", QMessageBox.Icon.Warning)
            return False
        without = "" if self.state.dst is not None else " (kun datasættets tal: Danmarks Statistiks er ikke hentet)"
        self.statusBar().showMessage(f"Tabellen er gemt i {path}{without}.", 15_000)
        return True
