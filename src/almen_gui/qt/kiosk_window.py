"""The kiosk's frameless window: the page view, the touch controls, the kommune picker and the admin PIN panel.

It knows nothing of rotation or data: it shows what it is given and says what visitors did (signals).
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from almen_gui.factsheet import style
from almen_gui.qt.kiosk_config import KioskConfig
from almen_gui.qt.kiosk_loop import PinGuard

log = logging.getLogger(__name__)
FADE_MS = 700
PROGRESS_PX = 8
# The page keeps its bottom 13 % for these controls (the renderer's source line ends at 87 %); they are sized from the
# window's height so that they stay inside that band on every screen.
CONTROL_FONT = 0.034
CONTROL_PAD = 0.011
CONTROL_MARGIN = 0.016


class KioskView(QWidget):
    """Paints the current page, cross-fading from the previous one, with a progress line and a small pixel shift."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._current = QPixmap()
        self._previous = QPixmap()
        self._fade = 1.0
        self._progress = 0.0
        self._shift = QPoint(0, 0)
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(FADE_MS)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.animation.valueChanged.connect(self._on_fade_changed)

    def set_page(self, pixmap: QPixmap, animate: bool = True) -> None:
        self._previous = self._current
        self._current = pixmap
        self._progress = 0.0
        if animate and not self._previous.isNull():
            self.animation.stop()
            self._fade = 0.0
            self.animation.start()
        else:
            self.animation.stop()
            self._fade = 1.0
        self.update()

    def current_pixmap(self) -> QPixmap:
        return self._current

    def set_progress(self, fraction: float) -> None:
        self._progress = fraction
        self.update(0, self.height() - PROGRESS_PX, self.width(), PROGRESS_PX)

    def set_shift(self, shift: QPoint) -> None:
        self._shift = QPoint(shift)
        self.update()

    def shift(self) -> QPoint:
        return QPoint(self._shift)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.resized.emit()

    def _on_fade_changed(self, value) -> None:
        self._fade = float(value)
        self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.BACKGROUND))
        painter.translate(self._shift)
        if self._fade < 1.0 and not self._previous.isNull():
            painter.setOpacity(1.0 - self._fade)
            painter.drawPixmap(0, 0, self._previous)
        painter.setOpacity(self._fade)
        painter.drawPixmap(0, 0, self._current)
        painter.setOpacity(1.0)
        painter.resetTransform()
        bar = QRectF(0, self.height() - PROGRESS_PX, self.width() * self._progress, PROGRESS_PX)
        painter.fillRect(bar, QColor(style.ACCENT))
        painter.end()


class PinPanel(QWidget):
    """Digits for the admin PIN. A wrong PIN locks the panel for a delay that doubles each time (PinGuard)."""

    accepted = Signal()

    def __init__(self, guard: PinGuard, parent: QWidget | None = None):
        super().__init__(parent)
        self.guard = guard
        self.setObjectName("kioskPin")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(f"#kioskPin {{ background: white; border: 4px solid {style.ACCENT}; border-radius: 18px; }}"
                           " QPushButton { font-size: 24pt; min-width: 90px; min-height: 64px; }"
                           " QLabel { font-size: 16pt; }")
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setStyleSheet("font-size: 28pt;")
        self.edit.setAccessibleName("PIN")
        self.edit.returnPressed.connect(self._on_entered)
        self.message = QLabel("Administrator-PIN")
        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 3)
        layout.addWidget(self.edit, 1, 0, 1, 3)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789C0K"):
            text = {"C": "Annullér", "K": "OK"}.get(key, key)
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(text)
            if key == "C":
                button.clicked.connect(self.close_and_forget)
            elif key == "K":
                button.clicked.connect(self._on_entered)
            else:
                button.clicked.connect(lambda _=False, d=key: self.edit.insert(d))
            layout.addWidget(button, 2 + index // 3, index % 3)
            self.buttons[text] = button
        self._unlock = QTimer(self)
        self._unlock.setSingleShot(True)
        self._unlock.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may end the delay before the guard does
        self._unlock.timeout.connect(self._on_unlocked)

    def open(self) -> None:
        self.edit.clear()
        self.show()
        self.raise_()
        self.edit.setFocus()

    def close_and_forget(self) -> None:
        self.hide()
        self.edit.clear()

    def _on_entered(self) -> None:
        attempt = self.edit.text()
        self.edit.clear()
        if self.guard.check(attempt):
            self.close_and_forget()
            self.accepted.emit()
            return
        log.info("Forkert PIN indtastet i kiosken (%d. forsøg i træk)", self.guard.failures)
        self._lock(self.guard.wait_seconds())

    def _lock(self, seconds: float) -> None:
        if seconds <= 0:
            return
        whole = max(1, round(seconds))
        self.message.setText(f"Forkert PIN. Prøv igen om {whole} sekund{'' if whole == 1 else 'er'}.")
        for text in ("OK", *"0123456789"):
            self.buttons[text].setEnabled(False)
        self.edit.setEnabled(False)
        self._unlock.start(math.ceil(seconds * 1000) + 20)

    def _on_unlocked(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(True)
        self.edit.setEnabled(True)
        self.message.setText("Administrator-PIN")
        if self.isVisible():
            self.edit.setFocus()


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

        self.picker = self._build_picker()
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
        self.close_picker_button.clicked.connect(self.picker.hide)
        self.picker_list.itemClicked.connect(self._on_picker_item)
        # Watch this window's own widgets (not the whole application) for visitors; no context menu anywhere.
        for widget in (self, *self.findChildren(QWidget)):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            widget.setMouseTracking(True)
            widget.installEventFilter(self)
        self._size_controls()

    def _build_picker(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("kioskPicker")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        panel.setStyleSheet(f"#kioskPicker {{ background: white; border: 4px solid {style.PRIMARY}; "
                            "border-radius: 18px; }")
        title = QLabel("Vælg en kommune")
        title.setStyleSheet(f"font-size: 28pt; font-weight: 800; color: {style.PRIMARY};")
        self.picker_list = QListWidget()
        self.picker_list.setStyleSheet("QListWidget { font-size: 24pt; } QListWidget::item { padding: 14px; }")
        self.picker_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.picker_list.setAccessibleName("Kommuner")
        QScroller.grabGesture(self.picker_list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.close_picker_button = QPushButton("Luk")
        self.close_picker_button.setStyleSheet(f"font-size: 22pt; padding: 14px; background: {style.PANEL};")
        self.close_picker_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(30, 30, 30, 30)
        layout.addWidget(title)
        layout.addWidget(self.picker_list, 1)
        layout.addWidget(self.close_picker_button)
        return panel

    def set_kommuner(self, kommuner: list[tuple[int, str]]) -> None:
        """The picker's choices: (kode, name), shown in the given order."""
        self.picker_list.clear()
        for kode, navn in kommuner:
            item = QListWidgetItem(navn)
            item.setData(Qt.ItemDataRole.UserRole, kode)
            self.picker_list.addItem(item)

    def open_picker(self) -> None:
        self.picker.show()
        self.picker.raise_()

    def close_panels(self) -> None:
        """The idle reset: no picker, and no PIN panel holding a visitor's digits."""
        self.picker.hide()
        self.pin_panel.close_and_forget()

    def _on_picker_item(self, item: QListWidgetItem) -> None:
        self.picker.hide()
        self.kommune_picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def _size_controls(self) -> None:
        height, width = max(self.height(), 200), max(self.width(), 200)
        font, pad, margin = (round(height * f) for f in (CONTROL_FONT, CONTROL_PAD, CONTROL_MARGIN))
        big = f"font-size: {font}px; font-weight: 700; padding: {pad}px {3 * pad}px; border-radius: {pad}px;"
        for button in (self.previous_button, self.pick_button, self.next_button):
            button.setStyleSheet(f"QPushButton {{ {big} background: {style.PRIMARY}; color: white; }}")
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
