"""No dialog outlives its use: each is opened and closed 20 times from the real main window, the way a
user opens it (menu action or the window's goal actions), and afterwards none is left alive, and a
write no longer makes closed dialogs read the database.

Issue 17 measured 10 ``GoalEditor`` and 5 ``TrashDialog`` objects alive after 10 opens, each leftover
Trash re-reading the database on every write.

Since issue 20 the actions open their dialogs with ``open()`` (window-modal, no nested loop): the trigger
returns at once, and ``answered`` lets the event loop run until the dialog was handled.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from demo import fill_demo
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from goaldesk.store.services import Services
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
TIMES = 20


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    fill_demo(Services(ctx.store), ctx.today())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.select_goal(ctx.goals.list_goals()[0].id)
    assert win.current_goal() is not None
    yield win


def flush_deletes() -> None:
    """Run the deletions that ``deleteLater`` and ``WA_DeleteOnClose`` asked for."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def alive(window: QWidget, cls: type[QWidget]) -> int:
    """Live instances of ``cls``: children of the window, and parentless top-level windows."""
    children = window.findChildren(cls)
    loose = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.parent() is None]
    return len(children) + len(loose)


def when_modal(act: Callable[[QDialog], None], kind: type[QDialog] = QDialog) -> list[QDialog]:
    """Once a modal dialog of ``kind`` is up (window-modal ``open()`` or ``exec``), hand it to ``act`` (which
    closes it). Opened with ``open()``, it is handled once the event loop runs: see ``answered``."""
    seen: list[QDialog] = []
    tries = [0]

    def fire() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            tries[0] += 1
            assert tries[0] < 500, f"no {kind.__name__} came up"
            QTimer.singleShot(5, fire)
            return
        seen.append(widget)
        act(widget)

    QTimer.singleShot(0, fire)
    return seen


def answered(seen: list[object], count: int = 1, timeout: float = 10) -> int:
    """Let the event loop run until ``count`` dialogs were handled (or the time is up); how many were."""
    deadline = time.monotonic() + timeout
    while len(seen) < count and time.monotonic() < deadline:
        QTest.qWait(5)
    return len(seen)


def test_goal_editor_new_and_edit(window: MainWindow, ctx: AppContext) -> None:
    from goaldesk.ui.goals.goal_editor import GoalEditor

    goal = window.current_goal()
    assert goal is not None
    for i in range(TIMES):
        seen = when_modal(lambda d: d.reject(), GoalEditor)
        if i % 2:
            window.new_action.trigger()
        else:
            window.edit_action.trigger()
        assert answered(seen) == 1
    flush_deletes()
    assert alive(window, GoalEditor) == 0
    assert ctx.goals.get_goal(goal.id) == goal  # cancelled every time: nothing written


def test_live_smart_check_from_the_editor(window: MainWindow) -> None:
    from goaldesk.ui.goals.goal_editor import GoalEditor
    from goaldesk.ui.smart.smart_dialog import SmartDialog

    def check_then_cancel(editor: QDialog) -> None:
        assert isinstance(editor, GoalEditor)
        editor.smart_action.trigger()  # Ctrl+K in the editor
        smart = editor.smart_dialog
        assert isinstance(smart, SmartDialog) and smart.isVisible() and not smart.isModal()
        if len(seen) % 2:
            smart.reject()
        editor.reject()  # the editor takes an open SMART check with it
        assert not smart.isVisible()

    seen: list[QDialog] = []
    for _ in range(TIMES):
        opened = when_modal(check_then_cancel, GoalEditor)
        window.new_action.trigger()
        assert answered(opened) == 1
        seen += opened
    assert len(seen) == TIMES
    flush_deletes()
    assert alive(window, GoalEditor) == 0
    assert alive(window, SmartDialog) == 0


def test_edit_with_a_reason_asked(window: MainWindow, ctx: AppContext) -> None:
    from goaldesk.ui.goals.goal_editor import GoalEditor
    from goaldesk.ui.reflection.history_view import ReasonDialog

    goal = window.current_goal()
    assert goal is not None and goal.target is not None

    def change_target(editor: QDialog) -> None:
        assert isinstance(editor, GoalEditor)
        editor.target_edit.setText(str(int(goal.target or 0) + 5))
        reasons.append(when_modal(lambda d: d.reject(), ReasonDialog))  # cancel the reason: nothing saved
        editor.accept()

    reasons: list[list[QDialog]] = []
    for _ in range(TIMES):
        when_modal(change_target, GoalEditor)
        saved: list[bool] = []
        window.goals.edit_goal(goal.id, done=saved.append)
        assert answered(saved) == 1 and saved == [False]
    assert [answered(r) for r in reasons] == [1] * TIMES
    flush_deletes()
    assert alive(window, GoalEditor) == 0
    assert alive(window, ReasonDialog) == 0
    assert ctx.goals.get_goal(goal.id).target == goal.target


def test_smart_check_and_guided_rewrite(window: MainWindow) -> None:
    from goaldesk.ui.smart.smart_dialog import SmartDialog
    from goaldesk.ui.smart.smart_rewrite import SmartRewriteDialog

    def rewrite_then_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, SmartDialog)
        dialog.rewrite_button.click()
        guided = dialog.rewrite_dialog
        assert isinstance(guided, SmartRewriteDialog) and guided.isVisible()
        guided.reject()
        dialog.reject()

    for _ in range(TIMES):
        seen = when_modal(rewrite_then_cancel, SmartDialog)
        window.smart_action.trigger()
        assert answered(seen) == 1
    flush_deletes()
    assert alive(window, SmartDialog) == 0
    assert alive(window, SmartRewriteDialog) == 0


def test_trash_and_its_listening(window: MainWindow, ctx: AppContext) -> None:
    from goaldesk.ui.goals.trash import TrashDialog

    window.goals.delete_selected()
    last: TrashDialog | None = None
    for _ in range(TIMES):
        window.trash_action.trigger()
        last = window.goals.trash_dialog
        assert last is not None and last.isVisible() and last.list.count() == 1
        last.reject()
    flush_deletes()
    assert alive(window, TrashDialog) == 0
    assert last is not None and not shiboken6.isValid(last)  # gone, so it cannot read on the next write
    # An open Trash follows changes; once closed it does not.
    window.trash_action.trigger()
    trash = window.goals.trash_dialog
    assert trash is not None
    before = trash.reloads
    ctx.undo_stack.undo()  # the goal comes back from the Trash
    assert trash.reloads == before + 1 and trash.list.count() == 0
    trash.reject()
    assert window.goals.trash_dialog is None


def test_checkin_wins_feedback_strengths(window: MainWindow) -> None:
    from goaldesk.domain.reflection import TraitKind
    from goaldesk.ui.progress.checkin_dialog import CheckInDialog
    from goaldesk.ui.progress.wins_view import WinsLogDialog
    from goaldesk.ui.reflection.feedback_view import FeedbackDialog
    from goaldesk.ui.reflection.strengths_page import TraitDialog

    progress = window.progress_actions
    details = window.details
    feedback_tab = getattr(details, "feedback_tab", None)
    assert feedback_tab is not None
    reflection = window.reflection_actions
    for _ in range(TIMES):
        progress.add_checkin_action.trigger()
        dialog = progress.checkin_dialog
        assert isinstance(dialog, CheckInDialog) and dialog.isVisible()
        dialog.reject()

        progress.wins_action.trigger()
        wins = progress.wins_dialog
        assert wins is not None and wins.isVisible()
        wins.reject()

        feedback_tab.add_button.click()
        assert isinstance(feedback_tab.dialog, FeedbackDialog)
        feedback_tab.dialog.reject()
        assert feedback_tab.dialog is None

        all_feedback = reflection.show_all_feedback()
        all_feedback.view.add_button.click()  # type: ignore[attr-defined]
        all_feedback.view.dialog.reject()  # type: ignore[attr-defined]
        all_feedback.close()

        strengths = reflection.show_strengths()
        page = strengths.view
        page.add_trait(TraitKind.STRENGTH)
        page.dialog.reject()  # type: ignore[attr-defined]
        strengths.close()
    flush_deletes()
    assert alive(window, CheckInDialog) == 0
    assert alive(window, WinsLogDialog) <= 1  # one log per window, kept for the next open
    assert alive(window, FeedbackDialog) == 0
    assert alive(window, TraitDialog) == 0


def test_restore_and_import_dialogs(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from goaldesk.ui.data.safety import RestoreBackupDialog

    window.data_actions.back_up_now()
    bad = tmp_path / "not-an-export.json"
    bad.write_text("{ nope", encoding="utf-8")
    for _ in range(TIMES):
        seen = when_modal(lambda d: d.reject(), RestoreBackupDialog)
        window.data_actions.restore_action.trigger()
        assert answered(seen) == 1
        boxes = when_modal(lambda d: d.reject(), QMessageBox)
        assert not window.data_actions.import_from(bad)
        assert len(boxes) == 1 and "cannot be imported" in boxes[0].text()  # type: ignore[attr-defined]
    flush_deletes()
    assert alive(window, RestoreBackupDialog) == 0
    assert alive(window, QMessageBox) == 0


def test_print_preview(window: MainWindow) -> None:
    """The print preview is deleted after use."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    for _ in range(3):  # each preview draws a chart: a few suffice to see one per use
        seen = when_modal(lambda d: d.reject(), QPrintPreviewDialog)
        window.progress_actions.print_action.trigger()  # Ctrl+P
        assert answered(seen) == 1
    flush_deletes()
    assert alive(window, QPrintPreviewDialog) == 0


def count_queries(ctx: AppContext, write: Callable[[], object]) -> int:
    """SQL statements run while ``write`` and everything that listens to it run."""
    statements: list[str] = []
    connection = ctx.store.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        write()
        QCoreApplication.processEvents()
    finally:
        connection.set_trace_callback(None)
    return len(statements)


def test_a_write_after_closing_everything_reads_no_more_than_before(window: MainWindow, ctx: AppContext) -> None:
    other = ctx.goals.list_goals()[-2]
    numbers = iter(range(1, 100))

    def write() -> None:
        ctx.goals.update_goal(other.id, other.draft().replace(why=f"Reason {next(numbers)}"))

    count_queries(ctx, write)  # the first write may fill caches: measure from the second
    before = count_queries(ctx, write)
    assert before == count_queries(ctx, write)  # the measure is steady
    for _ in range(5):
        for opener in (window.trash_action, window.progress_actions.wins_action):
            opener.trigger()
        window.goals.trash_dialog.reject()  # type: ignore[union-attr]
        window.progress_actions.wins_dialog.reject()  # type: ignore[union-attr]
        window.reflection_actions.show_strengths().close()
        window.reflection_actions.show_all_feedback().close()
        closed = when_modal(lambda d: d.reject())
        window.new_action.trigger()
        assert answered(closed) == 1
    flush_deletes()
    after = count_queries(ctx, write)
    print(f"statements for one write: {before} before, {after} after")
    assert after <= before, f"a write ran {after} statements after the dialogs were closed, {before} before"


def test_preferences_and_the_reassign_question(window: MainWindow, ctx: AppContext) -> None:
    """Preferences (from its menu action) and the question asked before deleting a type that holds goals."""
    from goaldesk.domain.model import GoalDraft
    from goaldesk.ui.categories.category_view import ReassignDialog
    from goaldesk.ui.reflection.preferences import PreferencesDialog

    for _ in range(TIMES):
        seen = when_modal(lambda d: d.reject(), PreferencesDialog)
        window.reflection_actions.preferences_action.trigger()
        assert answered(seen) == 1
    panel = window.category_panel
    parent = ctx.categories.categories()[1].id
    own = ctx.categories.create_category("Side projects", parent)
    ctx.goals.create_goal(GoalDraft(title="Ship a small app", category_id=own.id))
    for _ in range(TIMES):
        seen = when_modal(lambda d: d.reject(), ReassignDialog)
        assert not panel.delete_category(own.id)  # cancelled: the type and its goal stay
        assert len(seen) == 1
    flush_deletes()
    assert alive(window, PreferencesDialog) == 0
    assert alive(window, ReassignDialog) == 0
    assert any(c.id == own.id for c in ctx.categories.categories())
