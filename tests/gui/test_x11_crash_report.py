"""A run that dies (SIGABRT, as Qt's qFatal or shiboken's abort would) is announced at the next start.

The real app is aborted; started again on the same database, it opens with the message naming
crash.log, which a person dismisses with Enter; crash.log then holds the fatal report.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from xdriver import App, XServer

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(180)]


def test_next_start_after_an_abort_says_so(x_server: XServer, demo_db: Path, tmp_path: Path) -> None:
    first = App(x_server, demo_db, tmp_path / "first")
    first.proc.send_signal(signal.SIGABRT)
    assert first.proc.wait(30) == -signal.SIGABRT
    crash_log = demo_db.parent / "crash.log"
    assert "Fatal Python error" in (demo_db.parent / "fatal.log").read_text()

    second = App(x_server, demo_db, tmp_path / "second")
    try:
        box = second.wait_for(
            lambda g: (g.get("active") or {}).get("qt_class") == "QMessageBox", "the message about the last run"
        )["active"]
        assert box["text"] == f"GoalDesk stopped unexpectedly last time; the details are in {crash_log}"
        second.key("Return")
        second.wait_for(lambda g: (g.get("active") or {}).get("qt_class") == "MainWindow", "the main window")
        assert "Fatal Python error" in crash_log.read_text()
        assert (demo_db.parent / "fatal.log").read_text() == ""
    finally:
        assert second.quit() == 0
