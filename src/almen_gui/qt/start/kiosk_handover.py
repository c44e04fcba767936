"""The kiosk started from the main window (Vis → Kiosktilstand, or a handed-over `almen-gui --kiosk`), and the
window's return when the admin chord ends it.

The window only says that the kiosk was asked for (MainWindow.kiosk_requested); this hand-over, made where the
window is started, opens the kiosk on the window's state and shows the window again, on the kommune the user had open.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from almen_gui.qt.common.dialogs import TextDialog
from almen_gui.qt.window.main_window import MainWindow

log = logging.getLogger(__name__)


class KioskHandover(QObject):
    """Starts the kiosk on a MainWindow's state and shows the window again when the kiosk ends; lives as long as the
    window (its child)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.kiosk_window = self.kiosk_controller = None  # the kiosk started from the window, running or last run
        self.kiosk_help_dialog: TextDialog | None = None
        window.kiosk_requested.connect(self.start)
        window.kiosk_help_requested.connect(self.show_staff_help)

    def show_staff_help(self) -> None:
        """Hjælp → Kiosktilstand for personale: how staff start and leave the kiosk, with this PC's own exit keys and
        whether a PIN is asked (from kiosk.ini)."""
        from almen_gui.qt.kiosk.config import staff_help  # lazy: the kiosk's modules load when asked for, as in start()

        self.kiosk_help_dialog = TextDialog("Kiosktilstand for personale", "Sådan startes og forlades kiosken",
                                            staff_help(), self.window)
        self.kiosk_help_dialog.show()

    def running(self) -> bool:
        """While the kiosk has the screen, another start changes nothing (logged, not shown)."""
        if self.kiosk_window is not None and self.kiosk_window.isVisible():
            log.info("Kiosken kører; en anden start blev ignoreret")
            return True
        return False

    def start(self, config_path: Path | None = None, data: str | None = None) -> None:
        """The kiosk (kiosk.ini's settings, or config_path's; data instead of its data file) takes the screen on the
        window's state; the admin chord brings the window back. While a kiosk runs, another start changes nothing."""
        # lazy: the kiosk's modules (its pages, the renderer, the HTTP client) load here, not when the window starts
        from almen_gui.qt.kiosk.config import KioskConfigError, load_kiosk_config
        from almen_gui.qt.kiosk.controller import open_kiosk

        if self.running():
            return
        window = self.window
        try:
            config = load_kiosk_config(config_path)
        except KioskConfigError as exc:
            window.bring_to_front()
            window.tell.warn("Kiosktilstand kan ikke starte", str(exc))
            return
        if data:
            config.data_file = data
        window.hide()  # first: what the kiosk meets from here on is logged, never a message from a window behind it
        kode = window.state.kode  # the kiosk moves the shared state through its kommuner; the user comes back here
        self.kiosk_window, self.kiosk_controller = open_kiosk(window.state, config)
        self.kiosk_window.exit_requested.connect(lambda: self._on_kiosk_ended(kode))

    def _on_kiosk_ended(self, kode: int) -> None:
        self.window.state.set_kommune(kode)
        self.window.show()
