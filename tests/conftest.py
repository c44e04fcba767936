"""Shared fixtures: headless Qt, settings and app-data in temporary folders, synthetic datasets."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic_csv  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _application(qapp):
    """One QApplication for the session, set up as the app does it (bundled font, theme)."""
    from almen_gui.qt.app import create_application

    return create_application()


@pytest.fixture(autouse=True)
def _user_folders(tmp_path, monkeypatch):
    """Logs, remembered datasets and QSettings go to a temporary folder, never to the tester's home."""
    home = tmp_path / "app-data"
    monkeypatch.setenv("ALMEN_GUI_HOME", str(home))
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield home


@pytest.fixture
def synthetic_csv(tmp_path) -> Path:
    return write_synthetic_csv(tmp_path / "syntetisk-komplet.csv")


@pytest.fixture
def synthetic_dataset(synthetic_csv):
    from almen_gui.model import load_dataset

    return load_dataset(synthetic_csv)


@pytest.fixture
def bundled():
    from almen_gui.model import load_bundled_dataset

    return load_bundled_dataset()
