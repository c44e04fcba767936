"""Kiosk mode: a full-screen, unattended, locked-down loop of factsheet pages for a housing office's waiting room.

This module assembles the parts and wires them: the rotation (loop.py), the window and its controls (window.py), the
pages (pages.py), screen care (screen.py), and the loaders that set the state: the data file watcher
(loading/data_watcher.py), kiosk.ini's boundaries (loading/data_files.py) and Danmarks Statistik's figures with their
daily re-fetch (loading/dst_figures.py). The pages follow the state; the kiosk changes only the app state it is given
and never touches the desktop window. Nothing here opens a dialog: problems are logged.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from almen_gui.model import DataError, load_dataset
from almen_gui.model.coverage import sheet_sources
from almen_gui.qt.common import crash
from almen_gui.qt.loading.data_files import load_first_usable, read_boundaries
from almen_gui.qt.loading.data_watcher import DataFileWatcher
from almen_gui.qt.loading.dst_figures import DailyDstFetch, read_dst_cache
from almen_gui.qt.kiosk.config import KioskConfig
from almen_gui.qt.kiosk.loop import Clock, KioskLoop
from almen_gui.qt.kiosk.pages import PAGE_ENTRIES, KioskPages
from almen_gui.qt.kiosk.screen import ScreenCare
from almen_gui.qt.kiosk.window import KioskWindow
from almen_gui.qt.common.state import AppState

log = logging.getLogger(__name__)
TICK_MS = 100
SETTLE_MS = 150  # a new screen size: draw the page again once the size has stopped changing


class KioskController(QObject):
    """Runs the loop on a timer, paints what it says into the window, and reacts to visitors and new data."""

    page_shown = Signal(str, int)  # page name, kommune code

    def __init__(self, window: KioskWindow, state: AppState, config: KioskConfig, parent: QObject | None = None,
                 clock: Clock = time.monotonic):
        super().__init__(parent)
        self.window, self.state, self.config = window, state, config
        self._read_boundaries(Path(config.boundaries_file) if config.boundaries_file else None)  # kiosk.ini's
        self.pages = KioskPages(state)
        self.dst_fetch = DailyDstFetch(state, clock, self) if config.dst_daily else None
        self.loop = KioskLoop(self._koder(), self.pages.pages_for, config.seconds_per_page, config.idle_timeout,
                              clock)
        self.screen = ScreenCare(window, window.view, config.cursor_hide_seconds, config.shift_seconds, self)
        self.watcher = (DataFileWatcher(Path(config.data_file), config.data_settle_seconds, parent=self)
                        if config.data_file else None)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_size_settled)
        self._connections = [
            (window.previous_button.clicked, self.previous_page),
            (window.next_button.clicked, self.next_page),
            (window.pick_button.clicked, self.open_picker),
            (window.kommune_picked, self.pick),
            (window.touched, self.user_activity),
            (window.pointer_moved, self.screen.pointer_moved),
            (window.view.resized, self._settle.start),
            (window.exit_requested, self.stop),
            (state.dataset_changed, self._pages_changed),
            (state.dst_changed, self._pages_changed),
        ]
        if self.watcher is not None:
            self._connections.append((self.watcher.loaded, state.set_dataset))
        self._running = False
        self._spare = None  # the page pixmap the view no longer shows: the next page is painted into it
        self._fill_picker()

    # --- which kommuner ---------------------------------------------------------------------------------------------
    def _koder(self) -> list[int]:
        """The configured kommuner that have something to show; else those with a complete factsheet, on BL's figures
        or Danmarks Statistik's (the kommuner the window's list and `almen list` mark so)."""
        offered = self.pages.offered()
        koder = []
        for name in self.config.kommuner:
            kommune = self.state.dataset.kommuner.find(name)
            if kommune is None:  # kiosk.ini's names are checked when it is read; a config made in code is not
                log.warning("kiosk.ini: ukendt kommune %r ignoreret", name)
            elif kommune.kode not in offered:
                log.warning("kiosk.ini: %s har ingen tal i datasættet og vises ikke", kommune.navn)
            elif kommune.kode not in koder:
                koder.append(kommune.kode)
        if koder:
            return koder
        sources = sheet_sources(self.state.dataset, self.state.dst)  # the kommuner with a sheet, as `almen list` says
        complete = [kode for kode in offered if sources[kode]]
        return complete or offered or [self.state.kode]

    def _fill_picker(self) -> None:
        """Vælg kommune offers the kommuner the rotation shows when kiosk.ini names them, else every one with figures
        (in name order)."""
        kommuner = self.state.dataset.kommuner
        offered = self.pages.offered()
        if self.config.kommuner:
            offered = [kode for kode in offered if kode in self.loop.koder]
        self.window.set_kommuner([(kode, kommuner.by_code(kode).navn) for kode in offered])

    # --- the loop ---------------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._running = True
        for signal, slot in self._connections:
            signal.connect(slot)
        self.show_page(animate=False)
        self._tick.start()
        self.screen.start()
        if self.watcher is not None:
            self.watcher.start()

    def stop(self) -> None:
        """Stop every timer and let go of every signal: a stopped kiosk draws nothing more, and the crash dialogs
        open_kiosk turned off are on again (for the window the kiosk hands back to)."""
        if not self._running:
            return
        self._running = False
        crash.set_dialogs_enabled(True)
        self._tick.stop()
        self._settle.stop()
        self.screen.stop()
        if self.watcher is not None:
            self.watcher.stop()
        if self.dst_fetch is not None:
            self.dst_fetch.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self.pages.close()

    @property
    def page(self) -> str:
        return self.loop.page

    def _on_tick(self) -> None:
        if self.dst_fetch is not None:
            self.dst_fetch.poll()
        was_paused = self.loop.paused
        if self.loop.poll():
            if was_paused:
                self.window.close_panels()  # the idle reset: nobody's digits or list stay open
            self.show_page()
        else:
            self.window.view.set_progress(self.loop.progress())

    def _on_size_settled(self) -> None:
        self.show_page(animate=False)

    def advance(self) -> None:
        """The next page; after a kommune's last page, the next kommune."""
        self.loop.advance()
        self.show_page()

    def show_page(self, animate: bool = True) -> None:
        self.state.set_kommune(self.loop.kode)
        view = self.window.view
        pixmap = self.pages.pixmap(self.loop.kode, self.loop.page, view.width(), view.height(),
                                   view.devicePixelRatioF(), self._spare)
        self._spare = view.set_page(pixmap, animate)
        pages = self.loop.pages
        title = PAGE_ENTRIES[self.loop.page].title
        self.window.page_label.setText(f"{title} · {self.loop.page_index + 1}/{len(pages)}")
        view.set_text(title, self.pages.page_text)
        self.page_shown.emit(self.loop.page, self.loop.kode)

    # --- visitors ---------------------------------------------------------------------------------------------------
    def user_activity(self) -> None:
        """A touch, click or key: pause the rotation until the visitor has been away for the idle timeout."""
        self.loop.touch()
        self.window.view.set_progress(0.0)

    def next_page(self) -> None:
        self.loop.next_page()
        self.show_page()

    def previous_page(self) -> None:
        self.loop.previous_page()
        self.show_page()

    def open_picker(self) -> None:
        self.user_activity()
        self.window.open_picker()

    def pick(self, kode: int) -> None:
        self.loop.pick(kode)
        self.show_page()

    # --- data -------------------------------------------------------------------------------------------------------
    def _read_boundaries(self, path: Path | None) -> None:
        """kiosk.ini's outlines, else those the state has (the window's), else the bundled ones."""
        had = self.state.boundaries
        error = read_boundaries(self.state, path)
        if error is not None:
            shown = "de medfølgende grænser" if had is None else "de grænser, den havde"
            log.error("Kioskens kommunegrænser (%s) kan ikke bruges; kortet viser %s: %s", path, shown, error)

    def _pages_changed(self, *_) -> None:
        """New figures in the state (the pages have already followed): the kommuner and the page shown again."""
        self.loop.set_koder(self._koder())
        self._fill_picker()
        self.show_page(animate=False)


def open_kiosk(state: AppState | None, config: KioskConfig, full_screen: bool = True, clock: Clock = time.monotonic
               ) -> tuple[KioskWindow, KioskController]:
    """The one way into the kiosk: `almen-gui --kiosk`, Vis → Kiosktilstand and the tests all start it here.

    Without a state (the kiosk on its own) the kiosk gets one: the config's data file, or the bundled figures if it
    names none or it cannot be used (logged). With a state (the window's), the kiosk shows and changes that state: its
    data file, if it names one that can be used, becomes the state's dataset (else the state's figures stay, logged).
    Danmarks Statistik's cached figures are read into the state (a damaged cache is logged, and the state keeps what it
    had). Builds, shows and starts the kiosk; from here on errors are logged, never shown in a dialog.
    """
    if state is None:
        dataset, failures = load_first_usable(config.data_file)
        for _path, problems in failures:
            log.error("Kioskens datafil kan ikke bruges; viser de medfølgende tal: %s", problems)
        state = AppState(dataset)
    elif config.data_file:
        try:
            state.set_dataset(load_dataset(Path(config.data_file)))
        except DataError as exc:
            log.error("Kioskens datafil kan ikke bruges; viser de tal, vinduet viste: %s", exc)
    error = read_dst_cache(state)  # read again: `almen fetch` may have fetched since the window started
    if error is not None:
        log.error("Kiosken kan ikke bruge Danmarks Statistiks tal fra cachen: %s Hent dem igen med «almen fetch» "
                  "eller i vinduet (Fil → Hent tal fra Danmarks Statistik…).", error)
    crash.set_dialogs_enabled(False)
    window = KioskWindow(config)
    if full_screen:
        # Without a window manager (a bare X session on a kiosk PC) "full screen" alone does not resize the window.
        window.setGeometry(QApplication.primaryScreen().geometry())
        window.showFullScreen()
    else:
        window.show()
    controller = KioskController(window, state, config, window, clock)
    controller.start()
    return window, controller
