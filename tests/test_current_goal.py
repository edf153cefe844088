"""One current goal for the list, the board and the details panel; Tab between panes; Ctrl+1/Ctrl+2.

Real widgets on a real SQLite file. What a user sees: the card picked on the board is the goal that
Print Chart, SMART Check and Add Check-in act on; switching tabs keeps the pick; Tab walks the panes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow
from goaldesk.ui.shell.panes import in_front


def add(ctx: AppContext, title: str, horizon: Horizon = Horizon.SHORT, key: str = "educational") -> int:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=cat.id, horizon=horizon)).id


@pytest.fixture
def goals(ctx: AppContext) -> dict[str, int]:
    return {
        "sql": add(ctx, "Learn SQL window functions"),
        "run": add(ctx, "Run 5 km", key="health-fitness"),
        "pmp": add(ctx, "Earn the PMP certification", Horizon.LONG),
    }


@pytest.fixture
def win(ctx: AppContext, goals: dict[str, int], qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window._after_first_paint()
    yield window


def pick_card(win: MainWindow, goal_id: int) -> None:
    """Click the card as a user would (a real mouse press on the card's rectangle)."""
    win.tabs.setCurrentIndex(1)
    board = win.board
    for horizon, model in board.models.items():
        row = model.row_of(goal_id)
        if row is not None:
            view = board.views[horizon]
            rect = view.visualRect(model.index(row))
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
            return
    raise AssertionError(f"goal {goal_id} is not on the board")


def list_selected_ids(win: MainWindow) -> list[int]:
    from goaldesk.ui.common import roles

    rows = sorted({i.row() for i in win.table.selectionModel().selectedRows()})
    return [int(win.proxy.index(r, 0).data(roles.GoalIdRole)) for r in rows]


def test_card_picked_on_board_is_what_print_and_smart_act_on(win: MainWindow, goals: dict[str, int]) -> None:
    win.select_goal(goals["sql"])  # something else picked in the list first
    pick_card(win, goals["pmp"])
    current = win.current_goal()
    assert current is not None and current.id == goals["pmp"]
    assert [g.id for g in win.selected_goals()] == [goals["pmp"]]
    # Ctrl+P prints the chart of the goal the details panel shows, not the overview.
    _figure, page = win.progress_actions.current_chart()
    assert page.title == "Earn the PMP certification" and page.for_goal
    assert getattr(win.details, "goal_id", 0) == goals["pmp"]
    assert win.progress_actions.add_checkin_action.isEnabled()
    # The list now shows the same goal selected, so switching tabs keeps it.
    assert list_selected_ids(win) == [goals["pmp"]]
    win.tabs.setCurrentIndex(0)
    assert win.current_goal() is not None and win.current_goal().id == goals["pmp"]  # type: ignore[union-attr]


def test_goal_picked_in_list_is_selected_on_board(win: MainWindow, goals: dict[str, int]) -> None:
    win.tabs.setCurrentIndex(0)
    row = win.proxy.mapFromSource(win.model.index(win.model.row_of(goals["run"]) or 0, 0)).row()
    rect = win.table.visualRect(win.proxy.index(row, 0))
    QTest.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert win.current_goal() is not None and win.current_goal().id == goals["run"]  # type: ignore[union-attr]
    win.tabs.setCurrentIndex(1)  # the board is built now, showing the same pick
    assert win.board.selected_goal_ids() == [goals["run"]]
    assert win.current_goal() is not None and win.current_goal().id == goals["run"]  # type: ignore[union-attr]


def test_ctrl_k_after_a_board_pick_checks_that_goal(win: MainWindow, goals: dict[str, int]) -> None:

    seen: list[object] = []

    def answer() -> None:  # the SMART dialog (window-modal, opened without blocking): which goal, then close
        dialog = QApplication.activeModalWidget()
        seen.append(getattr(getattr(dialog, "goal", None), "id", dialog))
        if dialog is not None:
            dialog.close()

    pick_card(win, goals["pmp"])
    QTest.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    answer()  # already showing when the key press returns
    assert seen == [goals["pmp"]]
    assert "Select a goal" not in win.statusBar().currentMessage()


def test_multi_selection_in_list_narrows_to_what_the_board_shows(win: MainWindow, goals: dict[str, int]) -> None:
    win.tabs.setCurrentIndex(0)
    win.table.selectAll()
    assert len(win.selected_goals()) == 3
    win.tabs.setCurrentIndex(1)  # the board shows one card: the actions act on that one
    shown = win.board.selected_goal_ids()
    assert len(shown) == 1 and [g.id for g in win.selected_goals()] == shown


def test_picking_a_goal_brings_details_in_front_of_this_week(win: MainWindow, goals: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    review = win.reflection_actions.show_review()
    qtbot.waitUntil(lambda: in_front(review) and not in_front(win.details_dock))  # tabified, This Week in front
    pick_card(win, goals["run"])
    qtbot.waitUntil(lambda: in_front(win.details_dock) and not in_front(review))
    assert getattr(win.details, "goal_id", 0) == goals["run"]


def test_ctrl_1_and_ctrl_2_put_the_keyboard_in_the_view(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win.search.setFocus()
    QTest.keyClick(win.search, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentIndex() == 1
    focus = QApplication.focusWidget()
    assert focus in list(win.board.views.values())
    QTest.keyClick(focus, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentIndex() == 0 and QApplication.focusWidget() is win.table


def press_tab(backwards: bool = False) -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def test_tab_moves_between_panes_not_cells(win: MainWindow, ctx: AppContext, goals: dict[str, int]) -> None:
    from datetime import date

    for day in (1, 2, 3):  # the details panel's check-in table has rows: Tab must not walk its cells
        ctx.progress.add_checkin(goals["sql"], date(2026, 1, day), float(day))
    win.select_goal(goals["sql"])
    tree = win.category_panel.tree  # type: ignore[attr-defined]
    tree.setFocus()
    assert win.panes.pane_of(QApplication.focusWidget()) == "tree"
    assert press_tab() is win.search
    assert press_tab() is win.table
    side = press_tab()
    assert win.panes.pane_of(side) == "side" and win.details.isAncestorOf(side)
    # Tab keeps walking the details panel's own controls, then comes back round to the tree.
    seen = [side]
    for _ in range(40):
        widget = press_tab()
        if widget is tree:
            break
        assert win.panes.pane_of(widget) == "side"
        seen.append(widget)
    else:
        raise AssertionError("Tab never came back to the tree")
    assert len(seen) >= 2
    # Shift+Tab goes back the same way.
    assert win.panes.pane_of(press_tab(backwards=True)) == "side"
    win.table.setFocus()
    assert press_tab(backwards=True) is win.search
    assert press_tab(backwards=True) is tree


def test_tab_on_the_board_visits_columns_then_details(win: MainWindow, goals: dict[str, int]) -> None:
    pick_card(win, goals["pmp"])
    win.search.setFocus()
    first = press_tab()
    assert first is win.board.views[Horizon.LONG]  # the column holding the current goal
    nxt = press_tab()
    while win.panes.pane_of(nxt) == "centre":
        nxt = press_tab()
    assert win.panes.pane_of(nxt) == "side"


def test_undo_history_starts_with_opened(win: MainWindow) -> None:
    assert win.undo_view.emptyLabel() == "Opened"
