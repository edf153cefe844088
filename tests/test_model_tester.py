"""Qt's own model checker over every model and proxy while it is filled, filtered, sorted and moved.

QAbstractItemModelTester in Fatal mode aborts the process on the first broken promise (a row count that
disagrees with the signals, a parent that is not a parent, data of the wrong type...), so a failure here
is never quiet. Real SQLite files in tmp_path and real undo commands; nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import CheckIn, GoalDraft
from goaldesk.domain.reflection import BalanceRow, Feedback, FeedbackSource
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_model import AchievedColumnModel, BoardColumnModel
from goaldesk.ui.board.commands import MoveGoals
from goaldesk.ui.categories.category_commands import CreateCategory, DeleteCategory, MoveCategory, RenameCategory
from goaldesk.ui.categories.category_model import CategoryTreeModel
from goaldesk.ui.common import roles
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.goals.commands import DeleteGoals, set_status
from goaldesk.ui.goals.goal_model import Column, GoalTableModel
from goaldesk.ui.goals.goal_proxy import GoalFilterProxy
from goaldesk.ui.progress.details_parts import CheckInModel
from goaldesk.ui.reflection.balance_view import BalanceModel
from goaldesk.ui.reflection.feedback_view import FeedbackModel, OpenActionsProxy
from goaldesk.ui.shell.context import AppContext

pytestmark = pytest.mark.gui

TODAY = date(2025, 3, 10)
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def ctx(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    store = Store(
        open_database(tmp_path / "goaldesk.sqlite3"),
        today=lambda: TODAY,
        now=lambda: datetime(2025, 3, 10, 12, 0),
    )
    context = AppContext(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield context
    context.undo_stack.clear()
    context.close()


def checked(model: object) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(model, FATAL)  # type: ignore[arg-type]


def category(ctx: AppContext, key: str) -> int:
    found = ctx.categories.category_by_key(key)
    assert found is not None
    return found.id


def add(ctx: AppContext, title: str, horizon: Horizon = Horizon.SHORT, key: str = "skill-development") -> int:
    draft = GoalDraft(title=title, category_id=category(ctx, key), horizon=horizon,
                      deadline=TODAY + timedelta(days=60), target=10.0)
    return ctx.goals.create_goal(draft).id


def goals(ctx: AppContext, *ids: int) -> list:  # type: ignore[type-arg]
    found = [ctx.goals.find_goal(i) for i in ids]
    assert all(found)
    return found


def titles(model: object, column: int = 0) -> list[str]:
    m = model  # a QAbstractItemModel
    return [m.index(r, column).data() for r in range(m.rowCount())]  # type: ignore[attr-defined]


def test_goal_table_and_filter_proxy(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    filters = FilterState()
    model = GoalTableModel(ctx)
    proxy = GoalFilterProxy(filters)
    proxy.setSourceModel(model)
    keep = [checked(model), checked(proxy)]

    # filled: more goals than the first chunk, so the background load appends rows
    model.FIRST_CHUNK, model.CHUNK = 3, 4
    ids = [add(ctx, f"Goal {n:02}", Horizon.SHORT if n % 2 else Horizon.LONG) for n in range(12)]
    model.reload()
    model.start_background_load()
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 12 and proxy.rowCount() == 12
    model.enable_scores()

    # sorted, both ways, on every column
    for column in Column:
        proxy.sort(column, Qt.SortOrder.AscendingOrder)
        proxy.sort(column, Qt.SortOrder.DescendingOrder)
    proxy.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(proxy, Column.TITLE)[0] == "Goal 11"

    # filtered: search text, status, category, "not yet SMART"
    filters.set_text("Goal 0")
    assert proxy.rowCount() == 10
    filters.set_text("")
    set_status(ctx, goals(ctx, ids[0])[0], GoalStatus.ACHIEVED)
    filters.set_statuses(frozenset({GoalStatus.ACHIEVED}))
    assert proxy.rowCount() == 1
    filters.set_statuses(frozenset({GoalStatus.ACTIVE}))
    filters.set_categories(frozenset({category(ctx, "networking")}))
    assert proxy.rowCount() == 0
    filters.set_categories(None)
    filters.set_not_smart_only(True)
    filters.set_not_smart_only(False)

    # changed, moved between horizons, deleted, undone and redone while sorted and filtered
    ctx.progress.add_checkin(ids[1], TODAY, 4.0)
    assert run(ctx, MoveGoals(ctx, goals(ctx, ids[2], ids[3]), Horizon.LONG, None))
    assert run(ctx, DeleteGoals(ctx, goals(ctx, *ids[4:8])))
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    ctx.undo_stack.redo()
    add(ctx, "A late arrival")
    proxy.sort(-1)
    model.reload()
    model.load_all()
    assert model.rowCount() == 13  # the deletion was undone; one goal was added
    assert len(keep) == 2


def test_board_columns(ctx: AppContext) -> None:
    filters = FilterState()
    short = BoardColumnModel(ctx, filters, Horizon.SHORT)
    long = BoardColumnModel(ctx, filters, Horizon.LONG)
    achieved = AchievedColumnModel(ctx, filters)
    keep = [checked(short), checked(long), checked(achieved)]

    ids = [add(ctx, f"Card {n}", Horizon.SHORT if n < 4 else Horizon.LONG) for n in range(7)]
    assert (short.rowCount(), long.rowCount()) == (4, 3)

    # moved within a column, across columns (drop path), and back by undo
    assert short.move_into([ids[3]], 0)
    assert short.goal_ids()[0] == ids[3]
    assert long.move_into([ids[0], ids[1]], 1)
    assert (short.rowCount(), long.rowCount()) == (2, 5)
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert short.goal_ids() == ids[:4]

    # filtered and achieved
    filters.set_text("Card 1")
    assert short.rowCount() == 1
    filters.set_text("")
    set_status(ctx, goals(ctx, ids[2])[0], GoalStatus.ACHIEVED)
    assert achieved.rowCount() == 1 and short.rowCount() == 3
    ctx.undo_stack.undo()
    assert achieved.rowCount() == 0
    assert run(ctx, DeleteGoals(ctx, goals(ctx, ids[0], ids[5])))
    assert (short.rowCount(), long.rowCount()) == (3, 2)
    short.reload()
    assert len(keep) == 3


def test_category_tree(ctx: AppContext) -> None:
    model = CategoryTreeModel(ctx)
    keep = checked(model)
    leadership = category(ctx, "leadership")
    assert run(ctx, CreateCategory(ctx, "Mentoring", leadership))
    mentoring = next(c.id for c in ctx.categories.categories() if c.name == "Mentoring")
    assert run(ctx, CreateCategory(ctx, "Juniors", mentoring))
    juniors = next(c.id for c in ctx.categories.categories() if c.name == "Juniors")
    add(ctx, "Mentor Sam", key="leadership")
    assert run(ctx, RenameCategory(ctx, juniors, "Interns"))
    assert run(ctx, MoveCategory(ctx, juniors, None))
    assert run(ctx, MoveCategory(ctx, juniors, mentoring))
    assert run(ctx, DeleteCategory(ctx, mentoring))
    ctx.undo_stack.undo()
    model.refresh(hard=True)
    assert model.index_for_id(juniors).isValid()
    assert keep is not None


def test_checkins_feedback_and_balance_models() -> None:
    checkins = CheckInModel()
    feedback = FeedbackModel(show_goal=True)
    open_only = OpenActionsProxy()
    open_only.setSourceModel(feedback)
    balance = BalanceModel()
    keep = [checked(checkins), checked(feedback), checked(open_only), checked(balance)]

    checkins.set_checkins([CheckIn(n, 1, TODAY - timedelta(days=n), float(n), f"note {n}") for n in range(5)],
                          "km", True)
    checkins.set_checkins([], "", False)

    items = [
        Feedback(n, None if n % 2 else 7, TODAY - timedelta(days=n), FeedbackSource.PEER, f"said {n}",
                 action="do it" if n % 3 else "", acted_on=n == 4)
        for n in range(6)
    ]
    feedback.set_items(items, {7: "Lead a team"})
    open_only.sort(0, Qt.SortOrder.DescendingOrder)
    open_only.set_open_only(True)
    assert open_only.rowCount() == sum(1 for f in items if f.is_open_action)
    open_only.sort(3, Qt.SortOrder.AscendingOrder)
    open_only.set_open_only(False)
    feedback.set_items(items[:2], {})
    assert open_only.rowCount() == 2

    balance.set_rows([BalanceRow("Professional", "Professional", 0, None, 3, 0.5, 0.75),
                      BalanceRow("Leadership", "Professional", 1, 4, 3, None, 0.75)])
    sorter = QSortFilterProxyModel()
    sorter.setSourceModel(balance)
    keep.append(checked(sorter))
    sorter.sort(BalanceModel.SHARE, Qt.SortOrder.DescendingOrder)
    balance.set_rows([])
    assert sorter.rowCount() == 0
    assert roles.GoalIdRole  # the shared roles module is importable on its own
    assert len(keep) == 5
