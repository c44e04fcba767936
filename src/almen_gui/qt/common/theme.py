"""The window's light theme: the factsheet's colours (declared with their backgrounds in factsheet/style.py) for Qt's
palette and the style sheet, and a focus ring of 2 px in the focus colour on every widget that takes focus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from almen_gui.factsheet import style

# Qt's own widgets read these roles; every one comes from the table of colours.
PALETTE = {
    QPalette.ColorRole.Window: "window", QPalette.ColorRole.Button: "window", QPalette.ColorRole.Base: "background",
    QPalette.ColorRole.AlternateBase: "panel", QPalette.ColorRole.WindowText: "text",
    QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.Text: "text",
    QPalette.ColorRole.ToolTipBase: "background",
    QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.PlaceholderText: "muted",
    QPalette.ColorRole.Highlight: "primary", QPalette.ColorRole.HighlightedText: "on_primary",
}


def apply_palette(app: QApplication) -> None:
    palette = app.palette()
    for role, name in PALETTE.items():
        palette.setColor(role, QColor(style.colour(name)))
    app.setPalette(palette)


DESIGN_POINTS = 10.0  # the text size the sheet's sizes were drawn for; they grow and shrink with the desktop's


def stylesheet(points: float = DESIGN_POINTS) -> str:
    """The style sheet for a desktop whose text is `points` large: headings and figures keep their proportions."""

    def pt(size: float) -> str:
        return f"{size * points / DESIGN_POINTS:.3g}pt"

    return f"""
QMainWindow, #statsPanel {{ background: {style.BACKGROUND}; }}
#panelHeading {{ font-size: {pt(20)}; font-weight: 700; color: {style.PRIMARY}; }}
#panelSubheading {{ color: {style.MUTED}; }}
#figureCard {{ background: {style.PANEL}; border-radius: 6px; border: 2px solid transparent; }}
#figureCard:focus {{ border: 2px solid {style.FOCUS}; }}
#cardTitle {{ color: {style.MUTED}; font-size: {pt(9)}; }}
#cardValue {{ color: {style.TEXT}; font-size: {pt(17)}; font-weight: 700; }}
#cardValue[missing="true"] {{ color: {style.MUTED}; font-size: {pt(13)}; font-style: italic; font-weight: 600; }}
#cardDetail {{ color: {style.MUTED}; font-size: {pt(8)}; }}
#panelHeading[dense="true"] {{ font-size: {pt(14)}; }}
#cardTitle[dense="true"] {{ font-size: {pt(8)}; }}
#cardValue[dense="true"] {{ font-size: {pt(13)}; }}
#cardValue[dense="true"][missing="true"] {{ font-size: {pt(11)}; }}
#cardDetail[dense="true"] {{ font-size: {pt(7.5)}; }}
#groupHeading {{ font-size: {pt(11)}; font-weight: 700; color: {style.PRIMARY}; }}
#groupHeading[dense="true"] {{ font-size: {pt(9)}; }}
#groupSource {{ color: {style.MUTED}; font-size: {pt(8)}; }}
#absentLine {{ background: {style.colour("notice")}; border-radius: 4px; }}
#notice {{ background: {style.colour("notice")}; border: 2px solid {style.colour("notice_border")};
    border-radius: 6px; }}
#chartTitle {{ font-weight: 600; color: {style.PRIMARY}; }}
QListView::item {{ padding: 3px; }}
QListView::item:selected {{ background: {style.PRIMARY}; color: {style.ON_PRIMARY}; }}
*:focus {{ outline: none; }}
QListView, QCheckBox, QRadioButton, QGraphicsView {{ border: 2px solid transparent; }}
QListView:focus, QCheckBox:focus, QRadioButton:focus, QGraphicsView:focus {{ border-color: {style.FOCUS}; }}
QLineEdit, QComboBox, QPushButton {{ border: 1px solid {style.AXIS}; border-radius: 3px; padding: 3px 5px;
    background: {style.BACKGROUND}; }}
QPushButton {{ padding: 4px 14px; background: {style.colour("window")}; }}
QLineEdit:focus, QComboBox:focus {{ border: 3px solid {style.FOCUS}; padding: 1px 3px; }}
QPushButton:focus {{ border: 3px solid {style.FOCUS}; padding: 2px 12px; }}
QTabBar::tab {{ background: {style.colour("window")}; color: {style.TEXT}; padding: 3px 10px; margin-right: 2px;
    border: 2px solid transparent; border-bottom: 3px solid transparent; }}
QTabBar::tab:selected {{ background: {style.BACKGROUND}; border-bottom-color: {style.PRIMARY}; }}
QTabBar::tab:focus {{ border-color: {style.FOCUS}; }}
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
