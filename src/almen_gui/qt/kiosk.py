"""Kiosk mode: a full-screen, unattended, locked-down loop of factsheet pages for a housing office's waiting room.

This module assembles the parts and wires them: the rotation (kiosk_loop), the window and its controls
(kiosk_window), the pages (kiosk_pages), screen care (kiosk_screen), the data file watcher (data_watcher) and
Danmarks Statistik's figures with their daily re-fetch (kiosk_dst).
The kiosk changes only the app state it is given; it never touches the desktop window. Nothing here opens a dialog:
problems are logged.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from almen_gui.model import DataError, Dataset, load_dataset
from almen_gui.qt.data_watcher import DataFileWatcher
from almen_gui.qt.kiosk_config import KioskConfig
from almen_gui.qt.kiosk_dst import DailyDstFetch, load_kiosk_dst
from almen_gui.qt.kiosk_loop import Clock, KioskLoop
from almen_gui.qt.kiosk_pages import PAGE_NAMES, KioskPages
from almen_gui.qt.kiosk_screen import ScreenCare
from almen_gui.qt.kiosk_window import KioskWindow
from almen_gui.qt.state import AppState

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
        dst = load_kiosk_dst()
        if config.boundaries_file:  # kiosk.ini's outlines: the state reads them when the map page is first drawn
            state.set_boundaries_file(Path(config.boundaries_file), remember=False)
        self.pages = KioskPages(state.dataset, dst, state)
        self.dst_fetch = DailyDstFetch(state.dataset.kommuner, dst, clock, self) if config.dst_daily else None
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
            (state.dataset_changed, self._on_dataset_changed),
            (state.boundaries_file_refused, self._on_boundaries_file_refused),
        ]
        if self.watcher is not None:
            self._connections.append((self.watcher.loaded, state.set_dataset))
        if self.dst_fetch is not None:
            self._connections.append((self.dst_fetch.updated, self._on_dst_updated))
        self._running = False
        self._spare = None  # the page pixmap the view no longer shows: the next page is painted into it
        self._fill_picker()

    # --- which kommuner ---------------------------------------------------------------------------------------------
    def _koder(self) -> list[int]:
        """The configured kommuner that have something to show; else those with a complete factsheet, on BL's figures
        or Danmarks Statistik's (the kommuner the window's list and `almen list` mark so)."""
        from almen_gui.model.coverage import sheet_sources

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
        sources = sheet_sources(self.state.dataset, self.pages.dst)
        complete = [kode for kode in offered if sources[kode]]
        return complete or offered or [self.state.kode]

    def _fill_picker(self) -> None:
        kommuner = self.state.dataset.kommuner
        self.window.set_kommuner([(kode, kommuner.by_code(kode).navn) for kode in self.pages.offered()])

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
        """Stop every timer and let go of every signal: a stopped kiosk draws nothing more."""
        if not self._running:
            return
        self._running = False
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
        self.window.page_label.setText(f"{PAGE_NAMES[self.loop.page]} · {self.loop.page_index + 1}/{len(pages)}")
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
    def _on_dataset_changed(self, dataset: Dataset) -> None:
        self.pages.set_dataset(dataset)
        self._pages_changed()

    def _on_boundaries_file_refused(self, file, error) -> None:
        shown = "punkter" if self.state.boundaries is None else "de grænser, den havde"
        log.error("Kioskens kommunegrænser (%s) kan ikke bruges; kortet viser %s: %s", file.path, shown, error)

    def _on_dst_updated(self, figures) -> None:
        self.pages.set_dst(figures)
        self._pages_changed()

    def _pages_changed(self) -> None:
        self.loop.set_koder(self._koder())
        self._fill_picker()
        self.show_page(animate=False)


def open_kiosk(state: AppState | None, config: KioskConfig, full_screen: bool = True, clock: Clock = time.monotonic
               ) -> tuple[KioskWindow, KioskController]:
    """The one way into the kiosk: `almen-gui --kiosk`, Vis → Kiosktilstand and the tests all start it here.

    Without a state (the kiosk on its own) the kiosk gets one: the config's data file, or the bundled figures if it
    names none or it cannot be used (logged). With a state (the window's), the kiosk shows and changes that state: its
    data file, if it names one that can be used, becomes the state's dataset (else the state's figures stay, logged).
    Builds, shows and starts the kiosk; from here on errors are logged, never shown in a dialog.
    """
    from almen_gui.qt import crash
    from almen_gui.qt.data_files import load_first_usable

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
