"""When the server is away: one banner, a read-only window, reconnecting with back-off, and nothing lost.

The server is taken away for real: the app's backends are terminated (as in a server restart) while the
database refuses new connections, or while the role's password has been changed on the server. The
window is a real MainWindow on a real server database of a role of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")


@dataclass
class Place:
    """A role of its own with its own database, so the test may change its password or lock it out."""

    cluster: object
    role: str
    dbname: str

    def url(self, password: str = "first-pw") -> str:
        return f"postgresql://{self.role}:{password}@127.0.0.1:{self.cluster.port}/{self.dbname}"  # type: ignore[attr-defined]

    def admin(self, sql: str) -> None:
        self.cluster.admin(sql)  # type: ignore[attr-defined]

    def cut_off(self) -> None:
        """Every backend of this database ends, as when the server restarts."""
        self.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.dbname}'")

    def allow(self, on: bool) -> None:
        self.admin(f'ALTER DATABASE "{self.dbname}" ALLOW_CONNECTIONS {"true" if on else "false"}')


@pytest.fixture
def place(pg_server) -> Iterator[Place]:  # type: ignore[no-untyped-def]
    suffix = uuid.uuid4().hex[:8]
    found = Place(pg_server, f"away_{suffix}", f"away_{suffix}")
    found.admin(f"CREATE ROLE {found.role} LOGIN PASSWORD 'first-pw'")
    found.admin(f'CREATE DATABASE "{found.dbname}" OWNER {found.role} TEMPLATE template0')
    yield found
    found.admin(f'DROP DATABASE IF EXISTS "{found.dbname}" WITH (FORCE)')
    found.admin(f"DROP ROLE IF EXISTS {found.role}")


@pytest.fixture
def window(place: Place, tmp_path: Path, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.connection import ServerConnection
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    monkeypatch.setattr(ServerConnection, "DELAYS_MS", (100, 200, 400))
    ctx = AppContext(Store(open_database(place.url())), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    category = ctx.categories.categories()[1].id
    for title in ("Earn the PMP certification", "Run a 10 km race"):
        ctx.goals.create_goal(GoalDraft(title=title, category_id=category))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.connection is not None:
        win.connection.stop()
    ctx.undo_stack.clear()
    ctx.close()


def _guard(win) -> None:  # type: ignore[no-untyped-def]
    """pytest-qt swaps sys.excepthook per test phase; put the app's filter back over it, as the app has it."""
    from goaldesk.ui.shell.connection import _FILTER

    _FILTER.install(win.connection)


def _modal_text(qtbot, act) -> str:  # type: ignore[no-untyped-def]
    """Run ``act``; the text of the message box it opens (closed again)."""
    seen: list[str] = []

    def read() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, read)

    QTimer.singleShot(50, read)
    act()
    if not seen:  # error boxes open without blocking (window-modal): read it once it is up
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen[0]


def test_a_restart_makes_the_window_read_only_then_it_reconnects_and_reloads(window, place: Place, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = window
    _guard(win)
    connection = win.connection
    assert connection is not None and win.banner.isHidden() and win.new_action.isEnabled()
    goal = win.ctx.goals.list_goals()[0]

    place.allow(False)
    with qtbot.waitSignal(connection.wentAway, timeout=5000):
        place.cut_off()
    # One banner, and a window that only reads.
    assert win.banner.isVisible()
    text = win.banner.text.text()
    assert text.startswith("Lost the connection to postgresql://")
    assert "changes are off" in text and "Traceback" not in text
    assert "first-pw" not in text
    for action in (win.new_action, win.edit_action, win.delete_action, win.achieved_action,
                   win.data_actions.import_action, win.progress_actions.add_checkin_action):
        assert not action.isEnabled(), action.text()
    assert not win.first_goal_button.isEnabled()
    for action in (win.find_action, win.quit_action, win.data_actions.export_action, win.list_tab_action):
        assert action.isEnabled(), action.text()
    # Picking a goal still works (a read that fails now is caught, never a traceback).
    win.table.selectRow(0)
    qtbot.wait(50)
    # The selection must not switch an action back on while away.
    assert not win.edit_action.isEnabled()

    # It keeps trying, with back-off, and says why it could not connect.
    qtbot.waitUntil(lambda: connection.attempts >= 2, timeout=10000)
    assert "not currently accepting connections" in win.banner.text.text()

    # A write that still gets through (a drop, a button in a panel) is refused with one sentence.
    from goaldesk.ui.common.commands import run
    from goaldesk.ui.goals.commands import SetStatuses

    connection.DELAYS_MS = (60000,)  # no attempt of its own during the rest: "Try Now" below
    said = _modal_text(qtbot, lambda: run(win.ctx, SetStatuses(win.ctx, [goal], GoalStatus.ACHIEVED)))
    assert said == connection.refusal()
    assert win.ctx.undo_stack.count() == 0  # nothing half-done on the undo stack

    # Meanwhile the server comes back and someone else renames a goal.
    place.allow(True)
    other = Services(Store(open_database(place.url())))
    theirs = other.goals.get_goal(goal.id)
    other.goals.update_goal(goal.id, theirs.draft().replace(title="Earn the PMP by June"),
                            expected_version=theirs.version)
    other.store.close()

    with qtbot.waitSignal(connection.cameBack, timeout=10000):
        win.banner.retry_button.click()
    assert win.banner.isHidden() and win.new_action.isEnabled() and win.edit_action.isEnabled()
    assert win.first_goal_button.isEnabled()
    assert "Connected to the server again" in win.statusBar().currentMessage()
    row = win.model.row_of(goal.id)
    assert row is not None and win.model.goal_at(row).title == "Earn the PMP by June"  # reloaded
    assert win.ctx.goals.get_goal(goal.id).status is GoalStatus.ACTIVE  # the refused write did not happen
    # Live updates run again: another client's commit arrives.
    assert connection.live is not None
    with qtbot.waitSignal(connection.live.received, timeout=5000):
        again = Services(Store(open_database(place.url())))
        now = again.goals.get_goal(goal.id)
        again.goals.update_goal(goal.id, now.draft().replace(title="Earn the PMP"), expected_version=now.version)
        again.store.close()
    assert win.model.goal_at(win.model.row_of(goal.id)).title == "Earn the PMP"


def test_a_changed_password_is_said_and_the_window_comes_back_when_right_again(window, place: Place, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = window
    _guard(win)
    connection = win.connection
    place.admin(f"ALTER ROLE {place.role} PASSWORD 'second-pw'")
    with qtbot.waitSignal(connection.wentAway, timeout=5000):
        place.cut_off()
    qtbot.waitUntil(lambda: "refused the user name or password" in win.banner.text.text(), timeout=10000)
    text = win.banner.text.text()
    assert "~/.pgpass" in text and "first-pw" not in text and "second-pw" not in text
    assert not win.new_action.isEnabled()
    place.admin(f"ALTER ROLE {place.role} PASSWORD 'first-pw'")
    with qtbot.waitSignal(connection.cameBack, timeout=10000):
        pass
    assert win.banner.isHidden() and win.new_action.isEnabled()
    assert [g.title for g in win.ctx.goals.list_goals()] == ["Earn the PMP certification", "Run a 10 km race"]


def test_an_error_from_a_lost_connection_in_a_slot_becomes_the_banner(window, place: Place, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Only the store's backend dies (the feed's lives on): the first read in a slot finds out."""
    win = window
    _guard(win)
    connection = win.connection
    with win.ctx.store.reading():
        pid = int(win.ctx.store.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0])
    connection.DELAYS_MS = (60000,)
    place.admin(f"SELECT pg_terminate_backend({pid})")
    with qtbot.waitSignal(connection.wentAway, timeout=5000):
        win.table.selectRow(1)  # the details panel reads the goal: the error is caught, the banner shows
    assert win.banner.isVisible()
    with qtbot.waitSignal(connection.cameBack, timeout=10000):
        connection.try_now()
    assert win.current_goal() is not None


def test_an_edit_saved_while_the_server_is_away_stays_in_the_editor(window, place: Place, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.goals.stale_edit import save_checked

    win = window
    _guard(win)
    win.connection.DELAYS_MS = (60000,)
    goal = win.ctx.goals.list_goals()[0]
    place.allow(False)
    place.cut_off()
    draft = goal.draft().replace(title="Earn the PMP by June")
    outcomes: list[object] = []
    said = _modal_text(qtbot, lambda: outcomes.append(save_checked(win, win.ctx, goal, draft)))
    outcome = outcomes[0]
    assert not outcome.saved and outcome.reopen.title == "Earn the PMP by June"  # type: ignore[attr-defined]
    assert "cannot be reached" in said and "still in the editor" in said and "Traceback" not in said
    assert win.banner.isVisible()
    place.allow(True)
    with qtbot.waitSignal(win.connection.cameBack, timeout=10000):
        win.connection.try_now()
    again = save_checked(win, win.ctx, outcome.reopen, outcome.reopen.draft())  # type: ignore[attr-defined]
    assert again.saved and win.ctx.goals.get_goal(goal.id).title == "Earn the PMP by June"
