"""The kiosk's page view: the current page, a cross-fade from the previous one, the progress line and the small
pixel shift against burn-in. It paints pixmaps it is given; it draws no page itself, but tells a screen reader the
page's text (set_text)."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from almen_gui.factsheet import style
from almen_gui.qt.common.announce import announce

FADE_MS = 700
PROGRESS_PX = 8


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

    def set_page(self, pixmap: QPixmap, animate: bool = True) -> QPixmap:
        """Show `pixmap` (fading from the page before); returns the pixmap no longer needed, for the next page."""
        spare = self._previous
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
        return spare

    def set_text(self, name: str, text: str) -> None:
        """What the page says, for a screen reader: its name, its whole text as the description, and announced."""
        self.setAccessibleName(f"Faktaark: {name}")
        self.setAccessibleDescription(text)
        announce(self, text)

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
