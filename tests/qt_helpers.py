"""Helpers for the window tests: a MainWindow around a dataset, with settings in a temporary folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from almen_gui.model import load_bundled_dataset
from almen_gui.qt.app import create_application
from almen_gui.qt.main_window import MainWindow
from almen_gui.qt.settings import Settings
from almen_gui.qt.state import AppState


def make_window(qtbot, settings_file, dataset=None, kode: int = 161) -> MainWindow:
    create_application()
    dataset = dataset or load_bundled_dataset()
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = MainWindow(AppState(dataset, kode), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_charts()
    return window


def card_texts(window) -> dict[str, str]:
    return {name: card.value.text() for name, card in window.stats_panel.cards.items()}
