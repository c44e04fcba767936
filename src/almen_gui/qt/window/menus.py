"""The main window's menus, toolbar and shortcuts, built from a list of action descriptions (as napari declares its
actions), and the two dialogs of its Hjælp menu.

The window declares what each action is and does (`ActionSpec`: id, title, callback, menu, shortcut); `Menus` makes
the QActions, menus and toolbar from that list and knows nothing of what the callbacks do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from almen_gui import __version__
from almen_gui.model.metadata import period_text
from almen_gui.qt.common.dialogs import TextDialog
from almen_gui.qt.common.state import AppState

@dataclass(frozen=True)
class ActionSpec:
    """One action of the window: `id` names it in Menus.actions; `menu` is the menu's title ("&Fil"), or "" for a
    shortcut with no menu item; a new `group` in a menu starts after a separator."""

    id: str
    title: str
    callback: Callable[[], object]
    menu: str = ""
    shortcut: str = ""
    group: int = 0
    checkable: bool = False
    toolbar: bool = False


class Menus:
    """The menu bar, toolbar and window-wide shortcuts of a QMainWindow, in the order of `specs`."""

    def __init__(self, window: QMainWindow, specs: Sequence[ActionSpec]):
        self.actions: dict[str, QAction] = {}
        menus, groups = {}, {}
        for spec in specs:
            action = QAction(spec.title, window)
            action.setObjectName(spec.id)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setCheckable(spec.checkable)
            action.triggered.connect(spec.callback)
            if not spec.menu:
                window.addAction(action)  # a shortcut that works anywhere in the window
            else:
                if spec.menu not in menus:
                    menus[spec.menu] = window.menuBar().addMenu(spec.menu)
                elif groups[spec.menu] != spec.group:
                    menus[spec.menu].addSeparator()
                groups[spec.menu] = spec.group
                menus[spec.menu].addAction(action)
            self.actions[spec.id] = action
        self.toolbar = window.addToolBar("Værktøjer")
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        for spec in specs:
            if spec.toolbar:
                self.toolbar.addAction(self.actions[spec.id])

    def is_shortcut(self, event) -> bool:
        """Whether a key pressed is one of the actions' shortcuts: in a text field these come first, as the field
        would take some for itself (Ctrl+E moves to the line's end on Linux)."""
        pressed = QKeySequence(event.keyCombination())
        return any(action.shortcut() == pressed for action in self.actions.values() if not action.shortcut().isEmpty())


class HelpDialogs:
    """The Hjælp menu's Om almen-gui and Datakilder, on the state's dataset."""

    def __init__(self, state: AppState, parent: QWidget):
        self.state, self.parent = state, parent
        self.sources_dialog: TextDialog | None = None

    def show_about(self) -> None:
        QMessageBox.about(self.parent, "Om almen-gui",
                          f"<b>almen-gui {__version__}</b><p>Tal og faktaark om almene boliger i Danmarks 98 kommuner.</p>"
                          "<p>Skrifttype: Open Sans (Apache License 2.0).</p>")

    def show_sources(self) -> None:
        from almen_gui.model.geo import BUNDLED_ATTRIBUTION  # lazy: geo loads numpy, not before the first paint

        metadata = self.state.dataset.metadata
        lines = [f"Datasæt: {self.state.dataset.label}", f"Kilde til kommunetal: {metadata.source}",
                 f"Reference: {metadata.reference}", "", "Tal pr. kommune:"]
        lines += [f"  {f.title} ({f.unit}, {period_text(f)})" + (f" – {f.note}" if f.note else "")
                  for f in metadata.fields]
        lines += ["", "Tal for hele landet:"]
        lines += [f"  {n.text}" + (f" Kilde: {n.source}." if n.source else "") for n in metadata.national_facts]
        lines += ["", metadata.kommune_attribution, BUNDLED_ATTRIBUTION + "."]
        if self.state.boundaries is not None and self.state.boundaries.source != BUNDLED_ATTRIBUTION:
            lines.append(f"Kortet tegner lige nu kommunegrænserne i {self.state.boundaries.source}.")
        self.sources_dialog = TextDialog("Datakilder", "Hvor tallene kommer fra", "\n".join(lines), self.parent)
        self.sources_dialog.show()
