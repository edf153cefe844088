"""Crash reports: an exception in a slot is logged to crash.log and explained in a message box; a fatal
error in one run is announced at the next start, then moved into crash.log."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from goaldesk.ui.shell.crash import CRASH_LOG, FATAL_LOG, CrashReporter, data_folders, install

ROOT = Path(__file__).resolve().parent.parent


def _close_box_later(seen: list[str]) -> QTimer:
    """Poll for the crash message box, record its text and close it (the box runs a nested loop)."""
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            seen.append(str(box.textFormat()))
            box.accept()
            timer.stop()

    timer.timeout.connect(check)
    timer.start()
    return timer


@pytest.mark.qt_no_exception_capture
def test_exception_in_slot_is_logged_and_shown(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    reporter = CrashReporter(folder).install(redirect_stderr=False)
    try:
        button = QPushButton("Boom")
        qtbot.addWidget(button)

        def broken_slot() -> None:
            raise ValueError("a goal with no title")

        button.clicked.connect(broken_slot)
        seen: list[str] = []
        timer = _close_box_later(seen)
        button.click()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        timer.stop()
    finally:
        reporter.uninstall()
    log = (folder / CRASH_LOG).read_text(encoding="utf-8")
    assert "Uncaught exception" in log
    assert "ValueError: a goal with no title" in log
    assert "broken_slot" in log  # the traceback, not just the message
    text = seen[0]
    assert str(folder / CRASH_LOG) in text
    assert "a goal with no title" in text
    assert "PlainText" in seen[1]
    assert reporter.messages_shown == 1
    assert (folder / CRASH_LOG).stat().st_mode & 0o077 == 0


CHILD = textwrap.dedent(
    """
    import ctypes, faulthandler, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from goaldesk.ui.shell.crash import CrashReporter
    app = QApplication([])
    CrashReporter(Path(sys.argv[1])).install()
    print("a warning from a healthy run", file=sys.stderr)
    if sys.argv[2] == "signal":
        faulthandler._sigabrt()  # like a segfault or Qt's abort: faulthandler's signal handler writes
    else:
        ctypes.pythonapi.Py_FatalError(b"none_dealloc: like shiboken's refcount bug")  # bypasses faulthandler
    """
)


@pytest.mark.parametrize("how", ["signal", "py_fatal_error"])
def test_fatal_error_is_announced_once_at_next_start(tmp_path: Path, qtbot, how: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    proc = subprocess.run(  # stderr is a pipe, not a terminal: as for an app started from the desktop
        [sys.executable, "-c", CHILD, str(folder), how], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0  # it really died
    fatal = (folder / FATAL_LOG).read_text(encoding="utf-8")
    assert "Fatal Python error" in fatal
    assert ("none_dealloc" in fatal) == (how == "py_fatal_error")

    reporter = CrashReporter(folder).install(redirect_stderr=False)
    try:
        assert "Fatal Python error" in reporter.previous_fatal
        assert (folder / FATAL_LOG).read_text(encoding="utf-8") == ""  # moved, not left to announce again
        assert "stopped unexpectedly during the previous run" in (folder / CRASH_LOG).read_text(encoding="utf-8")
        seen: list[str] = []
        timer = _close_box_later(seen)
        assert reporter.show_previous_fatal()
        timer.stop()
        assert "stopped unexpectedly last time; the details are in" in seen[0]
        assert str(folder / CRASH_LOG) in seen[0]
        assert not reporter.show_previous_fatal()  # once only
    finally:
        reporter.uninstall()
    again = CrashReporter(folder).install(redirect_stderr=False)  # the start after that one: nothing to say
    try:
        assert again.previous_fatal == ""
    finally:
        again.uninstall()


def test_warnings_from_a_healthy_run_are_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / FATAL_LOG).write_text("qt.qpa.xcb: a harmless warning\n", encoding="utf-8")
    reporter = CrashReporter(folder).install(redirect_stderr=False)
    try:
        assert reporter.previous_fatal == ""
        assert not reporter.show_previous_fatal()
        assert (folder / FATAL_LOG).read_text(encoding="utf-8") == ""
        assert (folder / CRASH_LOG).read_text(encoding="utf-8") == ""
    finally:
        reporter.uninstall()


def test_crash_log_beside_the_database_but_never_creates_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    existing = tmp_path / "mine" / "goals.sqlite3"
    existing.parent.mkdir()
    assert data_folders(existing)[0] == existing.parent
    missing = tmp_path / "not-yet" / "goals.sqlite3"  # the app asks before creating it (app._folder_ready)
    reporter = install(missing)
    try:
        assert reporter.log_path == tmp_path / "xdg" / "GoalDesk" / CRASH_LOG
        assert not missing.parent.exists()
    finally:
        reporter.uninstall()
