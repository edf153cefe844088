"""The desktop app on a PostgreSQL server: opening it, what the window shows, live updates between clients.

Real server (the session's throw-away cluster), real windows (offscreen), and a real second process as
the other client. Sharing, the server going away and stale edits have their own files
(test_server_sharing_gui.py, test_server_away.py, test_stale_edit_gui.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.data.server_actions import (
    ConnectDialog,
    normalised,
    recent_servers,
    remember_server,
    strip_password,
)

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")

OTHER_CLIENT = """
import sys
from goaldesk.domain.model import GoalDraft
from goaldesk.domain.enums import Horizon
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

services = Services(Store(open_database(sys.argv[1])))
moved, edited = int(sys.argv[2]), int(sys.argv[3])
goal = services.goals.get_goal(edited)
services.goals.update_goal(edited, goal.draft().replace(title=sys.argv[4]), expected_version=goal.version)
services.progress.add_checkin(edited, services.store.today(), 4, "from the laptop")
services.board.move_goals([moved], Horizon.LONG)
category = services.categories.categories()[1].id
services.goals.create_goal(GoalDraft(title="Learn Spanish", category_id=category))
services.store.close()
"""


def settings_in(tmp_path: Path, name: str = "s.ini") -> QSettings:
    return QSettings(str(tmp_path / name), QSettings.Format.IniFormat)


@pytest.fixture
def server_window(pg_url: str, tmp_path: Path, qtbot):  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    ctx = AppContext(Store(open_database(pg_url)), settings_in(tmp_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    yield window
    if window.connection is not None:
        window.connection.stop()
    ctx.undo_stack.clear()
    ctx.close()


def seed(ctx, titles: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    category = ctx.categories.categories()[1].id
    return [ctx.goals.create_goal(GoalDraft(title=t, category_id=category, unit="km", target=10.0)).id
            for t in titles]


# ---------------------------------------------------------------------- connecting, and no password kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("postgresql://anna:s3cret@db.example.org:5433/goaldesk", "postgresql://anna@db.example.org:5433/goaldesk"),
        ("postgresql://anna@db.example.org/goaldesk?password=s3cret&sslmode=verify-full",
         "postgresql://anna@db.example.org/goaldesk?sslmode=verify-full"),
        ("postgres://:s3cret@localhost/goaldesk", "postgres://localhost/goaldesk"),
        ("host=db.example.org password=s3cret dbname=goaldesk", "host=db.example.org dbname=goaldesk"),
        ("host=db.example.org password='s3 cret' dbname=goaldesk", "host=db.example.org dbname=goaldesk"),
        ("service=goaldesk", "service=goaldesk"),
    ],
)
def test_a_typed_password_is_taken_out(typed: str, kept: str) -> None:
    assert strip_password(typed) == kept


def test_recent_servers_are_remembered_without_their_password(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    remember_server(settings, "postgresql://anna:s3cret@db.example.org/goaldesk")
    remember_server(settings, "service=goaldesk")
    remember_server(settings, "postgresql://anna@db.example.org/goaldesk")  # again: moves to the top
    assert recent_servers(settings) == ["postgresql://anna@db.example.org/goaldesk", "service=goaldesk"]
    assert "s3cret" not in (tmp_path / "s.ini").read_text()


def test_the_connect_dialog_offers_recent_servers_and_says_where_passwords_go(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = settings_in(tmp_path)
    remember_server(settings, "service=work")
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.target.itemText(0) == "service=work"
    label = dialog.findChild(QLabel, "connectHint")
    assert label is not None and "~/.pgpass" in label.text() and "never stores a password" in label.text()
    ok = dialog.buttons.buttons()[0]
    dialog.target.setEditText("")
    assert not ok.isEnabled()
    dialog.target.setEditText("goaldesk")  # a bare word is a service name
    assert dialog.chosen() == "service=goaldesk" and ok.isEnabled()
    assert normalised(" postgresql://anna@h/db ") == "postgresql://anna@h/db"


def test_a_server_that_refuses_is_one_message_box_and_no_window(pg_server, tmp_path: Path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import goaldesk.ui.shell.app as app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    wrong = pg_server.url("postgres", password="not-the-password")
    assert app.open_window(wrong, settings=settings_in(tmp_path)) is None
    assert len(shown) == 1
    assert "refused the user name or password" in shown[0] and "not-the-password" not in shown[0]
    assert "Traceback" not in shown[0]
    nobody = f"postgresql://goaldesk@127.0.0.1:{_free_port()}/goaldesk"
    assert app.open_window(nobody, settings=settings_in(tmp_path)) is None
    assert "cannot be reached" in shown[1]
    assert recent_servers(settings_in(tmp_path)) == []  # only servers that opened are remembered


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_open_window_on_a_server_shows_it_without_the_password(pg_url: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.app import open_window

    settings = settings_in(tmp_path)
    window = open_window(pg_url, settings=settings)
    assert window is not None
    try:
        assert window.ctx.is_server
        where = window.ctx.location
        assert where.startswith("postgresql://goaldesk@127.0.0.1:")
        assert window.windowTitle() == f"GoalDesk — {where}"
        assert window.db_label.text() == f"Server: {where}"
        for text in (window.windowTitle(), window.db_label.text(), window.db_label.toolTip()):
            assert "goaldesk-test-secret" not in text
        assert recent_servers(settings) == [pg_url.replace(":goaldesk-test-secret@", "@")]  # remembered, no password
        assert "goaldesk-test-secret" not in (tmp_path / "s.ini").read_text()
        # What only a file has is disabled, and says why.
        for action in (window.data_actions.backup_action, window.data_actions.restore_action):
            assert not action.isEnabled() and "admin" in action.toolTip()
        assert window.sharing_actions.share_action.isEnabled()
        window.about_action.trigger()  # opens without blocking
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        about = box.text()
        box.accept()
        assert where in about and "goaldesk-test-secret" not in about
    finally:
        window.close()


def test_the_app_starts_on_a_server_from_the_command_line(pg_url: str, tmp_path: Path) -> None:
    """`goaldesk --db postgresql://…` opens the window (it no longer refuses a server); GOALDESK_DB too."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALDESK_EXIT_AFTER_PAINT": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "goaldesk.cli", "--new-instance", "--db", pg_url],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "cannot use a PostgreSQL server" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "goaldesk.cli", "--new-instance"],
                          env={**env, "GOALDESK_DB": pg_url}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "data" / "GoalDesk" / "goaldesk.sqlite3").exists()  # the server was used, not a file


def test_a_file_window_has_no_server_parts(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.connection is None and window.banner.isHidden()
    assert window.data_actions.backup_action.isEnabled()
    assert window.server_actions.connect_action in window.file_menu.actions()
    for action in (window.sharing_actions.share_action, window.sharing_actions.shared_action):
        assert not action.isEnabled() and "needs a GoalDesk server" in action.toolTip()


# ---------------------------------------------------------------------- live updates in the window


def test_another_clients_commit_shows_in_the_list_board_tree_and_details(server_window, pg_url: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = server_window
    ids = seed(window.ctx, ["Run a 10 km race", "Read twelve books"])
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(1)  # build the board
    window.tabs.setCurrentIndex(0)
    window.select_goal(ids[1])  # the details show the goal the other client edits
    details = window.details
    assert window.connection is not None and window.connection.live is not None
    long_before = window.board.models[Horizon.LONG].goal_ids()
    assert long_before == []

    with qtbot.waitSignal(window.connection.live.received, timeout=5000):
        subprocess.run([sys.executable, "-c", OTHER_CLIENT, pg_url, str(ids[0]), str(ids[1]), "Read 24 books"],
                       check=True, timeout=60)
        committed = time.monotonic()
    assert time.monotonic() - committed < 1.0
    row = window.model.row_of(ids[1])
    assert row is not None and window.model.goal_at(row).title == "Read 24 books"
    assert window.board.models[Horizon.LONG].goal_ids() == [ids[0]]
    short = window.board.models[Horizon.SHORT].goal_ids()
    assert short[0] == ids[1] and len(short) == 2  # and the goal the other client made
    assert details.goal is not None and details.goal.title == "Read 24 books"
    assert details.goal.current == 4.0
    all_goals = window.category_panel.model.index(0, 0)
    assert all_goals.data().endswith("(3)")  # the tree counts the goal the other client made
    assert window.model.rowCount() == 3


def test_connect_to_server_opens_without_blocking_and_cancel_opens_nothing(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.main_window import MainWindow

    opened: list[str] = []
    window = MainWindow(ctx, open_window=lambda target, **_kw: opened.append(target))
    qtbot.addWidget(window)
    window.show()
    window.server_actions.connect_action.trigger()  # returns at once: assistive tech's press is answered
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConnectDialog) and dialog.isVisible()
    dialog.reject()
    assert opened == [] and window.isVisible()
