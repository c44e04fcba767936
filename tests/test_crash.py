"""An exception inside a slot is logged to the app-data log file and shown in a dialog; the window keeps working."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QTimer, Slot
from PySide6.QtWidgets import QApplication

from almen_gui.qt.common import crash
from qt_helpers import make_window


def _crash_dialog():
    """The crash dialog as the user finds it: a visible window by its title."""
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "almen-gui: uventet fejl"]
    return shown[-1] if shown else None


@pytest.fixture
def hooked(_user_folders):
    """The app's exception hooks installed, logging to the app-data folder; the test's own hooks back afterwards."""
    log_path = crash.setup_logging()
    assert log_path.parent.parent == _user_folders
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook
    crash.install_excepthook(log_path)
    yield log_path
    sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", None) == str(log_path):
            handler.close()
            logging.getLogger().removeHandler(handler)


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_shown(qtbot, tmp_path, hooked):
    window = make_window(qtbot, tmp_path / "s.ini")
    log_path = hooked

    def broken_slot():
        raise RuntimeError("testfejl i et slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: _crash_dialog() is not None)
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


class _BrokenWorker(QObject):
    @Slot()
    def run(self) -> None:
        raise RuntimeError("testfejl i en arbejdstråd")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_is_shown_by_the_gui_thread(qtbot, tmp_path, hooked):
    # A dialog built on the worker's thread would bring the whole app down (a segmentation fault).
    window = make_window(qtbot, tmp_path / "s.ini")
    thread, worker = QThread(), _BrokenWorker()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    thread.start()
    qtbot.waitUntil(lambda: _crash_dialog() is not None)
    thread.quit()
    thread.wait()
    dialog = _crash_dialog()
    qtbot.addWidget(dialog)
    assert dialog.thread() is QApplication.instance().thread()
    assert "RuntimeError: testfejl i en arbejdstråd" in dialog.details.toPlainText()
    assert "testfejl i en arbejdstråd" in hooked.read_text(encoding="utf-8")
    window.state.set_kommune(101)
    assert window.heading.title.text() == "Københavns Kommune"
    dialog.close()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_python_thread_is_shown_by_the_gui_thread(qtbot, hooked):
    def broken():
        raise ValueError("testfejl i en python-tråd")

    thread = threading.Thread(target=broken)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: _crash_dialog() is not None)
    dialog = _crash_dialog()
    qtbot.addWidget(dialog)
    assert dialog.thread() is QApplication.instance().thread()
    assert "ValueError: testfejl i en python-tråd" in dialog.details.toPlainText()
    dialog.close()
