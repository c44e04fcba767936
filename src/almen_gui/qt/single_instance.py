"""One window per user: a second start hands its arguments to the running app (which comes to the front) and exits.

A local socket named per user carries the message. A socket left behind by a crash or a kill is removed before
listening, so it never blocks the next start.
"""

from __future__ import annotations

import getpass
import json
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
TIMEOUT_MS = 500


def default_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some service environments
        user = "user"
    return f"almen-gui-{user}"


class SingleInstance(QObject):
    """`activated(argv)` fires in the running app when another start hands over to it."""

    activated = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or default_name()
        self.server: QLocalServer | None = None

    def hand_over(self, argv: list[str]) -> bool:
        """True if another instance is running and took `argv`; then this process should exit."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(json.dumps(argv).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        QLocalServer.removeServer(self.name)  # a stale socket from a crashed run
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
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll()).decode("utf-8", errors="replace").strip()
        try:
            argv = json.loads(data) if data else []
        except json.JSONDecodeError:
            argv = []
        self.activated.emit([str(a) for a in argv] if isinstance(argv, list) else [])
