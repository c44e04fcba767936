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
