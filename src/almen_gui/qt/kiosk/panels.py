"""The kiosk's two panels over the page: the kommune picker for visitors and the PIN panel for staff."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
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
from almen_gui.qt.kiosk.loop import PinGuard

log = logging.getLogger(__name__)


class KommunePicker(QWidget):
    """A large list of kommuner with kinetic scrolling; emits the chosen kommune's code."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kioskPicker")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(f"#kioskPicker {{ background: {style.BACKGROUND}; border: 4px solid {style.PRIMARY}; "
                           "border-radius: 18px; }")
        title = QLabel("Vælg en kommune")
        title.setStyleSheet(f"font-size: 28pt; font-weight: 800; color: {style.PRIMARY};")
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget { font-size: 24pt; } QListWidget::item { padding: 14px; }")
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName("Kommuner")
        QScroller.grabGesture(self.list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.close_button = QPushButton("Luk")
        self.close_button.setStyleSheet(f"font-size: 22pt; padding: 14px; background: {style.PANEL};")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 30, 30, 30)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.close_button)

    def set_kommuner(self, kommuner: list[tuple[int, str]]) -> None:
        """The choices: (kode, name), shown in the given order."""
        self.list.clear()
        for kode, navn in kommuner:
            item = QListWidgetItem(navn)
            item.setData(Qt.ItemDataRole.UserRole, kode)
            self.list.addItem(item)

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.hide()
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))


class PinPanel(QWidget):
    """Digits for the admin PIN. A wrong PIN locks the panel for a delay that doubles each time (PinGuard)."""

    accepted = Signal()

    def __init__(self, guard: PinGuard, parent: QWidget | None = None):
        super().__init__(parent)
        self.guard = guard
        self.setObjectName("kioskPin")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(f"#kioskPin {{ background: {style.BACKGROUND}; border: 4px solid {style.ACCENT}; "
                           "border-radius: 18px; }"
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
