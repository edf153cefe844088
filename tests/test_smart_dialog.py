"""The SMART checklist dialog on a real database: tick, OK, undo; rewrite the title; follow the editor live."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QGroupBox

from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.domain.smart import Criterion
from goaldesk.ui.common.commands import run
from goaldesk.ui.goals.goal_editor import GoalEditor
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.smart.smart_commands import ApplySmart
from goaldesk.ui.smart.smart_dialog import SmartDialog

PMP = "Improve project management skills by earning the PMP certification within the next 6 months"


def goal_row(db_path: Path, goal_id: int) -> tuple[object, ...]:
    """The stored row, all but the row version (which every edit and every undo moves on)."""
    conn = sqlite3.connect(db_path)
    try:
        cursor = conn.execute("SELECT * FROM goal WHERE id = ?", (goal_id,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        return tuple(value for name, value in zip(names, row, strict=True) if name != "version")
    finally:
        conn.close()


def type_id(ctx: AppContext, key: str = "educational") -> int:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    return cat.id


def add(ctx: AppContext, title: str, **kw: object) -> Goal:
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=type_id(ctx)).replace(**kw))


def open_dialog(qtbot, ctx: AppContext, **kw: object) -> SmartDialog:  # type: ignore[no-untyped-def]
    dialog = SmartDialog(ctx, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def tick(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    """Click the box itself: the widget spans the section, but only indicator and text take clicks."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_ok(qtbot, dialog: SmartDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_five_sections_and_score(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "Complete 5 client reports per week", target=5.0, unit="reports",
               deadline=ctx.today() + timedelta(days=126))
    dialog = open_dialog(qtbot, ctx, goal=goal)

    boxes = [b for b in dialog.findChildren(QGroupBox) if b.objectName().startswith("section_")
             and b.objectName() != "section_rewrite"]
    assert [b.objectName() for b in boxes] == [f"section_{c.value}" for c in Criterion]
    assert dialog.score_label.text() == "SMART score: 4/5"  # no "why": Relevant fails
    for criterion, section in dialog.sections.items():
        assert section.meaning_label.text() == criterion.meaning
        assert section.override_box.text() == criterion.override_text
        assert section.reasons_label.text().count("<li>") >= 1
    measurable = dialog.sections[Criterion.MEASURABLE]
    assert "Target: 5 reports" in measurable.fields_label.text()
    time_bound = dialog.sections[Criterion.TIME_BOUND]
    assert f"Deadline: {goal.deadline} (in 126 days)" in time_bound.fields_label.text()
    assert time_bound.verdict_label.text() == "✔ Met"
    relevant = dialog.sections[Criterion.RELEVANT]
    assert relevant.verdict_label.text() == "✘ Not met"
    assert "Why: not given" in relevant.fields_label.text()
    assert "“why this matters”" in relevant.reasons_label.text()
    # A met criterion has nothing to overrule.
    assert not time_bound.override_box.isEnabled()
    assert relevant.override_box.isEnabled()


def test_overrule_ok_undo(qtbot, ctx: AppContext, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "Earn PMP", target=1.0, unit="certification")
    before = goal_row(db_path, goal.id)
    dialog = open_dialog(qtbot, ctx, goal=goal)
    assert dialog.score_label.text() == "SMART score: 2/5"  # measurable + achievable by default

    relevant = dialog.sections[Criterion.RELEVANT]
    with qtbot.waitSignal(dialog.scoreChanged):
        tick(qtbot, relevant.override_box)
    assert relevant.override_box.isChecked()
    assert dialog.score_label.text() == "SMART score: 3/5"
    assert "overruled by you" in relevant.verdict_label.text()
    assert "overruled by you" in relevant.title()
    assert "Relevant" in dialog.score_note.text()
    # Unticking takes it back, ticking again counts it again.
    tick(qtbot, relevant.override_box)
    assert dialog.score_label.text() == "SMART score: 2/5"
    tick(qtbot, relevant.override_box)
    assert dialog.chosen_overrides() == frozenset({"relevant"})

    click_ok(qtbot, dialog)
    assert dialog.result() == SmartDialog.DialogCode.Accepted
    assert ctx.goals.get_goal(goal.id).smart_overrides == frozenset({"relevant"})
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "SMART check “Earn PMP”"

    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal.id).smart_overrides == frozenset()
    assert goal_row(db_path, goal.id) == before
    ctx.undo_stack.redo()
    assert ctx.goals.get_goal(goal.id).smart_overrides == frozenset({"relevant"})


def test_cancel_writes_nothing(qtbot, ctx: AppContext, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "Earn PMP")
    before = goal_row(db_path, goal.id)
    dialog = open_dialog(qtbot, ctx, goal=goal)
    tick(qtbot, dialog.sections[Criterion.MEASURABLE].override_box)
    dialog.show_rewrite()
    dialog.use_as_title()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert goal_row(db_path, goal.id) == before
    assert ctx.undo_stack.count() == 0


def test_ok_without_changes_pushes_nothing(qtbot, ctx: AppContext, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "Earn PMP")
    before = goal_row(db_path, goal.id)
    dialog = open_dialog(qtbot, ctx, goal=goal)
    click_ok(qtbot, dialog)
    assert dialog.result() == SmartDialog.DialogCode.Accepted
    assert goal_row(db_path, goal.id) == before
    assert ctx.undo_stack.count() == 0


def test_use_as_title_then_ok_changes_title_and_undo_restores(qtbot, ctx: AppContext, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    deadline = ctx.today() + timedelta(days=60)
    goal = add(ctx, "I want to write client reports", target=5.0, metric_name="client reports",
               unit="per week", deadline=deadline)
    before = goal_row(db_path, goal.id)
    dialog = open_dialog(qtbot, ctx, goal=goal)
    assert dialog.rewrite_edit.isReadOnly()
    assert not dialog.use_title_button.isEnabled()

    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    drafted = f"Write 5 client reports per week by {deadline.isoformat()}"
    assert dialog.rewrite_edit.text() == drafted
    with qtbot.waitSignal(dialog.titleChosen) as chosen:
        qtbot.mouseClick(dialog.use_title_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [drafted]
    assert dialog.chosen_title() == drafted
    assert dialog.title_note.isVisible() and drafted in dialog.title_note.text()
    assert ctx.goals.get_goal(goal.id).title == goal.title  # nothing written before OK

    tick(qtbot, dialog.sections[Criterion.RELEVANT].override_box)
    click_ok(qtbot, dialog)
    saved = ctx.goals.get_goal(goal.id)
    assert saved.title == drafted
    assert saved.smart_overrides == frozenset({"relevant"})
    assert ctx.undo_stack.count() == 1  # title and override: one command

    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal.id).title == goal.title
    assert goal_row(db_path, goal.id) == before


def test_apply_smart_command_directly(ctx: AppContext, db_path: Path) -> None:
    goal = add(ctx, "Earn PMP")
    before = goal_row(db_path, goal.id)
    command = ApplySmart(ctx, goal, frozenset({"achievable", "time-bound"}), "Earn the PMP certification")
    assert command.text() == "SMART check “Earn PMP”"
    assert run(ctx, command)
    saved = ctx.goals.get_goal(goal.id)
    assert saved.smart_overrides == frozenset({"achievable", "time-bound"})
    assert saved.title == "Earn the PMP certification"
    ctx.undo_stack.undo()
    assert goal_row(db_path, goal.id) == before


def test_refused_title_keeps_dialog_open_and_writes_nothing(qtbot, ctx: AppContext, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "Earn PMP")
    before = goal_row(db_path, goal.id)
    dialog = open_dialog(qtbot, ctx, goal=goal)
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.use_title_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_title() == "Earn PMP within 3 months"
    ctx.goals.delete_goal(goal.id)  # trashed elsewhere while the dialog is open: editing is refused
    trashed = goal_row(db_path, goal.id)
    assert trashed != before
    tick(qtbot, dialog.sections[Criterion.RELEVANT].override_box)
    with qtbot.waitSignal(ctx.errors) as message:
        click_ok(qtbot, dialog)
    assert "Trash" in message.args[0]
    assert dialog.isVisible()
    assert goal_row(db_path, goal.id) == trashed
    assert ctx.undo_stack.count() == 0


def test_live_mode_follows_the_editor(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    editor = GoalEditor(ctx.categories.categories(), ctx.today())
    qtbot.addWidget(editor)
    editor.show()
    dialog = SmartDialog.for_editor(ctx, editor)
    dialog.show()
    assert dialog.live
    assert dialog.score_label.text() == "SMART score: 1/5"  # only "achievable by default"

    qtbot.keyClicks(editor.title_edit, "Earn the PMP certification")
    assert dialog.sections[Criterion.SPECIFIC].verdict_label.text() == "✔ Met"
    # A named completion is one measurable milestone, even before a target is set.
    assert dialog.sections[Criterion.MEASURABLE].verdict_label.text() == "✔ Met"
    assert "done or not done" in dialog.sections[Criterion.MEASURABLE].reasons_label.text()
    assert dialog.score_label.text() == "SMART score: 3/5"

    qtbot.keyClicks(editor.target_edit, "1")
    assert dialog.sections[Criterion.MEASURABLE].verdict_label.text() == "✔ Met"
    assert dialog.score_label.text() == "SMART score: 3/5"

    qtbot.mouseClick(editor.has_deadline, Qt.MouseButton.LeftButton)
    editor.deadline_edit.setDate(editor.deadline_edit.date().addMonths(6))
    assert editor.has_deadline.isChecked()
    assert dialog.sections[Criterion.TIME_BOUND].verdict_label.text() == "✔ Met"
    assert "in 1" in dialog.sections[Criterion.TIME_BOUND].fields_label.text()
    assert dialog.score_label.text() == "SMART score: 4/5"

    qtbot.keyClicks(editor.why_edit, "Lead roles ask for it")
    assert dialog.score_label.text() == "SMART score: 5/5"

    # A vague title makes it unspecific again, live.
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "Grow in my career")
    assert dialog.score_label.text() == "SMART score: 4/5"
    assert "“Grow in my career”" in dialog.sections[Criterion.SPECIFIC].fields_label.text()
    assert "vague" in dialog.sections[Criterion.SPECIFIC].reasons_label.text()

    # The live dialog never writes; it hands its choices to the caller.
    tick(qtbot, dialog.sections[Criterion.SPECIFIC].override_box)
    dialog.show_rewrite()
    dialog.titleChosen.connect(editor.set_title)
    qtbot.mouseClick(dialog.use_title_button, Qt.MouseButton.LeftButton)
    assert editor.title_edit.text() == dialog.chosen_title()
    click_ok(qtbot, dialog)
    assert dialog.chosen_overrides() == frozenset({"specific"})
    assert ctx.undo_stack.count() == 0
    assert ctx.goals.goal_count() == 0


def test_live_mode_for_a_stored_goal_uses_its_checkins(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    today = ctx.today()
    goal = add(ctx, "Complete 20 client reports", target=20.0, unit="reports",
               start_date=today - timedelta(days=60), deadline=today + timedelta(days=10))
    ctx.progress.add_checkin(goal.id, today - timedelta(days=30), 1.0)
    ctx.progress.add_checkin(goal.id, today - timedelta(days=2), 2.0)
    goal = ctx.goals.get_goal(goal.id)
    editor = GoalEditor(ctx.categories.categories(), today, goal=goal)
    qtbot.addWidget(editor)
    dialog = open_dialog(qtbot, ctx, goal=goal, draft_source=editor.current_fields)
    dialog.watch(editor)
    achievable = dialog.sections[Criterion.ACHIEVABLE]
    assert achievable.verdict_label.text() == "✘ Not met"
    assert "Check-ins: 2 (latest 2 on" in achievable.fields_label.text()
    # Lowering the target in the editor brings it in reach.
    editor.target_edit.clear()
    qtbot.keyClicks(editor.target_edit, "3")
    assert achievable.verdict_label.text() == "✔ Met"


def test_other_scripts_and_huge_description(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    for title in ("تحسين مهارات العرض خلال ثلاثة أشهر", "三か月以内にプレゼンテーション力を高める"):
        stored = add(ctx, title, description="説明" * 100)
        huge = stored.replace(description="長い説明。 " * 33_334)  # ~200,000 characters, as imported
        assert len(huge.description) >= 200_000
        dialog = open_dialog(qtbot, ctx, goal=huge)
        assert dialog.score_label.text().startswith("SMART score: ")
        specific = dialog.sections[Criterion.SPECIFIC]
        assert "first 5,000" in specific.fields_label.text()
        assert "reads English only" in specific.reasons_label.text()
        assert len(specific.fields_label.text()) < 300
        dialog.show_rewrite()
        assert dialog.rewrite_edit.text()
        dialog.close()

    # The same in live mode, where the text has not been saved (and could not be: it is too long).
    draft = GoalDraft(title="三か月以内に", category_id=type_id(ctx), description="x" * 200_000)
    dialog = open_dialog(qtbot, ctx, draft_source=lambda: draft)
    assert "200,000 characters" in dialog.sections[Criterion.SPECIFIC].fields_label.text()


def test_past_deadline_and_target_equal_to_baseline(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    today = ctx.today()
    goal = add(ctx, "Complete 5 client reports per week", baseline=5.0, target=10.0, unit="reports",
               start_date=today - timedelta(days=90), deadline=today + timedelta(days=30))
    goal = goal.replace(deadline=today - timedelta(days=3), target=5.0)  # as it might be after import
    dialog = open_dialog(qtbot, ctx, goal=goal)
    time_bound = dialog.sections[Criterion.TIME_BOUND]
    assert time_bound.verdict_label.text() == "✘ Not met"
    assert "passed 3 days ago" in time_bound.fields_label.text()
    assert "has passed" in time_bound.reasons_label.text()
    measurable = dialog.sections[Criterion.MEASURABLE]
    assert measurable.verdict_label.text() == "✘ Not met"
    assert "same as the starting value" in measurable.reasons_label.text()
    assert "Target: from 5 to 5 reports" in measurable.fields_label.text()


def test_reasons_are_escaped(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, "<b>Grow</b> in my career & more", why="<i>because</i>")
    dialog = open_dialog(qtbot, ctx, goal=goal)
    text = dialog.sections[Criterion.RELEVANT].reasons_label.text()
    assert "&lt;i&gt;because&lt;/i&gt;" in text
    assert "<i>" not in text


def test_worked_example_scores_five(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    goal = add(ctx, PMP, why="Project lead roles ask for it", target=1.0, metric_name="certification",
               unit="certification", deadline=ctx.today() + timedelta(days=182))
    dialog = open_dialog(qtbot, ctx, goal=goal)
    assert dialog.score_label.text() == "SMART score: 5/5"
    assert dialog.score_note.text() == "All five criteria are met."
    assert all(s.verdict_label.text() == "✔ Met" for s in dialog.sections.values())
    assert not any(s.override_box.isEnabled() for s in dialog.sections.values())
