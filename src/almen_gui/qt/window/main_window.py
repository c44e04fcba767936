"""The main window: it assembles the kommune list on the left, the kommune's heading and its topics on the right,
the menus and the status bar, and fits the figures to the window's size. The views follow the state themselves; the
menus, the data files, the factsheet output and the kiosk started from the window are in window_menus.py,
data_files.py, sheet_output.py and window_kiosk.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from almen_gui.model import Dataset, KommuneNotFound
from almen_gui.model.formatting import format_period
from almen_gui.qt.loading.data_files import DataFiles
from almen_gui.qt.common.elided_label import ElidedLabel
from almen_gui.qt.window.kommune_list import KommuneList
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.screens import screen_of
from almen_gui.qt.export.sheet_output import SheetOutput
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.heading import KommuneHeading
from almen_gui.qt.window.topics import TopicsView
from almen_gui.qt.window.kiosk_handover import WindowKiosk
from almen_gui.qt.window.menus import WindowMenus

LOW_WINDOW, NARROW_WINDOW, NARROW_LIST = 600, 1000, 180  # logical pixels
DST_CACHE_DELAY_MS = 250


class MainWindow(WindowMenus, DataFiles, SheetOutput, WindowKiosk, QMainWindow):
    def __init__(self, state: AppState, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.settings = settings or Settings()
        self.setWindowTitle("almen-gui · Almene boliger pr. kommune")
        self.setObjectName("mainWindow")

        self.kommune_list = KommuneList(state)
        self.heading = KommuneHeading(state)
        self.topics = TopicsView(state)  # the cards at once; the charts just after the first paint (ensure_charts)
        self._list_width = 0  # the kommune list's width before a narrow window narrowed it
        self.dst_fetch = None  # the running or last fetch from Danmarks Statistik (qt/dst_fetch.py)
        self.kiosk_window = self.kiosk_controller = None  # the kiosk started from this window, running or last run
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.heading)
        column.addWidget(self.topics, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.kommune_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 1050])
        self.setCentralWidget(self.splitter)
        self.dataset_label = ElidedLabel()  # the dataset in use; temporary messages cover it only while they last
        self.dataset_label.setTextFormat(Qt.TextFormat.PlainText)  # a file named "<h1>…" is a name, not markup
        self.dataset_label.setAccessibleName("Datasæt i brug")
        self.statusBar().addWidget(self.dataset_label, 1)
        self.dst_label = QLabel()  # when Danmarks Statistik's figures were fetched; hidden until there are some
        self.dst_label.setAccessibleName("Danmarks Statistiks tal")
        self.dst_label.hide()
        self.statusBar().addWidget(self.dst_label)
        self._build_menus()

        self.state.kommune_changed.connect(self._on_kommune_changed)
        self.state.dataset_changed.connect(self._on_dataset_changed)
        self.topics.open_dataset_requested.connect(self.choose_dataset)
        self.topics.fetch_dst_requested.connect(self.fetch_dst)
        self.state.dst_changed.connect(self._on_dst_changed)
        self.state.boundaries_file_read.connect(self._on_boundaries_file_read)
        self.state.boundaries_file_refused.connect(self._on_boundaries_file_refused)
        self._on_dataset_changed(self.state.dataset)
        self._restore()
        self.heading.installEventFilter(self)

    def ensure_charts(self) -> TopicsView:
        """Add the charts to the topics; deferred until the list and figures are painted, so the window appears at
        once (pyqtgraph and numpy load here)."""
        if self.topics.comparison is None:
            self.topics.add_charts()
            self.topics.comparison.set_field(self.settings.get("comparison_field"))
            self.topics.comparison.field_changed.connect(lambda name: self.settings.set("comparison_field", name))
            self.fit_figures()
        return self.topics

    def fit_figures(self) -> None:
        """Every figure readable without scrolling, and never a window larger than its screen: on a low or narrow
        window (1366×768 at 150 %, 1600×1000 at 200 %) the toolbar gives way (its actions are in Fil), the list
        narrows and the heading gets smaller; each topic fits its cards and chart to the room it gets
        (topic_page.py: dense cards when the chart would get less than a readable height)."""
        low = self.height() < LOW_WINDOW
        self.toolbar.setVisible(not low)
        self.heading.set_dense(low)
        list_width = self.splitter.sizes()[0]
        if self.width() < NARROW_WINDOW and list_width > NARROW_LIST:
            self._list_width = list_width  # given back when the window is wide again
            self.splitter.setSizes([NARROW_LIST, self.splitter.width() - NARROW_LIST])
        elif self.width() >= NARROW_WINDOW and self._list_width and list_width == NARROW_LIST:
            self.splitter.setSizes([self._list_width, self.splitter.width() - self._list_width])
            self._list_width = 0

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
    def _tell(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        self.message_box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self.message_box.open()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def warn(self, title: str, text: str) -> None:
        """One sentence to the user in a message that does not block the window."""
        self._tell(title, text, QMessageBox.Icon.Warning)

    def bring_to_front(self, kommune: str | None = None, data: str | None = None,
                       boundaries: str | None = None) -> None:
        """Another start of almen-gui handed over to us: show ourselves, with its kommune (code or name), dataset and
        boundary files if it gave them; what cannot be used is said in a message, and what is shown stays."""
        if self._kiosk_running():
            return
        if self.isMinimized():
            self.showNormal()
        self.show()
        screen = screen_of(self).availableGeometry()
        if not screen.intersects(self.frameGeometry()):  # left on a screen that has gone: back onto its own
            self.move(screen.topLeft())
        self.raise_()
        self.activateWindow()
        if data:
            self.open_dataset(Path(data))
        if boundaries:
            self.load_boundaries(Path(boundaries))
        if kommune:
            try:
                self.state.set_kommune(self.state.dataset.kommune(kommune).kode)
            except KommuneNotFound as exc:
                self.warn("Ukendt kommune", str(exc))

    # --- settings -------------------------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.get("geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            available = screen_of(self).availableGeometry()  # in logical pixels: fits at 150 % and 200 % too
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
        self.settings.set("kommune", self.state.kode)
        self.settings.sync()

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): charts and DST's cache after the first paint
        if watched is self.heading and event.type() == QEvent.Type.Paint:
            self.heading.removeEventFilter(self)
            QTimer.singleShot(0, self, self.ensure_charts)
            # The cache's reader loads the HTTP client's modules (about 0,15 s): after the charts' first paint.
            QTimer.singleShot(DST_CACHE_DELAY_MS, self, self.load_dst)
        elif (watched is self.kommune_list.search and event.type() == QEvent.Type.ShortcutOverride
              and self.is_menu_shortcut(event)):
            event.ignore()  # not the field's: the menu's action takes it
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # the window's layout has already given the splitters their new sizes
        self.fit_figures()

    def fetch_dst(self) -> None:
        """Fetch Danmarks Statistik's figures in a worker thread, with progress and cancel; one fetch at a time."""
        from almen_gui.qt.loading.dst_fetch import DstFetch

        if self.dst_fetch is not None:
            if self.dst_fetch.is_running():
                return
            self.dst_fetch.wait()  # its thread is ending; it must not outlive its window
        self.dst_fetch = DstFetch(self, self.state.dataset.kommuner)
        self.dst_fetch.finished.connect(self._on_dst_fetch_finished)
        self.dst_fetch.start()

    def _on_dst_fetch_finished(self) -> None:
        if self.dst_fetch.figures is not None:
            self.state.set_dst(self.dst_fetch.figures)

    def load_dst(self) -> None:
        """Danmarks Statistik's figures from the cache, if they were fetched before; a damaged cache is one sentence."""
        from almen_gui.model.dst_cache import DstCacheError, load_dst_cache

        try:
            figures = load_dst_cache()
        except DstCacheError as exc:
            again = "Vælg Fil → Hent tal fra Danmarks Statistik… for at hente dem igen."  # the menu, not the CLI
            self.statusBar().showMessage(f"{exc} {again}", 30_000)
            return
        if figures is not None:
            self.state.set_dst(figures)

    def _on_dst_changed(self, figures) -> None:
        self.dst_label.setText(f"Danmarks Statistiks tal hentet {figures.fetched_text}" if figures else "")
        self.dst_label.setVisible(figures is not None)

    def closeEvent(self, event):  # noqa: N802 (Qt override)
        if self.dst_fetch is not None:
            self.dst_fetch.wait()  # a cancelled fetch writes nothing; its thread must end before the window
        self.save_settings()
        super().closeEvent(event)
