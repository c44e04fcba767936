"""The main window: it assembles the kommune list on the left, the stats panel and charts on the right, the menus and
the status bar, and fits the figures to the window's size. The views follow the state themselves. The window is built
of parts, each made from what it needs: the data files (loading/data_files.py), the factsheet output
(export/sheet_output.py), the Hjælp dialogs, and the menus declared below as a list of actions (menus.py). It knows
nothing of the kiosk: Vis → Kiosktilstand only says that the kiosk was asked for (kiosk_requested), and the start room
hands the screen over (start/kiosk_handover.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QScrollArea, QSplitter, QWidget

from almen_gui.model import Dataset, KommuneNotFound
from almen_gui.model.formatting import format_period
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
from almen_gui.qt.window.stats_panel import StatsPanel
from almen_gui.qt.window.menus import SPLIT_STEP, ActionSpec, HelpDialogs, Menus

if TYPE_CHECKING:
    from almen_gui.qt.charts.tabs import ChartsView

CHARTS_MIN_HEIGHT = 110  # logical pixels: the tab bar, a title and a plot a few lines high
CHARTS_READABLE_HEIGHT = 200  # below this the roomy cards give way to dense ones: a ranking needs rows to read
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
        self.stats_panel = StatsPanel(state)
        self.charts: ChartsView | None = None  # built just after the window is first shown
        self._list_width = 0  # the kommune list's width before a narrow window narrowed it
        self._cards_height = 0  # the height the user gave the cards with the splitter; 0: fitted to what they need
        self.dst_fetch = None  # the running or last fetch from Danmarks Statistik (qt/dst_fetch.py)
        self.stats_scroll = scroll = QScrollArea()
        scroll.setWidget(self.stats_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take focus themselves, and it scrolls to them
        self.cards_charts_splitter = QSplitter(Qt.Orientation.Vertical)
        self.cards_charts_splitter.setChildrenCollapsible(False)
        self.cards_charts_splitter.addWidget(scroll)
        self.cards_charts_splitter.setStretchFactor(0, 0)  # a taller window gives its extra height to the charts
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.kommune_list)
        self.splitter.addWidget(self.cards_charts_splitter)
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
        self.stats_panel.open_dataset_requested.connect(self.data_files.choose_dataset)
        self.stats_panel.fetch_dst_requested.connect(self.fetch_dst)
        # A kommune with no figures shows a notice instead of the cards: the cards' room goes to the charts, and back.
        self.stats_panel.parts_changed.connect(lambda: QTimer.singleShot(0, self, self.fit_figures))
        self.state.dst_changed.connect(self._on_dst_changed)
        self._on_dataset_changed(self.state.dataset)
        self._restore()
        self.stats_panel.installEventFilter(self)

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
            # the line between the cards and the charts, for those who cannot drag it
            ActionSpec("larger_charts", "Større diagrammer", lambda: self.move_split(-SPLIT_STEP), VIS,
                       "Ctrl+Shift+Up"),
            ActionSpec("larger_cards", "Større kort", lambda: self.move_split(SPLIT_STEP), VIS, "Ctrl+Shift+Down"),
            ActionSpec("kiosk", "Kiosktilstand", lambda: self.kiosk_requested.emit(), VIS),
            ActionSpec("about", "Om almen-gui", help_dialogs.show_about, HJAELP),
            ActionSpec("sources", "Datakilder", help_dialogs.show_sources, HJAELP),
            ActionSpec("kiosk_help", "Kiosktilstand for personale", lambda: self.kiosk_help_requested.emit(), HJAELP),
        ]

    def ensure_charts(self) -> ChartsView:
        """Build the charts; deferred until the list and figures are painted, so the window appears at once."""
        if self.charts is None:
            from almen_gui.qt.charts.tabs import ChartsView  # lazy: pyqtgraph and numpy load after the first paint

            self.charts = ChartsView(self.state)
            self.charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
            self.cards_charts_splitter.addWidget(self.charts)
            self.cards_charts_splitter.setStretchFactor(1, 1)
            self.charts.comparison.set_field(self.settings.get("comparison_field"))
            self.charts.comparison.field_changed.connect(lambda name: self.settings.set("comparison_field", name))
            # Only a height the user chose is kept: a fitted split restored on a lower or scaled window would
            # squeeze the charts below empty space.
            self._cards_height = self.settings.get("cards_height")
            self.cards_charts_splitter.splitterMoved.connect(self._on_chart_splitter_moved)
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
        available = self.cards_charts_splitter.height() - self.cards_charts_splitter.handleWidth()
        width = self.stats_scroll.width()
        roomy = self._stats_height(width, dense=False)
        # The height the user gave the cards by dragging, while there are cards to give it to (a kommune without
        # figures shows none) and it leaves the charts their least.
        chosen = self._cards_height if not self.stats_panel.grid_widget.isHidden() else 0
        if chosen + CHARTS_MIN_HEIGHT > available:
            chosen = 0
        if chosen >= roomy:
            stats = chosen  # roomy cards, in the room the user gave them
        elif roomy + CHARTS_READABLE_HEIGHT <= available:
            stats = max(roomy, chosen)
        else:  # dense cards; a height chosen for roomy ones would leave the charts a sliver
            stats = self._stats_height(width, dense=True)
        self.cards_charts_splitter.setSizes([stats, max(available - stats, CHARTS_MIN_HEIGHT)])

    def move_split(self, step: int) -> None:
        """The keyboard's way to drag the line between the cards and the charts (Vis → Større diagrammer / Større
        kort): `step` logical pixels down, kept as a height the user chose."""
        cards, charts = self.cards_charts_splitter.sizes()
        moved = min(max(cards + step, 0), cards + charts - CHARTS_MIN_HEIGHT)
        self.cards_charts_splitter.setSizes([moved, cards + charts - moved])
        self._on_chart_splitter_moved()

    def _on_chart_splitter_moved(self, *_) -> None:
        self._cards_height = self.cards_charts_splitter.sizes()[0]

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
        if self.charts is not None:
            self.settings.set("cards_height", self._cards_height)
        self.settings.set("kommune", self.state.kode)
        self.settings.sync()

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override): charts and files after the first paint
        if watched is self.stats_panel and event.type() == QEvent.Type.Paint:
            self.stats_panel.removeEventFilter(self)
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
        QTimer.singleShot(0, self, self.fit_figures)  # the group of DST's figures takes room, once its cards are laid out

    def closeEvent(self, event):  # noqa: N802 (Qt override)
        if self.dst_fetch is not None:
            self.dst_fetch.wait()  # a cancelled fetch writes nothing; its thread must end before the window
        self.save_settings()
        super().closeEvent(event)
