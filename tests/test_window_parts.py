"""The main window's parts, each built alone from what it needs (a state, settings, a way to tell the user): the menus
made from a list of actions, the data files and the sheet output; and the window, which only says that the kiosk was
asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from almen_gui.model import DataError
from almen_gui.model.geo import BUNDLED_ATTRIBUTION
from almen_gui.qt.common.settings import Settings
from almen_gui.qt.common.state import AppState
from almen_gui.qt.export.sheet_output import SheetOutput
from almen_gui.qt.kiosk.window import KioskWindow
from almen_gui.qt.loading.data_files import DataFiles
from almen_gui.qt.window.main_window import MainWindow
from almen_gui.qt.window.menus import ActionSpec, Menus

CORPUS = Path(__file__).parent / "corpus"


class Told:
    """Stands in for the window's Messages: keeps what a part said to the user."""

    def __init__(self):
        self.said: list[tuple[str, ...]] = []

    def warn(self, title: str, text: str) -> None:
        self.said.append(("warn", title, text))

    def message(self, title: str, text: str, _icon) -> None:
        self.said.append(("message", title, text))

    def problems(self, title: str, heading: str, error: DataError) -> None:
        self.said.append(("problems", title, heading, str(error)))

    def status(self, text: str, _milliseconds: int) -> None:
        self.said.append(("status", text))


def _settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_menus_are_made_from_a_list_of_actions_in_its_order(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    done = []
    menus = Menus(window, [
        ActionSpec("open", "Åbn…", lambda: done.append("open"), "&Fil", "Ctrl+O", toolbar=True),
        ActionSpec("quit", "Afslut", lambda: done.append("quit"), "&Fil", "Ctrl+Q", group=1),
        ActionSpec("full", "Fuld skærm", lambda: done.append("full"), "&Vis", "F11", checkable=True),
        ActionSpec("search", "Søg", lambda: done.append("search"), shortcut="Ctrl+F"),
    ])
    bar = window.menuBar().actions()
    assert [action.text() for action in bar] == ["&Fil", "&Vis"]
    fil = [action.text() or "—" for action in bar[0].menu().actions()]
    assert fil == ["Åbn…", "—", "Afslut"]  # a new group after a separator
    assert [action.text() for action in menus.toolbar.actions()] == ["Åbn…"]
    assert menus.actions["search"] in window.actions()  # a shortcut with no menu item works anywhere in the window
    assert menus.actions["full"].isCheckable() and menus.actions["quit"].shortcut().toString() == "Ctrl+Q"
    for action in bar[0].menu().actions() + bar[1].menu().actions():
        action.trigger()
    menus.actions["search"].trigger()
    assert done == ["open", "quit", "full", "search"]
    pressed = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    other = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert menus.is_shortcut(pressed) and not menus.is_shortcut(other)


def test_data_files_alone_open_a_dataset_into_the_state_and_tell_the_problems_of_a_bad_one(
        tmp_path, bundled, synthetic_csv, _user_folders):
    state, told, settings = AppState(bundled, 161), Told(), _settings(tmp_path)
    files = DataFiles(state, settings, told)
    assert not files.open_dataset(CORPUS / "negativt-tal.csv")
    assert state.dataset is bundled  # what was shown stays
    [(kind, title, heading, problems)] = told.said
    assert (kind, title) == ("problems", "Datasættet kan ikke bruges") and "de hidtidige tal vises stadig" in heading
    assert "må ikke være negativ" in problems
    assert files.open_dataset(synthetic_csv)
    assert state.dataset.value(161, "beboere") == 2610  # the synthetic figure: 1000 + 161 * 10
    assert Path(settings.get("dataset_path")) == _user_folders / "datasets" / "syntetisk-komplet.csv"
    files.restore_bundled_data()
    assert state.dataset.path is None and settings.get("dataset_path") == ""


def test_data_files_alone_read_boundaries_into_the_state_or_keep_the_map_as_it_was(tmp_path, bundled):
    from test_map import feature, geojson, square

    state, told = AppState(bundled, 161), Told()
    files = DataFiles(state, _settings(tmp_path), told)
    bad = tmp_path / "ødelagt.geojson"
    bad.write_text("{", encoding="utf-8")
    assert not files.load_boundaries(bad)
    assert state.boundaries.source == BUNDLED_ATTRIBUTION  # the map draws the bundled shapes all the same
    assert told.said[0][:2] == ("problems", "Kommunegrænserne kan ikke bruges")
    assert files.load_boundaries(geojson(tmp_path, [feature(161, square(12.35, 55.65))]), remember=False)
    assert set(state.boundaries.shapes) == {161} and told.said[-1][0] == "status"


def test_sheet_output_alone_writes_the_table_and_says_where(qtbot, tmp_path, bundled):
    parent = QMainWindow()
    qtbot.addWidget(parent)
    told = Told()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    output = SheetOutput(AppState(bundled, 161), parent, told, settings)
    assert output.export_table(tmp_path / "tabel.csv")
    assert "Glostrup" in (tmp_path / "tabel.csv").read_text(encoding="utf-8-sig")
    assert told.said == [("status", f"Tabellen er gemt i {tmp_path / 'tabel.csv'} (kun datasættets tal: Danmarks "
                                    "Statistiks er ikke hentet).")]
    assert not output.export_table(tmp_path / "findes-ikke" / "tabel.csv")
    assert told.said[-1][:2] == ("warn", "Tabellen blev ikke gemt")


def test_the_window_alone_only_says_that_the_kiosk_was_asked_for(qtbot, tmp_path, bundled):
    window = MainWindow(AppState(bundled, 161), _settings(tmp_path))  # built without the start room's hand-over
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.kiosk_requested, timeout=1000):
        window.menus.actions["kiosk"].trigger()
    assert window.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
