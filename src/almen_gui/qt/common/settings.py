"""Typed settings with defaults over QSettings; a corrupt or odd value falls back to its default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from almen_gui.model.kommuner import DEFAULT_KODE
from almen_gui.model.metadata import load_metadata

DEFAULTS = {
    "kommune": DEFAULT_KODE,
    "geometry": QByteArray(),
    "window_state": QByteArray(),
    "splitter": QByteArray(),
    "comparison_field": load_metadata().comparable_fields[0].name,
    "dataset_path": "",
    "boundaries_path": "",
    "export_size": "a4",  # the factsheet export's last choices, offered again next time
    "export_format": "png",
    "export_layout": "",  # kort, fuld or karrusel; empty: the default of the size and format
    "export_all_folder": "",  # the folder Eksportér alle wrote into last
}


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self._settings = qsettings or QSettings()

    def get(self, key: str):
        default = DEFAULTS[key]
        try:
            value = self._settings.value(key, default)
        except Exception:  # a broken settings file must never stop the app
            return default
        if isinstance(default, QByteArray):
            return value if isinstance(value, QByteArray) else default
        try:
            return type(default)(value)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
