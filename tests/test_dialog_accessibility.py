"""The dialogs as a screen reader meets them (issue 20): named fields, messages tied to their fields,
SMART verdicts in words with reasons reachable, and actions that open dialogs without blocking.

Offscreen, Qt's accessibility interfaces answer as they do on the AT-SPI bus: what
``QAccessible.queryAccessibleInterface(widget).text(Name)`` says is what Orca reads.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from demo import fill_demo
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from goaldesk.domain.model import GoalDraft
from goaldesk.domain.smart import Criterion
from goaldesk.store.services import Services
from goaldesk.ui.common.announce import announcer
from goaldesk.ui.goals.goal_editor import GoalEditor
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow
from goaldesk.ui.smart.smart_dialog import SmartDialog

ROOT = Path(__file__).resolve().parents[1]
NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description


def said(widget: QWidget, what: QAccessible.Text = NAME) -> str:
    """What assistive tech reads for ``widget``."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    return iface.text(what)


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    fill_demo(Services(ctx.store), ctx.today())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    goal = next(g for g in ctx.goals.list_goals() if g.target is not None)
    win.select_goal(goal.id)
    yield win
    for widget in QApplication.topLevelWidgets():  # nothing left open for the next test
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def interactive(dialog: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    return [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(dialog)
            and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]


# ---------------------------------------------------------------- the goal editor


def test_every_editor_field_has_a_name(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.show()
    expected = {
        editor.title_edit: "Title", editor.description_edit: "Description", editor.metric_edit: "Metric",
        editor.unit_edit: "Unit", editor.baseline_edit: "Starting value", editor.target_edit: "Target",
        editor.why_edit: "Why it matters", editor.start_edit: "Start date", editor.deadline_edit: "Deadline date",
        editor.category_combo: "Type", editor.horizon_combo: "Horizon", editor.kind_combo: "Check-ins",
        editor.status_combo: "Status",
    }
    for widget, name in expected.items():
        # On Linux Qt reads a combo box's current choice as its name and gives the label as its accessible
        # name (the relation a screen reader reads first); a text or date field reads the name itself.
        assert widget.accessibleName() == name
        if not isinstance(widget, QComboBox):
            assert said(widget) == name
    unnamed = [type(w).__name__ for w in interactive(editor) if not said(w).strip()]
    assert unnamed == []


def test_alt_letters_reach_the_fields(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    for key, field in ((Qt.Key.Key_L, editor.has_deadline), (Qt.Key.Key_A, editor.baseline_edit),
                       (Qt.Key.Key_K, editor.kind_combo), (Qt.Key.Key_T, editor.title_edit)):
        qtbot.keyClick(editor, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field


def test_a_message_is_tied_to_its_field_and_said(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.show()
    heard: list[str] = []
    announcer().announced.connect(lambda text, _assertive: heard.append(text))
    editor.title_edit.setText("Run")
    editor.title_edit.clear()
    assert said(editor.title_edit, DESCRIPTION) == "Give the goal a title."
    assert "Give the goal a title." in heard
    editor.title_edit.setText("Run 5 km without stopping")
    assert editor.title_edit.accessibleDescription() == ""
    assert "title" not in said(editor.title_edit, DESCRIPTION)
    editor.target_edit.setText("lots")
    message = editor.problems()["target"]
    assert said(editor.target_edit, DESCRIPTION) == message and message in heard
    editor.target_edit.setText("5")
    assert editor.target_edit.accessibleDescription() == "" and message not in said(editor.target_edit, DESCRIPTION)


# ---------------------------------------------------------------- the SMART dialog


def test_smart_verdicts_in_words_reasons_reachable(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    cat = ctx.categories.category_by_key("educational")
    assert cat is not None
    goal = ctx.goals.create_goal(GoalDraft(title="Complete 5 client reports per week", category_id=cat.id,
                                           target=5.0, unit="reports", deadline=ctx.today() + timedelta(days=90)))
    dialog = SmartDialog(ctx, goal=goal)
    qtbot.addWidget(dialog)
    dialog.show()
    relevant, time_bound = dialog.sections[Criterion.RELEVANT], dialog.sections[Criterion.TIME_BOUND]
    assert relevant.title() == "✘ Relevant: not met"  # the glyph is never the only verdict
    assert said(relevant) == "Relevant: not met" and said(time_bound) == "Time-bound: met"
    assert "why this matters" in said(relevant, DESCRIPTION)
    assert "why this matters" in said(relevant.override_box, DESCRIPTION)
    # The keyboard starts on the first criterion, not on an unnamed scroll area, and Tab reaches every reason.
    assert dialog.focusWidget() is dialog.sections[Criterion.SPECIFIC].reasons_label
    assert dialog.scroll_area.focusPolicy() == Qt.FocusPolicy.NoFocus
    for section in dialog.sections.values():
        assert section.reasons_label.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert said(section.reasons_label).startswith(said(section))
    relevant.override_box.setChecked(True)
    assert said(relevant) == "Relevant: not met by the automatic check, overruled by you"
    assert "SMART score: 5/5" in said(dialog, DESCRIPTION)


def test_guided_rewrite_is_named_and_starts_on_the_first_question(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    cat = ctx.categories.category_by_key("career-growth") or ctx.categories.categories()[1]
    goal = ctx.goals.create_goal(GoalDraft(title="Grow in my career", category_id=cat.id))
    dialog = SmartDialog(ctx, goal=goal)
    qtbot.addWidget(dialog)
    dialog.show()
    guided = dialog.open_guided_rewrite()
    assert guided is not None and guided.isVisible()
    assert guided.focusWidget() is guided.outcome_edit
    assert [w for w in interactive(guided) if not said(w).strip()] == []
    assert not said(guided.status_label).startswith(("✘", "✔"))
    guided.reject()


# ---------------------------------------------------------------- actions return at once


def opens_at_once(action: QAction, kind: type[QWidget]) -> QWidget:
    """Trigger ``action``; it must return without a nested event loop, its dialog already showing.

    A watchdog closes any modal dialog if the trigger blocks (an ``exec()``), and the test then fails.
    """
    blocked: list[bool] = []

    def rescue() -> None:
        blocked.append(True)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(rescue)
    watchdog.start(3000)
    started = time.monotonic()
    action.trigger()
    took = time.monotonic() - started
    watchdog.stop()
    assert not blocked, f"{action.text()} ran a nested event loop"
    shown = QApplication.activeModalWidget()
    assert isinstance(shown, kind) and shown.isVisible(), f"{action.text()}: {shown!r}"
    assert shown.windowModality() == Qt.WindowModality.WindowModal
    assert took < 3
    return shown


def close(dialog: QWidget) -> None:
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


def test_every_dialog_action_returns_at_once(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from goaldesk.ui.data.safety import RestoreBackupDialog
    from goaldesk.ui.goals.trash import TrashDialog
    from goaldesk.ui.progress.checkin_dialog import CheckInDialog
    from goaldesk.ui.reflection.preferences import PreferencesDialog

    progress, data, reflection = window.progress_actions, window.data_actions, window.reflection_actions
    cases: list[tuple[QAction, type[QWidget]]] = [
        (window.new_action, GoalEditor), (window.edit_action, GoalEditor), (window.smart_action, SmartDialog),
        (progress.add_checkin_action, CheckInDialog), (progress.print_action, QPrintPreviewDialog),
        (progress.export_action, QFileDialog), (reflection.preferences_action, PreferencesDialog),
        (data.export_action, QFileDialog), (data.import_action, QFileDialog),
        (data.restore_action, RestoreBackupDialog), (window.about_action, QMessageBox),
        (window.open_action, QFileDialog), (window.trash_action, TrashDialog),
        (window.template_menu.actions()[0], GoalEditor),
    ]
    for action, kind in cases:
        close(opens_at_once(action, kind))
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_the_reason_question_opens_without_blocking_and_cancel_saves_nothing(
    window: MainWindow, ctx: AppContext, qtbot  # type: ignore[no-untyped-def]
) -> None:
    from goaldesk.ui.reflection.history_view import ReasonDialog

    goal = window.current_goal()
    assert goal is not None and goal.target is not None
    editor = opens_at_once(window.edit_action, GoalEditor)
    assert isinstance(editor, GoalEditor)
    editor.target_edit.setText(str(int(goal.target) + 5))
    editor.accept()  # the editor closes and the question comes up, still without a nested loop
    question = QApplication.activeModalWidget()
    assert isinstance(question, ReasonDialog) and question.isVisible()
    question.reject()
    assert ctx.goals.get_goal(goal.id).target == goal.target
    # Saved with a reason: one undo step, as before.
    editor = opens_at_once(window.edit_action, GoalEditor)
    assert isinstance(editor, GoalEditor)
    editor.target_edit.setText(str(int(goal.target) + 5))
    editor.accept()
    question = QApplication.activeModalWidget()
    assert isinstance(question, ReasonDialog)
    question.reason_edit.setText("More time than planned")
    question.save_button.click()
    assert ctx.goals.get_goal(goal.id).target == goal.target + 5
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal.id).target == goal.target


def test_new_goal_saves_on_ok_and_undo_removes_it(window: MainWindow, ctx: AppContext) -> None:
    before = len(ctx.goals.list_goals())
    editor = opens_at_once(window.new_action, GoalEditor)
    assert isinstance(editor, GoalEditor)
    editor.title_edit.setText("Read twelve books this year")
    editor.accept()
    titles = [g.title for g in ctx.goals.list_goals()]
    assert len(titles) == before + 1 and "Read twelve books this year" in titles
    assert window.current_goal() is not None and window.current_goal().title == "Read twelve books this year"  # type: ignore[union-attr]
    ctx.undo_stack.undo()
    assert len(ctx.goals.list_goals()) == before



def test_trait_dialog_fields_named_and_its_message_tied(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from goaldesk.domain.reflection import TraitKind
    from goaldesk.ui.reflection.strengths_page import TraitDialog

    dialog = TraitDialog(TraitKind.STRENGTH, None, QDate(2026, 12, 8))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [type(w).__name__ for w in interactive(dialog) if not said(w).strip()] == []
    assert said(dialog.rating_spin) == "Rating from 1 to 5"
    heard: list[str] = []
    announcer().announced.connect(lambda text, _assertive: heard.append(text))
    dialog.accept()  # no name yet: the dialog stays, the message rides on the name field and is said
    assert dialog.isVisible() and dialog.problem.text()
    assert said(dialog.name_edit, DESCRIPTION) == dialog.problem.text() and dialog.problem.text() in heard
