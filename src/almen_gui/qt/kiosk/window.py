"""The kiosk's frameless window: the page view with the touch controls over its bottom band, the kommune picker and
the admin PIN panel. It knows nothing of rotation or data: it shows what it is given and says what visitors did.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from almen_gui.factsheet import style
from almen_gui.qt.kiosk.config import KioskConfig
from almen_gui.qt.kiosk.loop import PinGuard
from almen_gui.qt.kiosk.panels import KommunePicker, PinPanel
from almen_gui.qt.kiosk.view import KioskView

log = logging.getLogger(__name__)
# The page keeps its bottom 13 % for these controls (the renderer's source line ends at 87 %); they are sized from the
# window's height so that they stay inside that band on every screen.
CONTROL_FONT = 0.034
CONTROL_PAD = 0.011
CONTROL_MARGIN = 0.016


class KioskWindow(QWidget):
    """The frameless full-screen window. It ignores every way out except the admin chord (and PIN)."""

    exit_requested = Signal()
    touched = Signal()  # a press, a touch or a key: someone is using the kiosk
    pointer_moved = Signal()
    kommune_picked = Signal(int)

    def __init__(self, config: KioskConfig, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.config = config
        self.setObjectName("kioskWindow")
        self.setWindowTitle("almen-gui kiosk")
        self._may_close = False
        self.view = KioskView(self)
        self.view.setAccessibleName("Faktaark")

        self.previous_button = QPushButton("‹")
        self.pick_button = QPushButton("Vælg kommune")
        self.next_button = QPushButton("›")
        for button, name in ((self.previous_button, "Forrige side"), (self.pick_button, "Vælg kommune"),
                             (self.next_button, "Næste side")):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(name)
        self.page_label = QLabel()
        self.controls = QHBoxLayout()
        self.controls.addWidget(self.previous_button)
        self.controls.addWidget(self.page_label)
        self.controls.addStretch(1)
        self.controls.addWidget(self.pick_button)
        self.controls.addStretch(1)
        self.controls.addWidget(self.next_button)

        self.picker = KommunePicker(self)
        self.picker_list = self.picker.list
        self.pin_panel = PinPanel(PinGuard(config.pin), self)
        self.pin_panel.accepted.connect(self.leave)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 0, 0, 2, 1)
        layout.addLayout(self.controls, 1, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.picker, 0, 0, 2, 1, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.pin_panel, 0, 0, 2, 1, Qt.AlignmentFlag.AlignCenter)
        layout.setRowStretch(0, 1)
        self.picker.hide()
        self.pin_panel.hide()

        self.admin_shortcut = QShortcut(QKeySequence(config.admin_chord), self)
        self.admin_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.admin_shortcut.activated.connect(self._on_admin_chord)
        self.picker.picked.connect(self.kommune_picked)
        # Watch this window's own widgets (not the whole application) for visitors; no context menu anywhere.
        for widget in (self, *self.findChildren(QWidget)):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            widget.setMouseTracking(True)
            widget.installEventFilter(self)
        self._size_controls()

    def set_kommuner(self, kommuner: list[tuple[int, str]]) -> None:
        self.picker.set_kommuner(kommuner)

    def open_picker(self) -> None:
        self.picker.show()
        self.picker.raise_()

    def close_panels(self) -> None:
        """The idle reset: no picker, and no PIN panel holding a visitor's digits."""
        self.picker.hide()
        self.pin_panel.close_and_forget()

    def _size_controls(self) -> None:
        height, width = max(self.height(), 200), max(self.width(), 200)
        font, pad, margin = (round(height * f) for f in (CONTROL_FONT, CONTROL_PAD, CONTROL_MARGIN))
        big = f"font-size: {font}px; font-weight: 700; padding: {pad}px {3 * pad}px; border-radius: {pad}px;"
        for button in (self.previous_button, self.pick_button, self.next_button):
            button.setStyleSheet(f"QPushButton {{ {big} background: {style.PRIMARY}; color: {style.ON_PRIMARY}; }}")
        self.page_label.setStyleSheet(f"font-size: {round(font * 0.6)}px; color: {style.MUTED};")
        self.controls.setContentsMargins(round(width * 0.03), 0, round(width * 0.03), margin)
        self.picker.setFixedSize(min(760, round(width * 0.6)), round(height * 0.9))

    # --- leaving ----------------------------------------------------------------------------------------------------
    def _on_admin_chord(self) -> None:
        if self.config.pin:
            self.pin_panel.open()
        else:
            self.leave()

    def leave(self) -> None:
        log.info("Kiosktilstand afsluttet med administratortasten")
        self._may_close = True
        self.exit_requested.emit()
        self.close()

    def closeEvent(self, event):  # noqa: N802 (Qt override): Alt+F4 and the window manager cannot close a kiosk
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def keyPressEvent(self, event):  # noqa: N802 (Qt override): Escape, Ctrl+Q, Ctrl+W … do nothing here
        event.accept()

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._size_controls()

    def event(self, event):
        if event.type() == QEvent.Type.ContextMenu:
            return True
        return super().event(event)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self.pointer_moved.emit()
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            self.pointer_moved.emit()
            self.touched.emit()
        elif kind == QEvent.Type.ContextMenu:
            return True  # no context menu anywhere in the kiosk
        return False
