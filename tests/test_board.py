"""The Short-term | Long-term board: moves through the real drop paths, undo, bad input, keyboard, painting.

Real SQLite files in tmp_path and real widgets offscreen. Drops go through (1) the models' MIME API
and (2) synthetic drag/drop events on the target viewport; the mouse drag itself is in
test_board_dnd_mouse.py (it needs the ``minimal`` platform).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_model import BoardColumnModel, first_line
from goaldesk.ui.board.board_view import BoardView, CardList
from goaldesk.ui.board.card_delegate import CardDelegate, badge_text, overdue_colour
from goaldesk.ui.common import roles
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.mime import GOAL_IDS_MIME, encode_ids
from goaldesk.ui.shell.context import AppContext

TODAY = date(2025, 3, 10)
MOVE = Qt.DropAction.MoveAction
SHORT, LONG = Horizon.SHORT, Horizon.LONG


def make_ctx(folder: Path) -> AppContext:
    store = Store(
        open_database(folder / "goaldesk.sqlite3"),
        today=lambda: TODAY,
        now=lambda: datetime(2025, 3, 10, 12, 0),
    )
    return AppContext(store, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def add(ctx: AppContext, title: str, horizon: Horizon, **fields: object) -> int:
    cat = ctx.categories.category_by_key("skill-development")
    assert cat is not None
    draft = GoalDraft(title=title, category_id=cat.id, horizon=horizon, **fields)  # type: ignore[arg-type]
    return ctx.goals.create_goal(draft).id


def seed(ctx: AppContext) -> dict[str, int]:
    """Three short-term and two long-term goals, all active."""
    ids = {}
    for title, horizon in [
        ("Earn PMP", SHORT),
        ("Learn SQL", SHORT),
        ("Run a 10k", SHORT),
        ("Lead a team", LONG),
        ("Become a manager", LONG),
    ]:
        ids[title] = add(ctx, title, horizon, deadline=TODAY + timedelta(days=60), target=10.0)
    return ids


def shown_ids(view: CardList) -> list[int]:
    """What the view shows, top to bottom (by on-screen position, not model row)."""
    model = view.model()
    indexes = [model.index(r, 0) for r in range(model.rowCount())]
    indexes.sort(key=lambda i: view.visualRect(i).top())
    return [i.data(roles.GoalIdRole) for i in indexes]


def snapshot(ctx: AppContext) -> tuple[object, ...]:
    """Everything a move could write: goal placement and timestamps, and the history table."""
    goals = ctx.store.db.execute_sql(
        "SELECT id, horizon, position, status, updated_at, deleted_at FROM goal ORDER BY id"
    ).fetchall()
    history = ctx.store.db.execute_sql("SELECT COUNT(*) FROM goal_history").fetchone()
    return tuple(goals), tuple(history)


@pytest.fixture
def ctx(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    c = make_ctx(tmp_path)
    yield c
    c.close()


@pytest.fixture
def board(ctx: AppContext, qtbot) -> Iterator[BoardView]:  # type: ignore[no-untyped-def]
    filters = FilterState()
    view = BoardView(ctx, filters)
    view.filters_ref = filters  # type: ignore[attr-defined]  # keep the FilterState alive with the view
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    qtbot.waitExposed(view)
    yield view


@pytest.fixture
def ids(ctx: AppContext, board: BoardView) -> dict[str, int]:
    return seed(ctx)


def selected_mime(board: BoardView, horizon: Horizon) -> QMimeData:
    view = board.views[horizon]
    return view.model().mimeData(view.selectionModel().selectedIndexes())


def check_board_matches_db(ctx: AppContext, board: BoardView) -> None:
    for horizon in (SHORT, LONG):
        assert shown_ids(board.views[horizon]) == ctx.board.column_ids(horizon)


# ---------------------------------------------------------------- (1) model drop path


def test_drop_moves_goal_to_other_column_and_undo_puts_it_back(
    ctx: AppContext, board: BoardView, ids: dict[str, int]
) -> None:
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    lead, manager = ids["Lead a team"], ids["Become a manager"]
    assert board.select_goal(pmp)
    mime = selected_mime(board, SHORT)
    assert mime.formats()[:1] == [GOAL_IDS_MIME] and mime.text() == "Earn PMP"
    target = board.models[LONG]
    assert target.canDropMimeData(mime, MOVE, 1, 0, QModelIndex())

    assert target.dropMimeData(mime, MOVE, 1, 0, QModelIndex()) is False  # the view must not remove rows

    assert ctx.board.column_ids(LONG) == [lead, pmp, manager]
    assert ctx.board.column_ids(SHORT) == [sql, run10k]
    check_board_matches_db(ctx, board)
    assert ctx.goals.get_goal(pmp).horizon is LONG
    assert ctx.undo_stack.undoText() == "Move “Earn PMP” to Long-term"
    assert board.selected_goal_ids() == [pmp]  # the moved card stays selected, now in its new column
    assert board.headers[LONG].text() == "Long-term (3)"

    ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT) == [pmp, sql, run10k]
    assert ctx.board.column_ids(LONG) == [lead, manager]
    check_board_matches_db(ctx, board)

    ctx.undo_stack.redo()
    assert ctx.board.column_ids(LONG) == [lead, pmp, manager]
    check_board_matches_db(ctx, board)


def test_multi_selection_keeps_column_order_and_is_one_undo_step(
    ctx: AppContext, board: BoardView, ids: dict[str, int]
) -> None:
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    source = board.models[SHORT]
    # Picked in reverse order: the payload still follows the column.
    mime = source.mimeData([source.index(2), source.index(0)])
    board.models[LONG].dropMimeData(mime, MOVE, -1, 0, QModelIndex())
    assert ctx.board.column_ids(LONG)[-2:] == [pmp, run10k]
    assert ctx.board.column_ids(SHORT) == [sql]
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Move 2 goals to Long-term"
    check_board_matches_db(ctx, board)
    ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT) == [pmp, sql, run10k]
    check_board_matches_db(ctx, board)


def test_drop_in_same_column_reorders_and_keeps_selection(
    ctx: AppContext, board: BoardView, ids: dict[str, int]
) -> None:
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    model = board.models[SHORT]
    board.select_goal(pmp)
    moved_rows: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _e, _d, dest: moved_rows.append((start, dest)))
    removed: list[int] = []
    model.rowsRemoved.connect(lambda *_: removed.append(1))

    model.dropMimeData(selected_mime(board, SHORT), MOVE, 3, 0, QModelIndex())  # after the last card

    assert ctx.board.column_ids(SHORT) == [sql, run10k, pmp]
    assert moved_rows and not removed  # a real row move, not remove + insert
    assert board.selected_goal_ids() == [pmp]
    assert ctx.undo_stack.undoText() == "Reorder “Earn PMP”"
    check_board_matches_db(ctx, board)
    ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT) == [pmp, sql, run10k]
    check_board_matches_db(ctx, board)


def test_drop_position_counts_rows_of_the_filtered_column(
    ctx: AppContext, board: BoardView, ids: dict[str, int]
) -> None:
    """With "Learn SQL" archived (hidden), row 1 of the view is "Run a 10k": the card lands before it."""
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    ctx.goals.set_archived([sql], True)
    assert shown_ids(board.views[SHORT]) == [pmp, run10k]
    lead = ids["Lead a team"]
    board.models[SHORT].dropMimeData(encode_ids([lead]), MOVE, 1, 0, QModelIndex())
    assert ctx.board.column_ids(SHORT) == [pmp, sql, lead, run10k]
    assert shown_ids(board.views[SHORT]) == [pmp, lead, run10k]


# ---------------------------------------------------------------- (2) view drop path


def send_drop(view: CardList, mime: QMimeData, pos: QPointF) -> tuple[bool, bool]:
    """Drag enter, move and drop on the viewport; returns whether enter and move were accepted."""
    viewport = view.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), MOVE, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(pos.toPoint(), MOVE, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(pos, MOVE, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return enter.isAccepted(), move.isAccepted()


def above(view: CardList, row: int) -> QPointF:
    rect = view.visualRect(view.model().index(row, 0))
    return QPointF(rect.center().x(), rect.top() + rect.height() * 0.3)


def test_view_drop_events_move_between_and_within_columns(
    ctx: AppContext, board: BoardView, ids: dict[str, int]
) -> None:
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    lead, manager = ids["Lead a team"], ids["Become a manager"]
    board.select_goal(sql)
    mime = selected_mime(board, SHORT)
    long_view = board.views[LONG]

    accepted = send_drop(long_view, mime, above(long_view, 1))  # between the two long-term cards
    assert accepted == (True, True)
    assert ctx.board.column_ids(LONG) == [lead, sql, manager]
    assert ctx.board.column_ids(SHORT) == [pmp, run10k]
    check_board_matches_db(ctx, board)
    assert ctx.undo_stack.undoText() == "Move “Learn SQL” to Long-term"

    # Within a column: drop "Become a manager" on the top half of the first card.
    board.select_goal(manager)
    send_drop(long_view, selected_mime(board, LONG), above(long_view, 0))
    assert ctx.board.column_ids(LONG) == [manager, lead, sql]
    check_board_matches_db(ctx, board)

    # Below the last card, on the bare viewport: the end of the column.
    board.select_goal(pmp)
    bottom = QPointF(long_view.viewport().width() / 2, long_view.viewport().height() - 5)
    send_drop(long_view, selected_mime(board, SHORT), bottom)
    assert ctx.board.column_ids(LONG) == [manager, lead, sql, pmp]
    check_board_matches_db(ctx, board)

    for _ in range(3):
        ctx.undo_stack.undo()
    assert ctx.board.column_ids(SHORT) == [pmp, sql, run10k]
    assert ctx.board.column_ids(LONG) == [lead, manager]
    check_board_matches_db(ctx, board)


# ---------------------------------------------------------------- failures and bad input


def test_read_only_database_leaves_both_columns_and_reports(
    ctx: AppContext, board: BoardView, ids: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    board.select_goal(ids["Earn PMP"])
    before = {h: shown_ids(board.views[h]) for h in (SHORT, LONG)}
    db_before = snapshot(ctx)
    ctx.store.db.execute_sql("PRAGMA query_only = ON")
    try:
        with qtbot.waitSignal(ctx.errors, timeout=2000) as blocker:
            board.models[LONG].dropMimeData(selected_mime(board, SHORT), MOVE, 0, 0, QModelIndex())
    finally:
        ctx.store.db.execute_sql("PRAGMA query_only = OFF")
    assert "read-only" in blocker.args[0]
    assert {h: shown_ids(board.views[h]) for h in (SHORT, LONG)} == before
    assert snapshot(ctx) == db_before
    assert ctx.undo_stack.count() == 0


@pytest.mark.parametrize("kind", ["foreign", "malformed", "deleted", "unknown-id", "own-place", "own-next"])
def test_bad_or_pointless_drops_write_nothing(
    ctx: AppContext, board: BoardView, ids: dict[str, int], kind: str
) -> None:
    pmp, sql = ids["Earn PMP"], ids["Learn SQL"]
    model = board.models[SHORT]
    row = 0
    if kind == "foreign":
        mime = QMimeData()
        mime.setData("application/x-something-else", b"[1, 2]")
    elif kind == "malformed":
        mime = QMimeData()
        mime.setData(GOAL_IDS_MIME, b"{not json")
    elif kind == "deleted":
        ctx.goals.delete_goal(sql)
        mime = encode_ids([sql])
    elif kind == "unknown-id":
        mime = encode_ids([99_999])
    elif kind == "own-place":
        mime = encode_ids([pmp])  # dropped where it already is
    else:
        mime = encode_ids([pmp])
        row = 1  # just below itself: same place
    before = snapshot(ctx)
    pushed = ctx.undo_stack.count()
    heard: list[object] = []
    ctx.notifier.changed.connect(heard.append)
    shown = shown_ids(board.views[SHORT])

    assert model.dropMimeData(mime, MOVE, row, 0, QModelIndex()) is False
    send_drop(board.views[SHORT], mime, above(board.views[SHORT], row))

    assert snapshot(ctx) == before
    assert ctx.undo_stack.count() == pushed
    assert heard == []
    assert shown_ids(board.views[SHORT]) == shown
    if kind in ("foreign", "malformed"):
        assert not model.canDropMimeData(mime, MOVE, row, 0, QModelIndex())


def test_copy_action_of_goal_ids_is_refused(ctx: AppContext, board: BoardView, ids: dict[str, int]) -> None:
    mime = encode_ids([ids["Earn PMP"]])
    assert not board.models[LONG].canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())


def test_plain_text_from_another_app_asks_for_a_new_goal(
    ctx: AppContext, board: BoardView, ids: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText("\n  Learn   Rust  \nwith the book")
    before = snapshot(ctx)
    with qtbot.waitSignal(board.newGoalRequested, timeout=2000) as blocker:
        send_drop(board.views[LONG], mime, above(board.views[LONG], 0))
    assert blocker.args == ["Learn Rust", LONG]
    assert snapshot(ctx) == before and ctx.undo_stack.count() == 0
    blank = QMimeData()
    blank.setText("   \n ")
    assert not board.models[LONG].canDropMimeData(blank, MOVE, 0, 0, QModelIndex())
    assert first_line("x" * 500) == "x" * 200


# ---------------------------------------------------------------- property: any moves and undos


@st.composite
def operations(draw: st.DrawFn) -> list[tuple[object, ...]]:
    ops: list[tuple[object, ...]] = []
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["move", "move", "move", "undo", "redo"]))
        if kind == "move":
            picks = draw(st.lists(st.integers(0, 6), min_size=1, max_size=3))
            ops.append(("move", picks, draw(st.sampled_from([SHORT, LONG])), draw(st.integers(-1, 9))))
        else:
            ops.append((kind,))
    return ops


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations())
def test_any_moves_and_undos_keep_positions_dense_and_views_in_step(
    tmp_path_factory: pytest.TempPathFactory, qapp: QApplication, ops: list[tuple[object, ...]]
) -> None:
    ctx = make_ctx(tmp_path_factory.mktemp("board"))
    filters = FilterState()
    board = BoardView(ctx, filters)
    try:
        ids = list(seed(ctx).values())
        hidden = add(ctx, "Archived one", SHORT)
        ctx.goals.set_archived([hidden], True)
        done = add(ctx, "Done one", LONG)
        ctx.goals.set_status(done, GoalStatus.ACHIEVED)
        every = [*ids, hidden, done]  # the hidden ones can arrive in a payload too (stale drag)
        for op in ops:
            if op[0] == "move":
                _, picks, horizon, row = op
                chosen = [every[i] for i in picks]  # type: ignore[union-attr]
                board.models[horizon].dropMimeData(encode_ids(chosen), MOVE, row, 0, QModelIndex())  # type: ignore[index]
            elif op[0] == "undo" and ctx.undo_stack.canUndo():
                ctx.undo_stack.undo()
            elif op[0] == "redo" and ctx.undo_stack.canRedo():
                ctx.undo_stack.redo()
            rows = ctx.store.db.execute_sql(
                "SELECT horizon, position, id FROM goal WHERE deleted_at IS NULL ORDER BY horizon, position, id"
            ).fetchall()
            for horizon in (SHORT, LONG):
                column = [(pos, gid) for h, pos, gid in rows if h == horizon.value]
                assert [pos for pos, _ in column] == list(range(len(column)))
                visible = [gid for _, gid in column if gid not in (hidden, done)]
                assert board.models[horizon].goal_ids() == visible
                fresh = BoardColumnModel(ctx, filters, horizon)
                assert fresh.goal_ids() == visible
                fresh.deleteLater()
                ctx.notifier.changed.disconnect(fresh._on_changed)
                filters.changed.disconnect(fresh.reload)
    finally:
        board.deleteLater()
        ctx.close()


# ---------------------------------------------------------------- keyboard


def test_keyboard_moves_cards_across_and_within_columns(
    ctx: AppContext, board: BoardView, ids: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    lead, manager = ids["Lead a team"], ids["Become a manager"]
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    board.activateWindow()
    short_view = board.views[SHORT]
    board.select_goal(sql)
    short_view.setFocus()
    qtbot.waitUntil(short_view.hasFocus)

    qtbot.keyClick(short_view, Qt.Key.Key_Right, ctrl_shift)  # Learn SQL (row 1) -> Long-term, row 1
    assert ctx.board.column_ids(LONG) == [lead, sql, manager]
    assert board.views[LONG].hasFocus() and board.selected_goal_ids() == [sql]

    qtbot.keyClick(board.views[LONG], Qt.Key.Key_Up, ctrl_shift)
    assert ctx.board.column_ids(LONG) == [sql, lead, manager]
    qtbot.keyClick(board.views[LONG], Qt.Key.Key_Up, ctrl_shift)  # already at the top: nothing
    assert ctx.undo_stack.count() == 2
    qtbot.keyClick(board.views[LONG], Qt.Key.Key_Down, ctrl_shift)
    qtbot.keyClick(board.views[LONG], Qt.Key.Key_Down, ctrl_shift)
    assert ctx.board.column_ids(LONG) == [lead, manager, sql]
    qtbot.keyClick(board.views[LONG], Qt.Key.Key_Down, ctrl_shift)  # already at the bottom
    assert ctx.undo_stack.count() == 4

    qtbot.keyClick(board.views[LONG], Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert ctx.board.column_ids(SHORT) == [pmp, run10k, sql]
    qtbot.keyClick(board.views[SHORT], Qt.Key.Key_Left, ctrl_shift)  # already short-term
    assert ctx.undo_stack.count() == 5
    check_board_matches_db(ctx, board)

    with qtbot.waitSignal(board.editRequested, timeout=2000) as blocker:
        qtbot.keyClick(board.views[SHORT], Qt.Key.Key_Return)
    assert blocker.args == [sql]


def test_selection_signal_and_single_selection_across_columns(
    ctx: AppContext, board: BoardView, ids: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(board.selectionChangedTo, timeout=2000) as blocker:
        assert board.select_goal(ids["Lead a team"])
    assert blocker.args == [ids["Lead a team"]]
    board.select_goal(ids["Earn PMP"])
    assert not board.views[LONG].selectionModel().hasSelection()
    assert board.selected_goal_ids() == [ids["Earn PMP"]]
    with qtbot.waitSignal(board.selectionChangedTo, timeout=2000) as blocker:
        board.views[SHORT].clearSelection()
    assert blocker.args == [0]
    assert not board.select_goal(99_999)


# ---------------------------------------------------------------- filters, notifier, achieved column


def test_columns_follow_filters_and_edits(ctx: AppContext, board: BoardView, ids: dict[str, int]) -> None:
    filters: FilterState = board.filters
    pmp, sql, run10k = ids["Earn PMP"], ids["Learn SQL"], ids["Run a 10k"]
    filters.set_text("sql")
    assert shown_ids(board.views[SHORT]) == [sql] and shown_ids(board.views[LONG]) == []
    assert "match the filters" in board._empty_text(LONG)
    filters.set_text("")
    other = ctx.categories.category_by_key("leadership")
    assert other is not None
    filters.set_categories(frozenset({other.id}))
    assert board.models[SHORT].rowCount() == 0
    filters.set_categories(None)
    assert shown_ids(board.views[SHORT]) == [pmp, sql, run10k]

    # A new goal appears; an edited title refreshes the card; achieving moves it to the third column.
    new = add(ctx, "Read two books", SHORT)
    assert shown_ids(board.views[SHORT]) == [pmp, sql, run10k, new]
    goal = ctx.goals.get_goal(sql)
    ctx.goals.update_goal(sql, goal.draft().replace(title="Learn SQL well"))
    assert board.models[SHORT].index(1).data(Qt.ItemDataRole.DisplayRole) == "Learn SQL well"
    board.set_achieved_visible(True)
    ctx.goals.set_status(pmp, GoalStatus.ACHIEVED)
    assert shown_ids(board.views[SHORT]) == [sql, run10k, new]
    assert board.achieved_model.goal_ids() == [pmp]
    assert board.achieved_header.text() == "Recently achieved (1)"
    assert ctx.settings.value("board/show_achieved") in (True, "true")
    assert not board.achieved_model.canDropMimeData(encode_ids([sql]), MOVE, 0, 0, QModelIndex())
    # GoalRole positions stay true after other goals shifted around them.
    # (an achieved goal keeps its stored place in the column, so Learn SQL is at position 1)
    shown = [board.models[SHORT].index(r).data(roles.GoalRole) for r in range(3)]
    assert [g.position for g in shown] == [ctx.goals.get_goal(g.id).position for g in shown] == [1, 2, 3]


# ---------------------------------------------------------------- painting


def dark_palette() -> QPalette:
    pal = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        pal.setColor(group, QPalette.ColorRole.Window, QColor(30, 30, 32))
        pal.setColor(group, QPalette.ColorRole.Base, QColor(22, 22, 24))
        pal.setColor(group, QPalette.ColorRole.AlternateBase, QColor(40, 40, 44))
        pal.setColor(group, QPalette.ColorRole.Text, QColor(235, 235, 235))
        pal.setColor(group, QPalette.ColorRole.WindowText, QColor(235, 235, 235))
        pal.setColor(group, QPalette.ColorRole.Button, QColor(45, 45, 48))
        pal.setColor(group, QPalette.ColorRole.ButtonText, QColor(235, 235, 235))
        pal.setColor(group, QPalette.ColorRole.Highlight, QColor(60, 110, 200))
        pal.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
    return pal


def paint_card(ctx: AppContext, model: BoardColumnModel, row: int, dpr: float, pal: QPalette, font: QFont) -> QImage:
    delegate = CardDelegate(ctx)
    option = QStyleOptionViewItem()
    option.font = font
    option.palette = pal
    option.state = QStyle.StateFlag.State_Enabled
    option.rect.setRect(0, 0, 360, 0)
    size = delegate.sizeHint(option, model.index(row))
    option.rect.setRect(0, 0, size.width(), size.height())
    image = QImage(QSize(round(size.width() * dpr), round(size.height() * dpr)), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(dpr)
    image.fill(pal.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(row))
    painter.end()
    return image


def lightness_range(image: QImage) -> tuple[int, int]:
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    ]
    return min(values), max(values)


@pytest.mark.parametrize("dpr", [1.0, 2.0])
@pytest.mark.parametrize("dark", [False, True])
def test_card_paints_at_any_scale_and_palette(
    ctx: AppContext, board: BoardView, ids: dict[str, int], dpr: float, dark: bool
) -> None:
    overdue = add(ctx, "Finish the report", SHORT, deadline=TODAY)
    ctx.store.db.execute_sql("UPDATE goal SET deadline = ? WHERE id = ?", (str(TODAY - timedelta(days=3)), overdue))
    ctx.progress.add_checkin(ids["Earn PMP"], TODAY, 4.0)
    model = board.models[SHORT]
    pal = dark_palette() if dark else QApplication.palette()
    font = QApplication.font()
    for row in range(model.rowCount()):
        image = paint_card(ctx, model, row, dpr, pal, font)
        low, high = lightness_range(image)
        assert high - low > 100  # text stands out from the card
        centre = image.pixelColor(image.width() // 2, round(image.height() * 0.92)).lightness()
        if dark:
            assert centre < 128  # the card itself is dark on a dark palette
    assert model.index(0).data(roles.ProgressRole) == pytest.approx(0.4)


def test_card_size_follows_the_font(ctx: AppContext, board: BoardView, ids: dict[str, int]) -> None:
    delegate = CardDelegate(ctx)
    option = QStyleOptionViewItem()
    small = QFont(QApplication.font())
    small.setPointSizeF(10)
    big = QFont(small)
    big.setPointSizeF(20)
    option.font = small
    h1 = delegate.sizeHint(option, board.models[SHORT].index(0)).height()
    option.font = big
    h2 = delegate.sizeHint(option, board.models[SHORT].index(0)).height()
    assert 1.7 < h2 / h1 < 2.3


def test_overdue_colour_contrasts_on_light_and_dark() -> None:
    for pal in (QPalette(QColor(240, 240, 240)), dark_palette()):
        colour = overdue_colour(pal)
        base = pal.color(QPalette.ColorRole.Base)
        assert abs(colour.lightness() - base.lightness()) > 70
        assert colour.red() > colour.green() and colour.red() > colour.blue()
    assert badge_text(None) == "SMART –" and badge_text(4) == "SMART 4/5"


def test_board_screenshots(  # type: ignore[no-untyped-def]
    ctx: AppContext, board: BoardView, ids: dict[str, int], qtbot, tmp_path: Path
) -> None:
    """Saved for a person to look at (board.png, board_dark.png in tmp_path); both palettes read.

    Every card shows text that stands out from it, the empty space of each column takes the palette's
    base colour, and the dark board really is dark wherever there is no card.
    """
    late = add(ctx, "Publish a conference talk on modern data pipelines and what we learned", SHORT,
               deadline=TODAY)
    ctx.store.db.execute_sql("UPDATE goal SET deadline = ? WHERE id = ?", (str(TODAY - timedelta(days=5)), late))
    ctx.progress.add_checkin(ids["Earn PMP"], TODAY, 7.0)
    ctx.progress.add_checkin(late, TODAY, 2.0)
    ctx.goals.set_status(ids["Run a 10k"], GoalStatus.ACHIEVED)
    board.set_achieved_visible(True)
    board.select_goal(ids["Learn SQL"])
    qtbot.wait(10)
    light = board.grab()
    assert light.save(str(tmp_path / "board.png"))
    board.setPalette(dark_palette())
    for view in board._all_views():
        view.setPalette(dark_palette())
    qtbot.wait(10)
    dark = board.grab()
    assert dark.save(str(tmp_path / "board_dark.png"))
    assert QImage(str(tmp_path / "board_dark.png")).size() == dark.toImage().size()

    for pixmap, is_dark in ((light, False), (dark, True)):
        image = pixmap.toImage()
        dpr = pixmap.devicePixelRatio()
        for view in board._all_views():
            model = view.model()
            assert model.rowCount() > 0
            cards = []
            for row in range(model.rowCount()):
                rect = view.visualRect(model.index(row, 0))
                top_left = view.viewport().mapTo(board, rect.topLeft())
                cards.append((top_left, rect))
                xs = range(top_left.x() + 4, top_left.x() + rect.width() - 4, 3)
                ys = range(top_left.y() + 4, top_left.y() + rect.height() - 4, 3)
                values = [image.pixelColor(round(x * dpr), round(y * dpr)).lightness() for x in xs for y in ys]
                assert max(values) - min(values) > 100, (view, row, is_dark)  # text stands out from the card
            bottom = max(p.y() + r.height() for p, r in cards) + 8
            viewport = view.viewport()
            below = viewport.mapTo(board, QPoint(0, viewport.height() - 8)).y()
            left = viewport.mapTo(board, QPoint(0, 0)).x()
            empty = [
                image.pixelColor(round(x * dpr), round(y * dpr)).lightness()
                for x in range(left + 8, left + viewport.width() - 8, 7)
                for y in range(bottom, below, 7)
            ]
            assert empty, view
            palette = dark_palette() if is_dark else QApplication.palette()
            base = palette.color(QPalette.ColorRole.Base).lightness()
            assert all(abs(v - base) < 30 for v in empty), (view, is_dark)
            assert all(v < 100 for v in empty) is is_dark
