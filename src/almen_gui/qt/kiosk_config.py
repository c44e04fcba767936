"""The kiosk's plain configuration file (kiosk.ini), so staff can set a kiosk up without a command line."""

from __future__ import annotations

import configparser
import logging
from dataclasses import dataclass, field
from pathlib import Path

from almen_gui import paths

log = logging.getLogger(__name__)
SECTION = "kiosk"


@dataclass
class KioskConfig:
    kommuner: list[str] = field(default_factory=list)
    seconds_per_page: float = 8.0
    idle_timeout: float = 60.0
    admin_chord: str = "Ctrl+Alt+Shift+Q"
    pin: str = ""
    data_file: str = ""
    boundaries_file: str = ""  # GeoJSON outlines for the map page; empty: bubbles
    cursor_hide_seconds: float = 3.0
    shift_seconds: float = 120.0  # how often the picture moves a few pixels against burn-in


def default_path() -> Path:
    return paths.user_config_dir() / "kiosk.ini"


def _number(section, key: str, default: float, low: float, high: float) -> float:
    text = section.get(key, "").strip().replace(",", ".")
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        log.warning("kiosk.ini: %s = %r er ikke et tal; bruger %s", key, text, default)
        return default
    if not low <= value <= high:
        log.warning("kiosk.ini: %s = %s ligger uden for %s–%s; bruger %s", key, text, low, high, default)
        return default
    return value


def load_kiosk_config(path: Path | None = None) -> KioskConfig:
    """Read kiosk.ini; a missing file or odd values give the defaults (logged), never an error on screen."""
    path = path or default_path()
    config = KioskConfig()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        log.warning("kiosk.ini kan ikke læses (%s); bruger standardværdier", exc)
        return config
    if not parser.has_section(SECTION):
        return config
    section = parser[SECTION]
    config.kommuner = [part.strip() for part in section.get("kommuner", "").split(",") if part.strip()]
    config.seconds_per_page = _number(section, "sekunder_pr_side", config.seconds_per_page, 0.05, 3600)
    config.idle_timeout = _number(section, "inaktiv_efter", config.idle_timeout, 0.05, 86400)
    config.admin_chord = section.get("admin_tast", "").strip() or config.admin_chord
    pin = section.get("pin", "").strip()
    if pin and not pin.isdigit():
        log.warning("kiosk.ini: pin skal være cifre; ignoreret")
        pin = ""
    config.pin = pin
    config.data_file = section.get("datafil", "").strip()
    config.boundaries_file = section.get("kommunegraenser", "").strip()
    return config


def example_path() -> Path:
    """The commented example kiosk.ini that ships in resources/kiosk/."""
    return paths.resources_dir() / "kiosk" / "kiosk.ini.example"
