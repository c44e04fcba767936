"""The screen a widget is on, asked without QWidget.screen().

PySide6 (seen with 6.11) ties the QScreen wrapper that QWidget.screen() returns to the widget; when the garbage
collector later frees that widget, the screen goes with it and the next widget built crashes the process. The
window's QWindow belongs to Qt, so asking it is safe.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def screen_of(widget: QWidget) -> QScreen:
    """The screen `widget`'s window is shown on (the primary screen before it has been shown)."""
    handle = widget.window().windowHandle()
    screen = handle.screen() if handle is not None else None
    return screen or QGuiApplication.primaryScreen()
