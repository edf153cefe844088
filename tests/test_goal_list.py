"""The goal list and editor, driven like a user would: type, click OK, press Delete, undo."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.domain.templates import TEMPLATES
from goaldesk.ui.common import roles
from goaldesk.ui.goals.goal_editor import GoalEditor
from goaldesk.ui.goals.goal_model import Column
from goaldesk.ui.goals.trash import TrashDialog
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

TODAY = date.today()


@pytest.fixture
def window(ctx: AppContext, qtbot):  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def goal_row(db_path: Path, goal_id: int) -> tuple[object, ...]:
    """The stored row, less its ``version`` (a counter every write and undo moves on, by design)."""
    conn = sqlite3.connect(db_path)
    try:
        cursor = conn.execute("SELECT * FROM goal WHERE id = ?", (goal_id,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        return tuple(value for name, value in zip(names, row, strict=True) if name != "version")
    finally:
        conn.close()


def visible_titles(win: MainWindow) -> list[str]:
    return [win.proxy.index(r, Column.TITLE).data() for r in range(win.proxy.rowCount())]


def type_id(ctx: AppContext, key: str) -> int:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    return cat.id


def add(ctx: AppContext, title: str, **kw: object) -> int:
    draft = GoalDraft(title=title, category_id=type_id(ctx, str(kw.pop("key", "educational"))))
    return ctx.goals.create_goal(draft.replace(**kw)).id


def fill_editor(qtbot, editor: GoalEditor, title: str, target: str = "5", unit: str = "reports") -> None:  # type: ignore[no-untyped-def]
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, title)
    editor.target_edit.clear()
    qtbot.keyClicks(editor.target_edit, target)
    editor.unit_edit.clear()
    qtbot.keyClicks(editor.unit_edit, unit)


def ok_button(editor: GoalEditor):  # type: ignore[no-untyped-def]
    return editor.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_empty_state_invites_first_goal(window: MainWindow) -> None:
    assert window.list_stack.currentWidget() is window.empty_page
    assert window.first_goal_button.text() == "New Goal…"


def test_create_edit_delete_restore_with_undo(window: MainWindow, ctx: AppContext, qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Create through the real dialog.
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.show()
    fill_editor(qtbot, editor, "Learn Excel pivot tables")
    editor.category_combo.setCurrentIndex(editor.category_combo.findData(type_id(ctx, "skill-development")))
    assert ok_button(editor).isEnabled()
    with qtbot.waitSignal(ctx.notifier.changed):
        qtbot.mouseClick(ok_button(editor), Qt.MouseButton.LeftButton)
        assert editor.result() == GoalEditor.DialogCode.Accepted
        assert window.goals.create_from_editor(editor)
    assert visible_titles(window) == ["Learn Excel pivot tables"]
    assert window.list_stack.currentWidget() is not window.empty_page
    goal = ctx.goals.list_goals()[0]
    assert (goal.target, goal.unit, goal.category_id) == (5.0, "reports", type_id(ctx, "skill-development"))
    created_row = goal_row(db_path, goal.id)

    # Edit through the dialog; undo restores the row exactly.
    editor = window.goals.make_editor(goal)
    qtbot.addWidget(editor)
    editor.title_edit.setText("Learn Excel")
    qtbot.mouseClick(ok_button(editor), Qt.MouseButton.LeftButton)
    assert window.goals.save_from_editor(editor, goal)
    assert visible_titles(window) == ["Learn Excel"]
    assert window.undo_action.text() == "&Undo Edit “Learn Excel pivot tables”"
    ctx.undo_stack.undo()
    assert goal_row(db_path, goal.id) == created_row
    assert visible_titles(window) == ["Learn Excel pivot tables"]
    ctx.undo_stack.redo()
    assert visible_titles(window) == ["Learn Excel"]
    edited_row = goal_row(db_path, goal.id)

    # Delete with the Delete key: to the Trash, undo puts it back exactly.
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert visible_titles(window) == []
    assert ctx.goals.get_goal(goal.id).is_deleted
    assert window.undo_action.text() == "&Undo Delete “Learn Excel”"
    ctx.undo_stack.undo()
    assert goal_row(db_path, goal.id) == edited_row
    assert visible_titles(window) == ["Learn Excel"]
    ctx.undo_stack.redo()

    # Restore from the Trash, then undo the restore.
    trash = TrashDialog(ctx, window)
    qtbot.addWidget(trash)
    assert trash.list.count() == 1
    trash.list.item(0).setSelected(True)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert visible_titles(window) == ["Learn Excel"]
    assert trash.list.count() == 0
    ctx.undo_stack.undo()
    assert visible_titles(window) == [] and trash.list.count() == 1

    # Undo everything back to an empty database, then redo it all.
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert ctx.goals.find_goal(goal.id) is None
    assert window.list_stack.currentWidget() is window.empty_page
    while ctx.undo_stack.canRedo():
        ctx.undo_stack.redo()
    assert ctx.goals.get_goal(goal.id).is_deleted is False
    assert visible_titles(window) == ["Learn Excel"]


def test_undo_history_view_lists_commands(window: MainWindow, ctx: AppContext) -> None:
    gid = add(ctx, "Run 5 km")
    from goaldesk.ui.goals.commands import set_status

    set_status(ctx, ctx.goals.get_goal(gid), GoalStatus.ACHIEVED)
    window.undo_view_action.trigger()
    assert window.undo_dock.isVisible()
    assert window.undo_view.model().rowCount() == 2  # <original state> + one command
    assert window.undo_view.model().index(1, 0).data() == "Mark “Run 5 km” Achieved"


def test_purge_from_trash_is_for_good(window: MainWindow, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    gid = add(ctx, "Old idea")
    window.table.selectRow(0)
    window.goals.delete_selected()
    trash = TrashDialog(ctx, window)
    qtbot.addWidget(trash)
    trash.list.item(0).setSelected(True)
    assert trash.purge_selected(confirm=False)
    assert ctx.goals.find_goal(gid) is None
    assert trash.list.count() == 0
    assert not ctx.undo_stack.canUndo()


@pytest.mark.parametrize(
    ("title", "target", "message"),
    [
        ("", "5", "Give the goal a title."),
        ("   ", "5", "Give the goal a title."),
        ("x" * 10_000, "5", "10,000 characters"),
        ("Save money", "abc", "must be a number"),
        ("Save money", "-4", "cannot be negative"),
        ("Save money", "0", "must differ"),
    ],
)
def test_editor_shows_inline_messages_and_blocks_ok(  # type: ignore[no-untyped-def]
    window: MainWindow, ctx: AppContext, qtbot, title: str, target: str, message: str
) -> None:
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.show()
    editor.title_edit.setText(title)
    editor.target_edit.setText(target)
    assert not ok_button(editor).isEnabled()
    assert any(message in text for text in editor.problems().values())
    visible = [w.text() for w in editor._messages.values() if w.isVisible()]
    assert any(message in text for text in visible)
    qtbot.mouseClick(ok_button(editor), Qt.MouseButton.LeftButton)
    assert editor.result() != GoalEditor.DialogCode.Accepted
    assert ctx.goals.list_goals() == []


def test_editor_refuses_past_deadline_for_new_goal(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.title_edit.setText("Finish the course")
    editor.has_deadline.setChecked(True)
    editor.deadline_edit.setDate(editor.deadline_edit.date().addDays(-10))
    editor.start_edit.setDate(editor.start_edit.date().addDays(-30))
    assert "past" in editor.problems()["deadline"]
    assert not ok_button(editor).isEnabled()


def test_multiline_paste_keeps_first_line(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.title_edit.setText("Earn PMP\nand also many other things")
    assert editor.title_edit.text() == "Earn PMP"


@pytest.mark.parametrize("title", ["تحسين مهارات العرض خلال ثلاثة أشهر", "Präsentieren lernen 🎤🚀", "学习 Python 🐍"])
def test_unicode_titles_shown_properly(window: MainWindow, ctx: AppContext, qtbot, title: str) -> None:  # type: ignore[no-untyped-def]
    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    editor.title_edit.setText(title)
    assert ok_button(editor).isEnabled()
    editor.accept()
    assert window.goals.create_from_editor(editor)
    assert visible_titles(window) == [title]


def test_search_status_and_category_filters(window: MainWindow, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    add(ctx, "Earn the PMP certification", description="project management")
    add(ctx, "Run 5 km", key="health-fitness")
    done = add(ctx, "Finish Excel course")
    ctx.goals.set_status(done, GoalStatus.ACHIEVED)
    assert sorted(visible_titles(window)) == ["Earn the PMP certification", "Run 5 km"]

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "MANAGEMENT")
    assert visible_titles(window) == ["Earn the PMP certification"]
    window.search.clear()

    window.status_combo.setCurrentText("Achieved")
    assert visible_titles(window) == ["Finish Excel course"]
    window.status_combo.setCurrentText("All")
    assert len(visible_titles(window)) == 3

    personal = ctx.categories.category_by_key("personal")
    assert personal is not None
    window.filters.set_categories(ctx.categories.subtree_ids(personal.id))
    assert visible_titles(window) == ["Run 5 km"]
    window.filters.set_categories(None)
    assert window.count_label.text() == "3 goals"


def test_sorting_by_value(window: MainWindow, ctx: AppContext) -> None:
    late = add(ctx, "Alpha far deadline", deadline=TODAY + timedelta(days=300), target=10.0)
    soon = add(ctx, "Beta soon", deadline=TODAY + timedelta(days=9), target=10.0)
    mid = add(ctx, "Gamma middle", deadline=TODAY + timedelta(days=100), target=10.0)
    ctx.progress.add_checkin(late, TODAY, 9)
    ctx.progress.add_checkin(soon, TODAY, 1)
    ctx.progress.add_checkin(mid, TODAY, 10)  # 100% sorts above 90% (not as text "100%" < "90%")
    window.table.sortByColumn(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
    assert visible_titles(window) == ["Beta soon", "Gamma middle", "Alpha far deadline"]
    assert window.proxy.index(0, Column.DEADLINE).data().endswith("(in 9 days)")
    window.table.sortByColumn(Column.PROGRESS, Qt.SortOrder.DescendingOrder)
    assert visible_titles(window) == ["Gamma middle", "Alpha far deadline", "Beta soon"]
    # The model keeps sorting after an edit (dynamic sort), without a reset.
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    ctx.progress.add_checkin(soon, TODAY, 10)
    assert visible_titles(window)[-1] != "Beta soon" or window.proxy.index(2, Column.PROGRESS).data() == "100%"
    assert resets == []


def test_overdue_hint(window: MainWindow, ctx: AppContext) -> None:
    gid = add(ctx, "Late report")
    goal = ctx.goals.get_goal(gid)
    ctx.goals.replace_goal(goal.replace(start_date=TODAY - timedelta(days=20), deadline=TODAY - timedelta(days=3)))
    assert window.proxy.index(0, Column.DEADLINE).data().endswith("(3 days overdue)")


def test_model_roles(window: MainWindow, ctx: AppContext) -> None:
    gid = add(ctx, "Lead the team", key="leadership", horizon=Horizon.LONG)
    index = window.proxy.index(0, 0)
    assert index.data(roles.GoalIdRole) == gid
    assert index.data(roles.GoalRole).title == "Lead the team"
    assert Horizon(index.data(roles.HorizonRole)) is Horizon.LONG
    assert window.proxy.index(0, Column.TYPE).data() == "Leadership"


def test_templates_cover_professional_types(window: MainWindow, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    professional = {"skill-development", "performance", "leadership", "educational", "networking",
                    "work-life-balance", "financial"}
    assert professional <= {t.type_key for t in TEMPLATES}
    assert len(window.template_menu.actions()) >= 6
    editor = window.goals.make_editor(template=TEMPLATES[0])
    qtbot.addWidget(editor)
    assert editor.title_edit.text() == TEMPLATES[0].title
    assert editor.category_combo.currentData() == type_id(ctx, TEMPLATES[0].type_key)
    assert ok_button(editor).isEnabled()


def test_archive_hides_and_shows(window: MainWindow, ctx: AppContext) -> None:
    gid = add(ctx, "Done thing")
    ctx.goals.set_status(gid, GoalStatus.ACHIEVED)
    window.status_combo.setCurrentText("Achieved")
    window.table.selectRow(0)
    window.goals.archive_selected(True)
    assert visible_titles(window) == []
    window.show_archived_action.setChecked(True)
    assert visible_titles(window) == ["Done thing"]
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(gid).archived is False


def test_window_state_survives_restart(ctx: AppContext, qtbot, settings_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.resize(900, 600)
    first.tabs.setCurrentIndex(1)
    first.close()
    ctx.settings.sync()
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value("window/tab") in (1, "1")
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 1
    # The offscreen platform adjusts restored geometry a little; it is the saved size, not the default.
    assert 700 <= second.size().width() <= 950 and second.size().height() == 600


def test_smart_choices_from_editor_save_with_the_goal(window: MainWindow, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.smart.smart_dialog import SmartDialog

    editor = window.goals.make_editor()
    qtbot.addWidget(editor)
    fill_editor(qtbot, editor, "Improve my presentation skills within three months")
    dialog = SmartDialog.for_editor(ctx, editor)
    qtbot.addWidget(dialog)
    before = dialog.score()
    dialog.sections  # noqa: B018 - the five sections exist
    editor.pending_overrides = frozenset({"relevant"})
    editor.accept()
    assert window.goals.create_from_editor(editor)
    goal = ctx.goals.list_goals()[0]
    assert goal.smart_overrides == frozenset({"relevant"})
    assert ctx.undo_stack.count() == 1  # the goal and its SMART choice are one undo step
    ctx.undo_stack.undo()
    assert ctx.goals.find_goal(goal.id) is None
    ctx.undo_stack.redo()
    assert ctx.goals.get_goal(goal.id).smart_overrides == frozenset({"relevant"})
    assert 0 <= before <= 5


def test_smart_action_in_menus_and_toolbar(window: MainWindow) -> None:
    assert window.smart_action in window.edit_menu.actions()
    assert window.smart_action in window.toolbar.actions()
    assert window.smart_action.shortcut().toString() == "Ctrl+K"
