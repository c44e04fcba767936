"""`almen install-desktop`: the freedesktop menu entry and icons for the current user (Linux), and --uninstall."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from almen_gui import paths

APP_ID = "almen-gui"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> Path:
    """The windowed launcher beside this Python (venv or frozen bundle), else the one on PATH."""
    folder = Path(sys.executable).parent
    beside = folder / ("almen-gui.exe" if sys.platform == "win32" else "almen-gui")
    if beside.exists():
        return beside
    found = shutil.which("almen-gui")
    return Path(found) if found else beside


def _targets() -> list[tuple[Path, Path]]:
    icons = paths.resources_dir() / "icons"
    hicolor = data_home() / "icons" / "hicolor"
    pairs = [(icons / f"{APP_ID}-{size}.png", hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
             for size in PNG_SIZES]
    pairs.append((icons / f"{APP_ID}.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg"))
    return pairs


def desktop_file() -> Path:
    return data_home() / "applications" / f"{APP_ID}.desktop"


def install() -> list[Path]:
    """Write the menu entry (pointing at this installation's launcher) and the icons; returns the files written."""
    written = []
    for source, target in _targets():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    entry = (paths.resources_dir() / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    program = str(launcher())
    quoted = f'"{program}"' if " " in program else program
    entry = entry.replace("Exec=almen-gui", f"Exec={quoted}").replace("TryExec=almen-gui", f"TryExec={program}")
    target = desktop_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(entry, encoding="utf-8")
    written.append(target)
    _refresh_caches()
    return written


def uninstall() -> list[Path]:
    removed = []
    for _, target in _targets():
        if target.exists():
            target.unlink()
            removed.append(target)
    if desktop_file().exists():
        desktop_file().unlink()
        removed.append(desktop_file())
    _refresh_caches()
    return removed


def _refresh_caches() -> None:
    """Let menus notice at once where the tools exist; nothing depends on it."""
    for command in (["update-desktop-database", str(data_home() / "applications")],
                    ["gtk-update-icon-cache", "-q", "-t", str(data_home() / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, capture_output=True, check=False)
