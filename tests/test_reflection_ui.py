"""Reflection widgets driven like a user would: fill a dialog, click OK, tick a box, undo; then check the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.domain.reflection import FeedbackSource, TraitKind
from goaldesk.store.base import Change
from goaldesk.store.models import WinRow
from goaldesk.ui.reflection.balance_view import BalanceView
from goaldesk.ui.reflection.feedback_view import AllFeedbackView, FeedbackModel, FeedbackTab
from goaldesk.ui.reflection.history_view import HistoryTab, ReasonDialog, ask_reason
from goaldesk.ui.reflection.preferences import (
    PreferencesDialog,
    maybe_tray_reminder,
    review_at_startup,
    tray_remind_overdue,
)
from goaldesk.ui.reflection.review_panel import ReviewPanel
from goaldesk.ui.reflection.strengths_page import StrengthsPage
from goaldesk.ui.shell.context import AppContext

TODAY = date(2026, 11, 25)


@pytest.fixture
def fctx(db_path: Path, settings_path: Path, qapp) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """A real context whose clock says 25 November 2026."""
    clock = iter(datetime(2026, 11, 25, 9, 0) + timedelta(minutes=i) for i in range(10_000))
    context = AppContext.open(
        db_path, QSettings(str(settings_path), QSettings.Format.IniFormat), today=lambda: TODAY,
        now=lambda: next(clock),
    )
    yield context
    context.undo_stack.clear()
    context.close()


def make(ctx: AppContext, title: str, key: str = "skill-development", **fields: object) -> Goal:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    values: dict[str, object] = {"title": title, "category_id": cat.id, "start_date": TODAY - timedelta(days=3)}
    values.update(fields)
    return ctx.goals.create_goal(GoalDraft(**values))  # type: ignore[arg-type]


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def ok(dialog: QWidget) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


# ---------------------------------------------------------------- feedback


def test_feedback_tab_add_edit_toggle_delete_with_undo(fctx: AppContext, qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = make(fctx, "Present at the quarterly meeting")
    tab = FeedbackTab(fctx)
    qtbot.addWidget(tab)
    tab.show_goal(goal.id)
    assert not tab.empty.isHidden()
    assert tab.model.rowCount() == 0

    # Add through the dialog; an empty text is explained in the dialog, which stays open.
    dialog = tab.make_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    ok(dialog)
    assert dialog.isVisible() and "empty" in dialog.problem.text()
    assert rows(db_path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    qtbot.keyClicks(dialog.said_edit, "Slides were too dense")
    qtbot.keyClicks(dialog.action_edit, "Three bullets per slide")
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData(FeedbackSource.MANAGER.value))
    ok(dialog)
    assert not dialog.isVisible()
    assert rows(db_path, "SELECT goal_id, source, said, action, acted_on FROM feedback") == [
        (goal.id, "manager", "Slides were too dense", "Three bullets per slide", 0)
    ]
    assert tab.model.rowCount() == 1
    assert tab.proxy.index(0, 2).data() == "Slides were too dense"

    # Edit.
    tab.select_row(0)
    edit = tab.make_dialog(tab.selected())
    qtbot.addWidget(edit)
    edit.said_edit.setPlainText("Slides had too much text")
    ok(edit)
    assert rows(db_path, "SELECT said FROM feedback") == [("Slides had too much text",)]

    # Toggle "acted on" with the checkbox column, then with the button.
    acted_col = tab.model.columns().index(FeedbackModel.ACTED)
    tab.proxy.setData(tab.proxy.index(0, acted_col), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert rows(db_path, "SELECT acted_on FROM feedback") == [(1,)]
    tab.select_row(0)
    assert tab.acted_button.text().startswith("Mark Not")
    tab.acted_button.click()
    assert rows(db_path, "SELECT acted_on FROM feedback") == [(0,)]

    # Delete, then undo everything step by step.
    tab.select_row(0)
    tab.delete_button.click()
    assert rows(db_path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    assert tab.model.rowCount() == 0
    stack = fctx.undo_stack
    stack.undo()  # delete
    assert rows(db_path, "SELECT said, acted_on FROM feedback") == [("Slides had too much text", 0)]
    stack.undo()  # untick
    stack.undo()  # tick
    assert rows(db_path, "SELECT acted_on FROM feedback") == [(0,)]
    stack.undo()  # edit
    assert rows(db_path, "SELECT said FROM feedback") == [("Slides were too dense",)]
    stack.undo()  # add
    assert rows(db_path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    for _ in range(5):
        stack.redo()
    assert rows(db_path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    stack.undo()
    assert tab.model.rowCount() == 1 and rows(db_path, "SELECT said, acted_on FROM feedback") == [
        ("Slides had too much text", 0)
    ]


def test_all_feedback_open_actions_filter(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    goal = make(fctx, "Lead the retro", key="leadership")
    svc = fctx.reflection
    svc.add_feedback(goal.id, "Let others speak first", action="Ask two questions before proposing")
    svc.add_feedback(None, "Great demo", source=FeedbackSource.CLIENT)
    done = svc.add_feedback(goal.id, "Late agenda", action="Send it a day before")
    svc.set_acted_on(done.id, True)
    view = AllFeedbackView(fctx)
    qtbot.addWidget(view)
    assert view.proxy.rowCount() == 3
    goal_col = view.model.columns().index(FeedbackModel.GOAL)
    assert {view.proxy.index(r, goal_col).data() for r in range(3)} == {"Lead the retro", "General"}
    view.open_only.setChecked(True)
    assert view.proxy.rowCount() == 1
    assert view.count_label.text() == "1 of 3 shown"
    svc.add_feedback(None, "Speak slower", action="Record a practice talk")
    assert view.proxy.rowCount() == 2


# ---------------------------------------------------------------- strengths


def test_strengths_page_add_link_and_gaps(fctx: AppContext, qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = make(fctx, "Give three talks", target=3.0)
    page = StrengthsPage(fctx)
    qtbot.addWidget(page)
    page.show()
    assert page.gaps_empty.text().startswith("No weaknesses listed yet")

    dialog = page.make_dialog(TraitKind.WEAKNESS)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Public speaking")
    dialog.rating_spin.setValue(4)
    ok(dialog)
    assert rows(db_path, "SELECT kind, name, rating FROM trait") == [("weakness", "Public speaking", 4)]
    assert page.weaknesses.names() == ["Public speaking"]
    assert page.gap_names() == ["Public speaking"]
    assert page.selected() is not None and page.selected().name == "Public speaking"

    strength = page.make_dialog(TraitKind.STRENGTH)
    qtbot.addWidget(strength)
    qtbot.keyClicks(strength.name_edit, "Excel")
    strength.rating_spin.setValue(5)
    ok(strength)
    assert page.strengths.names() == ["Excel"]
    assert page.gap_names() == ["Public speaking"]

    # Link the weakness to the goal: it leaves the "no goal addresses" section.
    page.select_trait(next(t.id for t in fctx.reflection.traits(TraitKind.WEAKNESS)))
    page.set_goal_checked(goal.id, True)
    assert rows(db_path, "SELECT goal_id FROM goal_trait") == [(goal.id,)]
    assert page.gap_names() == []
    assert page.gaps_empty.isVisible()
    assert page.weaknesses.tree.topLevelItem(0).text(3) == "1"
    fctx.undo_stack.undo()
    assert rows(db_path, "SELECT COUNT(*) FROM goal_trait") == [(0,)]
    assert page.gap_names() == ["Public speaking"]

    # Create a goal for the weakness: a signal with a starting title.
    with qtbot.waitSignal(page.newGoalRequested) as blocker:
        page.create_goal_button.click()
    assert blocker.args == ["Improve public speaking"]
    assert page.requested_trait_id == fctx.reflection.traits(TraitKind.WEAKNESS)[0].id

    # A nameless trait is explained in the dialog, which stays open; the spin box keeps ratings in 1-5.
    bad = page.make_dialog(TraitKind.STRENGTH)
    qtbot.addWidget(bad)
    bad.show()
    bad.rating_spin.setValue(9)
    assert bad.rating_spin.value() == 5
    ok(bad)
    assert "name" in bad.problem.text() and bad.isVisible()

    # Delete and undo brings back the trait.
    page.select_trait(fctx.reflection.traits(TraitKind.STRENGTH)[0].id)
    page.delete_button.click()
    assert page.strengths.names() == []
    fctx.undo_stack.undo()
    assert page.strengths.names() == ["Excel"]


# ---------------------------------------------------------------- review


def seed(ctx: AppContext) -> dict[str, Goal]:
    g = {
        "due": make(ctx, "Submit PMP application", key="educational", deadline=TODAY + timedelta(days=6)),
        "overdue": make(ctx, "Update my CV", key="financial", deadline=TODAY + timedelta(days=1),
                        start_date=TODAY - timedelta(days=10)),
        "stale": make(ctx, "Swim twice a week", key="health-fitness", start_date=TODAY - timedelta(days=30)),
        "fresh": make(ctx, "Read 6 books", key="hobbies-learning", target=6.0, start_date=TODAY - timedelta(days=30)),
    }
    ctx.goals.update_goal(g["overdue"].id, g["overdue"].draft().replace(deadline=TODAY - timedelta(days=4)))
    ctx.progress.add_checkin(g["fresh"].id, TODAY - timedelta(days=2), 2)
    ctx.reflection.add_feedback(g["due"].id, "Ask for references early", action="Email Dana",
                                 source=FeedbackSource.MENTOR, on=TODAY - timedelta(days=5))
    with ctx.store.writing([Change("win")]):
        WinRow.create(goal=g["fresh"].id, on=TODAY - timedelta(days=2), kind="progress-25", what="A quarter there")
    ctx.store.notify([Change("win")])
    return g


def test_review_panel_contents_and_activation(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    g = seed(fctx)
    panel = ReviewPanel(fctx)
    qtbot.addWidget(panel)
    assert panel.heading_texts() == [
        "Overdue (1)", "Due in the next 14 days (1)", "No check-in for 14 days (1)",
        "Open actions from feedback (1)", "Wins since your last review (1)",
    ]
    assert panel.section_texts("overdue") == ["Update my CV"]
    assert panel.section_texts("due_soon") == ["Submit PMP application"]
    assert panel.section_texts("stale") == ["Swim twice a week"]
    assert panel.section_texts("open_actions") == ["Email Dana"]
    assert panel.section_texts("wins_since") == ["A quarter there"]
    assert "in 6 days" in panel.section_item("due_soon", 0).text(0).split("\n")[1]  # the second line
    assert panel.has_something(TODAY) and panel.is_due(TODAY)

    with qtbot.waitSignal(panel.goalActivated) as blocker:
        panel.tree.itemClicked.emit(panel.section_item("overdue", 0), 0)
    assert blocker.args == [g["overdue"].id]

    # A check-in makes the stale goal fresh; the panel follows the commit.
    fctx.progress.add_checkin(g["stale"].id, TODAY, 1)
    assert panel.section_texts("stale") == []

    panel.mark_button.click()
    assert fctx.review.last_review() == TODAY
    assert panel.section_texts("wins_since") == []
    assert not panel.mark_button.isEnabled()
    assert "Reviewed today" in panel.subtitle.text()
    assert not panel.is_due(TODAY) and panel.has_something(TODAY)


def test_review_panel_empty_database(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ReviewPanel(fctx)
    qtbot.addWidget(panel)
    assert not panel.has_something(TODAY)
    assert "Nothing needs you" in panel.subtitle.text()
    assert panel.section_texts("overdue") == []


def test_balance_view(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    make(fctx, "Learn SQL")
    make(fctx, "Lead the retro", key="leadership")
    view = BalanceView(fctx)
    qtbot.addWidget(view)
    labels = [view.model.index(r, 0).data().strip() for r in range(view.model.rowCount())]
    assert labels[0] == "Professional" and "Personal" in labels and "Work-Life Balance" in labels
    assert "personal goal would balance" in view.summary.text()
    make(fctx, "Swim weekly", key="health-fitness")
    assert view.model.index(0, 1).data() == "2"
    assert "2 professional and 1 personal" in view.summary.text()


# ---------------------------------------------------------------- preferences


def test_preferences_persist(fctx: AppContext, qtbot, settings_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert review_at_startup(fctx.settings) is True
    assert tray_remind_overdue(fctx.settings) is False
    dialog = PreferencesDialog(fctx)
    qtbot.addWidget(dialog)
    assert dialog.review_check.isChecked() and not dialog.tray_check.isChecked()
    dialog.review_check.setChecked(False)
    dialog.tray_check.setChecked(True)
    ok(dialog)
    again = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert review_at_startup(again) is False
    assert tray_remind_overdue(again) is True
    # Cancel keeps what was stored.
    dialog2 = PreferencesDialog(fctx)
    qtbot.addWidget(dialog2)
    assert not dialog2.review_check.isChecked()
    dialog2.review_check.setChecked(True)
    dialog2.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert review_at_startup(QSettings(str(settings_path), QSettings.Format.IniFormat)) is False


def test_tray_reminder_needs_opt_in_and_a_tray(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed(fctx)
    window = QWidget()
    qtbot.addWidget(window)
    assert maybe_tray_reminder(fctx, window) is False  # off by default
    fctx.settings.setValue("tray/remind_overdue", True)
    # The offscreen platform has no tray: nothing is shown, nothing fails.
    from PySide6.QtWidgets import QSystemTrayIcon

    assert maybe_tray_reminder(fctx, window) is QSystemTrayIcon.isSystemTrayAvailable()


# ---------------------------------------------------------------- history and reasons


def _answer_reason(text: str | None, *, skip: bool = False) -> None:
    """Fill the reason dialog once it is up (it runs its own event loop)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonDialog):
            QTimer.singleShot(10, act)
            return
        if text is None:
            dialog.reject()
        elif skip:
            dialog.skip_button.click()
        else:
            dialog.reason_edit.setText(text)
            dialog.save_button.click()

    QTimer.singleShot(0, act)


def test_ask_reason_only_for_target_or_deadline(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    goal = make(fctx, "Run 5 km", key="health-fitness", target=5.0, unit="km", deadline=TODAY + timedelta(days=30))
    # Title or status changes: no question at all.
    assert ask_reason(None, goal, goal.draft().replace(title="Run 5 km easily")) == ""
    assert ask_reason(None, goal, goal.draft().replace(status=GoalStatus.ACHIEVED)) == ""

    draft = goal.draft().replace(target=10.0)
    _answer_reason("  Felt   easy ")
    assert ask_reason(None, goal, draft) == "Felt easy"
    _answer_reason("ignored", skip=True)
    assert ask_reason(None, goal, goal.draft().replace(deadline=TODAY + timedelta(days=60))) == ""
    _answer_reason(None)
    assert ask_reason(None, goal, draft) is None

    dialog = ReasonDialog(goal, draft.replace(deadline=TODAY + timedelta(days=40)))
    qtbot.addWidget(dialog)
    assert "Adjusting a goal is fine" in dialog.findChildren(type(dialog.summary))[0].text()
    assert "Target: 5 km → 10 km" in dialog.summary.text()
    assert "Deadline: 2026-12-25 → 2027-01-04" in dialog.summary.text()


def test_history_tab_timeline_and_undo(fctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.common.commands import run
    from goaldesk.ui.goals.commands import EditGoal

    goal = make(fctx, "Run 5 km", key="health-fitness", target=5.0, unit="km")
    tab = HistoryTab(fctx)
    qtbot.addWidget(tab)
    tab.show_goal(goal.id)
    assert tab.rows() == [] and not tab.empty.isHidden()

    run(fctx, EditGoal(fctx, goal, goal.draft().replace(target=10.0), reason="Felt easy"))
    assert [r[1:] for r in tab.rows()] == [["Target", "5 km → 10 km", "Felt easy"]]
    fctx.undo_stack.undo()
    assert [r[1:] for r in tab.rows()] == [
        ["Target", "10 km → 5 km", "Undone"],
        ["Target", "5 km → 10 km", "Felt easy"],
    ]
    other = fctx.categories.category_by_key("hobbies-learning")
    assert other is not None
    fctx.goals.update_goal(goal.id, fctx.goals.get_goal(goal.id).draft().replace(category_id=other.id))
    assert tab.rows()[0][1:] == ["Goal type", "Health & Fitness → Hobbies & Learning", ""]
