"""A one-line label that ends in "…" when it is too narrow, with the whole text in its tooltip: the status bar and
the figure cards' titles on a small screen or at a large scale factor."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """text() stays the whole text; only the drawing is shortened. With set_elided(False) it wraps like a QLabel."""

    def __init__(self, text: str = "", parent: QWidget | None = None, own_tooltip: bool = True):
        super().__init__(text, parent)
        self._elided = True
        self._own_tooltip = own_tooltip
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_elided(self, elided: bool) -> None:
        self._elided = elided
        self.setWordWrap(not elided)
        self._update_tooltip()
        self.updateGeometry()
        self.update()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self._update_tooltip()

    def is_elided(self) -> bool:
        """True when the text is drawn shortened, ending in "…"."""
        return self._elided and self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def shown_text(self) -> str:
        """What the user reads now."""
        if not self._elided:
            return self.text()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def _update_tooltip(self) -> None:
        if self._own_tooltip:
            self.setToolTip(self.text() if self.is_elided() else "")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override): a long text must not widen the window
        hint = super().minimumSizeHint()
        return QSize(0, hint.height()) if self._elided else hint

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        return QSize(min(hint.width(), 200), hint.height()) if self._elided else hint

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        if not self._elided:
            super().paintEvent(event)
            return
        # What QStyle.drawItemText does, without asking for the style: the first look-up of QStyle from Python builds
        # its hundreds of enum members, and the status bar's label is painted before the window is first on screen.
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter = QPainter(self)
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        painter.drawText(self.contentsRect(), self.alignment() | Qt.AlignmentFlag.AlignVCenter, self.shown_text())
