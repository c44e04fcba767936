"""One window per user and screen, through the real entry point: the socket is private, a second start hands over
(relative paths resolved in its own folder), bad messages are ignored, and two simultaneous starts open one window."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from almen_gui.qt.start import launch

from almen_gui.qt.start import single_instance
from almen_gui.qt.start.kiosk_handover import KioskHandover
from almen_gui.qt.kiosk.config import KioskConfigError, load_kiosk_config
from almen_gui.qt.kiosk.window import KioskWindow
from almen_gui.qt.window.main_window import MainWindow
from almen_gui.qt.common.screens import screen_of
from almen_gui.qt.start.single_instance import SingleInstance
from qt_helpers import card_texts


def _gui_env(runtime_dir: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime_dir), DISPLAY=":77", QT_QPA_PLATFORM="offscreen",
               ALMEN_GUI_HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
    return env


def _start_gui(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    code = "import sys; from almen_gui.cli import gui_main; sys.exit(gui_main())"
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _main_windows() -> set[MainWindow]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}


def _main_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


def _answer(qtbot, window, text: str) -> None:
    """Click a button of the question the window asks about a handed-over dataset."""
    qtbot.waitUntil(lambda: window.handed_dataset.question is not None and window.handed_dataset.question.isVisible(),
                    timeout=10_000)
    box = window.handed_dataset.question
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == text), Qt.MouseButton.LeftButton)


def test_a_handed_over_dataset_is_asked_about_and_fortryd_brings_the_previous_figures_back(qtbot, tmp_path,
                                                                                         synthetic_csv):
    from qt_helpers import make_window

    window = make_window(qtbot, tmp_path / "s.ini")
    before = window.state.dataset
    launch._on_handed_over(window, window.findChild(KioskHandover), [synthetic_csv.name],
                           str(synthetic_csv.parent))  # `almen-gui tal.csv` again
    box = window.handed_dataset.question
    assert box.text() == (f"Vil du erstatte de viste tal ({before.label}) med tallene i {synthetic_csv.name}?")
    _answer(qtbot, window, "Behold de viste tal")
    assert window.state.dataset is before and card_texts(window)["familieboliger"] == "4.451"

    launch._on_handed_over(window, window.findChild(KioskHandover), [str(synthetic_csv)], str(tmp_path))
    _answer(qtbot, window, "Erstat")
    assert "syntetisk-komplet.csv" in window.dataset_label.text()
    assert window.settings.get("dataset_path") != ""  # remembered for the next start, as from the menu
    undo = window.handed_dataset.undo_button
    assert undo.isVisible() and "Fortryd" in window.statusBar().currentMessage()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert window.state.dataset is before and card_texts(window)["familieboliger"] == "4.451"
    assert window.settings.get("dataset_path") == "" and not undo.isVisible()  # the next start has them too


def _kiosk_windows() -> list[KioskWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]


def test_the_socket_is_in_the_users_private_folder_and_named_by_display(runtime_dir, monkeypatch):
    assert single_instance.default_name() == str(runtime_dir / "almen-gui-_77")
    monkeypatch.setenv("DISPLAY", "localhost:10.0")  # the same user's remote login: a window of its own
    assert single_instance.default_name() == str(runtime_dir / "almen-gui-localhost_10.0")


def test_a_runtime_folder_others_can_enter_is_not_used(runtime_dir, monkeypatch, tmp_path):
    runtime_dir.chmod(0o777)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    name = single_instance.default_name()
    assert name == str(tmp_path / f"almen-gui-{os.getuid()}" / "almen-gui-_77")
    assert (tmp_path / f"almen-gui-{os.getuid()}").stat().st_mode & 0o777 == 0o700


def test_a_squatters_folder_is_refused_and_the_app_runs_alone(runtime_dir, monkeypatch, tmp_path, caplog):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    squat = tmp_path / f"almen-gui-{os.getuid()}"
    squat.mkdir(mode=0o777)
    squat.chmod(0o777)  # what another account could have made in /tmp ahead of us
    with caplog.at_level(logging.WARNING):
        assert single_instance.default_name() is None
    assert "bruges ikke" in caplog.text
    assert SingleInstance().start(["--kommune", "Aarhus"]) is False  # nobody to hand over to: this start runs


def test_a_second_start_hands_over_through_the_launcher_and_exits(qtbot, runtime_dir, gui_entry):
    running = SingleInstance()
    assert running.start([]) is False  # the first start listens
    windows_before = _main_windows()
    with qtbot.waitSignal(running.activated, timeout=5000) as received:
        assert launch.run_gui(["--kommune", "Aarhus", "tal.csv"]) == 0
    argv, cwd = received.args
    assert argv == ["--kommune", "Aarhus", "tal.csv"] and cwd == os.getcwd()
    assert _main_windows() == windows_before  # no second window


def test_the_running_window_takes_a_start_from_another_folder(qtbot, runtime_dir, gui_entry, tmp_path, synthetic_csv):
    elsewhere = tmp_path / "andet-sted"
    elsewhere.mkdir()
    shutil.copyfile(synthetic_csv, elsewhere / "tal.csv")

    def second_start_from_elsewhere():
        window = _main_window()
        window.move(screen_of(window).geometry().bottomRight() + QPoint(500, 500))  # left where no screen is
        window.showMinimized()
        second = _start_gui(["--kommune", "Aarhus", "tal.csv"], _gui_env(runtime_dir, tmp_path / "home2"), elsewhere)
        assert second.wait(timeout=60) == 0, second.stderr.read().decode()
        second.stderr.close()
        qtbot.waitUntil(lambda: window.state.kode == 751, timeout=10_000)
        _answer(qtbot, window, "Erstat")  # the figures shown are replaced only when the user says so
        assert "tal.csv" in window.dataset_label.text()  # found in the sender's folder, not ours
        assert card_texts(window)["beboere"] == "8.510"  # the synthetic figure for Aarhus: 1000 + 751 * 10
        assert window.isVisible() and not window.isMinimized()
        assert screen_of(window).availableGeometry().intersects(window.frameGeometry())
        return 0

    gui_entry.then = second_start_from_elsewhere
    assert launch.run_gui([]) == 0


def test_bad_messages_are_ignored_and_the_window_stays(qtbot, runtime_dir, gui_entry, caplog):
    def hostile_messages():
        window = _main_window()
        name = single_instance.default_name()
        for payload in (b'["--kommune"]\n', b'{"argv": ["--kommune"], "cwd": "/"}\n',
                        b'{"argv": ["-h"], "cwd": "/"}\n', b'{"argv": ["--ukendt"], "cwd": "/"}\n',
                        b"[" * 100_000, b'{"argv": [' + b"[" * 10_000 + b"]]}\n", b"\xff\xfe\n"):
            socket = QLocalSocket()
            socket.connectToServer(name)
            assert socket.waitForConnected(2000)
            socket.write(payload)
            socket.waitForBytesWritten(2000)
            qtbot.waitUntil(lambda s=socket: s.state() == QLocalSocket.LocalSocketState.UnconnectedState
                            or not s.bytesToWrite(), timeout=5000)
            socket.disconnectFromServer()
        with qtbot.waitSignal(window.state.kommune_changed, timeout=5000):
            assert SingleInstance(name).hand_over(["--kommune", "Aarhus"])  # a good one still works afterwards
        assert window.isVisible() and window.state.kode == 751
        return 0

    gui_entry.then = hostile_messages
    with caplog.at_level(logging.WARNING):
        assert launch.run_gui([]) == 0
    assert caplog.text.count("Ignorerer") >= 6
    assert not crash_dialogs()


def crash_dialogs():
    from almen_gui.qt.common.dialogs import CrashDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def test_two_simultaneous_starts_open_one_window(runtime_dir, tmp_path):
    env = _gui_env(runtime_dir, tmp_path / "home")
    starts = [_start_gui([], env, tmp_path) for _ in range(2)]
    try:
        pool = ThreadPoolExecutor(len(starts))  # wait for whichever start ends first; the other ends in `finally`
        waits = {pool.submit(process.wait): process for process in starts}
        done, _ = wait(waits, timeout=60, return_when=FIRST_COMPLETED)
        pool.shutdown(wait=False)
        assert done, "neither start handed over"
        finished = waits[next(iter(done))]
        assert finished.returncode == 0, finished.stderr.read().decode()
        other = starts[1] if finished is starts[0] else starts[0]
        assert other.poll() is None  # the one window keeps running
    finally:
        for process in starts:
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=30)
            process.stderr.close()


FIRST_START = """
import sys
from PySide6.QtCore import QCoreApplication, QLockFile
from almen_gui.qt.start.single_instance import SingleInstance
app = QCoreApplication([])
name = sys.argv[1]
lock = QLockFile(name + ".lock")
assert lock.tryLock(0)
print("låst", flush=True)
sys.stdin.readline()  # still starting: holds the lock, not yet listening
instance = SingleInstance(name)
instance.listen()
instance.activated.connect(lambda argv, cwd: (print(" ".join(argv), flush=True), app.quit()))
app.exec()
"""


def test_a_start_during_another_starts_start_up_hands_over_to_it(runtime_dir):
    import threading

    name = single_instance.default_name()
    first = subprocess.Popen([sys.executable, "-c", FIRST_START, name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert first.stdout.readline().strip() == "låst"

        def first_start_listens():
            first.stdin.write("lyt\n")
            first.stdin.flush()

        threading.Timer(0.3, first_start_listens).start()
        assert SingleInstance(name).start(["--kommune", "Aarhus"]) is True  # waited for it, did not open a window
        assert first.stdout.readline().strip() == "--kommune Aarhus"
        assert first.wait(timeout=30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        first.stdin.close()
        first.stdout.close()


def test_a_lock_left_by_a_killed_start_does_not_block_the_next(runtime_dir):
    name = single_instance.default_name()
    killed = subprocess.Popen([sys.executable, "-c", FIRST_START, name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    assert killed.stdout.readline().strip() == "låst"
    killed.kill()  # kill -9 while it holds the lock
    killed.wait()
    killed.stdin.close()
    killed.stdout.close()
    assert Path(name + ".lock").exists()
    fresh = SingleInstance(name)
    assert fresh.start([]) is False
    assert fresh.server is not None and fresh.server.isListening()  # it took over, rather than giving up waiting
    fresh.server.close()


def test_a_handed_over_start_brings_the_window_to_the_front_on_its_kommune_dataset_and_boundaries(
        qtbot, runtime_dir, gui_entry, tmp_path, synthetic_csv):
    from test_map import feature, geojson, square

    outlines = geojson(tmp_path, [feature(461, square(10.3, 55.35, 0.1))])

    def second_start():
        window = _main_window()
        window.showMinimized()
        with qtbot.waitSignal(window.state.kommune_changed, timeout=5000):
            assert SingleInstance(single_instance.default_name()).hand_over(
                ["--kommune", "Odense", "--boundaries", str(outlines), str(synthetic_csv)])
        assert window.statusBar().currentMessage().startswith(f"Kommunegrænser: {outlines.name} (advarsel: ")
        _answer(qtbot, window, "Erstat")
        assert window.isVisible() and not window.isMinimized()
        assert window.heading.title.text() == "Odense Kommune"
        assert "syntetisk-komplet.csv" in window.dataset_label.text()
        assert card_texts(window)["beboere"] == "5.610"  # the synthetic figure for Odense: 1000 + 461 * 10
        return 0

    gui_entry.then = second_start
    assert launch.run_gui([]) == 0


def test_a_handed_over_start_the_window_cannot_use_is_one_message_and_the_window_stays(
        qtbot, runtime_dir, gui_entry, tmp_path):
    bad = tmp_path / "tal.csv"
    bad.write_text("kode,beboere\n999,1\n", encoding="utf-8")

    pinned = tmp_path / "kiosk.ini"
    pinned.write_text('[kiosk]\npin = "4711"\n', encoding="utf-8")
    with pytest.raises(KioskConfigError) as refused:
        load_kiosk_config(pinned)
    with pytest.raises(KioskConfigError) as endless:  # read to its end, /dev/zero would fill the memory
        load_kiosk_config(Path("/dev/zero"))

    def second_starts():
        window = _main_window()
        name = single_instance.default_name()
        for argv, title, text in (
                (["--ukendt"], "almen-gui kører allerede", "Den nye start blev ikke brugt: ukendte argumenter: --ukendt."),
                (["--kommune", "Atlantis"], "Ukendt kommune", "Ukendt kommune: 'Atlantis'."),
                (["--kiosk", "--kiosk-config", str(pinned)], "Kiosktilstand kan ikke starte", str(refused.value)),
                (["--kiosk-config", "/dev/zero"], "Kiosktilstand kan ikke starte", str(endless.value))):
            assert SingleInstance(name).hand_over(argv)
            told = window.tell
            qtbot.waitUntil(lambda t=text: told.message_box is not None and told.message_box.isVisible()
                            and told.message_box.text() == t, timeout=5000)
            assert window.tell.message_box.windowTitle() == title
            window.tell.message_box.close()
        assert SingleInstance(name).hand_over([str(bad)])
        qtbot.waitUntil(lambda: window.tell.problems_dialog is not None
                        and window.tell.problems_dialog.isVisible(), timeout=5000)
        heading = window.tell.problems_dialog.heading.text()
        assert heading == "tal.csv blev ikke indlæst; de hidtidige tal vises stadig."
        window.tell.problems_dialog.close()
        assert window.isVisible() and window.state.kode == 161 and not _kiosk_windows()
        assert card_texts(window)["familieboliger"] == "4.451"  # Glostrup's bundled figures, as before
        assert not crash_dialogs()
        return 0

    gui_entry.then = second_starts
    assert launch.run_gui([]) == 0


def test_a_handed_over_kiosk_start_hands_the_running_windows_screen_to_the_kiosk_and_a_second_changes_nothing(
        qtbot, runtime_dir, gui_entry, tmp_path, synthetic_csv, caplog):
    elsewhere = tmp_path / "kiosk-mappe"
    elsewhere.mkdir()
    shutil.copyfile(synthetic_csv, elsewhere / "tal.csv")
    (elsewhere / "kiosk.ini").write_text("[kiosk]\nkommuner = Aarhus, Odense\nsekunder_pr_side = 600\n",
                                         encoding="utf-8")
    caplog.set_level(logging.INFO)

    def kiosk_launcher_double_clicked():
        window = _main_window()
        assert window.state.dataset.path is None  # the bundled figures, before
        second = _start_gui(["--kiosk", "--kiosk-config", "kiosk.ini", "--data", "tal.csv"],
                            _gui_env(runtime_dir, tmp_path / "home2"), elsewhere)
        assert second.wait(timeout=60) == 0, second.stderr.read().decode()
        second.stderr.close()
        qtbot.waitUntil(lambda: bool(_kiosk_windows()), timeout=10_000)
        [kiosk] = _kiosk_windows()
        qtbot.waitExposed(kiosk)
        assert kiosk.isFullScreen() and kiosk.geometry() == screen_of(kiosk).geometry()
        assert not window.isVisible()
        qtbot.waitUntil(lambda: kiosk.page_label.text().startswith("Overblik · 1/"), timeout=5000)
        # kiosk.ini's first kommune on the figures the start handed over, both found in the folder it started in
        assert window.state.kode == 751 and window.state.dataset.path.name == "tal.csv"
        qtbot.mouseClick(kiosk.next_button, Qt.MouseButton.LeftButton)
        assert kiosk.page_label.text().startswith("Boliger · 2/")

        assert SingleInstance(single_instance.default_name()).hand_over(["--kiosk"])  # the launcher once more
        qtbot.waitUntil(lambda: "Kiosken kører; en anden start blev ignoreret" in caplog.text, timeout=5000)
        assert _kiosk_windows() == [kiosk] and not window.isVisible()
        assert kiosk.page_label.text().startswith("Boliger · 2/") and window.state.kode == 751

        qtbot.waitUntil(kiosk.isActiveWindow)  # in front, taking the keys
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        with qtbot.waitSignal(kiosk.exit_requested, timeout=1000):
            qtbot.keyClick(kiosk, Qt.Key.Key_Q, modifiers | Qt.KeyboardModifier.ShiftModifier)
        assert window.isVisible() and not _kiosk_windows()
        assert "tal.csv" in window.dataset_label.text()  # the window goes on with the kiosk's figures
        return 0

    gui_entry.then = kiosk_launcher_double_clicked
    assert launch.run_gui([]) == 0


def test_a_start_handed_to_a_kiosk_running_alone_changes_nothing(qtbot, runtime_dir, gui_entry, tmp_path, caplog):
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\nsekunder_pr_side = 600\n", encoding="utf-8")
    caplog.set_level(logging.INFO)

    def starts_while_the_kiosk_runs():
        [kiosk] = _kiosk_windows()
        qtbot.waitUntil(lambda: kiosk.page_label.text().startswith("Overblik · 1/"), timeout=5000)
        qtbot.mouseClick(kiosk.next_button, Qt.MouseButton.LeftButton)
        name = single_instance.default_name()
        for argv in (["--kiosk"], ["--kommune", "Aarhus"]):
            caplog.clear()
            assert SingleInstance(name).hand_over(argv)
            qtbot.waitUntil(lambda: "Kiosken kører; en anden start blev ignoreret" in caplog.text, timeout=5000)
            assert _kiosk_windows() == [kiosk] and not any(w.isVisible() for w in _main_windows())
            assert kiosk.page_label.text().startswith("Boliger · 2/")
        return 0

    gui_entry.then = starts_while_the_kiosk_runs
    assert launch.run_gui(["--kiosk", "--kiosk-config", str(config)]) == 0
