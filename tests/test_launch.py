"""Starting the window: a missing system library or screen is said in one sentence with the package to install."""

from __future__ import annotations

from almen_gui.qt import launch


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


def test_the_collector_is_paused_while_the_window_starts_and_runs_again_once_it_is_up(tmp_path):
    """Start-up runs without the garbage collector (it found next to nothing to free); the window's long life must
    not: once the event loop runs, the collector is on, with what start-up made frozen out of its way."""
    import os
    import subprocess
    import sys

    code = """
import gc, sys
import almen_gui.qt.app as app_module
original = app_module.create_application
def create(*args):
    app = original(*args)
    print("building", "collecting" if gc.isenabled() else "paused", flush=True)
    from PySide6.QtCore import QTimer
    def report():
        print("running", "collecting" if gc.isenabled() else "paused", gc.get_freeze_count() > 1000, flush=True)
        app.quit()
    QTimer.singleShot(200, report)
    return app
app_module.create_application = create
from almen_gui.qt import launch
sys.exit(launch.run_gui(["--new-instance"]))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALMEN_GUI_HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["building paused", "running collecting True"]
