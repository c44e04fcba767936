"""The main window's output: export one factsheet, export all, print (all through the one renderer), and the table of
every kommune's figures.

Built from the state, the window it opens its dialogs on, and how it tells the user (common/dialogs.py Messages).
Danmarks Statistik's figures come from the state only, so a sheet says what the window shows, also right after
Fil → Hent tal fra Danmarks Statistik….
The factsheet and its renderer, the export dialogs and printing are imported inside the methods that use them (the
lazy points): they load when first used, after the window's first paint.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from almen_gui.model import DataError
from almen_gui.model.coverage import sheet_sources
from almen_gui.model.figures_table import write_figures_table
from almen_gui.model.files import WriteError
from almen_gui.model.formatting import count_noun
from almen_gui.qt.common.dialogs import Messages
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState

XLSX_FILTER, CSV_FILTER = "Excel-regneark (*.xlsx)", "CSV, semikolonsepareret (*.csv)"


class SheetOutput:
    """The Fil menu's Eksportér faktaark, Eksportér alle, Eksportér tabel and Udskriv."""

    def __init__(self, state: AppState, parent: QWidget, tell: Messages, settings: Settings):
        self.state, self.parent, self.tell, self.settings = state, parent, tell, settings
        self.export_dialog = self.export_all_dialog = None  # the last ones opened, kept while they are open

    def _current_spec(self):
        """The current kommune's factsheet; None (and one sentence to the user) if the text template is broken."""
        # lazy: the factsheet (numpy, for its locator map) and its renderer load on first use
        from almen_gui.factsheet.build import build_spec
        from almen_gui.factsheet.spec import TemplateError

        try:
            return build_spec(self.state.dataset, self.state.kode, dst=self.state.dst)
        except TemplateError as exc:
            self.tell.warn("Faktaarket kan ikke laves", f"{str(exc)[0].upper()}{str(exc)[1:]}.")
            return None

    def export_current(self) -> None:
        from almen_gui.qt.export.dialog import ExportDialog  # lazy: the renderer, on first use

        kommune = self.state.dataset.kommuner.by_code(self.state.kode)
        spec = self._current_spec()
        if spec is None:
            return
        self.export_dialog = ExportDialog(spec, kommune.navn, self.parent, self.settings)
        self.export_dialog.accepted.connect(lambda: self.tell.status(self.export_dialog.summary, 10_000))
        self.export_dialog.open()

    def choose_export_all_folder(self) -> None:
        """Fil → Eksportér alle…: size, format, layout or carousel, and the folder; then export."""
        # lazy: the export dialogs, on first use
        from almen_gui.qt.export.all_dialog import ExportAllDialog
        from almen_gui.qt.export.choices import default_folder

        sources = list(sheet_sources(self.state.dataset, self.state.dst).values())
        self.export_all_dialog = ExportAllDialog(default_folder("png"), sources, self.parent, self.settings,
                                                 self._existing_sheets)
        self.export_all_dialog.accepted.connect(self._on_export_all_dialog_accepted)
        self.export_all_dialog.open()

    def _existing_sheets(self, folder: Path, fmt: str, size: str, layout: str) -> list[Path]:
        """The files Eksportér alle would write that are in the folder already."""
        from almen_gui.factsheet.export import export_paths  # lazy: the renderer, on first use

        dataset, dst = self.state.dataset, self.state.dst
        return [path for kode, source in sheet_sources(dataset, dst).items() if source
                for path in export_paths(dataset, kode, folder, fmt, size, layout, dst) if path.exists()]

    def _on_export_all_dialog_accepted(self) -> None:
        dialog = self.export_all_dialog
        self.export_all(dialog.folder, dialog.format_key, dialog.size_key, dialog.layout_key, dialog.skip_existing)

    def export_all(self, folder: Path, fmt: str = "png", size: str = "a4", layout: str | None = None,
                   skip_existing: bool = False):
        """Export every kommune with a complete sheet (the dataset's figures, or Danmarks Statistik's when fetched),
        with a progress dialog that can be cancelled."""
        from almen_gui.factsheet.export import ExportError, export_many  # lazy: the renderer, on first use

        dataset, dst = self.state.dataset, self.state.dst
        koder = [kode for kode, source in sheet_sources(dataset, dst).items() if source]
        progress = QProgressDialog("Eksporterer faktaark…", "Annullér", 0, len(koder), self.parent)
        progress.setWindowTitle("Eksportér alle")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def on_progress(done: int, total: int, name: str) -> bool:
            progress.setValue(done)
            progress.setLabelText(f"{done} af {total}: {name}")
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = export_many(dataset, koder, folder, fmt, size, progress=on_progress, layout=layout, dst=dst,
                                 skip_existing=skip_existing)
        except ExportError as exc:
            progress.close()
            self.tell.warn("Faktaarkene blev ikke gemt", str(exc))
            return None
        progress.close()
        skipped = len(dataset.kommuner) - len(koder)
        lines = [f"{result.sheets} faktaark gemt i {folder}."]
        if result.kept:
            lines.append(f"Faktaarkene for {count_noun(len(result.kept), 'kommune', 'kommuner')} fandtes allerede i "
                         "mappen og blev ikke erstattet.")
        if result.cancelled:
            lines.append("Eksporten blev afbrudt.")
        if skipped:
            lines.append(f"{count_noun(skipped, 'kommune', 'kommuner')} blev sprunget over, fordi datasættet ikke har "
                         f"alle {'dens' if skipped == 1 else 'deres'} tal.")
        lines += [f"{name}: {why}" for name, why in result.failed]
        self.tell.message("Eksportér alle", "\n".join(lines),
                          QMessageBox.Icon.Warning if result.failed else QMessageBox.Icon.Information)
        return result

    def print_current(self) -> None:
        """Ctrl+P: the same confirmation as export for missing figures, the print dialog, then say it is done."""
        # lazy: printing (QtPrintSupport) and the renderer, on first use
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from almen_gui.qt.export.dialog import confirm_incomplete

        spec = self._current_spec()
        if spec is None or (spec.missing and not confirm_incomplete(self.parent, spec, "Udskriv")):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted and self.print_to(printer):
            self.tell.status(f"Faktaarket for {spec.kommune} er sendt til printeren.", 10_000)

    def print_to(self, printer) -> bool:
        """Draw the whole two-page A4 sheet on a printer through the one factsheet renderer; False if it failed."""
        from almen_gui.factsheet.export import draw_full_sheet  # lazy: the renderer, on first use

        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                          printer.pageLayout().margins()))
        spec = self._current_spec()
        if spec is None:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.tell.warn("Udskrivning mislykkedes", "Printeren kunne ikke startes.")
            return False
        try:
            page = printer.pageRect(printer.Unit.DevicePixel)  # the painter's origin is already the printable area
            draw_full_sheet(painter, spec, printer.newPage, round(page.width()), round(page.height()))
        finally:
            painter.end()
        return True

    def choose_table_file(self) -> None:
        from almen_gui.qt.export.choices import default_folder  # lazy: it imports the renderer

        suggestion = default_folder("pdf") / "almene-boliger.xlsx"  # Documents, as for a PDF
        path, chosen = QFileDialog.getSaveFileName(self.parent, "Eksportér tabel", str(suggestion),
                                                   f"{XLSX_FILTER};;{CSV_FILTER}")
        if path:
            path = Path(path)
            if path.suffix.lower() not in (".csv", ".xlsx"):  # a name typed without its ending gets the chosen one
                path = path.with_name(path.name + (".csv" if chosen == CSV_FILTER else ".xlsx"))
            self.export_table(path)

    def export_table(self, path: Path) -> bool:
        """Every kommune's figures, BL's and DST's latest year, as `almen table --out FILE` writes them."""
        try:
            write_figures_table(path, self.state.dataset, self.state.dst)
        except (DataError, WriteError) as exc:
            self.tell.warn("Tabellen blev ikke gemt", f"{str(exc).rstrip('.')}.")
            return False
        without = "" if self.state.dst is not None else " (kun datasættets tal: Danmarks Statistiks er ikke hentet)"
        self.tell.status(f"Tabellen er gemt i {path}{without}.", 15_000)
        return True
