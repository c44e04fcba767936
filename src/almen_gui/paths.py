"""The one place that knows where the bundled `data/` and `resources/` folders are.

An installed wheel carries them inside the package (`almen_gui/_data`, `almen_gui/_resources`); a frozen bundle
collects them the same way under its `_MEIPASS` folder; an editable install or a source checkout finds them at the
repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(packaged: str, at_root: str) -> list[Path]:
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "almen_gui" / packaged)
    found.append(_PACKAGE_DIR / packaged)
    found.append(_PACKAGE_DIR.parent.parent / at_root)
    return found


def _first_existing(packaged: str, at_root: str, marker: str) -> Path:
    for candidate in _candidates(packaged, at_root):
        if (candidate / marker).is_file():
            return candidate
    tried = ", ".join(str(c) for c in _candidates(packaged, at_root))
    raise FileNotFoundError(f"almen-gui is installed without its {at_root}/ folder (looked in: {tried})")


def data_dir() -> Path:
    """The bundled data folder (kommuner, the 2024 figures and their metadata)."""
    return _first_existing("_data", "data", "datapackage.json")


def resources_dir() -> Path:
    """The bundled resources folder (fonts, icons, text templates, kiosk files)."""
    return _first_existing("_resources", "resources", "fonts/README.md")


def user_data_dir() -> Path:
    """The per-user folder for logs and remembered datasets (not created here)."""
    override = os.environ.get("ALMEN_GUI_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "almen-gui"


def user_config_dir() -> Path:
    """The per-user folder for configuration such as kiosk.ini (not created here)."""
    override = os.environ.get("ALMEN_GUI_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "almen-gui"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / "almen-gui"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "almen-gui"
