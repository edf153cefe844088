"""A stale goal edit in the app: the user chooses Reload or Save as Copy; nothing is silently overwritten.

Two stores on one database play two windows (or two computers): the other one saves first. The choice
box is the real one, answered by clicking its buttons.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.ui.goals.stale_edit import Choice, save_checked


def _answer(button: str) -> list[str]:
    """Click ``button`` (objectName, or "Cancel") in the stale-edit box when it opens; its text is kept."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(30, click)
            return
        seen.append(box.text())
        if button == "Cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            found = box.findChild(QPushButton, button)
            assert found is not None
            found.click()

    QTimer.singleShot(30, click)
    return seen


@pytest.fixture(params=["sqlite", "postgres"])
def two(request, tmp_path: Path, qapp):  # type: ignore[no-untyped-def]
    """This app's context and another client of the same database."""
    from goaldesk.ui.shell.context import AppContext

    target: Path | str = tmp_path / "goals.sqlite3"
    if request.param == "postgres":
        pytest.importorskip("psycopg")
        target = str(request.getfixturevalue("pg_url"))
    ctx = AppContext(Store(open_database(target)), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    other = Services(Store(open_database(target)))
    yield ctx, other
    ctx.undo_stack.clear()
    ctx.close()
    other.store.close()


def _opened_then_changed_elsewhere(ctx, other):  # type: ignore[no-untyped-def]
    category = ctx.categories.categories()[1].id
    goal = ctx.goals.create_goal(GoalDraft(title="Earn the PMP certification", category_id=category))
    opened = ctx.goals.get_goal(goal.id)  # the editor opens here
    theirs = other.goals.get_goal(goal.id)
    other.goals.update_goal(goal.id, theirs.draft().replace(why="My manager asked for it"),
                            expected_version=theirs.version)
    return opened


def test_a_fresh_edit_saves_as_one_undo_step(two) -> None:  # type: ignore[no-untyped-def]
    ctx, _other = two
    category = ctx.categories.categories()[1].id
    goal = ctx.goals.create_goal(GoalDraft(title="Run a 10 km race", category_id=category))
    outcome = save_checked(None, ctx, goal, goal.draft().replace(title="Run a half marathon"))
    assert outcome.saved and outcome.reopen is None
    assert ctx.goals.get_goal(goal.id).title == "Run a half marathon"
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal.id).title == "Run a 10 km race"


def test_reload_takes_the_goal_as_it_is_now_into_the_editor(two, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx, other = two
    opened = _opened_then_changed_elsewhere(ctx, other)
    seen = _answer("reloadButton")
    outcome = save_checked(None, ctx, opened, opened.draft().replace(title="Earn the PMP in 6 months"))
    assert seen and "changed elsewhere" in seen[0] and "overwrite" in seen[0]
    assert not outcome.saved
    assert outcome.reopen is not None and outcome.reopen.why == "My manager asked for it"
    assert outcome.reopen.version == opened.version + 1  # a save from the reloaded editor goes through
    now = ctx.goals.get_goal(opened.id)
    assert now.title == "Earn the PMP certification" and now.why == "My manager asked for it"  # not overwritten
    assert ctx.undo_stack.count() == 0
    again = save_checked(None, ctx, outcome.reopen, outcome.reopen.draft().replace(title="Earn the PMP in 6 months"))
    assert again.saved
    assert ctx.goals.get_goal(opened.id).why == "My manager asked for it"  # their change kept, mine added


def test_save_as_copy_keeps_both(two, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx, other = two
    opened = _opened_then_changed_elsewhere(ctx, other)
    _answer("copyButton")
    mine = opened.draft().replace(title="Earn the PMP in 6 months")
    outcome = save_checked(None, ctx, opened, mine)
    assert outcome.saved and outcome.copy is not None
    titles = sorted(g.title for g in other.goals.list_goals())  # the other client sees both
    assert titles == ["Earn the PMP certification", "Earn the PMP in 6 months"]
    assert other.goals.get_goal(opened.id).why == "My manager asked for it"
    ctx.undo_stack.undo()  # the copy is one undo step
    assert [g.title for g in ctx.goals.list_goals()] == ["Earn the PMP certification"]


def test_cancel_keeps_the_draft_for_the_editor(two, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx, other = two
    opened = _opened_then_changed_elsewhere(ctx, other)
    _answer("Cancel")
    outcome = save_checked(None, ctx, opened, opened.draft().replace(title="Earn the PMP in 6 months"))
    assert not outcome.saved and outcome.reopen is not None
    assert outcome.reopen.title == "Earn the PMP in 6 months" and outcome.reopen.version == opened.version
    assert ctx.goals.get_goal(opened.id).title == "Earn the PMP certification"


def test_the_choice_can_come_from_elsewhere(two) -> None:  # type: ignore[no-untyped-def]
    """``ask`` is a parameter: the goal actions may put the question differently (non-blocking)."""
    ctx, other = two
    opened = _opened_then_changed_elsewhere(ctx, other)
    asked: list[str] = []
    outcome = save_checked(None, ctx, opened, opened.draft().replace(title="Earn the PMP"),
                           ask=lambda _p, stale, _d: asked.append(stale.message) or Choice.RELOAD)
    assert asked and outcome.reopen is not None and outcome.reopen.why == "My manager asked for it"


def test_the_goal_editor_asks_and_reopens_with_the_goal_as_it_is_now(two, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The real path: Edit Goal, someone else saves, OK in the editor asks; Reload reopens the editor."""
    from goaldesk.ui.goals.goal_editor import GoalEditor
    from goaldesk.ui.shell.main_window import MainWindow

    ctx, other = two
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    category = ctx.categories.categories()[1].id
    goal = ctx.goals.create_goal(GoalDraft(title="Earn the PMP certification", category_id=category))
    editor = window.goals.edit_goal(goal.id)
    assert isinstance(editor, GoalEditor)
    theirs = other.goals.get_goal(goal.id)
    other.goals.update_goal(goal.id, theirs.draft().replace(why="My manager asked for it"),
                            expected_version=theirs.version)
    editor.title_edit.setText("Earn the PMP in 6 months")
    seen = _answer("reloadButton")
    editor.accept()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in window.findChildren(GoalEditor) if e is not editor),
                    timeout=5000)
    reopened = [e for e in window.findChildren(GoalEditor) if e.isVisible() and e is not editor]
    assert reopened and reopened[0].why_edit.text() == "My manager asked for it"
    assert reopened[0].title_edit.text() == "Earn the PMP certification"  # reloaded: as it is now
    assert ctx.goals.get_goal(goal.id).title == "Earn the PMP certification"  # nothing overwritten
    reopened[0].reject()
