"""The screen a widget is on, asked without QWidget.screen().

PySide6 (seen with 6.11) ties the QScreen wrapper that QWidget.screen() returns to the widget; when the garbage
collector later frees that widget, the screen goes with it and the next widget built crashes the process. The
window's QWindow belongs to Qt, so asking it is safe.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = 24  # logical pixels for the window frame around a dialog
TITLE_ALLOWANCE = 48  # logical pixels for its title bar and frame


def screen_of(widget: QWidget) -> QScreen:
    """The screen `widget`'s window is shown on (the primary screen before it has been shown)."""
    handle = widget.window().windowHandle()
    screen = handle.screen() if handle is not None else None
    return screen or QGuiApplication.primaryScreen()


def fitting(widget: QWidget, width: int, height: int) -> QSize:
    """The size up to width×height that a window of `widget`'s fits on its screen with its frame (1366×768 at
    200 % is 683×384 logical pixels)."""
    area = screen_of(widget).availableGeometry()
    return QSize(min(width, area.width() - FRAME_ALLOWANCE), min(height, area.height() - TITLE_ALLOWANCE))
