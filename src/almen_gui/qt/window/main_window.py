"""The main window: it assembles the kommune list on the left, the kommune's heading and its topics on the right,
the menus and the status bar, and fits the figures to the window's size. The views follow the state themselves. The
window is built of parts, each made from what it needs: the data files (loading/data_files.py), the factsheet output
(export/sheet_output.py), the Hjælp dialogs, and the menus declared below as a list of actions (menus.py). It knows
nothing of the kiosk: Vis → Kiosktilstand only says that the kiosk was asked for (kiosk_requested), and the start room
hands the screen over (start/kiosk_handover.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from almen_gui.model import Dataset, KommuneNotFound
from almen_gui.model.metadata import period_text
from almen_gui.qt.common.dialogs import Messages
from almen_gui.qt.loading.data_files import BoundaryFile, DataFiles, read_boundaries
from almen_gui.qt.loading.handed_dataset import HandedDataset
from almen_gui.qt.common.announce import speak_status_bar
from almen_gui.qt.common.elided_label import ElidedLabel
from almen_gui.qt.window.kommune_list import KommuneList
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.screens import screen_of
from almen_gui.qt.export.sheet_output import SheetOutput
from almen_gui.qt.common.state import AppState
from almen_gui.qt.window.heading import KommuneHeading
from almen_gui.qt.window.menus import ActionSpec, HelpDialogs, Menus
from almen_gui.qt.window.topics import TopicsView

LOW_WINDOW, NARROW_WINDOW, NARROW_LIST = 600, 1000, 180  # logical pixels
DST_CACHE_DELAY_MS = 250
FIL, VIS, HJAELP = "&Fil", "&Vis", "&Hjælp"


class MainWindow(QMainWindow):
    """The window on a state: `boundaries`, a GeoJSON file given at start or remembered, is read just after the window
    is first painted."""

    kiosk_requested = Signal()  # Vis → Kiosktilstand: whoever started the window hands the screen to the kiosk
    kiosk_help_requested = Signal()  # Hjælp → Kiosktilstand for personale: told by whoever knows the kiosk's settings

    def __init__(self, state: AppState, settings: Settings | None = None, parent: QWidget | None = None,
                 boundaries: BoundaryFile | None = None):
        super().__init__(parent)
        self.state = state
        self.settings = settings or Settings()
        self._boundaries_file = boundaries
        self.tell = Messages(self)
        self.data_files = DataFiles(state, self.settings, self.tell, self)
        self.sheet_output = SheetOutput(state, self, self.tell, self.settings)
        self.help_dialogs = HelpDialogs(state, self)
        self.setWindowTitle("almen-gui · Almene boliger pr. kommune")
        self.setObjectName("mainWindow")

        self.kommune_list = KommuneList(state)
        self.heading = KommuneHeading(state)
        self.topics = TopicsView(state)  # the cards at once; the charts just after the first paint (ensure_charts)
        self._list_width = 0  # the kommune list's width before a narrow window narrowed it
        self.dst_fetch = None  # the running or last fetch from Danmarks Statistik (qt/dst_fetch.py)
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
        self.statusBar().addWidget(self.dataset_label, 1)
        self.dst_label = QLabel()  # when Danmarks Statistik's figures were fetched; hidden until there are some
        self.dst_label.hide()
        self.statusBar().addWidget(self.dst_label)
        speak_status_bar(self.statusBar())  # the labels are read by their text; its messages are announced
        self.menus = Menus(self, self._action_specs())
        self.toolbar = self.menus.toolbar
        self.kommune_list.search.installEventFilter(self)  # the menus' shortcuts before the field's (eventFilter)
        # a file another start hands over is asked about, and undoable
        self.handed_dataset = HandedDataset(self, state, self.settings, self.data_files)

        self.state.kommune_changed.connect(self._on_kommune_changed)
        self.state.dataset_changed.connect(self._on_dataset_changed)
        self.topics.open_dataset_requested.connect(self.data_files.choose_dataset)
        self.topics.fetch_dst_requested.connect(self.fetch_dst)
        self.state.dst_changed.connect(self._on_dst_changed)
        self._on_dataset_changed(self.state.dataset)
        self._restore()
        self.heading.installEventFilter(self)

    def _action_specs(self) -> list[ActionSpec]:
        """Every menu item, toolbar button and shortcut of the window, and what it does."""
        files, sheets, help_dialogs = self.data_files, self.sheet_output, self.help_dialogs
        return [
            ActionSpec("open", "Åbn datasæt…", files.choose_dataset, FIL, "Ctrl+O", toolbar=True),
            ActionSpec("restore", "Gendan medfølgende data", files.restore_bundled_data, FIL),
            ActionSpec("boundaries", "Indlæs kommunegrænser…", files.choose_boundaries, FIL),
            ActionSpec("dst_fetch", "Hent tal fra Danmarks Statistik…", self.fetch_dst, FIL),
            ActionSpec("export", "Eksportér faktaark…", sheets.export_current, FIL, "Ctrl+E", group=1, toolbar=True),
            ActionSpec("export_all", "Eksportér alle…", sheets.choose_export_all_folder, FIL, group=1),
            ActionSpec("export_table", "Eksportér tabel…", sheets.choose_table_file, FIL, group=1),
            ActionSpec("print", "Udskriv…", sheets.print_current, FIL, "Ctrl+P", group=1, toolbar=True),
            ActionSpec("quit", "Afslut", self.close, FIL, "Ctrl+Q", group=2),
            ActionSpec("search", "Søg kommune", self.kommune_list.focus_search, VIS, "Ctrl+F"),
            ActionSpec("fullscreen", "Fuld skærm", self.toggle_fullscreen, VIS, "F11", checkable=True),
            ActionSpec("kiosk", "Kiosktilstand", lambda: self.kiosk_requested.emit(), VIS),
            ActionSpec("about", "Om almen-gui", help_dialogs.show_about, HJAELP),
            ActionSpec("sources", "Datakilder", help_dialogs.show_sources, HJAELP),
            ActionSpec("kiosk_help", "Kiosktilstand for personale", lambda: self.kiosk_help_requested.emit(), HJAELP),
        ]

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
        periods = sorted({period_text(f) for f in dataset.metadata.fields if f.period})  # the periods printed
        self.dataset_label.setText(f"Datasæt: {dataset.label} · perioder: {', '.join(periods)} · kilde: {dataset.metadata.source}")
        self.menus.actions["restore"].setEnabled(dataset.path is not None)
        if self.isVisible():  # a dataset opened or restored, not the one the window starts with
            self.statusBar().showMessage(f"Datasæt åbnet: {dataset.label}.", 10_000)
        self._on_kommune_changed(self.state.kode)

    def _on_kommune_changed(self, kode: int) -> None:
        kommune = self.state.dataset.kommuner.by_code(kode)
        self.setWindowTitle(f"{kommune.officielt_navn} · almen-gui")

    # --- actions --------------------------------------------------------------------------------------------------
    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.menus.actions["fullscreen"].setChecked(self.isFullScreen())

    def bring_to_front(self, kommune: str | None = None, data: str | None = None,
                       boundaries: str | None = None) -> None:
        """Another start of almen-gui handed over to us: show ourselves, with its kommune (code or name), dataset and
        boundary files if it gave them; what cannot be used is said in a message, and what is shown stays."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        screen = screen_of(self).availableGeometry()
        if not screen.intersects(self.frameGeometry()):  # left on a screen that has gone: back onto its own
            self.move(screen.topLeft())
        self.raise_()
        self.activateWindow()
        if data:
            self.handed_dataset.offer(Path(data))
        if boundaries:
            self.data_files.load_boundaries(Path(boundaries))
        if kommune:
            try:
                self.state.set_kommune(self.state.dataset.kommune(kommune).kode)
            except KommuneNotFound as exc:
                self.tell.warn("Ukendt kommune", str(exc))

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
            # The cache's reader loads the HTTP client's modules (about 0,15 s), the boundaries' reader numpy: after
            # the charts' first paint.
            QTimer.singleShot(DST_CACHE_DELAY_MS, self, self.load_dst)
            QTimer.singleShot(DST_CACHE_DELAY_MS, self, self._load_boundaries)
        elif (watched is self.kommune_list.search and event.type() == QEvent.Type.ShortcutOverride
              and self.menus.is_shortcut(event)):
            event.ignore()  # not the field's: the menu's action takes it
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # the window's layout has already given the splitters their new sizes
        self.fit_figures()

    def fetch_dst(self) -> None:
        """Fetch Danmarks Statistik's figures in a worker thread, with progress and cancel; one fetch at a time."""
        from almen_gui.qt.loading.dst_fetch import DstFetch  # lazy: the network client (httpx) loads when first used

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

    def _load_boundaries(self) -> None:
        """The outlines given at start or remembered, told by the data-files part; else the bundled ones."""
        file, self._boundaries_file = self._boundaries_file, None
        if file is None or not self.data_files.load_boundaries(file.path, file.remember):
            read_boundaries(self.state, None)

    def load_dst(self) -> None:
        """Danmarks Statistik's figures from the cache, if they were fetched before; a damaged cache is one sentence."""
        from almen_gui.qt.loading.dst_figures import read_dst_cache  # lazy: httpx loads here, after the first paint

        error = read_dst_cache(self.state)
        if error is not None:
            again = "Vælg Fil → Hent tal fra Danmarks Statistik… for at hente dem igen."  # the menu, not the CLI
            self.tell.status(f"{error} {again}", 30_000)

    def _on_dst_changed(self, figures) -> None:
        self.dst_label.setText(f"Danmarks Statistiks tal hentet {figures.fetched_text}" if figures else "")
        self.dst_label.setVisible(figures is not None)

    def closeEvent(self, event):  # noqa: N802 (Qt override)
        if self.dst_fetch is not None:
            self.dst_fetch.wait()  # a cancelled fetch writes nothing; its thread must end before the window
        self.save_settings()
        super().closeEvent(event)
