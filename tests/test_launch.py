"""Starting the window: a missing system library or screen is said in one sentence with the package to install."""

from __future__ import annotations

from almen_gui.qt.start import launch


def test_missing_xcb_library_names_the_debian_package(monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(launch, "missing_system_packages", lambda: ["libxcb-cursor0"])
    assert launch.run_gui([]) == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install libxcb-cursor0" in err
    assert len(err.strip().splitlines()) == 1


def test_no_screen_is_said_plainly(monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert launch.run_gui([]) == 1
    assert "ingen skærm" in capsys.readouterr().err


def test_library_check_finds_what_is_missing():
    assert launch.missing_system_packages({"libdoes-not-exist.so.9": "libdoes-not-exist9"}) == ["libdoes-not-exist9"]
    assert launch.missing_system_packages({"libc.so.6": "libc6"}) == []


def test_offscreen_needs_no_check(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert launch.screen_problem() is None


def test_the_collector_runs_rarely_while_the_window_starts_and_frees_what_start_up_left_once_it_has_settled(tmp_path):
    """Start-up runs with the garbage collector eased, never off (start-up reads the user's files, and garbage from a
    crafted one must not stand); once the event loop runs the collector is as usual, and once the window has settled
    the garbage start-up made is freed, so nothing from start-up is kept for the life of a kiosk."""
    import os
    import subprocess
    import sys

    code = """
import gc, sys, weakref
import almen_gui.qt.start.app as app_module
from almen_gui.qt.start import launch
from almen_gui.qt.start import start_up_collector
start_up_collector.THAW_AFTER_MS = 300
original = app_module.create_application
class Garbage:
    pass
def create(*args):
    app = original(*args)
    made = Garbage(); made.itself = made  # a cycle made during start-up: only the collector can free it
    ref = weakref.ref(made); del made
    from PySide6.QtCore import QTimer
    def report(moment):
        pace = "off" if not gc.isenabled() else "eased" if gc.get_threshold()[0] > 700 else "collecting"
        print(moment, pace, "alive" if ref() else "freed", flush=True)
    report("building")
    # Each report waits for what it reports on, checked every 20 ms: the collector on, then start-up thawed.
    usual = lambda: gc.isenabled() and gc.get_threshold()[0] == 700
    waits = [("running", usual), ("settled", lambda: usual() and not gc.get_freeze_count())]
    poll = QTimer(app)
    def check():
        if waits and waits[0][1]():
            report(waits.pop(0)[0])
        if not waits:
            app.quit()
    poll.timeout.connect(check)
    poll.start(20)
    QTimer.singleShot(30_000, app.quit)  # a start-up that never settles ends the test (and fails it) here
    return app
app_module.create_application = create
sys.exit(launch.run_gui(["--new-instance"]))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALMEN_GUI_HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["building eased alive", "running collecting alive",
                                           "settled collecting freed"]
