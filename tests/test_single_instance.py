"""A second GoalDesk on the same database hands over to the first: two real processes, offscreen."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from goaldesk.ui.shell.single_instance import SingleInstance, server_name, try_hand_over

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from goaldesk.ui.shell.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    if not instance.listen():
        print("LISTEN FAILED", flush=True)
        sys.exit(1)

    def activated():
        print("ACTIVATED", flush=True)
        QTimer.singleShot(50, app.quit)

    instance.activationRequested.connect(activated)
    QTimer.singleShot(20000, app.quit)  # never outlive a broken test
    print("READY", flush=True)
    app.exec()
    instance.close()
    """
)


class Child:
    """A separate GoalDesk-like process listening on one database path."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline().strip()
        assert first == "READY", f"child did not start: {first!r} {self.proc.stderr.read() if first else ''}"

    def finish(self, timeout: float = 10) -> str:
        """The rest of the child's stdout once it exits (killing it if it does not)."""
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        return out


@pytest.fixture
def child(tmp_path: Path, qapp: object) -> Iterator[Child]:
    running = Child(tmp_path / "a.sqlite3")
    yield running
    if running.proc.poll() is None:
        running.proc.kill()
        running.proc.communicate()


def test_hand_over_to_the_running_instance(child: Child, tmp_path: Path) -> None:
    assert try_hand_over(tmp_path / "a.sqlite3", timeout_ms=2000) is True
    assert "ACTIVATED" in child.finish()
    assert child.proc.returncode == 0


def test_same_file_by_another_spelling_hands_over(child: Child, tmp_path: Path) -> None:
    other_spelling = tmp_path / "sub" / ".." / "a.sqlite3"
    (tmp_path / "sub").mkdir()
    assert SingleInstance.try_hand_over(other_spelling, timeout_ms=2000) is True
    assert "ACTIVATED" in child.finish()


def test_other_database_does_not_hand_over(child: Child, tmp_path: Path) -> None:
    assert try_hand_over(tmp_path / "b.sqlite3", timeout_ms=300) is False
    time.sleep(0.2)
    assert child.proc.poll() is None, "the child must not have been activated"
    assert try_hand_over(tmp_path / "a.sqlite3", timeout_ms=2000) is True  # and let it exit
    assert child.finish().count("ACTIVATED") == 1


def test_no_instance_returns_false_quickly(tmp_path: Path, qapp: object) -> None:
    start = time.monotonic()
    assert try_hand_over(tmp_path / "nobody.sqlite3", timeout_ms=500) is False
    assert time.monotonic() - start < 0.4


def test_key_depends_on_path_not_spelling(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a.sqlite3") == server_name(tmp_path / "." / "a.sqlite3")
    assert server_name(tmp_path / "a.sqlite3") != server_name(tmp_path / "b.sqlite3")
    assert len(server_name(tmp_path / ("x" * 300))) < 40


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="stale server files are a Unix-socket matter")
def test_stale_server_file_is_replaced(tmp_path: Path, qapp: object) -> None:
    db = tmp_path / "crashed.sqlite3"
    probe = QLocalServer()
    assert probe.listen(server_name(db))
    path = probe.fullServerName()
    probe.close()
    # What a killed instance leaves behind: a socket file nobody accepts on.
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()
    assert Path(path).exists()
    start = time.monotonic()
    assert try_hand_over(db, timeout_ms=500) is False
    assert time.monotonic() - start < 0.4
    instance = SingleInstance(db)
    try:
        assert instance.listen() is True
        assert instance.is_listening()
    finally:
        instance.close()
    assert not Path(path).exists(), "close() removes the server file"


def test_second_listener_in_a_live_instance_refuses(tmp_path: Path, qapp: object) -> None:
    first, second = SingleInstance(tmp_path / "a.sqlite3"), SingleInstance(tmp_path / "a.sqlite3")
    try:
        assert first.listen() is True
        assert second.listen() is False
        assert first.is_listening()
    finally:
        first.close()
        second.close()


def test_unknown_request_is_ignored(tmp_path: Path, qtbot: QtBot) -> None:
    """Anything but the activation line is dropped: no signal, connection closed."""
    instance = SingleInstance(tmp_path / "a.sqlite3")
    assert instance.listen()
    fired: list[bool] = []
    instance.activationRequested.connect(lambda: fired.append(True))
    client = QLocalSocket()
    client.connectToServer(instance.name)
    assert client.waitForConnected(1000)
    client.write(b"HELLO\n")
    client.flush()
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=2000)
    assert fired == []
    instance.close()
