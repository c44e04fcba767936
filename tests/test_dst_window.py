"""Fil → "Hent tal fra Danmarks Statistik…": the fetch runs in a worker thread against a local server in DST's formats
(synthetic numbers), the window stays responsive, and cancel or a fault keep the previous cache."""

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from dst_server import HOSTILE_CASES, HOSTILE_IDS, bank  # noqa: F401  (a fixture)
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


def _crash_dialogs():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "almen-gui: uventet fejl"]


@pytest.mark.parametrize("faults, words", HOSTILE_CASES, ids=HOSTILE_IDS)
def test_a_hostile_answer_is_one_sentence_in_the_status_bar_and_nothing_good_is_replaced(qtbot, tmp_path, bank,
                                                                                          faults, words):
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    _fetch_from_menu(qtbot, window)
    before = cache_path().read_bytes()
    shown = window.state.dst
    bank.fail(*faults)
    message = _fetch_from_menu(qtbot, window)
    assert words in message and message.endswith("de tal, der blev hentet tidligere, er uændrede.")
    assert _status(window) == message
    assert cache_path().read_bytes() == before
    assert window.state.dst == shown and not _crash_dialogs()  # the window goes on with the good figures


def test_while_waiting_the_progress_dialog_says_which_try_it_is_on(qtbot, tmp_path, bank, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "RETRIES", 3)
    monkeypatch.setattr(statbank, "READ_TIMEOUT", 30.0)
    window = make_window(qtbot, tmp_path / "s.ini")
    bank.fail("500", "stall")
    window.menus.actions["dst_fetch"].trigger()
    fetch = window.dst_fetch
    qtbot.waitUntil(lambda: "venter på Danmarks Statistik (BOL101) … forsøg 2 af 4" in fetch.progress.labelText())
    with qtbot.waitSignal(fetch.finished, timeout=10_000):
        fetch.progress.findChild(QPushButton).click()


def test_a_stalled_server_is_given_up_at_the_deadline(qtbot, tmp_path, bank, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "READ_TIMEOUT", 30.0)  # only the deadline can end this stall soon
    monkeypatch.setenv("ALMEN_DST_FRIST", "1")
    window = make_window(qtbot, tmp_path / "s.ini")
    bank.fail(None, "stall")
    message = _fetch_from_menu(qtbot, window)
    assert message == ("Danmarks Statistik (127.0.0.1) blev ikke færdig inden for fristen på 1 sekunder "
                       "(ved BOL101); der er ikke gemt noget.")
    assert not cache_path().exists()


def _bad_cache(kind: str) -> None:
    path = cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "link-loop":
        path.symlink_to(path)
    else:
        document = json.loads(path.read_text(encoding="utf-8"))
        changed = {"fetched-at": {**document, "fetched_at": "i går"}, "no-series": {**document, "series": {}},
                   "negative": json.loads(json.dumps(document).replace('"2026": 1784.0', '"2026": -10'))}[kind]
        path.write_text(json.dumps(changed), encoding="utf-8")


@pytest.mark.parametrize("kind", ["fetched-at", "no-series", "negative", "fifo", "dev-zero", "folder", "link-loop"])
def test_a_bad_cache_is_set_aside_with_one_sentence_and_the_window_starts_without_dst(qtbot, tmp_path, bank, kind):
    from almen_gui.cli import main

    if kind in ("fetched-at", "no-series", "negative"):
        assert main(["fetch"]) == 0  # a good cache, then spoiled (no window of its own: it would read the cache too)
    _bad_cache(kind)
    window = make_window(qtbot, tmp_path / "s.ini", kode=751)
    qtbot.waitUntil(lambda: "lagt til side som statbank.json.ugyldig-" in _status(window))
    assert _status(window).endswith("Vælg Fil → Hent tal fra Danmarks Statistik… for at hente dem igen.")
    assert window.state.dst is None and not _crash_dialogs() and not os.path.lexists(cache_path())
    assert window.heading.title.text() == "Aarhus Kommune"


def test_the_window_opens_without_loading_pandas_or_the_dst_client(tmp_path):
    code = ("import sys\nfrom almen_gui.qt.start.app import create_application, open_main_window\n"
            "app = create_application(sys.argv)\nwindow = open_main_window()\n"
            "print('\\n'.join(sys.modules))")
    env = {"QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(tmp_path / "home"),
           "ALMEN_GUI_CONFIG": str(tmp_path / "config"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                         check=True).stdout.split()
    assert not {"pandas", "httpx", "almen_gui.model.dst", "almen_gui.qt.loading.dst_fetch"} & set(out)
