"""The window's light theme: the factsheet's colours and the bundled font, readable at any scale factor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from almen_gui.factsheet import style

STYLESHEET = f"""
QMainWindow, #statsPanel {{ background: {style.BACKGROUND}; }}
#panelHeading {{ font-size: 20pt; font-weight: 700; color: {style.PRIMARY}; }}
#panelSubheading {{ color: {style.MUTED}; }}
#figureCard {{ background: {style.PANEL}; border-radius: 6px; border: 2px solid transparent; }}
#figureCard:focus {{ border: 2px solid {style.ACCENT}; }}
#cardTitle {{ color: {style.MUTED}; font-size: 9pt; }}
#cardValue {{ color: {style.TEXT}; font-size: 17pt; font-weight: 700; }}
#cardValue[missing="true"] {{ color: {style.MUTED}; font-size: 13pt; font-style: italic; font-weight: 600; }}
#cardDetail {{ color: {style.MUTED}; font-size: 8pt; }}
#panelHeading[dense="true"] {{ font-size: 14pt; }}
#cardTitle[dense="true"] {{ font-size: 8pt; }}
#cardValue[dense="true"] {{ font-size: 13pt; }}
#cardValue[dense="true"][missing="true"] {{ font-size: 11pt; }}
#cardDetail[dense="true"] {{ font-size: 7.5pt; }}
#groupHeading {{ font-size: 11pt; font-weight: 700; color: {style.PRIMARY}; }}
#groupHeading[dense="true"] {{ font-size: 9pt; }}
#groupSource {{ color: {style.MUTED}; font-size: 8pt; }}
#absentLine {{ background: #FFF4E8; border-radius: 4px; }}
#notice {{ background: #FFF4E8; border: 1px solid {style.ACCENT}; border-radius: 6px; }}
#chartTitle {{ font-weight: 600; color: {style.PRIMARY}; }}
QListView::item {{ padding: 3px; }}
QListView::item:selected {{ background: {style.PRIMARY}; color: white; }}
*:focus {{ outline: none; }}
QLineEdit:focus, QComboBox:focus, QListView:focus, QPushButton:focus, QTabBar::tab:focus {{
    border: 2px solid {style.ACCENT}; }}
"""


@contextmanager
def styled_once(app: QApplication) -> Iterator[None]:
    """Build the first window inside this block, and the style sheet is applied to it once, when the block ends.

    Under an application style sheet Qt restyles a widget's whole subtree each time the widget is given a parent, and
    a window assembled from parts (list, panel, scroll area, splitters) gives its figure cards a parent four times:
    about a third of the window's construction. Taking the sheet off and putting it back restyles every widget alive,
    so it is done only while there is none (at start-up); otherwise the window is built under the sheet as usual.
    """
    sheet = app.styleSheet()
    if not sheet or app.topLevelWidgets():
        yield
        return
    app.setStyleSheet("")
    try:
        yield
    finally:
        app.setStyleSheet(sheet)
