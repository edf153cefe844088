"""Sharing in the app, with two real people (PostgreSQL roles set up by docs/server.md's own SQL).

Anna shares her goal with Ben from Goal › Share…; Ben sees it under View › Shared with Me (owner,
title, progress, deadline, check-ins, feedback), adds feedback as her mentor, and Anna finds it in the
goal's feedback log. Stopping the share takes it away from Ben. Undo undoes a share.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from goaldesk.domain.model import GoalDraft
from goaldesk.domain.reflection import FeedbackSource
from goaldesk.store.base import Store
from goaldesk.store.db import open_database

pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")

from test_server_people import People, people  # noqa: F401  (the two roles, from docs/server.md)


def _window(url: str, tmp_path: Path, name: str, qtbot):  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    ctx = AppContext(Store(open_database(url)), QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def _close(window) -> None:  # type: ignore[no-untyped-def]
    if window.connection is not None:
        window.connection.stop()
    window.ctx.undo_stack.clear()
    window.ctx.close()


def test_share_then_read_and_give_feedback_in_shared_with_me(
    people: People, tmp_path: Path, qtbot  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    anna = _window(people.url("anna"), tmp_path, "anna", qtbot)
    ben = _window(people.url("ben"), tmp_path, "ben", qtbot)
    try:
        category = anna.ctx.categories.categories()[1].id
        goal = anna.ctx.goals.create_goal(GoalDraft(
            title="Lead the Q3 release", category_id=category, unit="tasks", target=10.0,
            deadline=date(2031, 9, 30),
        ))
        anna.ctx.progress.add_checkin(goal.id, anna.ctx.today(), 4, "planning done")
        anna.select_goal(goal.id)
        assert anna.sharing_actions.share_action in anna.goal_menu.actions()

        dialog = anna.sharing_actions.share_current()
        assert dialog is not None
        qtbot.addWidget(dialog)
        ben_name = f"ben_{people.suffix}"
        dialog.person.setText(ben_name)
        assert dialog.share_now()
        assert [dialog.people.item(i).text() for i in range(dialog.people.count())] == [ben_name]
        assert anna.ctx.undo_stack.undoText().startswith("Share “Lead the Q3 release” with")
        dialog.person.setText("nobody_here")
        shown: list[str] = []
        anna.ctx.errors.disconnect(anna.show_error)
        anna.ctx.errors.connect(shown.append)
        assert not dialog.share_now()
        assert shown and "no user" in shown[0]

        shared = ben.sharing_actions.show_shared()
        assert shared is not None
        rows = [[shared.goals.topLevelItem(0).text(c) for c in range(4)]]
        assert rows == [[f"anna_{people.suffix}", "Lead the Q3 release", "40 %", "2031-09-30"]]
        assert "1 goal shared with you" in shared.intro.text()
        assert shared.checkins.item(0).text().endswith("4 tasks — planning done")
        assert ben.ctx.goals.find_goal(goal.id) is None  # not in Ben's own list or board
        assert ben.model.rowCount() == 0

        shared.source.setCurrentIndex(shared.source.findData(FeedbackSource.MENTOR))
        shared.said.setPlainText("Book the release review with QA now.")
        shared.action_edit.setText("Send the invite")
        assert shared.add_feedback()
        log = anna.ctx.reflection.feedback_for_goal(goal.id)
        assert [(f.said, f.source, f.action) for f in log] == [
            ("Book the release review with QA now.", FeedbackSource.MENTOR, "Send the invite")]
        assert "Mentor: Book the release review" in shared.feedback.item(0).text()

        # Anna stops sharing: Ben's open view empties at once (a live update from her commit).
        dialog.people.setCurrentRow(0)
        with qtbot.waitSignal(ben.connection.live.received, timeout=5000):
            assert dialog.unshare_selected()
        assert shared.goals.topLevelItemCount() == 0 and "Nobody has shared" in shared.intro.text()
        with qtbot.waitSignal(ben.connection.live.received, timeout=5000):
            anna.ctx.undo_stack.undo()  # undo the unshare: Ben can read it again
        assert shared.goals.topLevelItemCount() == 1
        shared.close()
    finally:
        _close(anna)
        _close(ben)
