"""One GoalDesk window per database: a second start hands over to the running one.

Two processes writing the same SQLite file through two windows would each show stale data, so a
second ``goaldesk`` on the same database asks the first to raise its window and exits. The key is a
hash of the user and the resolved database path: a different database, or another user, starts a
separate instance. Transport is ``QLocalServer``/``QLocalSocket`` (QtNetwork): a Unix socket in the
temp folder on Linux/macOS, a named pipe on Windows.

Usage (in ``run_gui``)::

    if not new_instance and SingleInstance.try_hand_over(db_path):
        return 0
    instance = SingleInstance(db_path, parent=app)
    instance.activationRequested.connect(window.bring_to_front)
    instance.listen()
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["SingleInstance", "server_name", "try_hand_over"]

log = logging.getLogger(__name__)

ACTIVATE = b"GOALDESK 1 ACTIVATE\n"
ACKNOWLEDGED = b"GOALDESK 1 OK\n"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry / no login name (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(db_path: str | os.PathLike[str]) -> str:
    """The local-server name for this user and database; short enough for a Unix socket path."""
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(f"{_user()}\0{resolved}".encode()).hexdigest()[:24]
    return f"goaldesk-{digest}"


def try_hand_over(db_path: str | os.PathLike[str], timeout_ms: int = 500) -> bool:
    """Ask a running instance on ``db_path`` to raise its window; True only if it acknowledged."""
    return SingleInstance.try_hand_over(db_path, timeout_ms)


class SingleInstance(QObject):
    """The running instance's listening end, plus the client call a second process makes."""

    activationRequested = Signal()

    def __init__(self, db_path: str | os.PathLike[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server: QLocalServer | None = None

    @staticmethod
    def try_hand_over(db_path: str | os.PathLike[str], timeout_ms: int = 500) -> bool:
        """Connect to a running instance and ask it to activate; False fast when none is running.

        Blocking calls only, so it works before any event loop runs (QCoreApplication should exist).
        """
        return _request_activation(server_name(db_path), timeout_ms)

    def listen(self) -> bool:
        """Start accepting hand-overs; removes a server file left by a crashed instance.

        Returns False (and logs why) if another live instance already listens or the server cannot
        start; the app then simply runs without the single-instance feature.
        """
        if self._server is not None and self._server.isListening():
            return True
        # Check first: with UserAccessOption, Qt binds in a private folder and renames the socket
        # over the old path, so listen() alone would silently take over from a live instance.
        if _is_alive(self.name):
            log.warning("another GoalDesk already listens on %s", self.name)
            return False
        QLocalServer.removeServer(self.name)  # a stale file from a crashed instance, if any
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single-instance server %s not started: %s", self.name, server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening and remove the server file (Qt does that on close)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line != ACTIVATE:
            log.warning("ignored an unknown single-instance request %r", line[:40])
            socket.disconnectFromServer()
            return
        socket.write(ACKNOWLEDGED)
        socket.flush()
        socket.waitForBytesWritten(100)
        socket.disconnectFromServer()
        self.activationRequested.emit()


def _is_alive(name: str, timeout_ms: int = 200) -> bool:
    """True if something accepts connections on ``name`` (a stale Unix socket file refuses them)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(timeout_ms)
    socket.abort()
    return alive


def _request_activation(name: str, timeout_ms: int) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining_ms() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        if not socket.waitForConnected(remaining_ms()):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(remaining_ms())  # False only means "nothing left to write"
        while not socket.canReadLine():
            if remaining_ms() == 0 or not socket.waitForReadyRead(remaining_ms()):
                return False
        return bytes(socket.readLine().data()) == ACKNOWLEDGED
    finally:
        socket.abort()
