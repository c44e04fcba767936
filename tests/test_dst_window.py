"""Fil → "Hent tal fra Danmarks Statistik…": the fetch runs in a worker thread against a local server in DST's formats
(synthetic numbers), the window stays responsive, and cancel or a fault keep the previous cache."""

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from dst_server import bank  # noqa: F401  (a fixture)
from qt_helpers import make_window

from almen_gui.model.dst import ALMENE
from almen_gui.model.dst_cache import cache_path, load_dst_cache


def _status(window) -> str:
    return window.statusBar().currentMessage()


def _fetch_from_menu(qtbot, window) -> str:
    window.menus.actions["dst_fetch"].trigger()
    with qtbot.waitSignal(window.dst_fetch.finished, timeout=20_000) as blocker:
        pass
    return blocker.args[0]


def test_the_menu_fetches_into_the_cache_and_says_so(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini")
    assert window.menus.actions["dst_fetch"].text() == "Hent tal fra Danmarks Statistik…"
    message = _fetch_from_menu(qtbot, window)
    assert message.startswith("Tal fra Danmarks Statistik hentet ") and "98 kommuner fra BOL101 og BYGV33" in message
    assert _status(window) == message
    assert load_dst_cache().latest(ALMENE, 751)[0] == "2026"
    qtbot.waitUntil(lambda: not window.dst_fetch.progress.isVisible())


def test_a_fault_is_one_sentence_in_the_status_bar_and_keeps_the_cache(qtbot, tmp_path, bank):
    window = make_window(qtbot, tmp_path / "s.ini")
    _fetch_from_menu(qtbot, window)
    before = cache_path().read_bytes()
    bank.fail(None, None, "portal")
    message = _fetch_from_menu(qtbot, window)
    assert "var en webside" in message and message.endswith("de tal, der blev hentet tidligere, er uændrede.")
    assert cache_path().read_bytes() == before
    assert window.state.dataset.figures_for(161).value("familieboliger") == 4451  # the figures on screen stay


def test_cancel_during_a_stall_stops_at_once_and_writes_nothing(qtbot, tmp_path, bank, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "READ_TIMEOUT", 30.0)  # only the cancel can end this stall quickly
    window = make_window(qtbot, tmp_path / "s.ini")
    bank.fail(None, "stall")
    window.menus.actions["dst_fetch"].trigger()
    fetch = window.dst_fetch
    qtbot.waitUntil(lambda: len(bank.requests) == 2)  # the server is stalling on the second request
    assert fetch.is_running() and fetch.progress.isVisible()
    cancel = fetch.progress.findChild(QPushButton)
    assert cancel.text() == "Annullér"
    with qtbot.waitSignal(fetch.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "Hentningen fra Danmarks Statistik blev afbrudt; der er ikke gemt noget."
    assert not cache_path().exists()


def test_the_window_opens_without_loading_pandas_or_the_dst_client(tmp_path):
    code = ("import sys\nfrom almen_gui.qt.start.app import create_application, open_main_window\n"
            "app = create_application(sys.argv)\nwindow = open_main_window()\n"
            "print('\\n'.join(sys.modules))")
    env = {"QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(tmp_path / "home"),
           "ALMEN_GUI_CONFIG": str(tmp_path / "config"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout.split()
    assert not {"pandas", "httpx", "almen_gui.model.dst", "almen_gui.qt.loading.dst_fetch"} & set(out)
