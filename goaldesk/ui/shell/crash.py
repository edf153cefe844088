"""Crash reports for a windowed app that has no terminal: without them a crash leaves nothing behind.

Two kinds of failure, two mechanisms:

* A Python exception that escapes a slot or an event handler reaches ``sys.excepthook``. Qt keeps
  running, so we write the traceback to ``crash.log`` in the data folder (rotated, so it never
  grows without bound) and tell the user, in plain text, where the details are.
* A fatal error (a segfault, an abort such as shiboken's ``none_dealloc``) kills the process before
  any Python code can run. ``faulthandler`` writes the stacks into ``fatal.log`` from its signal
  handler. CPython's own fatal errors (``Py_FatalError``: none_dealloc is one) switch faulthandler
  off and write to file descriptor 2 only, so when stderr is not a terminal (an app started from
  the desktop: its stderr goes nowhere anyone reads) fd 2 is pointed at ``fatal.log`` too. At the
  next start, a ``fatal.log`` that holds "Fatal Python error" means the last run died: its contents
  move into ``crash.log`` and the user is told once. Anything else in it (warnings) is dropped.

The data folder is the folder of the database in use (by default the platformdirs user data folder),
so the log sits next to the data it concerns and a second database keeps its own log.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from goaldesk import APP_NAME

CRASH_LOG = "crash.log"
FATAL_LOG = "fatal.log"
MAX_LOG_BYTES = 256 * 1024
"""Keep crash.log small: a repeating error must not fill the disk; one older file is kept."""
BACKUPS = 1
FATAL_MARKER = "Fatal Python error"
"""faulthandler and Py_FatalError both start their report with this line."""


def _private_file(path: Path) -> None:
    """Create ``path`` owner-only (tracebacks may quote goal titles), like the database itself."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))


class CrashReporter(QObject):
    """Installs the hooks (``install``); ``previous_fatal`` holds what the last run left in ``fatal.log``."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.log_path = folder / CRASH_LOG
        self.fatal_path = folder / FATAL_LOG
        self.previous_fatal = ""
        self.messages_shown = 0
        self._showing = False
        self._fatal_file: IO[str] | None = None
        self._saved_stderr_fd: int | None = None
        self._old_excepthook = sys.excepthook
        self._old_threading_hook = threading.excepthook
        self._faulthandler_was_enabled = faulthandler.is_enabled()
        self.logger = logging.getLogger(f"goaldesk.crash.{id(self)}")
        self.logger.propagate = False
        self.logger.setLevel(logging.ERROR)

    # ------------------------------------------------------------------ setup

    def install(self, redirect_stderr: bool | None = None) -> CrashReporter:
        """Open the logs, collect a previous fatal error, hook exceptions and fatal signals.

        ``redirect_stderr`` (default: when fd 2 is not a terminal) points fd 2 at ``fatal.log`` so
        that CPython's fatal errors, which bypass faulthandler, are kept too.
        """
        if not self.folder.exists():
            self.folder.mkdir(parents=True, mode=0o700)  # same mode as store.db gives a new data folder
        _private_file(self.log_path)
        handler = logging.handlers.RotatingFileHandler(
            self.log_path, maxBytes=MAX_LOG_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        self.logger.addHandler(handler)
        self._collect_previous_fatal()
        _private_file(self.fatal_path)
        self._fatal_file = open(self.fatal_path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
        faulthandler.enable(file=self._fatal_file, all_threads=True)
        if redirect_stderr is None:
            redirect_stderr = not os.isatty(2)
        if redirect_stderr:
            if sys.stderr is not None:
                sys.stderr.flush()
            self._saved_stderr_fd = os.dup(2)
            os.dup2(self._fatal_file.fileno(), 2)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        """Put the previous hooks back (tests; a second window never needs this)."""
        sys.excepthook = self._old_excepthook
        threading.excepthook = self._old_threading_hook
        faulthandler.disable()
        if self._saved_stderr_fd is not None:
            if sys.stderr is not None:
                sys.stderr.flush()
            os.dup2(self._saved_stderr_fd, 2)
            os.close(self._saved_stderr_fd)
            self._saved_stderr_fd = None
        if self._faulthandler_was_enabled:
            faulthandler.enable(file=sys.__stderr__ or sys.stderr)
        if self._fatal_file is not None:
            self._fatal_file.close()
            self._fatal_file = None
        for handler in list(self.logger.handlers):
            self.logger.removeHandler(handler)
            handler.close()

    def _collect_previous_fatal(self) -> None:
        """Move what faulthandler wrote during the last run into crash.log, and empty fatal.log."""
        try:
            text = self.fatal_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        if FATAL_MARKER not in text:  # empty, or only warnings from a run that ended normally
            if text:
                self.fatal_path.write_text("", encoding="utf-8")
            return
        self.previous_fatal = text
        self.logger.error("GoalDesk stopped unexpectedly during the previous run:\n%s", text.rstrip())
        self.fatal_path.write_text("", encoding="utf-8")

    # ------------------------------------------------------------------ hooks

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """An exception nobody caught (typically in a slot): log it, then say where the details are."""
        if issubclass(kind, KeyboardInterrupt):
            self._old_excepthook(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        self.logger.error("Uncaught exception:\n%s", details.rstrip())
        if sys.__stderr__ is not None:  # a terminal, when there is one, still sees it
            sys.__stderr__.write(details)
            sys.__stderr__.flush()
        self.show_error(f"{kind.__name__}: {value}")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """Worker threads cannot show a dialog: their exceptions are only logged."""
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        self.logger.error("Uncaught exception in thread %s:\n%s", getattr(args.thread, "name", "?"), details.rstrip())

    # ------------------------------------------------------------------ messages

    def _parent(self) -> QWidget | None:
        return QApplication.activeWindow()

    def show_error(self, summary: str) -> None:
        """A plain-text box; one at a time, so an error repeated on every repaint cannot stack boxes."""
        if self._showing or QApplication.instance() is None:
            return
        text = self.tr(
            "Something went wrong inside {app}: {summary}\n\n"
            "{app} keeps running, but what you just did may not have been saved. "
            "If it happens again, please restart {app}.\n\n"
            "The details are in {path}"
        ).format(app=APP_NAME, summary=summary, path=self.log_path)
        self._box(self.tr("{app} error").format(app=APP_NAME), text)

    def show_previous_fatal(self) -> bool:
        """At start-up, once: the last run died; True when the message was shown."""
        if not self.previous_fatal or QApplication.instance() is None:
            return False
        text = self.tr("{app} stopped unexpectedly last time; the details are in {path}").format(
            app=APP_NAME, path=self.log_path
        )
        self.previous_fatal = ""
        self._box(self.tr("{app} stopped unexpectedly").format(app=APP_NAME), text)
        return True

    def _box(self, title: str, text: str) -> None:
        self._showing = True
        try:
            box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self._parent())
            box.setObjectName("crashMessage")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.messages_shown += 1
            box.exec()
        finally:
            self._showing = False


def data_folders(db_path: Path) -> list[Path]:
    """Where crash.log may go, best first: beside the database in use when that folder exists and is
    writable (never created here: a missing folder is the user's decision, see app._folder_ready),
    then the per-user data folder (which GoalDesk creates anyway), then the temporary folder."""
    from goaldesk.store.db import data_folder

    folder = db_path.expanduser().resolve().parent
    found = [folder] if folder.is_dir() and os.access(folder, os.W_OK) else []
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return [*found, data_folder(), Path(tempfile.gettempdir()) / f"goaldesk-{user}"]


def install(db_path: Path) -> CrashReporter:
    """Hook crash reporting for the app on ``db_path``; parented to the QApplication so it lives as long.

    A folder that cannot be written (read-only media, a full disk) must not stop the app: the next
    candidate folder is used.
    """
    error: OSError | None = None
    for folder in data_folders(db_path):
        reporter = CrashReporter(folder, QCoreApplication.instance())
        try:
            return reporter.install()
        except OSError as exc:
            reporter.uninstall()
            reporter.deleteLater()
            error = exc
    raise error if error is not None else OSError("no folder for crash.log")
