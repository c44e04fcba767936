"""Shared fixtures: headless Qt, settings and app-data in temporary folders, synthetic datasets."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic_csv  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _application(qapp):
    """One QApplication for the session, set up as the app does it (bundled font, theme)."""
    from almen_gui.qt.start.app import create_application

    return create_application()


@pytest.fixture(autouse=True)
def _user_folders(tmp_path, monkeypatch):
    """Logs, remembered datasets, QSettings and kiosk.ini go to a temporary folder, never to the tester's home."""
    home = tmp_path / "app-data"
    monkeypatch.setenv("ALMEN_GUI_HOME", str(home))
    monkeypatch.setenv("ALMEN_GUI_CONFIG", str(tmp_path / "config"))  # a test that wants a kiosk.ini writes one there
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield home


@pytest.fixture(autouse=True)
def _free_widgets_between_tests():
    """Widgets a test leaves behind are deleted when it ends, not by the garbage collector in the middle of a later
    test's paint (pyqtgraph's views hold reference cycles, so only a collection frees them)."""
    yield
    if "PySide6.QtWidgets" in sys.modules:
        import gc

        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


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


@pytest.fixture
def runtime_dir(monkeypatch):
    """A private XDG_RUNTIME_DIR (short: a socket path must fit in 108 bytes) and a display of our own."""
    folder = Path(tempfile.mkdtemp(prefix="almen-rt-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.setenv("DISPLAY", ":77")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def gui_entry(monkeypatch, tmp_path):
    """run_gui as the launcher runs it, with app.exec() replaced by `then` (which runs the event loop through qtbot's
    waits); the windows and the kiosk it opened are closed afterwards.

    The start-up collector is not resumed here: freezing would take the whole test process's heap out of collection
    and thaw it in a later test's teardown, where this suite collects each test's own widgets. Its freeze and thaw are
    tested in a process of their own (test_launch.py)."""
    from PySide6.QtWidgets import QApplication

    from almen_gui.qt.common import crash
    from almen_gui.qt.kiosk.controller import KioskController
    from almen_gui.qt.kiosk.window import KioskWindow
    from almen_gui.qt.window.main_window import MainWindow

    app = QApplication.instance()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs the crash hook; undone afterwards
    root = logging.getLogger()
    handlers = list(root.handlers)

    class App:
        then = staticmethod(lambda: 0)

        def exec(self):
            return self.then()

    fake = App()
    monkeypatch.setattr("almen_gui.qt.start.app.create_application", lambda: app)
    monkeypatch.setattr(app, "exec", fake.exec, raising=False)
    monkeypatch.setattr("almen_gui.qt.start.launch.resume_when_running", lambda: None)
    yield fake
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            widget.deleteLater()
        elif isinstance(widget, KioskWindow) and widget.isVisible():
            widget.findChild(KioskController).stop()
            widget.leave()
    crash.set_dialogs_enabled(True)
