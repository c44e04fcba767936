"""Watches a data file and reads it again once it has stopped changing: for the kiosk and for the window alike.

A file that is still being written (a copy over the network, a spreadsheet saving) is never read half-way: it is read
only when two looks, `settle_seconds` apart, find the same size and time, and it must then parse whole.
"""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from almen_gui.model import DataError, load_dataset

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is written or replaced; None for a missing file or one that is not a regular file."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):  # a named pipe or a device would block the reader or never end
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class DataFileWatcher(QObject):
    """Emits `loaded` with the new dataset, or `failed` with one sentence; the caller keeps its data on failure."""

    loaded = Signal(object)  # Dataset
    failed = Signal(str)

    def __init__(self, path: Path, settle_seconds: float = 2.0, poll_seconds: float = 30.0,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self._read_stamp = _stamp(self.path)  # what the data on screen was read from
        self._seen_stamp = self._read_stamp
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._on_file_changed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(round(settle_seconds * 1000))
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)  # watchers miss replaced files on some systems and network folders; poll as well
        self._poll.setInterval(round(poll_seconds * 1000))
        self._poll.timeout.connect(self.check)

    def start(self) -> None:
        self._watch()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        if self._fs.files():
            self._fs.removePaths(self._fs.files())

    def _watch(self) -> None:
        # _stamp, not exists(): a path no file system takes (a name of 300 characters) raises there, and is not a file
        if str(self.path) not in self._fs.files() and _stamp(self.path) is not None:
            self._fs.addPath(str(self.path))  # editors replace the file: watch the new one

    def _on_file_changed(self, _path: str) -> None:
        self._settle.start()  # look again once the writer has had time to finish

    def check(self) -> None:
        """Look at the file; read it if it changed and has looked the same since the previous look."""
        self._watch()
        stamp = _stamp(self.path)
        previous, self._seen_stamp = self._seen_stamp, stamp
        if stamp is None or stamp == self._read_stamp:
            return
        if stamp != previous:  # still changing (or just changed): wait for the next look
            self._settle.start()
            return
        self._read_stamp = stamp
        try:
            dataset = load_dataset(self.path)
        except DataError as exc:
            log.error("Datafilen %s kan ikke bruges; de sidste gode tal vises fortsat: %s", self.path, exc)
            self.failed.emit(str(exc))
            return
        if _stamp(self.path) != stamp:  # written to while we read it: what we read may be half; read it again
            self._read_stamp = None
            self._settle.start()
            return
        log.info("Datafilen er læst igen: %s", self.path)
        self.loaded.emit(dataset)
