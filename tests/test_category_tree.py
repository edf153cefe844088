"""The goal-type tree: model integrity, undoable create/rename/nest/delete, drops, counts, remembered selection.

Real SQLite files in tmp_path and real widgets (offscreen); nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.categories.category_commands import CreateCategory, DeleteCategory, MoveCategory, RenameCategory
from goaldesk.ui.categories.category_model import ALL_ID, CategoryTreeModel
from goaldesk.ui.categories.category_view import CategoryPanel, ReassignDialog
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.mime import CATEGORY_ID_MIME, GOAL_IDS_MIME, encode_ids
from goaldesk.ui.common.roles import CategoryIdsRole, DescriptionRole
from goaldesk.ui.goals.commands import DeleteGoals, set_status
from goaldesk.ui.shell.context import AppContext

# Showing a window on the offscreen platform logs this harmless warning; nothing else is ignored.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


# ---------------------------------------------------------------------- fixtures and helpers


def make_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    context = AppContext(Store(open_database(tmp_path / "goals.sqlite3")), make_settings(tmp_path))
    yield context
    context.undo_stack.clear()
    context.close()


@pytest.fixture
def errors(ctx: AppContext) -> list[str]:
    seen: list[str] = []
    ctx.errors.connect(seen.append)
    return seen


def cat_id(ctx: AppContext, key_or_name: str) -> int:
    found = ctx.categories.category_by_key(key_or_name)
    if found is not None:
        return found.id
    matches = [c.id for c in ctx.categories.categories() if c.name == key_or_name]
    assert len(matches) == 1, key_or_name
    return matches[0]


def add_goal(ctx: AppContext, category_id: int, title: str = "Goal") -> Goal:
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=category_id))


def display(model: CategoryTreeModel, node_id: int) -> str:
    return str(model.data(model.index_for_id(node_id), Qt.ItemDataRole.DisplayRole))


def names(ctx: AppContext) -> dict[str, int | None]:
    """Category name -> parent id, for the user's own types."""
    return {c.name: c.parent_id for c in ctx.categories.categories() if not c.builtin}


def attach_tester(model: CategoryTreeModel) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


@pytest.fixture
def populated(ctx: AppContext) -> dict[str, int]:
    """Goals in built-in types and a three-level user branch under Leadership."""
    leadership = cat_id(ctx, "leadership")
    mentoring = ctx.categories.create_category("Mentoring", leadership).id
    juniors = ctx.categories.create_category("Juniors", mentoring).id
    interns = ctx.categories.create_category("Interns", juniors).id
    side = ctx.categories.create_category("Side projects", None).id
    add_goal(ctx, leadership, "Lead the Q3 project")
    add_goal(ctx, mentoring, "Mentor Sam")
    add_goal(ctx, interns, "Onboard two interns")
    add_goal(ctx, cat_id(ctx, "networking"), "Attend two meetups")
    return {
        "leadership": leadership, "mentoring": mentoring, "juniors": juniors, "interns": interns, "side": side,
        "professional": cat_id(ctx, "professional"), "personal": cat_id(ctx, "personal"),
        "networking": cat_id(ctx, "networking"),
    }


@pytest.fixture
def panel(ctx: AppContext, qtbot: QtBot, populated: dict[str, int]) -> Iterator[tuple[CategoryPanel, FilterState]]:
    filters = FilterState()
    widget = CategoryPanel(ctx, filters)
    qtbot.addWidget(widget)
    widget.resize(360, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget, filters


# ---------------------------------------------------------------------- (1) model integrity


def test_model_tester_on_populated_tree_and_mutations(ctx: AppContext, populated: dict[str, int]) -> None:
    model = CategoryTreeModel(ctx)
    tester = attach_tester(model)
    top = [model.index(r, 0).data(Qt.ItemDataRole.EditRole) for r in range(model.rowCount())]
    assert top == ["All goals", "Professional", "Personal", "Side projects"]
    assert model.rowCount(model.index_for_id(populated["professional"])) == 7
    assert model.rowCount(model.index_for_id(populated["personal"])) == 4
    assert display(model, populated["leadership"]) == "Leadership (3)"
    assert display(model, populated["professional"]) == "Professional (4)"
    assert display(model, ALL_ID) == "All goals (4)"

    # Mutations with the tester still attached.
    leadership = model.index_for_id(populated["leadership"])
    assert model.setData(leadership, "Leading people")
    assert model.index_for_id(populated["leadership"]).data(Qt.ItemDataRole.EditRole) == "Leading people"
    new = run(ctx, CreateCategory(ctx, "Coaching", populated["mentoring"]))
    assert new
    run(ctx, MoveCategory(ctx, populated["juniors"], populated["side"]))
    run(ctx, DeleteCategory(ctx, populated["side"], populated["networking"]))
    add_goal(ctx, populated["personal"], "Run 5k")
    ctx.undo_stack.undo()  # delete
    ctx.undo_stack.undo()  # move
    ctx.undo_stack.undo()  # create
    ctx.undo_stack.undo()  # rename
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    model.refresh()
    assert tester is not None
    assert set(names(ctx)) == {"Mentoring", "Coaching"}


def test_roles(ctx: AppContext, populated: dict[str, int]) -> None:
    model = CategoryTreeModel(ctx)
    all_index = model.index_for_id(ALL_ID)
    assert all_index.row() == 0 and not all_index.parent().isValid()
    assert all_index.data(CategoryIdsRole) is None
    assert model.data(model.index_for_id(populated["mentoring"]), CategoryIdsRole) == frozenset(
        {populated["mentoring"], populated["juniors"], populated["interns"]}
    )
    networking = model.index_for_id(populated["networking"])
    assert "professional relationships" in networking.data(DescriptionRole)
    assert networking.data(Qt.ItemDataRole.ToolTipRole) == networking.data(DescriptionRole)
    for node_id in (ALL_ID, populated["professional"], populated["personal"]):
        icon = model.index_for_id(node_id).data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull()
    assert not model.flags(all_index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(networking) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index_for_id(populated["mentoring"])) & Qt.ItemFlag.ItemIsDragEnabled


def test_goal_changes_use_data_changed_not_reset(
    ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    model = CategoryTreeModel(ctx)
    attach_tester(model)
    resets: list[int] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(int(a.internalId())))
    add_goal(ctx, populated["interns"], "Second intern goal")
    assert not resets
    assert {populated["interns"], populated["juniors"], populated["mentoring"], populated["leadership"],
            populated["professional"], ALL_ID} <= set(changed)
    assert populated["personal"] not in changed


# ---------------------------------------------------------------------- (2) panel: selection, commands, undo


def test_selecting_a_node_filters_by_subtree(
    panel: tuple[CategoryPanel, FilterState], populated: dict[str, int]
) -> None:
    widget, filters = panel
    assert filters.category_ids is None  # All goals by default
    professional = widget.model.index_for_id(populated["professional"])
    assert widget.tree.isExpanded(professional)
    assert widget.tree.isExpanded(widget.model.index_for_id(populated["personal"]))
    widget.tree.setCurrentIndex(widget.model.index_for_id(populated["mentoring"]))
    assert filters.category_ids == frozenset({populated["mentoring"], populated["juniors"], populated["interns"]})
    assert "Mentoring" in widget.help.text()
    widget.tree.setCurrentIndex(widget.model.index_for_id(populated["networking"]))
    assert filters.category_ids == frozenset({populated["networking"]})
    assert "What are Networking goals?" in widget.help.text()
    assert "professional relationships" in widget.help.text()
    assert not widget.delete_action.isEnabled() and widget.rename_action.isEnabled()
    widget.select_category(ALL_ID)
    assert filters.category_ids is None
    assert not widget.rename_action.isEnabled()


def test_create_rename_nest_delete_with_undo_redo(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int]
) -> None:
    widget, filters = panel
    stack = ctx.undo_stack

    # Create a subtype; undo deletes it, redo brings back the same id.
    widget.select_category(populated["leadership"])
    assert widget.new_subtype("Public speaking")
    created = cat_id(ctx, "Public speaking")
    assert ctx.categories.category(created).parent_id == populated["leadership"]
    assert widget.selected_id() == created and filters.category_ids == frozenset({created})
    stack.undo()
    assert "Public speaking" not in names(ctx)
    stack.redo()
    assert cat_id(ctx, "Public speaking") == created

    # A sibling type beside the selected one.
    assert widget.new_type("Conferences")
    assert ctx.categories.category(cat_id(ctx, "Conferences")).parent_id == populated["leadership"]

    # Rename (built-in types too), undo, redo.
    widget.select_category(populated["networking"])
    assert widget.rename_selected("Contacts")
    assert ctx.categories.category(populated["networking"]).name == "Contacts"
    assert ctx.categories.category(populated["networking"]).key == "networking"
    stack.undo()
    assert ctx.categories.category(populated["networking"]).name == "Networking"
    stack.redo()
    assert display(widget.model, populated["networking"]) == "Contacts (1)"

    # Nest Mentoring under Side projects by a drop; the leadership count follows.
    widget.select_category(populated["mentoring"])
    data = encode_ids([populated["mentoring"]], CATEGORY_ID_MIME)
    target = widget.model.index_for_id(populated["side"])
    assert widget.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert ctx.categories.category(populated["mentoring"]).parent_id == populated["side"]
    assert display(widget.model, populated["leadership"]) == "Leadership (1)"
    assert display(widget.model, populated["side"]) == "Side projects (2)"
    # The selection followed the moved row.
    assert widget.selected_id() == populated["mentoring"]
    stack.undo()
    assert ctx.categories.category(populated["mentoring"]).parent_id == populated["leadership"]
    assert display(widget.model, populated["leadership"]) == "Leadership (3)"
    stack.redo()
    assert ctx.categories.category(populated["mentoring"]).parent_id == populated["side"]
    stack.undo()

    # Delete a branch holding goals: they move to the chosen type; undo puts both back.
    widget.select_category(populated["juniors"])
    interns_goals = ctx.categories.goals_in_categories([populated["interns"]])
    assert len(interns_goals) == 1
    assert widget.delete_selected(reassign_to=populated["networking"])
    assert "Juniors" not in names(ctx) and "Interns" not in names(ctx)
    assert ctx.goals.get_goal(interns_goals[0]).category_id == populated["networking"]
    assert widget.selected_id() == populated["mentoring"]  # the parent of the deleted type
    assert filters.category_ids == frozenset({populated["mentoring"]})
    stack.undo()
    assert names(ctx)["Interns"] == populated["juniors"]
    assert ctx.goals.get_goal(interns_goals[0]).category_id == populated["interns"]
    assert display(widget.model, populated["mentoring"]) == "Mentoring (2)"
    stack.redo()
    assert "Juniors" not in names(ctx)
    stack.undo()


def test_category_changes_move_rows_without_reset(ctx: AppContext, populated: dict[str, int]) -> None:
    """Structural changes arrive as inserts, moves and removals, so views keep selection and expansion."""
    model = CategoryTreeModel(ctx)
    attach_tester(model)
    events: list[str] = []
    model.modelAboutToBeReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda *_: events.append("insert"))
    model.rowsMoved.connect(lambda *_: events.append("move"))
    model.rowsRemoved.connect(lambda *_: events.append("remove"))
    kept = QPersistentModelIndex(model.index_for_id(populated["interns"]))
    assert run(ctx, CreateCategory(ctx, "Coaching", populated["side"]))
    assert run(ctx, MoveCategory(ctx, populated["mentoring"], populated["side"]))
    assert kept.isValid() and kept.data(Qt.ItemDataRole.EditRole) == "Interns"
    assert kept.parent().parent().parent() == model.index_for_id(populated["side"])
    assert run(ctx, DeleteCategory(ctx, populated["side"], populated["networking"]))
    assert not kept.isValid()
    ctx.undo_stack.undo()
    assert events[:3] == ["insert", "move", "remove"] and "reset" not in events
    assert model.rowCount(model.index_for_id(populated["side"])) == 2
    # A rename with the same name is no change and is not pushed.
    assert not run(ctx, RenameCategory(ctx, populated["side"], " Side projects "))
    assert ctx.undo_stack.count() == 3


def test_f2_renames_in_place(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    widget, _ = panel
    widget.select_category(populated["side"])
    widget.tree.setFocus()
    qtbot.keyClick(widget.tree, Qt.Key.Key_F2)
    editor = widget.tree.indexWidget(widget.tree.currentIndex())  # the open editor
    assert isinstance(editor, QLineEdit) and editor.text() == "Side projects"
    editor.selectAll()
    qtbot.keyClicks(editor, "Weekend projects")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits through a queued call
    qtbot.waitUntil(lambda: ctx.categories.category(populated["side"]).name == "Weekend projects")
    assert ctx.undo_stack.count() == 1
    menu = widget.build_menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "New &Type…", "New &Subtype…", "&Rename", "C&olour", "&Delete"
    ]
    assert widget.delete_action.isEnabled()
    menu.deleteLater()


def test_delete_key_and_reset_keep_selection(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    widget, filters = panel
    widget.ask_reassign = lambda _cid, _n: populated["networking"]
    widget.select_category(populated["interns"])
    widget.tree.setFocus()
    qtbot.keyClick(widget.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Interns" not in names(ctx))  # queued after the key press (it may ask first)
    assert widget.selected_id() == populated["juniors"]
    ctx.undo_stack.undo()
    # A hard reset (the model's fallback for changes it cannot express as moves) keeps the view's state.
    widget.select_category(populated["interns"])
    assert widget.tree.isExpanded(widget.model.index_for_id(populated["mentoring"]))
    widget.model.refresh(hard=True)
    assert widget.selected_id() == populated["interns"]
    assert filters.category_ids == frozenset({populated["interns"]})
    assert widget.tree.isExpanded(widget.model.index_for_id(populated["mentoring"]))
    assert widget.tree.isExpanded(widget.model.index_for_id(populated["professional"]))
    # Built-in types ignore the Delete key (the action is disabled).
    widget.select_category(populated["networking"])
    qtbot.keyClick(widget.tree, Qt.Key.Key_Delete)
    qtbot.wait(50)
    assert ctx.categories.category(populated["networking"]).name == "Networking"


def test_tree_actions_ask_without_blocking_the_press(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    """Delete on a type holding goals asks where they go, after the action's slot has returned."""
    from goaldesk.ui.categories.category_view import ReassignDialog

    widget, _ = panel
    widget.select_category(populated["mentoring"])
    asked: list[str] = []

    def answer() -> None:  # the question runs its own loop once asked: answer it from a timer
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReassignDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.windowTitle())
        dialog.reject()

    widget.delete_action.trigger()
    assert QApplication.activeModalWidget() is None  # the trigger returned before anything was asked
    QTimer.singleShot(20, answer)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "Mentoring" in names(ctx)


def test_delete_asks_where_goals_go(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    widget, _ = panel
    asked: list[tuple[int, int]] = []

    def cancel(category_id: int, count: int) -> int | None:
        asked.append((category_id, count))
        return None

    widget.ask_reassign = cancel
    assert not widget.delete_category(populated["mentoring"])
    assert asked == [(populated["mentoring"], 2)]
    assert "Mentoring" in names(ctx)

    widget.ask_reassign = lambda _cid, _n: cat_id(ctx, "performance")
    assert widget.delete_category(populated["mentoring"])
    assert ctx.categories.goals_in_categories([cat_id(ctx, "performance")])

    # The dialog itself: offers only types outside the deleted branch, defaulting to its parent.
    ctx.undo_stack.undo()
    dialog = ReassignDialog(widget.model, populated["juniors"], 1, widget)
    qtbot.addWidget(dialog)
    offered = {dialog.combo.itemData(i) for i in range(dialog.combo.count())}
    assert populated["juniors"] not in offered and populated["interns"] not in offered
    assert populated["networking"] in offered and ALL_ID not in offered
    assert dialog.chosen_id() == populated["mentoring"]
    assert "Professional › Leadership › Mentoring" in dialog.combo.currentText()


def test_builtins_cannot_be_deleted_or_moved(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], errors: list[str]
) -> None:
    widget, _ = panel
    assert not widget.delete_category(populated["networking"])
    assert errors and "built in" in errors[-1]
    assert ctx.categories.category(populated["networking"]).name == "Networking"
    data = encode_ids([populated["networking"]], CATEGORY_ID_MIME)
    target = widget.model.index_for_id(populated["side"])
    assert not widget.model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert not widget.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert ctx.categories.category(populated["networking"]).parent_id == populated["professional"]
    assert not run(ctx, DeleteCategory(ctx, populated["professional"]))
    assert ctx.undo_stack.count() == 0


# ---------------------------------------------------------------------- drops of goals


def test_drop_goals_via_model(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int]
) -> None:
    widget, _ = panel
    model = widget.model
    goal_ids = ctx.categories.goals_in_categories([populated["leadership"], populated["mentoring"]])
    data = encode_ids(goal_ids)
    target = model.index_for_id(populated["personal"])  # a group is a valid type too
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert {ctx.goals.get_goal(i).category_id for i in goal_ids} == {populated["personal"]}
    assert display(model, populated["personal"]) == "Personal (2)"
    assert display(model, populated["leadership"]) == "Leadership (1)"
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal_ids[0]).category_id == populated["leadership"]
    assert ctx.goals.get_goal(goal_ids[1]).category_id == populated["mentoring"]
    assert display(model, populated["leadership"]) == "Leadership (3)"
    ctx.undo_stack.redo()
    assert {ctx.goals.get_goal(i).category_id for i in goal_ids} == {populated["personal"]}


def _send_drop(widget: CategoryPanel, data: QMimeData, node_id: int) -> tuple[bool, QDropEvent]:
    """Drag-enter, drag-move and drop on the middle of a row, as a real drag sends them.

    Returns whether the view accepted the drag-move (what the cursor would show) and the drop event.
    """
    view = widget.tree
    index = widget.model.index_for_id(node_id)
    view.scrollTo(index)
    pos = QPointF(view.visualRect(index).center())
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    button, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    vp = view.viewport()
    QApplication.sendEvent(vp, QDragEnterEvent(pos.toPoint(), actions, data, button, mods))
    move = QDragMoveEvent(pos.toPoint(), actions, data, button, mods)
    QApplication.sendEvent(vp, move)
    drop = QDropEvent(pos, actions, data, button, mods)
    QApplication.sendEvent(vp, drop)
    return move.isAccepted(), drop


def test_drop_goals_via_synthetic_drop_event(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int]
) -> None:
    widget, _ = panel
    goal_id = ctx.categories.goals_in_categories([populated["networking"]])[0]
    accepted, drop = _send_drop(widget, encode_ids([goal_id]), populated["side"])
    assert accepted and drop.isAccepted()
    assert ctx.goals.get_goal(goal_id).category_id == populated["side"]
    assert display(widget.model, populated["side"]) == "Side projects (1)"
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal_id).category_id == populated["networking"]

    # A user type dropped by events nests it; on "All goals" or its own child nothing happens.
    accepted, drop = _send_drop(widget, encode_ids([populated["side"]], CATEGORY_ID_MIME), populated["interns"])
    assert accepted and drop.isAccepted()
    assert ctx.categories.category(populated["side"]).parent_id == populated["interns"]
    ctx.undo_stack.undo()
    assert ctx.categories.category(populated["side"]).parent_id is None
    accepted, drop = _send_drop(widget, encode_ids([goal_id]), ALL_ID)
    assert not accepted and not drop.isAccepted()
    accepted, drop = _send_drop(widget, encode_ids([populated["mentoring"]], CATEGORY_ID_MIME), populated["juniors"])
    assert not accepted and not drop.isAccepted()
    assert ctx.goals.get_goal(goal_id).category_id == populated["networking"]
    assert ctx.categories.category(populated["mentoring"]).parent_id == populated["leadership"]
    assert ctx.undo_stack.index() == 0


# ---------------------------------------------------------------------- (3) counts


def test_counts_follow_goal_changes(ctx: AppContext, populated: dict[str, int], qtbot: QtBot) -> None:
    model = CategoryTreeModel(ctx)
    attach_tester(model)
    leadership = populated["leadership"]
    assert display(model, leadership) == "Leadership (3)"
    extra = add_goal(ctx, populated["juniors"], "Pair with a junior")
    assert display(model, leadership) == "Leadership (4)"
    assert display(model, populated["juniors"]) == "Juniors (2)"
    assert run(ctx, DeleteGoals(ctx, [extra]))
    assert display(model, leadership) == "Leadership (3)"
    ctx.undo_stack.undo()
    assert display(model, leadership) == "Leadership (4)"
    assert set_status(ctx, ctx.goals.get_goal(extra.id), GoalStatus.ACHIEVED)
    assert display(model, leadership) == "Leadership (3)"  # only active goals count
    ctx.undo_stack.undo()
    assert display(model, leadership) == "Leadership (4)"
    assert run(ctx, MoveCategory(ctx, populated["mentoring"], populated["side"]))
    assert display(model, leadership) == "Leadership (1)"
    assert display(model, populated["side"]) == "Side projects (3)"
    ctx.undo_stack.undo()
    assert display(model, leadership) == "Leadership (4)"
    assert display(model, ALL_ID) == "All goals (5)"


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "Give the category a name"), ("x" * 81, "80 characters"), ("mentoring", "already a type named")],
)
def test_bad_names_are_refused_with_a_message(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int],
    errors: list[str], name: str, message: str,
) -> None:
    widget, _ = panel
    before = ctx.categories.categories()
    widget.select_category(populated["leadership"])
    assert not widget.new_subtype(name)
    assert errors and message in errors[-1]
    errors.clear()
    widget.select_category(populated["side"])
    assert not widget.rename_selected(name if name != "mentoring" else "professional")
    assert errors and (message in errors[-1] or "already a type named" in errors[-1])
    assert ctx.categories.categories() == before
    assert ctx.undo_stack.count() == 0
    assert widget.new_subtype("x" * 80)  # exactly the limit is fine


def test_bad_drops_change_nothing(
    panel: tuple[CategoryPanel, FilterState], ctx: AppContext, populated: dict[str, int], errors: list[str]
) -> None:
    widget, _ = panel
    model = widget.model
    before_cats = ctx.categories.categories()
    before_goals = [(g.id, g.category_id) for g in ctx.goals.list_goals()]
    move = Qt.DropAction.MoveAction

    def refused(data: QMimeData, node_id: int | None) -> None:
        parent = QModelIndex() if node_id is None else model.index_for_id(node_id)
        assert not model.canDropMimeData(data, move, -1, 0, parent)
        assert not model.dropMimeData(data, move, -1, 0, parent)

    foreign = QMimeData()
    foreign.setText("hello")
    refused(foreign, populated["leadership"])
    malformed = QMimeData()
    malformed.setData(GOAL_IDS_MIME, b"{not json")
    refused(malformed, populated["leadership"])
    negative = QMimeData()
    negative.setData(CATEGORY_ID_MIME, b'{"ids": [-3]}')
    refused(negative, populated["side"])
    mentoring = encode_ids([populated["mentoring"]], CATEGORY_ID_MIME)
    refused(mentoring, populated["mentoring"])  # onto itself
    refused(mentoring, populated["interns"])  # onto its own descendant
    refused(mentoring, populated["leadership"])  # onto its own parent: no change
    refused(mentoring, ALL_ID)
    refused(encode_ids([9999], CATEGORY_ID_MIME), populated["side"])  # no such type
    refused(encode_ids([populated["leadership"]]), ALL_ID)  # goals onto All goals
    refused(encode_ids([1]), None)  # goals onto the empty area
    # A goal already filed there: accepted as a target, but nothing happens and nothing is pushed.
    goal_id = ctx.categories.goals_in_categories([populated["networking"]])[0]
    assert not model.dropMimeData(encode_ids([goal_id]), move, -1, 0, model.index_for_id(populated["networking"]))
    # Deleted ids: a clear message, no change.
    assert not model.dropMimeData(encode_ids([424242]), move, -1, 0, model.index_for_id(populated["side"]))
    assert errors and "no longer exist" in errors[-1]
    # A sibling already has that name.
    clash = ctx.categories.create_category("Mentoring", populated["side"]).id
    refused(mentoring, populated["side"])
    ctx.categories.delete_category(clash)

    assert ctx.categories.categories() == before_cats
    assert [(g.id, g.category_id) for g in ctx.goals.list_goals()] == before_goals
    assert ctx.undo_stack.count() == 0
    # A user type dropped on the empty area goes back to the top level.
    assert model.dropMimeData(mentoring, move, -1, 0, QModelIndex())
    assert ctx.categories.category(populated["mentoring"]).parent_id is None


# ---------------------------------------------------------------------- remembered selection


def test_selection_is_remembered_across_panels(
    tmp_path: Path, ctx: AppContext, populated: dict[str, int], qtbot: QtBot
) -> None:
    first = CategoryPanel(ctx, FilterState())
    qtbot.addWidget(first)
    first.select_category(populated["juniors"])
    first.ctx.settings.sync()
    assert make_settings(tmp_path).value("tree/selected") in (populated["juniors"], str(populated["juniors"]))

    second_ctx = AppContext(Store(open_database(tmp_path / "goals.sqlite3")), make_settings(tmp_path))
    try:
        filters = FilterState()
        second = CategoryPanel(second_ctx, filters)
        qtbot.addWidget(second)
        assert second.selected_id() == populated["juniors"]
        assert filters.category_ids == frozenset({populated["juniors"], populated["interns"]})
        # The branch holding the remembered type is open so it can be seen.
        assert second.tree.isExpanded(second.model.index_for_id(populated["mentoring"]))
        second.select_category(ALL_ID)
        second_ctx.settings.sync()
        assert int(make_settings(tmp_path).value("tree/selected")) == 0
        del second
    finally:
        second_ctx.close()
