"""Double-click launch: the menu entry and icons, one instance per user, the window icon."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication

from almen_gui import paths
from almen_gui.cli import main
from almen_gui.qt.start.single_instance import SingleInstance


def test_install_desktop_writes_a_valid_entry_and_icons_and_uninstalls(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "applications" / "almen-gui.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "Terminal=false" in text and "Icon=almen-gui" in text and "StartupWMClass=almen-gui" in text
    assert "Comment=Se tal om almene boliger" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith("almen-gui %f") and exec_line.startswith("Exec=/")
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "almen-gui.png").exists()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "almen-gui.svg").exists()
    validator = shutil.which("desktop-file-validate")
    if validator:  # installed by .ci/run; a developer without it still gets the other checks
        done = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not entry.exists()
    assert not list((tmp_path / "icons").rglob("almen-gui.*"))


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-validate is not installed")
def test_shipped_desktop_files_validate():
    for path in (paths.resources_dir() / "almen-gui.desktop", paths.resources_dir() / "kiosk" / "almen-gui-kiosk.desktop"):
        done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout


def test_second_start_hands_over_and_first_gets_the_arguments(qtbot, tmp_path):
    name = f"almen-gui-test-{tmp_path.name}"
    first = SingleInstance(name)
    assert first.listen()
    received = []
    first.activated.connect(lambda argv, cwd: received.append((argv, cwd)))
    second = SingleInstance(name)
    assert second.hand_over(["--kommune", "Aarhus"])
    qtbot.waitUntil(lambda: bool(received), timeout=2000)
    assert received == [(["--kommune", "Aarhus"], os.getcwd())]
    first.server.close()


def test_no_running_instance_means_this_one_starts(tmp_path):
    assert not SingleInstance(f"almen-gui-none-{tmp_path.name}").hand_over([])


def test_a_stale_socket_from_a_crash_does_not_block_the_next_start(tmp_path):
    name = f"almen-gui-stale-{tmp_path.name}"
    crashed = QLocalServer()
    assert crashed.listen(name)
    socket_file = crashed.fullServerName()
    crashed.close()
    open(socket_file, "w").close()  # what a killed process leaves behind
    fresh = SingleInstance(name)
    assert not fresh.hand_over([])
    assert fresh.listen()
    fresh.server.close()


def test_running_window_comes_to_the_front_with_the_new_kommune(qtbot, tmp_path):
    from qt_helpers import make_window

    window = make_window(qtbot, tmp_path / "s.ini")
    window.showMinimized()
    window.bring_to_front(kommune="Aarhus")
    assert not window.isMinimized()
    assert window.state.kode == 751


def test_the_app_has_its_icon_at_every_size_a_desktop_asks_for():
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert not icon.pixmap(48, 48).toImage().isNull()
