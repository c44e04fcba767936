"""Logging to a rotating file in the user's app-data folder, and a dialog for unhandled exceptions.

The gui-script launcher has no console on Windows, so a crash must be visible in a window and kept in a file.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from almen_gui import paths

log = logging.getLogger("almen_gui")
_dialogs: list = []  # keep open crash dialogs alive
_show_dialogs = True


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
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Uventet fejl:\n%s", details)
    if not _show_dialogs:
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    from almen_gui.qt.common.dialogs import CrashDialog

    dialog = CrashDialog(details, log_path or log_file())
    dialog.finished.connect(lambda _: _dialogs.remove(dialog) if dialog in _dialogs else None)
    _dialogs.append(dialog)
    dialog.show()


def install_excepthook(log_path: Path | None = None) -> None:
    """Every unhandled exception (also inside a Qt slot) is logged and shown; the app keeps running."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_exception(exc_type, exc, tb, log_path)

    sys.excepthook = hook
