"""Care for a screen that is on all day: the mouse cursor hides when nobody moves it, and the picture shifts a few
pixels now and then so that nothing burns in."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QWidget

from almen_gui.qt.kiosk.view import KioskView

SHIFT_STEPS = [QPoint(0, 0), QPoint(3, 0), QPoint(3, 3), QPoint(0, 3), QPoint(-3, 3), QPoint(-3, 0), QPoint(-3, -3),
               QPoint(0, -3), QPoint(3, -3)]


class ScreenCare(QObject):
    """Hides the cursor over `window` after `cursor_hide_seconds` of stillness; shifts `view` every `shift_seconds`."""

    def __init__(self, window: QWidget, view: KioskView, cursor_hide_seconds: float, shift_seconds: float,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.window, self.view = window, view
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(round(cursor_hide_seconds * 1000))
        self._cursor_timer.timeout.connect(self._on_still)
        self._shift_timer = QTimer(self)
        self._shift_timer.setInterval(round(shift_seconds * 1000))
        self._shift_timer.timeout.connect(self._on_shift_due)
        self._step = 0
        self._running = False

    def start(self) -> None:
        self._running = True
        self._cursor_timer.start()
        self._shift_timer.start()

    def stop(self) -> None:
        self._running = False
        self._cursor_timer.stop()
        self._shift_timer.stop()
        self.window.unsetCursor()

    def pointer_moved(self) -> None:
        """The mouse moved or someone touched: show the cursor until the next stillness."""
        if self.window.cursor().shape() == Qt.CursorShape.BlankCursor:
            self.window.unsetCursor()
        if self._running:  # a stopped kiosk hides nothing
            self._cursor_timer.start()

    def _on_still(self) -> None:
        self.window.setCursor(Qt.CursorShape.BlankCursor)

    def _on_shift_due(self) -> None:
        self._step = (self._step + 1) % len(SHIFT_STEPS)
        self.view.set_shift(SHIFT_STEPS[self._step])
