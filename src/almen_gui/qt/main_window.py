"""The main window: kommune list on the left, stats panel and charts on the right, Danish menus."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QWidget,
)

from almen_gui import __version__, paths
from almen_gui.model import DataError, Dataset, load_bundled_dataset, load_dataset
from almen_gui.model.files import WriteError, remember_copy
from almen_gui.model.formatting import count_noun, format_period
from almen_gui.qt.dialogs import TextDialog
from almen_gui.qt.elided_label import ElidedLabel
from almen_gui.qt.kommune_list import KommuneList
from almen_gui.qt.settings import Settings
from almen_gui.qt.state import AppState
from almen_gui.qt.stats_panel import StatsPanel

if TYPE_CHECKING:
    from almen_gui.qt.charts import ChartsView

log = logging.getLogger(__name__)
CHARTS_MIN_HEIGHT = 110  # logical pixels: the tab bar, a title and a plot a few lines high
LOW_WINDOW, NARROW_WINDOW, NARROW_LIST = 600, 1000, 180  # logical pixels


class MainWindow(QMainWindow):
    def __init__(self, state: AppState, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.settings = settings or Settings()
        self.setWindowTitle("almen-gui · Almene boliger pr. kommune")
        self.setObjectName("mainWindow")

        self.kommune_list = KommuneList(state)
        self.stats_panel = StatsPanel(state)
        self.charts: ChartsView | None = None  # built just after the window is first shown
        self._list_width = 0  # the kommune list's width before a narrow window narrowed it
        self._user_split = False  # the user has placed the splitter between cards and charts
        self.pending_boundaries: tuple[Path, bool] | None = None  # (file, remember): read with the charts
        self.dst_fetch = None  # the running or last fetch from Danmarks Statistik (qt/dst_fetch.py)
        self.stats_scroll = scroll = QScrollArea()
        scroll.setWidget(self.stats_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._right = QSplitter(Qt.Orientation.Vertical)
        self._right.setChildrenCollapsible(False)
        self._right.addWidget(scroll)
        self._right.setStretchFactor(0, 0)  # a taller window gives its extra height to the charts
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.kommune_list)
        self.splitter.addWidget(self._right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 1050])
        self.setCentralWidget(self.splitter)
        self.dataset_label = ElidedLabel()  # the dataset in use; temporary messages cover it only while they last
        self.dataset_label.setTextFormat(Qt.TextFormat.PlainText)  # a file named "<h1>…" is a name, not markup
        self.dataset_label.setAccessibleName("Datasæt i brug")
        self.statusBar().addWidget(self.dataset_label, 1)
        self._build_menus()

        self.state.kommune_changed.connect(self._on_kommune_changed)
        self.state.dataset_changed.connect(self._on_dataset_changed)
        self.stats_panel.open_dataset_requested.connect(self.choose_dataset)
        self._on_dataset_changed(self.state.dataset)
        self._restore()
        self.stats_panel.installEventFilter(self)

    # --- building -------------------------------------------------------------------------------------------------
    def _action(self, menu, text: str, slot=None, shortcut=None, enabled: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if slot:
            action.triggered.connect(slot)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        fil = bar.addMenu("&Fil")
        self.open_action = self._action(fil, "Åbn datasæt…", self.choose_dataset, "Ctrl+O")
        self.restore_action = self._action(fil, "Gendan medfølgende data", self.restore_bundled_data)
        self.boundaries_action = self._action(fil, "Indlæs kommunegrænser…", self.choose_boundaries)
        self.dst_fetch_action = self._action(fil, "Hent tal fra Danmarks Statistik…", self.fetch_dst)
        fil.addSeparator()
        self.export_action = self._action(fil, "Eksportér faktaark…", self.export_current, "Ctrl+E")
        self.export_all_action = self._action(fil, "Eksportér alle…", self.choose_export_all_folder)
        self.print_action = self._action(fil, "Udskriv…", self.print_current, "Ctrl+P")
        fil.addSeparator()
        self.quit_action = self._action(fil, "Afslut", self.close, "Ctrl+Q")
        vis = bar.addMenu("&Vis")
        self.fullscreen_action = self._action(vis, "Fuld skærm", self.toggle_fullscreen, "F11")
        self.fullscreen_action.setCheckable(True)
        # triggered(bool) would pass its unchecked state as full_screen=False: the kiosk always takes the screen.
        self.kiosk_action = self._action(vis, "Kiosktilstand", lambda: self.start_kiosk())
        hjaelp = bar.addMenu("&Hjælp")
        self._action(hjaelp, "Om almen-gui", self.show_about)
        self._action(hjaelp, "Datakilder", self.show_sources)
        search = QAction("Søg kommune", self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.kommune_list.focus_search)
        self.addAction(search)
        self.toolbar = toolbar = self.addToolBar("Værktøjer")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action in (self.open_action, self.export_action, self.print_action):
            toolbar.addAction(action)

    def ensure_charts(self) -> ChartsView:
        """Build the charts; deferred until the list and figures are painted, so the window appears at once."""
        if self.charts is None:
            from almen_gui.qt.charts import ChartsView  # pyqtgraph and numpy load here, after the first paint

            self.charts = ChartsView(self.state)
            self.charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
            self._right.addWidget(self.charts)
            self._right.setStretchFactor(1, 1)
            self.charts.comparison.set_field(self.settings.get("comparison_field"))
            self.charts.comparison.field_changed.connect(lambda name: self.settings.set("comparison_field", name))
            if self.pending_boundaries is not None:
                path, remember = self.pending_boundaries
                self.pending_boundaries = None
                self.load_boundaries(path, remember)
            sizes = self.settings.get("chart_splitter")
            if not sizes.isEmpty():
                self._user_split = self._right.restoreState(sizes)
            self._right.splitterMoved.connect(self._on_chart_splitter_moved)
            self.fit_figures()
        return self.charts

    def fit_figures(self) -> None:
        """Every figure card whole, without scrolling: the cards get the height they need (denser cards when the
        window is low, e.g. 1366×768 or a 150 % or 200 % scale factor), the charts the rest."""
        if self.charts is None:
            return
        # On a low or narrow window the figures need the room more than the toolbar (its actions are in Fil) and
        # the list (a kommune name fits in 180 pixels).
        self.toolbar.setVisible(self.height() >= LOW_WINDOW)
        list_width = self.splitter.sizes()[0]
        if self.width() < NARROW_WINDOW and list_width > NARROW_LIST:
            self._list_width = list_width  # given back when the window is wide again
            self.splitter.setSizes([NARROW_LIST, self.splitter.width() - NARROW_LIST])
        elif self.width() >= NARROW_WINDOW and self._list_width and list_width == NARROW_LIST:
            self.splitter.setSizes([self._list_width, self.splitter.width() - self._list_width])
            self._list_width = 0
        self.layout().activate()  # the splitters take their new sizes now, before they are measured
        available = self._right.height() - self._right.handleWidth()
        width = self.stats_scroll.width()
        need = self._stats_height(width, dense=False)
        if need + CHARTS_MIN_HEIGHT > available:
            need = self._stats_height(width, dense=True)
        stats = need
        if self._user_split and self._right.sizes()[0] + CHARTS_MIN_HEIGHT <= available:
            stats = max(self._right.sizes()[0], need)  # a user who gave the cards more room keeps it
        self._right.setSizes([stats, max(available - stats, CHARTS_MIN_HEIGHT)])

    def _on_chart_splitter_moved(self, *_) -> None:
        self._user_split = True

    def _stats_height(self, width: int, dense: bool) -> int:
        self.stats_panel.set_dense(dense)
        self.stats_panel.resize(width, self.stats_panel.height())  # the number of columns follows the width
        layout = self.stats_panel.layout()
        layout.activate()
        return layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()

    # --- state: the views follow it themselves; the window shows only the dataset and kommune in its own bars -------
    def _on_dataset_changed(self, dataset: Dataset) -> None:
        periods = sorted({format_period(f.period) for f in dataset.metadata.fields})
        self.dataset_label.setText(f"Datasæt: {dataset.label} · perioder: {', '.join(periods)} · kilde: {dataset.metadata.source}")
        self.restore_action.setEnabled(dataset.path is not None)
        self._on_kommune_changed(self.state.kode)

    def _on_kommune_changed(self, kode: int) -> None:
        kommune = self.state.dataset.kommuner.by_code(kode)
        self.setWindowTitle(f"{kommune.officielt_navn} · almen-gui")

    # --- actions --------------------------------------------------------------------------------------------------
    def choose_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Åbn datasæt", str(Path.home()),
                                              "Datasæt (*.csv *.xlsx);;Alle filer (*)")
        if path:
            self.open_dataset(Path(path))

    def open_dataset(self, path: Path) -> bool:
        """Load a user's dataset; on problems show them all and keep the current data."""
        try:
            dataset = load_dataset(path)
        except DataError as exc:
            self.show_data_problems(path, exc)
            return False
        self._remember(path, "datasets", "dataset_path")
        self.state.set_dataset(dataset)
        return True

    def _current_spec(self):
        """The current kommune's factsheet; None (and one sentence to the user) if the text template is broken."""
        from almen_gui.factsheet.spec import TemplateError, build_spec

        try:
            return build_spec(self.state.dataset, self.state.kode)
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
        from almen_gui.qt.export_dialog import default_folder

        folder = QFileDialog.getExistingDirectory(self, "Eksportér alle faktaark til mappe", str(default_folder("png")))
        if folder:
            self.export_all(Path(folder))

    def export_all(self, folder: Path, fmt: str = "png", size: str = "a4"):
        """Export every kommune with complete data, with a progress dialog that can be cancelled."""
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from almen_gui.factsheet.export import ExportError, export_many

        dataset = self.state.dataset
        koder = dataset.complete_koder()
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
            result = export_many(dataset, koder, folder, fmt, size, progress=on_progress)
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

    def _tell(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        self.message_box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self.message_box.open()

    def choose_boundaries(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Indlæs kommunegrænser", str(Path.home()),
                                              "GeoJSON (*.geojson *.json);;Alle filer (*)")
        if path:
            self.load_boundaries(Path(path))

    def load_boundaries(self, path: Path, remember: bool = True) -> bool:
        """Kommune outlines for the map from GeoJSON; on problems, say so and leave the map as it was."""
        from almen_gui.model.geo import load_boundaries

        try:
            boundaries = load_boundaries(path, self.state.dataset.kommuner)
        except DataError as exc:
            self.show_problems("Kommunegrænserne kan ikke bruges", f"{path.name} blev ikke indlæst; kortet er uændret.",
                               exc)
            return False
        self.state.set_boundaries(boundaries)
        if remember:
            self._remember(path, "boundaries", "boundaries_path")
        notes = "; ".join(str(w) for w in boundaries.warnings)
        self.statusBar().showMessage(f"Kommunegrænser: {path.name}" + (f" ({notes})" if notes else ""), 15_000)
        return True

    def show_data_problems(self, path: Path, error: DataError) -> None:
        self.show_problems("Datasættet kan ikke bruges",
                           f"{path.name} blev ikke indlæst; de hidtidige tal vises stadig.", error)

    def show_problems(self, title: str, heading: str, error: DataError) -> None:
        """The problems with a file (the first 50, then how many more) in one dialog; whatever was shown before stays."""
        log.warning("%s: %s", title, error)
        lines = [str(p) for p in error.problems]
        if getattr(error, "omitted", 0):
            lines.append(f"… og {error.omitted} problemer mere")
        self.problems_dialog = TextDialog(title, heading, "\n".join(lines), self)
        self.problems_dialog.show()

    def _remember(self, path: Path, folder: str, key: str) -> None:
        """Keep a copy in the app-data folder so the file is there next time; failing that, just log it."""
        try:
            copy = remember_copy(path, paths.user_data_dir() / folder)
        except (OSError, WriteError) as exc:
            log.warning("%s kunne ikke huskes: %s", path.name, exc)
        else:
            self.settings.set(key, str(copy))

    def restore_bundled_data(self) -> None:
        self.state.set_dataset(load_bundled_dataset())
        self.settings.set("dataset_path", "")

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def bring_to_front(self, kommune: str | None = None, data: str | None = None) -> None:
        """Another start of almen-gui handed over to us: show ourselves, with its kommune (code or name) or dataset
        file if it gave one."""
        kiosk = getattr(self, "kiosk_window", None)
        if kiosk is not None and kiosk.isVisible():
            log.info("Kiosken kører; en anden start blev ignoreret")
            return
        if self.isMinimized():
            self.showNormal()
        self.show()
        screen = self.screen().availableGeometry()
        if not screen.intersects(self.frameGeometry()):  # left on a screen that has gone: back onto its own
            self.move(screen.topLeft())
        self.raise_()
        self.activateWindow()
        if data:
            self.open_dataset(Path(data))
        if kommune:
            found = self.state.dataset.kommuner.find(kommune)
            if found is not None:
                self.state.set_kommune(found.kode)

    def start_kiosk(self, full_screen: bool = True):
        """Hand the screen to the kiosk (settings from kiosk.ini); the admin chord brings the window back."""
        from almen_gui.qt.kiosk import open_kiosk
        from almen_gui.qt.kiosk_config import KioskConfigError, load_kiosk_config

        try:
            config = load_kiosk_config()
        except KioskConfigError as exc:
            self._tell("Kiosktilstand kan ikke starte", str(exc), QMessageBox.Icon.Warning)
            return None
        self.kiosk_window, self.kiosk_controller = open_kiosk(self.state, config, full_screen)
        self.kiosk_window.exit_requested.connect(self._on_kiosk_ended)
        self.hide()
        return self.kiosk_window

    def _on_kiosk_ended(self) -> None:
        from almen_gui.qt import crash

        crash.set_dialogs_enabled(True)
        self.show()

    def show_about(self) -> None:
        QMessageBox.about(self, "Om almen-gui",
                          f"<b>almen-gui {__version__}</b><p>Tal og faktaark om almene boliger i Danmarks 98 kommuner.</p>"
                          "<p>Skrifttype: Open Sans (Apache License 2.0).</p>")

    def show_sources(self) -> None:
        metadata = self.state.dataset.metadata
        lines = [f"Datasæt: {self.state.dataset.label}", f"Kilde til kommunetal: {metadata.source}",
                 f"Reference: {metadata.reference}", "", "Tal pr. kommune:"]
        lines += [f"  {f.title} ({f.unit}, {format_period(f.period)})" + (f" – {f.note}" if f.note else "")
                  for f in metadata.fields]
        lines += ["", "Tal for hele landet:"]
        lines += [f"  {n.text}" + (f" Kilde: {n.source}." if n.source else "") for n in metadata.national_facts]
        lines += ["", metadata.kommune_attribution]
        self.sources_dialog = TextDialog("Datakilder", "Hvor tallene kommer fra", "\n".join(lines), self)
        self.sources_dialog.show()

    # --- settings -------------------------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.get("geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()  # in logical pixels: fits at 150 % and 200 % too
            if available.width() < 1000 or available.height() < 640:  # e.g. 1600×1000 at 200 %: every pixel counts
                self.setGeometry(available)
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(min(1280, round(available.width() * 0.95)), min(860, round(available.height() * 0.92)))
        state = self.settings.get("window_state")
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get("splitter")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        self.settings.set("geometry", self.saveGeometry())
        self.settings.set("window_state", self.saveState())
        self.settings.set("splitter", self.splitter.saveState())
        if self.charts is not None:
            self.settings.set("chart_splitter", self._right.saveState())
        self.settings.set("kommune", self.state.kode)
        self.settings.sync()

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): build the charts after the first paint
        if watched is self.stats_panel and event.type() == QEvent.Type.Paint and self.charts is None:
            self.stats_panel.removeEventFilter(self)
            QTimer.singleShot(0, self.ensure_charts)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # the window's layout has already given the splitters their new sizes
        self.fit_figures()

    def fetch_dst(self) -> None:
        """Fetch Danmarks Statistik's figures in a worker thread, with progress and cancel; one fetch at a time."""
        from almen_gui.qt.dst_fetch import DstFetch

        if self.dst_fetch is not None:
            if self.dst_fetch.is_running():
                return
            self.dst_fetch.wait()  # its thread is ending; it must not outlive its window
        self.dst_fetch = DstFetch(self, self.state.dataset.kommuner)
        self.dst_fetch.start()

    def closeEvent(self, event):  # noqa: N802 (Qt override)
        if self.dst_fetch is not None:
            self.dst_fetch.wait()  # a cancelled fetch writes nothing; its thread must end before the window
        self.save_settings()
        super().closeEvent(event)
