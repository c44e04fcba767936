"""The bundled resources: the font every view and export uses, the factsheet text template and icons.

Qt is imported only inside the functions that need it, so the factsheet spec can read the template without Qt.
"""

from __future__ import annotations

from pathlib import Path

from almen_gui import paths

FONT_FAMILY = "Open Sans"
_FONT_FILES = ("OpenSans-Regular.ttf", "OpenSans-Semibold.ttf", "OpenSans-Bold.ttf", "OpenSans-ExtraBold.ttf")
_registered: str | None = None


def font_files() -> list[Path]:
    return [paths.resources_dir() / "fonts" / name for name in _FONT_FILES]


def register_fonts() -> str:
    """Register the bundled font with QFontDatabase (once; needs a QGuiApplication) and return its family name."""
    global _registered
    if _registered is None:
        from PySide6.QtGui import QFontDatabase  # lazy: the Qt-free factsheet spec reads the template from here

        families = set()
        for path in font_files():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                raise RuntimeError(f"the bundled font {path} could not be loaded")
            families.update(QFontDatabase.applicationFontFamilies(font_id))
        _registered = FONT_FAMILY if FONT_FAMILY in families else sorted(families)[0]
    return _registered


def template_path(name: str = "faktaark.toml") -> Path:
    return paths.resources_dir() / "templates" / name


def icon_path(name: str) -> Path:
    return paths.resources_dir() / "icons" / name


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNGs rendered from almen-gui.svg (icons/make_pngs.py)


def icon_files() -> list[tuple[int, Path]]:
    """The window icon's PNG sizes: read as plain images, so no SVG plug-in has to load before the window shows."""
    return [(size, icon_path(f"almen-gui-{size}.png")) for size in ICON_SIZES]
