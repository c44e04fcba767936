"""The kiosk's plain configuration file (kiosk.ini), so staff can set a kiosk up without a command line.

An odd number falls back to its default (logged); a setting that would make the kiosk unusable or impossible to
leave (a PIN that is not digits, an admin key nobody can press, a kommune that is not one of the 98) stops the kiosk
from starting, with one sentence saying which line to fix. So does a settings file that was named but is not there, or
that cannot be read: a kiosk on its defaults would run without the PIN it was meant to have. Only kiosk.ini in its
usual place may be absent (the kiosk then runs on the defaults). kiosk.ini is read only from a regular file of at most
MAX_BYTES (never from a pipe or a device such as /dev/zero, which would hang or fill the memory).
"""

from __future__ import annotations

import configparser
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from almen_gui import paths
from almen_gui.model import KommuneNotFound, load_kommuner
from almen_gui.model.errors import join_or
from almen_gui.model.files import FileRefused, read_regular_file

log = logging.getLogger(__name__)
SECTION = "kiosk"
REFUSED = "kiosken startes ikke"
DST_UPDATES = {"": False, "aldrig": False, "dagligt": True}
MAX_BYTES = 64 * 1024  # a kiosk.ini with every setting and its comments is about 3 kB
MAX_PIN_DIGITS = 12
MAX_PATH_CHARS = 1024  # datafil and kommunegraenser; any one name in them is checked by the system (255 bytes)


class KioskConfigError(ValueError):
    """kiosk.ini holds a setting the kiosk cannot run with; the message is one sentence for the staff."""


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
    data_settle_seconds: float = 2.0  # the data file must look the same this long before it is read again
    dst_daily: bool = False  # re-fetch Danmarks Statistik's figures once a day in the background


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


def is_usable_chord(text: str) -> bool:
    """One key combination Qt understands, held with Ctrl or Alt (a visitor's keyboard must not end the kiosk)."""
    sequence = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1:
        return False
    combination = sequence[0]
    held = combination.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    modifiers_only = (Qt.Key.Key_unknown, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta)
    return combination.key() not in modifiers_only and bool(held)


def _unreadable(exc: Exception) -> str:
    """Why kiosk.ini could not be read, in a few Danish words naming the line."""
    if isinstance(exc, configparser.MissingSectionHeaderError):
        return f"linje {exc.lineno} står før linjen [{SECTION}]"
    if isinstance(exc, configparser.DuplicateOptionError):
        return f"{exc.option} står to gange (linje {exc.lineno})"
    if isinstance(exc, configparser.DuplicateSectionError):
        return f"[{exc.section}] står to gange"
    if isinstance(exc, configparser.ParsingError) and exc.errors:
        return f"linje {exc.errors[0][0]} er ikke en indstilling (navn = værdi)"
    if isinstance(exc, UnicodeDecodeError):
        return "filen er ikke gemt som UTF-8"
    return "filen er ikke en INI-fil"


def load_kiosk_config(path: Path | None = None) -> KioskConfig:
    """Read kiosk.ini (`path`, else the usual one); odd numbers give their defaults (logged), and so does a missing
    kiosk.ini in its usual place.

    Raises KioskConfigError for a settings file that was named but is not there or cannot be read, and for a setting
    the kiosk cannot run with.
    """
    config = KioskConfig()
    usual = path is None
    path = default_path() if usual else path
    parser = configparser.ConfigParser(interpolation=None)
    shown = str(path)[:200]
    if not os.path.lexists(path):
        if usual:
            return config
        raise KioskConfigError(f"Kioskens indstillinger ({shown}) findes ikke; {REFUSED}.")
    try:
        # -sig: Notepad saves UTF-8 with a byte-order mark
        parser.read_string(read_regular_file(path, MAX_BYTES).decode("utf-8-sig"), str(path))
    except FileRefused as exc:
        raise KioskConfigError(f"kiosk.ini ({shown}) kan ikke læses: {exc}; {REFUSED}.") from None
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise KioskConfigError(f"kiosk.ini ({shown}) kan ikke læses: {_unreadable(exc)}; {REFUSED}.") from None
    if not parser.sections():  # empty, or comments only: nothing set, so nothing (no PIN) is lost on the defaults
        log.info("kiosk.ini (%s) sætter ingenting; bruger standardværdier", path)
        return config
    if not parser.has_section(SECTION):
        found = ", ".join(f"[{name}]" for name in parser.sections())
        raise KioskConfigError(f"kiosk.ini ({path}) har {found}, men ingen linje [{SECTION}]; {REFUSED}.")
    section = parser[SECTION]
    config.kommuner = [part.strip() for part in section.get("kommuner", "").split(",") if part.strip()]
    if config.kommuner:
        kommuner = load_kommuner()
        for name in config.kommuner:
            try:
                kommuner.lookup(name)
            except KommuneNotFound as exc:
                guess = f" (mente du {join_or(exc.suggestions)}?)" if exc.suggestions else ""
                raise KioskConfigError(f"kiosk.ini ({path}): kommuner = {name!r} er ikke en af de 98 kommuner{guess}; "
                                       f"{REFUSED}.") from None
    config.seconds_per_page = _number(section, "sekunder_pr_side", config.seconds_per_page, 0.05, 3600)
    config.idle_timeout = _number(section, "inaktiv_efter", config.idle_timeout, 0.05, 86400)
    chord = section.get("admin_tast", "").strip()
    if chord:
        if not is_usable_chord(chord):
            raise KioskConfigError(f"kiosk.ini ({path}): admin_tast = {chord!r} er ikke en tastekombination med Ctrl "
                                   f"eller Alt, som kan trykkes (fx Ctrl+Alt+Shift+Q); {REFUSED}.")
        config.admin_chord = chord
    pin = section.get("pin", "").strip()
    if pin and not (pin.isascii() and pin.isdigit()):
        raise KioskConfigError(f"kiosk.ini ({path}): pin = {pin[:20]} må kun være cifre, uden anførselstegn og "
                               f"mellemrum (fx pin = 4711); {REFUSED}.")
    if len(pin) > MAX_PIN_DIGITS:
        raise KioskConfigError(f"kiosk.ini ({path}): pin = {pin[:MAX_PIN_DIGITS]}… har {len(pin)} cifre, men højst "
                               f"{MAX_PIN_DIGITS} kan tastes på kioskens skærm; {REFUSED}.")
    config.pin = pin
    update = section.get("dst_opdatering", "").strip().lower()
    if update not in DST_UPDATES:
        raise KioskConfigError(f"kiosk.ini ({path}): dst_opdatering = {update!r} skal være dagligt eller aldrig "
                               f"(tom: aldrig); {REFUSED}.")
    config.dst_daily = DST_UPDATES[update]
    config.data_file = _path(section, "datafil", path)
    config.boundaries_file = _path(section, "kommunegraenser", path)
    return config


def _path(section, key: str, path: Path) -> str:
    """A file named in kiosk.ini; a path longer than any the system takes, or with a name too long for it, stops the
    kiosk with one sentence instead of a traceback when the file is opened."""
    text = section.get(key, "").strip()
    too_long = len(text) > MAX_PATH_CHARS or any(len(os.fsencode(part)) > 255 for part in Path(text).parts)
    if too_long:
        raise KioskConfigError(f"kiosk.ini ({path}): {key} = {text[:40]}… er for lang til at være et filnavn "
                               f"({len(text)} tegn); {REFUSED}.")
    return text


def example_path() -> Path:
    """The commented example kiosk.ini that ships in resources/kiosk/."""
    return paths.resources_dir() / "kiosk" / "kiosk.ini.example"


def staff_help(path: Path | None = None) -> str:
    """What staff need to know to start the kiosk and to leave it (Hjælp → Kiosktilstand for personale): this PC's
    exit keys and whether a PIN is asked, read from its kiosk.ini; a kiosk.ini that cannot be used is said too."""
    try:
        config, problem = load_kiosk_config(path), ""
    except KioskConfigError as exc:
        config, problem = KioskConfig(), f"\n\nBemærk: {exc} Indtil den er rettet, starter kiosken ikke."
    pin = ("Derefter beder kiosken om PIN-koden fra kiosk.ini og trykker OK." if config.pin else
           "Der er ingen PIN-kode i kiosk.ini, så kiosken slutter med det samme.")
    chord = QKeySequence(config.admin_chord).toString(QKeySequence.SequenceFormat.NativeText)
    return (f"Start: Vis → Kiosktilstand, eller kommandoen almen-gui --kiosk.\n\n"
            f"Kiosken viser faktaark på hele skærmen og kan ikke lukkes med Escape, Alt+F4 eller musen, så "
            f"besøgende ikke kommer ud af den.\n\n"
            f"Afslut: tryk {chord} (alle tasterne på én gang). {pin} Vinduet kommer tilbage på den kommune, "
            f"det viste før.\n\n"
            f"Tasten og PIN-koden sættes i {default_path()} (admin_tast og pin); se eksemplet i "
            f"{example_path()}.{problem}")
