"""Kiosk mode: rotation, touch and idle reset, the lock-down, and unattended data reloads."""

from __future__ import annotations

import logging
import shutil

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from almen_gui.factsheet.render import KIOSK_PAGES
from almen_gui.model import load_bundled_dataset
from almen_gui.qt.kiosk import open_kiosk
from almen_gui.qt.kiosk_config import KioskConfig, load_kiosk_config
from almen_gui.qt.state import AppState
from image_checks import differing_fraction, to_array


@pytest.fixture
def kiosk(qtbot, synthetic_dataset):
    def make(dataset=None, **options):
        config = KioskConfig(**{"kommuner": ["Glostrup", "Aarhus", "101"], "seconds_per_page": 60,
                                "idle_timeout": 60, **options})
        state = AppState(dataset or synthetic_dataset, 161)
        window, controller = open_kiosk(state, config, full_screen=False)
        window.resize(1280, 720)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        controller.show_page(animate=False)
        made.append((window, controller))
        return window, controller

    made = []
    yield make
    for window, controller in made:
        controller.stop()
        window.leave()
    from almen_gui.qt import crash

    crash.set_dialogs_enabled(True)


def top_level_count() -> int:
    return len([w for w in QApplication.topLevelWidgets() if w.isVisible()])


def test_rotates_through_pages_then_kommuner(kiosk):
    window, controller = kiosk()
    assert controller.koder == [161, 751, 101]
    shown = []
    controller.page_shown.connect(lambda page, kode: shown.append((page, kode)))
    for _ in range(len(KIOSK_PAGES)):
        controller.advance()
    rest = len(KIOSK_PAGES) - 1
    assert [page for page, _ in shown[:rest]] == list(KIOSK_PAGES[1:])
    assert all(kode == 161 for _, kode in shown[:rest])
    assert shown[-1] == ("oversigt", 751)
    assert controller.state.kode == 751


def test_pages_change_on_their_own_and_look_different(qtbot, kiosk):
    window, controller = kiosk(seconds_per_page=0.3)
    first = to_array(window.view.current_pixmap().toImage())
    qtbot.waitUntil(lambda: controller.page == "boliger", timeout=3000)
    second = to_array(window.view.current_pixmap().toImage())
    assert differing_fraction(first, second) > 0.02
    qtbot.wait(150)
    assert 0 < window.view.progress < 1  # the progress line moves


def test_default_kommuner_are_those_with_complete_data(kiosk):
    window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=[])
    assert controller.koder == [161]


def test_touch_pauses_and_idle_restarts_the_loop(qtbot, kiosk):
    window, controller = kiosk(seconds_per_page=0.2, idle_timeout=0.5)
    controller.advance()
    controller.advance()
    controller.open_picker()
    assert window.picker.isVisible() and controller.paused
    item = window.picker_list.findItems("Odense", Qt.MatchFlag.MatchExactly)[0]
    controller._on_picker_item(item)
    assert controller.state.kode == 461 and controller.page == "oversigt"
    assert not window.picker.isVisible()
    qtbot.wait(300)
    assert controller.page == "oversigt" and controller.paused  # paused: no rotation while someone uses it
    qtbot.waitUntil(lambda: not controller.paused, timeout=3000)
    assert controller.state.kode == 161 and controller.kommune_index == 0  # back to the loop's start


def test_escape_alt_f4_ctrl_q_ctrl_w_and_closing_do_not_exit(qtbot, kiosk):
    window, controller = kiosk()
    before = top_level_count()
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                          (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(window, key, modifier)
    window.close()
    assert window.isVisible()
    assert top_level_count() == before


def test_right_clicks_open_no_menu_and_no_window(qtbot, kiosk):
    window, controller = kiosk()
    controller.page_index = KIOSK_PAGES.index("sammenligning") - 1
    controller.advance()
    chart = controller._chart()
    assert not chart.getPlotItem().getViewBox().menuEnabled()
    assert not chart.getPlotItem().menuEnabled()
    before = top_level_count()
    for target in (window, window.view, window.pick_button, chart.viewport()):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), target.mapToGlobal(QPoint(10, 10)))
        QApplication.sendEvent(target, event)
        press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(10, 10), QPointF(target.mapToGlobal(QPoint(10, 10))),
                            Qt.MouseButton.RightButton, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, press)
    qtbot.wait(50)
    assert top_level_count() == before
    assert QApplication.activePopupWidget() is None and QApplication.activeModalWidget() is None


def test_admin_chord_exits(qtbot, kiosk):
    window, controller = kiosk()
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        window.admin_shortcut.activated.emit()
    assert not window.isVisible()


def test_admin_chord_with_pin(qtbot, kiosk):
    window, controller = kiosk(pin="2468")
    window.admin_shortcut.activated.emit()
    assert window.pin_panel.isVisible() and window.isVisible()
    window.pin_edit.setText("1111")
    window._on_pin_entered()
    assert window.isVisible()
    window.pin_edit.setText("2468")
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        window._on_pin_entered()
    assert not window.isVisible()


def test_cursor_hides_after_stillness_and_returns_on_movement(qtbot, kiosk):
    window, controller = kiosk(cursor_hide_seconds=0.1)
    qtbot.waitUntil(lambda: controller._cursor_hidden, timeout=2000)
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseMove(window.view, QPoint(50, 50))
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(60, 60), QPointF(window.view.mapToGlobal(QPoint(60, 60))),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view, move)
    assert not controller._cursor_hidden
    assert QApplication.overrideCursor() is None


def test_burn_in_shift_moves_the_picture(qtbot, kiosk):
    window, controller = kiosk(shift_seconds=0.05)
    qtbot.waitUntil(lambda: window.view.shift != QPoint(0, 0), timeout=2000)
    assert abs(window.view.shift.x()) <= 3 and abs(window.view.shift.y()) <= 3


def test_data_file_is_reread_and_a_broken_one_keeps_the_last_good_data(qtbot, kiosk, synthetic_csv, tmp_path,
                                                                         caplog):
    data = tmp_path / "kiosk.csv"
    shutil.copy(synthetic_csv, data)
    from almen_gui.model import load_dataset

    window, controller = kiosk(dataset=load_dataset(data), data_file=str(data))
    good = controller.state.dataset
    assert good.value(161, "beboere") == 2610
    data.write_text("kode,beboere\n161,9999\n", encoding="utf-8")
    controller.check_data_file()
    assert controller.state.dataset.value(161, "beboere") == 9999
    last_good = controller.state.dataset
    with caplog.at_level(logging.ERROR):
        data.write_text("kode,beboere\n161,-5\n", encoding="utf-8")
        controller.check_data_file()
    assert controller.state.dataset is last_good
    assert "de sidste gode tal vises fortsat" in caplog.text
    assert top_level_count() == 1  # no dialog, only the kiosk


def test_kiosk_config_file(tmp_path, caplog):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\nkommuner = Glostrup, 0751\nsekunder_pr_side = 12\ninaktiv_efter = abc\n"
                    "admin_tast = Ctrl+Alt+K\npin = 12a4\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        config = load_kiosk_config(path)
    assert config.kommuner == ["Glostrup", "0751"]
    assert config.seconds_per_page == 12 and config.idle_timeout == 60  # a bad value keeps its default
    assert config.admin_chord == "Ctrl+Alt+K" and config.pin == ""
    assert "inaktiv_efter" in caplog.text
    assert load_kiosk_config(tmp_path / "missing.ini") == KioskConfig()


def test_main_window_hands_over_to_the_kiosk_and_gets_it_back(qtbot, tmp_path, monkeypatch):
    from qt_helpers import make_window

    monkeypatch.setenv("ALMEN_GUI_CONFIG", str(tmp_path / "config"))
    window = make_window(qtbot, tmp_path / "s.ini")
    kiosk_window = window.start_kiosk(full_screen=False)
    qtbot.addWidget(kiosk_window)
    assert not window.isVisible() and kiosk_window.isVisible()
    window.kiosk_controller.advance()
    kiosk_window.leave()
    assert window.isVisible() and not kiosk_window.isVisible()


def test_the_shipped_example_config_gives_the_defaults():
    from almen_gui.qt.kiosk_config import example_path

    assert load_kiosk_config(example_path()) == KioskConfig()


def test_shipped_autostart_entry_and_service_start_the_kiosk():
    from almen_gui import paths

    folder = paths.resources_dir() / "kiosk"
    assert "Exec=almen-gui --kiosk" in (folder / "almen-gui-kiosk.desktop").read_text(encoding="utf-8")
    service = (folder / "almen-gui-kiosk.service").read_text(encoding="utf-8")
    assert "Restart=on-failure" in service and "--kiosk" in service


def test_map_page_uses_configured_boundaries_and_survives_a_bad_file(kiosk, tmp_path, caplog):
    from test_map import feature, geojson, square

    good = geojson(tmp_path, [feature(161, square(12.35, 55.65))])
    window, controller = kiosk(boundaries_file=str(good))
    controller.page_index = KIOSK_PAGES.index("kort") - 1
    controller.advance()
    assert controller.page == "kort"
    assert set(controller._map().plot._paths) == {161}
    bad = tmp_path / "bad.geojson"
    bad.write_text("nonsense", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        window2, controller2 = kiosk(boundaries_file=str(bad))
        controller2.page_index = KIOSK_PAGES.index("kort") - 1
        controller2.advance()
    assert controller2.page == "kort" and controller2._map().plot._paths == {}
    assert "kortet viser punkter" in caplog.text
