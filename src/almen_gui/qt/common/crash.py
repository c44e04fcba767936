"""Logging to a rotating file in the user's app-data folder, and a dialog for unhandled exceptions.

The gui-script launcher has no console on Windows, so a crash must be visible in a window and kept in a file. An
exception may happen on any thread (a worker's slot, a Python thread), but widgets may only be made on the GUI thread:
building a dialog elsewhere crashes the whole app. So the dialog is always asked for through a queued signal to an
object that lives on the GUI thread.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from almen_gui import paths
from almen_gui.qt.common.dialogs import CrashDialog

log = logging.getLogger("almen_gui")
_dialogs: list = []  # keep open crash dialogs alive
_show_dialogs = True
_shower = None  # the _DialogShower on the GUI thread, made at the first report


def log_file() -> Path:
    return paths.user_data_dir() / "logs" / "almen-gui.log"


def setup_logging() -> Path:
    """Log to the user's app-data folder (rotating, 5 files of 1 MB); falls back to stderr if it is not writable."""
    path = log_file()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                                         encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if not any(getattr(h, "baseFilename", None) == getattr(handler, "baseFilename", "") for h in root.handlers):
        root.addHandler(handler)
    return path


def set_dialogs_enabled(enabled: bool) -> None:
    """The kiosk never shows dialogs: errors are only logged there."""
    global _show_dialogs
    _show_dialogs = enabled


def report_exception(exc_type, exc, tb, log_path: Path | None = None) -> None:
    """Log the exception (from any thread) and show it in a dialog on the GUI thread."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Uventet fejl:\n%s", details)
    if not _show_dialogs:
        return
    if QApplication.instance() is None:
        return
    _dialog_shower().show.emit(details, str(log_path or log_file()))


def _dialog_shower():
    """The one _DialogShower, moved to the GUI thread if the first report came from another thread."""
    global _shower
    if _shower is None:
        class _DialogShower(QObject):
            show = Signal(str, str)  # details, log path; emitted from any thread, received on the GUI thread

            def __init__(self):
                super().__init__()
                self.show.connect(self._on_show)

            def _on_show(self, details: str, log_path: str) -> None:
                _show_dialog(details, Path(log_path))

        shower = _DialogShower()
        shower.moveToThread(QApplication.instance().thread())
        _shower = shower
    return _shower


def _show_dialog(details: str, log_path: Path) -> None:
    dialog = CrashDialog(details, log_path)
    dialog.finished.connect(lambda _: _dialogs.remove(dialog) if dialog in _dialogs else None)
    _dialogs.append(dialog)
    dialog.show()


def install_excepthook(log_path: Path | None = None) -> None:
    """Every unhandled exception (also inside a Qt slot, on any thread) is logged and shown; the app keeps running."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_exception(exc_type, exc, tb, log_path)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
