"""A window on a PostgreSQL server: live updates from other clients, and what happens when the server is away.

``ServerConnection`` starts ``LiveUpdates`` on the window's store, so another machine's commit reloads
the list, the board, the tree counts and the details. When the server goes away (no network, a
restart, a password changed on the server) the feed breaks, or a read or write fails: the window then
shows one banner, turns read-only (every action that writes is disabled; a write that still gets
through is refused with one sentence), and reconnects in the background with back-off (a single-shot
``QTimer``; the connection attempt itself runs on a short-lived thread so a host that does not answer
never freezes the window). When the server answers again the store reconnects, every view reloads,
live updates restart and the actions come back.

No driver traceback reaches the user: a lost-connection error that escapes a slot (a read while the
server is away) is caught by a small ``sys.excepthook`` filter and turned into the banner.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from goaldesk.store.base import Change
from goaldesk.store.errors import StoreError
from goaldesk.ui.common.live_updates import LiveUpdates
from goaldesk.ui.common.server_errors import is_connection_error

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerConnection", text)


class _ExceptHookFilter:
    """Catches lost-connection errors that escape slots while a server window is open; forwards the rest."""

    def __init__(self) -> None:
        self.connections: weakref.WeakSet[ServerConnection] = weakref.WeakSet()
        self.previous: Callable[..., object] = sys.excepthook

    def install(self, connection: ServerConnection) -> None:
        self.connections.add(connection)
        if sys.excepthook is not self.hook:  # someone (crash reporter, a test harness) set theirs: wrap it
            self.previous = sys.excepthook
            sys.excepthook = self.hook

    def hook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if is_connection_error(value):
            try:
                away = [c for c in list(self.connections) if c.in_use() and not c.check_now()]
            except Exception:  # a hook must not fail: the error goes on to the crash reporter as it was
                away = []
            if away:
                return  # the banner says it; a read that failed while the server is away lost nothing
        self.previous(kind, value, tb)


_FILTER = _ExceptHookFilter()


class ServerBanner(QFrame):
    """The one message while the server is away, above the list: what happened, and "Try Now"."""

    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.setForegroundRole(self.palette().ColorRole.ToolTipText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(_tr("Server status"))
        layout.addWidget(self.text, 1)
        self.retry_button = QPushButton(_tr("Try &Now"))
        self.retry_button.clicked.connect(self.retryRequested)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.setAccessibleDescription(text)
        self.show()


class _Relay(QObject):
    """Carries a background attempt's result to the main thread (a queued signal)."""

    done = Signal(str)  # "" when the server answered, else the reason


class ServerConnection(QObject):
    """Live updates, the away banner, read-only mode and reconnecting, for one window on a server."""

    wentAway = Signal(str)
    cameBack = Signal()
    DELAYS_MS = (1000, 2000, 4000, 8000, 15000, 30000)  # back-off between attempts; the last one repeats

    def __init__(self, window: MainWindow, banner: ServerBanner) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.ctx.store
        self.banner = banner
        self.away = False
        self.reason = ""
        self.attempts = 0
        self.live: LiveUpdates | None = None
        self._trying = False
        self._stopped = False
        self._disabled: dict[QAction, bool] = {}  # action -> whether it was enabled before going away
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.try_now)
        banner.retryRequested.connect(self.try_now)
        _FILTER.install(self)
        self._start_live()

    # ------------------------------------------------------------------ live updates

    def _start_live(self) -> bool:
        try:
            self.live = LiveUpdates(self.store, self)
        except Exception as exc:  # the driver's errors: the server is not there right now
            if not is_connection_error(exc) and not isinstance(exc, StoreError | OSError):
                raise
            self.live = None
            self.went_away(str(exc))
            return False
        self.live.lost.connect(self.went_away)
        return True

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    # ------------------------------------------------------------------ going away

    def in_use(self) -> bool:
        """False once stopped or once its window is gone."""
        return not self._stopped and shiboken6.isValid(self) and shiboken6.isValid(self.window)

    def check_now(self) -> bool:
        """True when the server answers on the store's connection; otherwise go away (once) and False."""
        if self.away:
            return False
        try:
            with self.store.reading():
                self.store.db.execute_sql("SELECT 1")
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            self.went_away(str(exc))
            return False
        return True

    def went_away(self, reason: str = "") -> None:
        """Show the banner, turn read-only, and start reconnecting (with back-off)."""
        self.reason = _short(reason)
        if self.away:
            return
        self.away = True
        self.attempts = 0
        self._stop_live()
        self._set_read_only(True)
        self._say()
        self.wentAway.emit(self.reason)
        self._schedule()

    def refusal(self) -> str:
        """The sentence for a change attempted while the server is away."""
        return _tr(
            "The server cannot be reached, so the change was not saved. GoalDesk keeps trying to reconnect; "
            "try again once the banner above the list is gone."
        )

    def _say(self) -> None:
        delay = self._delay() // 1000
        text = _tr("Lost the connection to {where}: {reason}. You can look at your goals, but changes are off "
                   "until the server is back. Trying again in {seconds} s.")
        self.banner.say(text.format(where=self.store.location, reason=self.reason or _tr("no answer"),
                                    seconds=max(delay, 1)))
        self.window.statusBar().showMessage(_tr("Server unavailable: read-only"))

    def _delay(self) -> int:
        return self.DELAYS_MS[min(self.attempts, len(self.DELAYS_MS) - 1)]

    def _schedule(self) -> None:
        self._timer.start(self._delay())

    # ------------------------------------------------------------------ coming back

    def try_now(self) -> None:
        """One connection attempt, on a thread (a host that does not answer must not freeze the window)."""
        if not self.away or self._trying:
            return
        self._timer.stop()
        self._trying = True
        relay = _Relay()
        relay.done.connect(self._attempt_done, Qt.ConnectionType.QueuedConnection)
        target = str(self.store.db.database)
        threading.Thread(target=_attempt, args=(target, relay), name="goaldesk-reconnect", daemon=True).start()
        self._relay = relay  # kept until the attempt reports

    def _attempt_done(self, problem: str) -> None:
        self._trying = False
        if not self.away or not self.in_use():
            return
        if not problem:
            problem = self._reconnect()
        if problem:
            self.attempts += 1
            self.reason = _short(problem)
            self._say()
            self._schedule()
            return
        self.away = False
        self.banner.hide()
        self._set_read_only(False)
        self.window.statusBar().showMessage(_tr("Connected to the server again; everything is up to date."), 8000)
        self.store.notify([Change("all")])  # every view reloads what others changed meanwhile
        self.cameBack.emit()

    def _reconnect(self) -> str:
        """The store's own connection, fresh (the old one died with the server); "" when it worked."""
        db = self.store.db
        try:
            if not db.is_closed():
                db.close()
        except Exception:  # a dead connection may refuse even to close; a new one replaces it
            pass
        try:
            db.connect(reuse_if_open=True)
            if not self._start_live():
                return self.reason
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            return str(exc)
        return ""

    def stop(self) -> None:
        self._stopped = True
        _FILTER.connections.discard(self)
        self._timer.stop()
        self._stop_live()

    # ------------------------------------------------------------------ read-only

    def writing_actions(self) -> list[QAction]:
        """The window's actions that change data: File, Edit and Goal menus, less those that only read."""
        w = self.window
        reading: set[int] = {id(a) for a in (
            getattr(w, "open_action", None), getattr(w, "quit_action", None), getattr(w, "find_action", None),
            getattr(getattr(w, "server_actions", None), "connect_action", None),
            getattr(getattr(w, "data_actions", None), "export_action", None),
            getattr(getattr(w, "progress_actions", None), "print_action", None),
            getattr(getattr(w, "progress_actions", None), "export_action", None),
            getattr(getattr(w, "reflection_actions", None), "preferences_action", None),
            getattr(getattr(w, "sharing_actions", None), "shared_action", None),
        ) if a is not None}
        found: list[QAction] = []
        for menu in (w.file_menu, w.edit_menu, w.goal_menu):
            if menu is None:
                continue
            for action in menu.actions():
                if not action.isSeparator() and id(action) not in reading and action not in found:
                    found.append(action)
        return found

    def _set_read_only(self, on: bool) -> None:
        first = getattr(self.window, "first_goal_button", None)  # "New Goal…" on the empty list
        if first is not None:
            first.setEnabled(not on)
        if on:
            for action in self.writing_actions():
                self._disabled[action] = action.isEnabled()
                action.setEnabled(False)
                action.changed.connect(self._keep_disabled)
            return
        disabled, self._disabled = self._disabled, {}
        for action, was_enabled in disabled.items():
            try:
                action.changed.disconnect(self._keep_disabled)
            except (RuntimeError, TypeError):
                pass
            action.setEnabled(was_enabled)

    def _keep_disabled(self) -> None:
        """The selection or the undo stack enabled an action while away: remember it, keep it off."""
        action = self.sender()
        if isinstance(action, QAction) and self.away and action.isEnabled():
            self._disabled[action] = True
            action.setEnabled(False)


def _attempt(target: str, relay: _Relay) -> None:
    """A full open on this thread (the server's own words on failure); its connection is closed again."""
    problem = ""
    try:
        from goaldesk.store.server import open_server_database

        db = open_server_database(target)
        db.close()
    except StoreError as exc:
        problem = exc.message
    except Exception as exc:  # reported as the banner's reason, never raised on a thread
        problem = str(exc) or type(exc).__name__
    relay.done.emit(problem)


def _short(reason: str) -> str:
    """One line of a driver message, without the "Cannot connect to …:" lead the banner already says."""
    line = next((part.strip() for part in reason.splitlines() if part.strip()), "")
    if line.startswith("Cannot connect to ") and ": " in line:
        line = line.split(": ", 1)[1]
    if "FATAL:" in line:  # libpq's "connection failed: connection to server at …, port … failed: FATAL:  why"
        line = line.split("FATAL:", 1)[1].strip()
    return " ".join(line.split()).rstrip(".")
