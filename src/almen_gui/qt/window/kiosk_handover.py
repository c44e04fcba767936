"""The kiosk started from the main window (Vis → Kiosktilstand, or a handed-over `almen-gui --kiosk`), and the
window's return when the admin chord ends it.

A mixin of MainWindow: it uses the window's state, its message (_tell) and bring_to_front.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)


class WindowKiosk:
    """Starts the kiosk on a MainWindow's state and shows the window again when the kiosk ends."""

    def _kiosk_running(self) -> bool:
        """While the kiosk has the screen, another start changes nothing (logged, not shown)."""
        if self.kiosk_window is not None and self.kiosk_window.isVisible():
            log.info("Kiosken kører; en anden start blev ignoreret")
            return True
        return False

    def _on_kiosk_action_triggered(self) -> None:
        self.start_kiosk()

    def start_kiosk(self, config_path: Path | None = None, data: str | None = None) -> None:
        """The kiosk (kiosk.ini's settings, or config_path's; data instead of its data file) takes the screen on this
        window's state; the admin chord brings the window back. Vis → Kiosktilstand and a handed-over
        `almen-gui --kiosk` start it here; while a kiosk runs, another start changes nothing."""
        from almen_gui.qt.kiosk.controller import open_kiosk
        from almen_gui.qt.kiosk.config import KioskConfigError, load_kiosk_config

        if self._kiosk_running():
            return
        try:
            config = load_kiosk_config(config_path)
        except KioskConfigError as exc:
            self.bring_to_front()
            self._tell("Kiosktilstand kan ikke starte", str(exc), QMessageBox.Icon.Warning)
            return
        if data:
            config.data_file = data
        self.hide()  # first: what the kiosk meets from here on is logged, never a message from a window behind it
        kode = self.state.kode  # the kiosk moves the shared state through its kommuner; the user comes back to this one
        self.kiosk_window, self.kiosk_controller = open_kiosk(self.state, config)
        self.kiosk_window.exit_requested.connect(lambda: self._on_kiosk_ended(kode))

    def _on_kiosk_ended(self, kode: int) -> None:
        from almen_gui.qt.common import crash

        crash.set_dialogs_enabled(True)
        self.state.set_kommune(kode)
        self.show()
