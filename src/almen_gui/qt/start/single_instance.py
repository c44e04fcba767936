"""One window per user and screen: a second start on the same display hands its arguments to the running app.

The socket lives in a folder only the user can enter ($XDG_RUNTIME_DIR, or a 0700 folder of the user's own in the
temporary folder, checked for owner and mode), so another account can neither squat on it nor read what is handed
over. It is named by the display, so a start in another session or on another screen opens its own window. A lock
file beside it decides which of two simultaneous starts runs; a socket or lock left by a killed run never blocks.
A handed-over message is bounded in size and checked; a bad one is logged and ignored.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
TIMEOUT_MS = 500
STARTING_WAIT_S = 10.0  # how long a second start waits for a first one that is still starting
MAX_MESSAGE_BYTES = 64 * 1024
MAX_ARGUMENTS = 32
MAX_ARGUMENT_CHARS = 4096
MAX_SOCKET_PATH = 100  # a Unix socket path must fit in 108 bytes


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some service environments
        return "user"


def display_key() -> str:
    """The screen this start shows on: Wayland or X display, else the Qt platform (offscreen, windows, ...)."""
    display = (os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
               or os.environ.get("QT_QPA_PLATFORM") or sys.platform)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", display)[:40]


def _is_private(folder: Path) -> bool:
    """A real folder (not a link), owned by this user, that nobody else can enter or write."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def private_folder() -> Path | None:
    """$XDG_RUNTIME_DIR if it is private; else our own 0700 folder in the temporary folder; None if neither is safe."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _is_private(Path(runtime)):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"almen-gui-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        log.warning("Mappen %s kan ikke oprettes (%s)", folder, exc)
        return None
    if not _is_private(folder):
        log.warning("Mappen %s tilhører en anden eller kan åbnes af andre; bruges ikke", folder)
        return None
    return folder


def default_name() -> str | None:
    """The socket for this user and display, or None when there is no safe place for one."""
    if sys.platform == "win32":  # a named pipe; UserAccessOption limits it to this user
        return f"almen-gui-{_user()}-{display_key()}"
    folder = private_folder()
    if folder is None:
        return None
    name = str(folder / f"almen-gui-{display_key()}")
    if len(name.encode()) > MAX_SOCKET_PATH:
        log.warning("Stien %s er for lang til en socket", name)
        return None
    return name


def parse_message(data: bytes) -> tuple[list[str], str] | None:
    """(argv, the sender's folder) from a handed-over message, or None when it is not one of ours."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(message, dict):
        return None
    argv, cwd = message.get("argv"), message.get("cwd")
    if not (isinstance(argv, list) and len(argv) <= MAX_ARGUMENTS and isinstance(cwd, str) and cwd
            and all(isinstance(a, str) and len(a) <= MAX_ARGUMENT_CHARS for a in argv)):
        return None
    return argv, cwd


class SingleInstance(QObject):
    """`activated(argv, cwd)` fires in the running app when another start hands over to it."""

    activated = Signal(list, str)

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or default_name()
        self.server: QLocalServer | None = None
        self.lock: QLockFile | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def start(self, argv: list[str]) -> bool:
        """True if a running app took `argv` (then this process should exit); else this one listens from now on."""
        if self.name is None:
            return False  # no safe folder: run on, alone
        if self.hand_over(argv):
            return True
        lock_path = self.name + ".lock" if "/" in self.name else str(Path(tempfile.gettempdir()) / f"{self.name}.lock")
        self.lock = QLockFile(lock_path)
        self.lock.setStaleLockTime(0)  # a lock is stale only when its process is gone, however old it is
        deadline = time.monotonic() + STARTING_WAIT_S
        while not self.lock.tryLock(100):
            # Another start holds the lock and is about to listen: hand over to it once it does.
            if self.hand_over(argv):
                return True
            if time.monotonic() > deadline:
                log.warning("En anden start svarer ikke; åbner et vindue mere")
                return False
        self.listen()
        return False

    def hand_over(self, argv: list[str]) -> bool:
        """True if another instance is running and took `argv`, with this folder to resolve relative paths in."""
        if self.name is None:
            return False
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(json.dumps({"argv": list(argv), "cwd": os.getcwd()}).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        QLocalServer.removeServer(self.name)  # a stale socket from a crashed run; the lock says it is not in use
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.name):
            log.warning("Kunne ikke lytte efter nye starter (%s); flere vinduer er mulige", self.server.errorString())
            return False
        self.server.newConnection.connect(self._on_new_connection)
        return True

    def _on_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if socket not in self._buffers:
            return  # already handled or refused
        data = self._buffers[socket] + bytes(socket.readAll())
        if b"\n" not in data and len(data) <= MAX_MESSAGE_BYTES:
            self._buffers[socket] = data
            return
        del self._buffers[socket]
        line = data.split(b"\n", 1)[0]
        parsed = parse_message(line) if len(line) <= MAX_MESSAGE_BYTES else None
        socket.disconnectFromServer()
        if parsed is None:
            log.warning("Ignorerer en ugyldig besked fra en anden start (%d byte)", len(line))
            return
        self.activated.emit(*parsed)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if self._buffers.pop(socket, None):
            log.warning("Ignorerer en afbrudt besked fra en anden start")
        socket.deleteLater()
