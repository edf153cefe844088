"""The main window's wiring of feature modules: data transfer, backups, reflection views, SMART."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QDockWidget

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import GoalDraft
from goaldesk.ui.shell import actions
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

TODAY = date.today()


def make_window(ctx: AppContext, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def add(ctx: AppContext, title: str, key: str = "educational", **kw: object) -> int:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=cat.id).replace(**kw)).id


def test_export_then_import_into_another_database(ctx: AppContext, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import goaldesk.ui.data.safety as safety

    monkeypatch.setattr(safety, "_present", lambda box: 0)  # answer message boxes without blocking
    win = make_window(ctx, qtbot)
    gid = add(ctx, "Earn the PMP certification", target=1.0)
    ctx.progress.add_checkin(gid, TODAY, 0.5, "half-way 🎉")
    out = win.data_actions.export_to(tmp_path / "all.json")
    assert out is not None
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "goaldesk-export"
    assert [g["title"] for g in data["goals"]] == ["Earn the PMP certification"]

    from PySide6.QtCore import QSettings

    other = AppContext.open(tmp_path / "other" / "g.sqlite3", QSettings(str(tmp_path / "o.ini"),
                                                                        QSettings.Format.IniFormat))
    try:
        win2 = make_window(other, qtbot)
        assert win2.data_actions.import_from(out)
        assert [g.title for g in other.goals.list_goals()] == ["Earn the PMP certification"]
        assert win2.model.rowCount() == 1  # the list reloaded after the import
        assert not other.undo_stack.canUndo()
        from goaldesk.store.backup import list_backups

        assert any(b.reason == "before-import" for b in list_backups(other.db_path))
    finally:
        other.close()


def test_bad_import_changes_nothing(ctx: AppContext, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import goaldesk.ui.data.safety as safety

    shown: list[str] = []
    monkeypatch.setattr(safety, "_present", lambda box: shown.append(box.informativeText()) or 0)
    win = make_window(ctx, qtbot)
    add(ctx, "Keep me")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "goaldesk-export", "version": 1, "goals": [{"title": 5}]}', encoding="utf-8")
    assert not win.data_actions.import_from(bad)
    assert [g.title for g in ctx.goals.list_goals()] == ["Keep me"]
    assert shown == ["file.categories: missing"]  # the first problem, with its location


def test_back_up_now_lists_backup(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    add(ctx, "Backed up goal")
    path = win.data_actions.back_up_now()
    assert path is not None and path.exists()
    from goaldesk.store.backup import list_backups

    assert [b.goal_count for b in list_backups(ctx.db_path)] == [1]


def test_review_dock_and_reveal(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    gid = add(ctx, "Send the quarterly report", deadline=TODAY + timedelta(days=3))
    add(ctx, "Something else", key="health-fitness")
    win.reflection_actions.review_action.trigger()
    dock = win.reflection_actions.review_dock
    assert isinstance(dock, QDockWidget) and dock.isVisible()
    # Filtered to Personal, the due goal is hidden; revealing it clears the filter and selects it.
    personal = ctx.categories.category_by_key("personal")
    assert personal is not None
    win.filters.set_categories(ctx.categories.subtree_ids(personal.id))
    dock.widget().goalActivated.emit(gid)
    assert win.current_goal() is not None and win.current_goal().id == gid  # type: ignore[union-attr]


def test_review_shown_at_startup_when_something_is_due(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    add(ctx, "Due soon", deadline=TODAY + timedelta(days=2))
    win = make_window(ctx, qtbot)
    win.reflection_actions.at_startup()
    assert win.reflection_actions.review_dock is not None


def test_nothing_due_no_review_at_startup(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    win.reflection_actions.at_startup()
    assert win.reflection_actions.review_dock is None


def test_strengths_balance_feedback_windows_open(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    add(ctx, "Lead the project", key="leadership")
    for act, title in ((win.reflection_actions.strengths_action, "Strengths and Weaknesses"),
                       (win.reflection_actions.balance_action, "Balance"),
                       (win.reflection_actions.feedback_action, "All Feedback")):
        act.trigger()
        tools = [w for w in win.reflection_actions._windows.values() if w.windowTitle() == title]
        assert tools and tools[0].isVisible() and not tools[0].isModal()


def test_achieved_goal_leaves_active_list(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    gid = add(ctx, "Finish the course")
    win.select_goal(gid)
    win.goals.set_selected_status(GoalStatus.ACHIEVED)
    assert win.proxy.rowCount() == 0
    assert ctx.undo_stack.undoText() == "Mark “Finish the course” Achieved"


def test_menus_have_the_expected_actions(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(ctx, qtbot)
    file_texts = [a.text() for a in win.file_menu.actions()]
    for text in ("&New Goal…", "&Open Database…", "&Export…", "&Import…", "&Restore from Backup…", "&Quit"):
        assert text in file_texts
    assert any("Undo" in a.text() for a in win.edit_menu.actions())
    view_texts = [a.text() for a in win.view_menu.actions()]
    assert "This &Week" in view_texts and "Undo &History" in view_texts


def test_board_cards_have_a_context_menu(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from goaldesk.domain.enums import Horizon

    goal_id = add(ctx, "Earn PMP", horizon=Horizon.LONG)
    win = make_window(ctx, qtbot)
    win.tabs.setCurrentIndex(1)
    view = win.board.views[Horizon.LONG]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    view.setCurrentIndex(view.model().index(0, 0))
    menu = actions.board_menu(win, view, view.visualRect(view.model().index(0, 0)).center())
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "S&MART Check…" in texts and "&Delete" in texts
    assert win.board.move_other_action in menu.actions()
    assert "Move to the Other Column" in texts
    win.board.move_other_action.trigger()
    assert ctx.goals.find_goal(goal_id).horizon is Horizon.SHORT


def test_open_database_opens_a_new_window(ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from goaldesk.ui.shell.app import open_window

    other = tmp_path / "second.sqlite3"
    window = open_window(other, settings=QSettings(str(tmp_path / "s2.ini"), QSettings.Format.IniFormat))
    assert window is not None  # deletes itself on close (WA_DeleteOnClose), so qtbot does not own it
    assert window.ctx.db_path == other and other.exists()
    assert window.windowTitle().endswith("second.sqlite3")
    window.close()


def test_open_refuses_a_text_file_and_leaves_it(ctx: AppContext, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    import goaldesk.ui.shell.app as app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    assert app.open_window(notes, settings=QSettings(str(tmp_path / "s3.ini"), QSettings.Format.IniFormat)) is None
    assert shown and "not a GoalDesk database" in shown[0]
    assert notes.read_text() == "not a database"
