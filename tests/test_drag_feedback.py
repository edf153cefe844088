"""What a user sees while dragging and moving around: the drag label, the drop-target highlight, the
selection after undo and redo of a board move, and a focus ring that can be found (light and dark).

Real SQLite files and real widgets offscreen; the mouse drag itself runs in test_board_dnd_mouse.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from test_board import TODAY, add, make_ctx, selected_mime, send_drop

from goaldesk.domain.enums import Horizon
from goaldesk.ui.board.board_view import BoardView, CardList
from goaldesk.ui.common.drag import MAX_SIZE, POINTER_GAP, drag_label
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.goals.goal_model import GoalTableModel
from goaldesk.ui.goals.table_view import GoalTable
from goaldesk.ui.shell.context import AppContext

SHORT, LONG = Horizon.SHORT, Horizon.LONG
MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def ctx(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    c = make_ctx(tmp_path)
    yield c
    c.undo_stack.clear()
    c.close()


@pytest.fixture
def goals(ctx: AppContext) -> dict[str, int]:
    out = {}
    pairs = [("Earn PMP", SHORT), ("Learn SQL", SHORT), ("Lead a team", LONG), ("Become a manager", LONG)]
    for title, horizon in pairs:
        out[title] = add(ctx, title, horizon, deadline=TODAY + timedelta(days=60), target=10.0)
    return out


@pytest.fixture
def board(ctx: AppContext, goals: dict[str, int], qtbot) -> Iterator[BoardView]:  # type: ignore[no-untyped-def]
    filters = FilterState()
    view = BoardView(ctx, filters)
    view.filters_ref = filters  # type: ignore[attr-defined]
    qtbot.addWidget(view)
    view.resize(900, 520)
    view.show()
    qtbot.waitExposed(view)
    yield view


def colour_at(image: QImage, x: int, y: int) -> QColor:
    return image.pixelColor(x, y)


def close(a: QColor, b: QColor, tol: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


# ---------------------------------------------------------------- the drag label


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_drag_label_is_small_and_names_the_goal(qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    long_title = "Finish the online Python course and build three small tools for the team " * 3
    one = drag_label(widget, [long_title])
    many = drag_label(widget, ["Earn PMP", long_title, "Learn SQL"])
    for pixmap in (one, many):
        logical = pixmap.deviceIndependentSize()
        assert 0 < logical.width() <= MAX_SIZE.width() and 0 < logical.height() <= MAX_SIZE.height()
    short = drag_label(widget, ["Earn PMP"])
    assert short.deviceIndependentSize().width() < 150  # a short title gets a short label, not a card
    # The label sits below-right of the pointer: the hotspot is outside the image, up and to the left.
    assert POINTER_GAP.x() > 0 and POINTER_GAP.y() > 0


# ---------------------------------------------------------------- the drop target


def drag_over(view: CardList, mime: object, pos: QPointF) -> None:
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(pos.toPoint(), MOVE, mime, buttons, mods))
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(pos.toPoint(), MOVE, mime, buttons, mods))


def test_column_under_a_drag_is_outlined_with_an_insertion_line(
    board: BoardView, goals: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    pal = board.palette()
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#d0508a"))  # an unusual highlight: the outline follows it
    board.setPalette(pal)
    target = board.views[LONG]
    board.select_goal(goals["Earn PMP"])
    mime = selected_mime(board, SHORT)
    second = target.visualRect(target.model().index(1, 0))
    drag_over(target, mime, QPointF(second.center().x(), second.top() + second.height() * 0.25))

    assert target.drop_target and not board.views[SHORT].drop_target
    assert target.drop_line_y == second.top()  # the line sits between the first and the second card
    image = target.viewport().grab().toImage()
    highlight = QColor("#d0508a")
    mid_y = image.height() // 2
    assert close(colour_at(image, 1, mid_y), highlight)  # left edge of the outline
    assert close(colour_at(image, image.width() - 2, mid_y), highlight)  # right edge
    assert close(colour_at(image, image.width() // 2, second.top()), highlight)  # the insertion line

    QApplication.sendEvent(target.viewport(), QDragLeaveEvent())
    assert not target.drop_target and target.drop_line_y is None
    image = target.viewport().grab().toImage()
    assert not close(colour_at(image, image.width() // 2, second.top()), highlight)


def test_drop_below_the_last_card_puts_the_line_after_it(board: BoardView, goals: dict[str, int]) -> None:
    target = board.views[LONG]
    board.select_goal(goals["Learn SQL"])
    last = target.visualRect(target.model().index(1, 0))
    drag_over(target, selected_mime(board, SHORT), QPointF(last.center().x(), target.viewport().height() - 4))
    assert target.drop_target and target.drop_line_y == last.bottom() + 1


# ---------------------------------------------------------------- selection after undo and redo


def test_undo_and_redo_of_a_drop_keep_the_moved_card_selected(
    ctx: AppContext, board: BoardView, goals: dict[str, int]
) -> None:
    pmp = goals["Earn PMP"]
    board.select_goal(pmp)
    target = board.views[LONG]
    send_drop(target, selected_mime(board, SHORT), QPointF(target.viewport().width() / 2, 5))
    assert ctx.board.column_ids(LONG)[0] == pmp
    board.select_goal(goals["Learn SQL"])  # the user looks at something else, then presses Ctrl+Z

    ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT)[0] == pmp
    assert board.selected_goal_ids() == [pmp]
    assert board.views[SHORT].currentIndex().row() == 0

    ctx.undo_stack.redo()
    assert board.selected_goal_ids() == [pmp]
    assert board.views[LONG].selectionModel().isSelected(board.models[LONG].index(0))
    assert not board.views[SHORT].selectionModel().hasSelection()


def test_undo_of_a_keyboard_reorder_keeps_the_card_selected(
    ctx: AppContext, board: BoardView, goals: dict[str, int]
) -> None:
    sql = goals["Learn SQL"]
    board.select_goal(sql)
    assert board.move_selection_by(-1)
    board.views[SHORT].clearSelection()
    ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT) == [goals["Earn PMP"], sql]
    assert board.selected_goal_ids() == [sql]


# ---------------------------------------------------------------- focus ring


def dark(palette: QPalette) -> QPalette:
    pal = QPalette(palette)
    for role, colour in [
        (QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"), (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#3d8ee6"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ]:
        pal.setColor(role, QColor(colour))
    return pal


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_goal_table_current_row_has_a_ring_in_the_highlight_colour(
    ctx: AppContext, goals: dict[str, int], qtbot, theme: str
) -> None:  # type: ignore[no-untyped-def]
    model = GoalTableModel(ctx)
    table = GoalTable()
    table.setModel(model)
    table.setSelectionBehavior(GoalTable.SelectionBehavior.SelectRows)
    qtbot.addWidget(table)
    if theme == "dark":
        table.setPalette(dark(table.palette()))
    highlight = table.palette().color(QPalette.ColorRole.Highlight)
    table.resize(700, 300)
    table.show()
    qtbot.waitExposed(table)
    table.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().setCurrentIndex(model.index(1, 2), flags.NoUpdate)  # current, not selected

    image = table.viewport().grab().toImage()
    ring = table.row_rect(1)
    x = min(ring.center().x(), image.width() - 10)
    assert close(colour_at(image, x, ring.top()), highlight)
    assert close(colour_at(image, x, ring.bottom()), highlight)
    assert close(colour_at(image, 0, ring.center().y()), highlight)
    other = table.row_rect(0)
    assert not close(colour_at(image, x, other.top()), highlight)  # only the current row

    table.selectionModel().select(model.index(1, 0), flags.ClearAndSelect | flags.Rows)
    image = table.viewport().grab().toImage()
    inner = table.palette().color(QPalette.ColorRole.HighlightedText)
    assert close(colour_at(image, 3, ring.center().y()), inner, tol=90)  # visible on a highlighted row too

    table.clearFocus()
    qtbot.waitUntil(lambda: not table.hasFocus())
    table.selectionModel().clearSelection()
    image = table.viewport().grab().toImage()
    assert not close(colour_at(image, 0, ring.center().y()), highlight)  # no ring without focus


def test_board_current_card_has_a_ring_around_it(board: BoardView, goals: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    view = board.views[SHORT]
    board.activateWindow()
    board.select_goal(goals["Learn SQL"])
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    rect = view.visualRect(view.currentIndex())
    image = view.viewport().grab().toImage()
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    assert close(colour_at(image, rect.center().x(), rect.top()), highlight)
    assert close(colour_at(image, rect.center().x(), rect.bottom()), highlight)
    first = view.visualRect(view.model().index(0, 0))
    assert not close(colour_at(image, first.center().x(), first.top()), highlight)
