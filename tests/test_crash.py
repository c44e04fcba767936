"""An exception inside a slot is logged to the app-data log file and shown in a dialog; the window keeps working."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from almen_gui.qt.common import crash
from qt_helpers import make_window


def _crash_dialog():
    """The crash dialog as the user finds it: a visible window by its title."""
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "almen-gui: uventet fejl"]
    return shown[-1] if shown else None


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown(qtbot, tmp_path, _user_folders):
    window = make_window(qtbot, tmp_path / "s.ini")
    log_path = crash.setup_logging()
    assert log_path.parent.parent == _user_folders
    previous_hook = sys.excepthook
    crash.install_excepthook(log_path)
    try:
        def broken_slot():
            raise RuntimeError("testfejl i et slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: _crash_dialog() is not None)
    finally:
        sys.excepthook = previous_hook
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(log_path):
                handler.close()
                logging.getLogger().removeHandler(handler)
    dialog = _crash_dialog()
    qtbot.addWidget(dialog)
    assert str(log_path) in dialog.heading.text()
    assert "RuntimeError: testfejl i et slot" in dialog.details.toPlainText()
    assert "RuntimeError: testfejl i et slot" in log_path.read_text(encoding="utf-8")
    dialog.copy_button.click()
    assert "testfejl" in QApplication.clipboard().text()
    window.state.set_kommune(101)  # the app still responds
    assert window.heading.title.text() == "Københavns Kommune"
    dialog.close()
