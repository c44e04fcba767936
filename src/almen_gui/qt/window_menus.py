"""The main window's menus, toolbar and shortcuts, and the two dialogs of its Hjælp menu.

A mixin of MainWindow: the actions call the window's own methods (open_dataset, export_current, …).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from almen_gui import __version__
from almen_gui.model.metadata import period_text


class WindowMenus:
    """Builds the Fil, Vis and Hjælp menus and the toolbar on a MainWindow."""

    def _action(self, menu, text: str, slot=None, shortcut=None, enabled: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if slot:
            action.triggered.connect(slot)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        fil = bar.addMenu("&Fil")
        self.open_action = self._action(fil, "Åbn datasæt…", self.choose_dataset, "Ctrl+O")
        self.restore_action = self._action(fil, "Gendan medfølgende data", self.restore_bundled_data)
        self.boundaries_action = self._action(fil, "Indlæs kommunegrænser…", self.choose_boundaries)
        self.dst_fetch_action = self._action(fil, "Hent tal fra Danmarks Statistik…", self.fetch_dst)
        fil.addSeparator()
        self.export_action = self._action(fil, "Eksportér faktaark…", self.export_current, "Ctrl+E")
        self.export_all_action = self._action(fil, "Eksportér alle…", self.choose_export_all_folder)
        self.export_table_action = self._action(fil, "Eksportér tabel…", self.choose_table_file)
        self.print_action = self._action(fil, "Udskriv…", self.print_current, "Ctrl+P")
        fil.addSeparator()
        self.quit_action = self._action(fil, "Afslut", self.close, "Ctrl+Q")
        vis = bar.addMenu("&Vis")
        self.fullscreen_action = self._action(vis, "Fuld skærm", self.toggle_fullscreen, "F11")
        self.fullscreen_action.setCheckable(True)
        self.kiosk_action = self._action(vis, "Kiosktilstand", self._on_kiosk_action_triggered)
        hjaelp = bar.addMenu("&Hjælp")
        self._action(hjaelp, "Om almen-gui", self.show_about)
        self._action(hjaelp, "Datakilder", self.show_sources)
        search = QAction("Søg kommune", self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.kommune_list.focus_search)
        self.addAction(search)
        self.toolbar = toolbar = self.addToolBar("Værktøjer")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action in (self.open_action, self.export_action, self.print_action):
            toolbar.addAction(action)
        self.kommune_list.search.installEventFilter(self)  # see is_menu_shortcut

    def is_menu_shortcut(self, event) -> bool:
        """Whether a key pressed is one of the menus' shortcuts: in the search field these come first, as the field
        would take some for itself (Ctrl+E moves to the line's end on Linux)."""
        pressed = QKeySequence(event.keyCombination())
        return any(action.shortcut() == pressed for action in self.findChildren(QAction)
                   if not action.shortcut().isEmpty())

    def show_about(self) -> None:
        QMessageBox.about(self, "Om almen-gui",
                          f"<b>almen-gui {__version__}</b><p>Tal og faktaark om almene boliger i Danmarks 98 kommuner.</p>"
                          "<p>Skrifttype: Open Sans (Apache License 2.0).</p>")

    def show_sources(self) -> None:
        metadata = self.state.dataset.metadata
        lines = [f"Datasæt: {self.state.dataset.label}", f"Kilde til kommunetal: {metadata.source}",
                 f"Reference: {metadata.reference}", "", "Tal pr. kommune:"]
        lines += [f"  {f.title} ({f.unit}, {period_text(f)})" + (f" – {f.note}" if f.note else "")
                  for f in metadata.fields]
        lines += ["", "Tal for hele landet:"]
        lines += [f"  {n.text}" + (f" Kilde: {n.source}." if n.source else "") for n in metadata.national_facts]
        lines += ["", metadata.kommune_attribution]
        from almen_gui.qt.dialogs import TextDialog

        self.sources_dialog = TextDialog("Datakilder", "Hvor tallene kommer fra", "\n".join(lines), self)
        self.sources_dialog.show()
