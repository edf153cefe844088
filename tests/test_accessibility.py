"""What a screen reader gets from the main window: names, spoken cell text, announcements (issue 20).

Qt's accessibility interfaces are read directly here (offscreen, no bus): the same names, roles and
texts the AT-SPI bridge publishes. tests/gui/test_x11_accessibility.py reads the real app through the
bus as a screen reader does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from demo import fill_demo_file
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import CheckIn, GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_view import BoardView
from goaldesk.ui.board.card_delegate import card_text
from goaldesk.ui.categories.category_model import CategoryTreeModel
from goaldesk.ui.common.announce import announcer
from goaldesk.ui.common.commands import short
from goaldesk.ui.goals.goal_model import Column
from goaldesk.ui.progress.details_parts import CheckInModel
from goaldesk.ui.reflection.review_panel import ReviewPanel
from goaldesk.ui.shell import accessibility
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 8)
Role = QAccessible.Role
INTERACTIVE = {
    Role.Button, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText, Role.SpinBox, Role.Slider,
    Role.PageTab, Role.PageTabList, Role.MenuItem, Role.MenuBar, Role.ToolBar, Role.Table, Role.Tree, Role.List,
    Role.Cell, Role.ListItem, Role.TreeItem, Role.ScrollBar, Role.Link, Role.Dial,
}
"""Qt's roles for the AT-SPI roles tests/gui/atspi_probe.py counts as interactive."""


@dataclass
class Node:
    role: QAccessible.Role
    name: str
    description: str
    path: str


def walk(iface: QAccessibleInterface | None, path: str = "", out: list[Node] | None = None) -> list[Node]:
    """Every visible node under ``iface``, as the bridge publishes them."""
    out = [] if out is None else out
    if iface is None or not iface.isValid() or iface.state().invisible:
        return out
    role = iface.role()
    here = f"{path}/{role.name}"
    out.append(Node(role, iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Description), here))
    for i in range(min(iface.childCount(), 400)):
        walk(iface.child(i), f"{here}[{i}]", out)
    return out


def unnamed(nodes: list[Node]) -> list[str]:
    return [n.path for n in nodes if n.role in INTERACTIVE and not n.name.strip()]


def named(nodes: list[Node], name: str) -> Node:
    return next(n for n in nodes if n.name == name)


@pytest.fixture
def announced() -> Iterator[list[str]]:
    """What screen readers were told (``announce``), in order."""
    said: list[str] = []

    def heard(text: str, _assertive: bool) -> None:
        said.append(text)

    announcer().announced.connect(heard)
    yield said
    announcer().announced.disconnect(heard)


@pytest.fixture
def demo_ctx(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    """The demo database (15 goals, one of them achieved), seen on TODAY."""
    db = tmp_path / "demo.sqlite3"
    fill_demo_file(db, TODAY)
    store = Store(open_database(db), today=lambda: TODAY, now=lambda: datetime(2026, 12, 8, 12, 0))
    context = AppContext(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield context
    context.undo_stack.clear()
    context.close()


@pytest.fixture
def window(demo_ctx: AppContext, qtbot: QtBot) -> MainWindow:
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    accessibility.install(win)  # MainWindow.__init__ calls it too (once the lead adds the line): no twice
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def goal_id(ctx: AppContext, title: str) -> int:
    return next(g.id for g in ctx.goals.list_goals() if g.title.startswith(title))


# ---------------------------------------------------------------------- names


def test_every_interactive_node_of_the_main_window_is_named(window: MainWindow, demo_ctx: AppContext,
                                                             qtbot: QtBot) -> None:
    window.search.setText("x")  # the clear button shows only with text in the box
    window.search.clear()
    window.search.setText("guitar")
    list_nodes = walk(QAccessible.queryAccessibleInterface(window))
    assert unnamed(list_nodes) == []
    search = named(list_nodes, "Search goals")
    assert search.role is Role.EditableText and "Ctrl+F" in search.description
    assert named(list_nodes, "Clear search").role is Role.Button
    assert named(list_nodes, "Goals").role is Role.Table
    assert named(list_nodes, "Goal types").role is Role.Tree
    window.search.clear()

    window.details  # noqa: B018 - built after the first paint in the app
    window.select_goal(goal_id(demo_ctx, "Learn ten songs"))  # the details panel fills in
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: isinstance(window.board, BoardView))
    board_nodes = walk(QAccessible.queryAccessibleInterface(window))
    assert unnamed(board_nodes) == []
    assert {"Short-term goals", "Long-term goals", "Check-ins", "Goal details"} <= {n.name for n in board_nodes}
    toggle = named(board_nodes, "Recently achieved")
    assert "Show the goals achieved" in toggle.description

    window.show_undo_history()
    for tab in (1, 3, 4):  # Milestones, Feedback, History
        window.details.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
        nodes = walk(QAccessible.queryAccessibleInterface(window))
        assert unnamed(nodes) == [], tab
    names = {n.name for n in walk(QAccessible.queryAccessibleInterface(window))}
    assert "Undo history" in names


def test_clear_button_is_named_and_empties_the_search(window: MainWindow) -> None:
    window.search.setText("guitar")
    buttons = [b for b in window.search.findChildren(QToolButton) if b.isVisible()]
    assert [b.accessibleName() for b in buttons] == ["Clear search"]
    buttons[0].click()
    assert window.search.text() == ""


def test_hidden_tree_headers_read_as_words(demo_ctx: AppContext, qtbot: QtBot) -> None:
    """A hidden header's sections are still read ("1" was Qt's default), so they carry names."""
    model = CategoryTreeModel(demo_ctx)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Goal type"
    panel = ReviewPanel(demo_ctx)
    qtbot.addWidget(panel)
    header = panel.tree.headerItem()
    assert header is not None and header.text(0) == "This week"
    assert panel.tree.accessibleName() == "This week"


def test_this_week_rows_read_as_sentences(demo_ctx: AppContext, qtbot: QtBot) -> None:
    panel = ReviewPanel(demo_ctx)
    qtbot.addWidget(panel)
    panel.show()
    nodes = walk(QAccessible.queryAccessibleInterface(panel.tree))
    spoken = [n.name for n in nodes if n.role is Role.TreeItem]
    assert "Overdue: 1 item" in spoken
    assert "Due in the next 14 days: nothing" in spoken
    assert "Learn ten songs on the guitar, due 5 Dec, 3 days ago" in spoken
    assert unnamed(nodes) == []


# ---------------------------------------------------------------------- spoken cell text


def test_list_cells_say_words_where_they_show_glyphs(window: MainWindow, demo_ctx: AppContext) -> None:
    model = window.model
    model.enable_scores()
    no_measure = model.row_of(goal_id(demo_ctx, "Cut report errors"))
    guitar = model.row_of(goal_id(demo_ctx, "Learn ten songs"))
    assert no_measure is not None and guitar is not None

    def said(row: int, column: Column) -> str:
        index = model.index(row, column)
        return str(index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data())

    assert model.index(no_measure, Column.PROGRESS).data() == "—"
    assert said(no_measure, Column.PROGRESS) == "No progress recorded"
    assert said(guitar, Column.PROGRESS) == "30% done"
    assert model.index(guitar, Column.SMART).data() == "4/5"
    assert said(guitar, Column.SMART) == "SMART 4 of 5"
    assert said(guitar, Column.TITLE) == "Learn ten songs on the guitar"
    undated = demo_ctx.goals.create_goal(GoalDraft(title="Read more", category_id=demo_ctx.goals.get_goal(
        goal_id(demo_ctx, "Learn ten songs")).category_id))
    row = model.row_of(undated.id)
    assert row is not None and model.index(row, Column.DEADLINE).data() == "—"
    assert said(row, Column.DEADLINE) == "No deadline"
    # What the table publishes: the cell's name is the spoken text.
    cells = [n for n in walk(QAccessible.queryAccessibleInterface(window.table)) if n.role is Role.Cell]
    names = [n.name for n in cells]
    assert "SMART 4 of 5" in names and "No progress recorded" in names and "4/5" not in names


def test_empty_note_cells_are_read_as_no_note() -> None:
    model = CheckInModel()
    model.set_checkins([CheckIn(1, 1, TODAY, 3.0, ""), CheckIn(2, 1, TODAY - timedelta(days=1), 2.0, "Two songs")],
                       "songs", False)
    empty, noted = model.index(0, 2), model.index(1, 2)
    assert empty.data() == "" and empty.data(Qt.ItemDataRole.AccessibleTextRole) == "No note"
    assert noted.data(Qt.ItemDataRole.AccessibleTextRole) is None  # the note itself is read


def test_cards_say_type_measure_once_no_measure_and_achieved(window: MainWindow, demo_ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: isinstance(window.board, BoardView))
    board = window.board
    assert isinstance(board, BoardView)
    long_model = board.models[Horizon.LONG]
    guitar = long_model.index(long_model.row_of(goal_id(demo_ctx, "Learn ten songs")) or 0)
    text = guitar.data(Qt.ItemDataRole.AccessibleTextRole)
    assert text == ("Learn ten songs on the guitar, Hobbies & Learning, 3 days overdue, 30% done (3 of 10 songs), "
                    "SMART 4 of 5")
    assert text.count("songs songs") == 0
    short_model = board.models[Horizon.SHORT]
    bare = short_model.index(short_model.row_of(goal_id(demo_ctx, "Cut report errors")) or 0)
    assert "Performance" in bare.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "no measure yet" in bare.data(Qt.ItemDataRole.AccessibleTextRole)
    board.set_achieved_visible(True)
    achieved = board.achieved_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert achieved.startswith("Complete an Excel data-analysis workshop, ") and ", achieved, " in achieved
    # The AT-SPI name of a card is that text.
    view = QAccessible.queryAccessibleInterface(board.views[Horizon.LONG])
    names = [view.child(i).text(QAccessible.Text.Name) for i in range(view.childCount())]
    assert text in names


def test_card_text_names_a_unit_once_when_metric_and_unit_differ(demo_ctx: AppContext) -> None:
    goal = demo_ctx.goals.get_goal(goal_id(demo_ctx, "Run 5 km"))
    said = card_text(goal, "Health & Fitness", 5, TODAY)
    assert "of 5 km (longest run)" in said and said.endswith("SMART 5 of 5")
    reports = demo_ctx.goals.get_goal(goal_id(demo_ctx, "Complete five client reports"))
    assert "of 65 client reports)" in card_text(reports, "Performance", 5, TODAY)
    done = reports.replace(status=GoalStatus.ABANDONED)
    assert ", abandoned, " in card_text(done, "Performance", 5, TODAY)


def test_goal_type_rows_say_count_and_level(demo_ctx: AppContext) -> None:
    model = CategoryTreeModel(demo_ctx)
    skill = demo_ctx.categories.category_by_key("skill-development")
    professional = demo_ctx.categories.category_by_key("professional")
    assert skill is not None and professional is not None
    index = model.index_for_id(skill.id)
    assert index.data() == "Skill Development (2)"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Skill Development, 2 goals"
    description = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert description.startswith("Professional goal type: ") and len(description) > 30
    group = model.index_for_id(professional.id).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert group.startswith("Group of goal types: ")
    all_goals = model.index(0, 0, QModelIndex())
    assert all_goals.data(Qt.ItemDataRole.AccessibleTextRole) == "All goals, 14 goals"


# ---------------------------------------------------------------------- announcements


def test_search_count_is_announced_once_typing_pauses(window: MainWindow, qtbot: QtBot,
                                                      announced: list[str]) -> None:
    qtbot.wait(accessibility.COUNT_DELAY_MS + 200)  # nothing left over from building the window
    announced.clear()
    for key in "guitar":
        qtbot.keyClicks(window.search, key)
    assert announced == []  # not per keystroke
    qtbot.waitUntil(lambda: announced != [], timeout=3000)
    assert announced == ["1 of 15 goals"]
    window.search.clear()
    qtbot.waitUntil(lambda: len(announced) == 2, timeout=3000)
    assert announced[-1] == "14 of 15 goals"  # the achieved one is filtered out by the status filter


def test_install_twice_changes_nothing(window: MainWindow) -> None:
    first = accessibility.install(window)
    assert accessibility.install(window) is first
    assert len(window.findChildren(accessibility.CountAnnouncer)) == 1


def test_count_text_plurals() -> None:
    assert accessibility.count_text(1, 15) == "1 of 15 goals"
    assert accessibility.count_text(15, 15) == "15 goals"
    assert accessibility.count_text(0, 1) == "0 of 1 goal"
    assert accessibility.count_text(1200, 2000) == "1,200 of 2000 goals"


def test_board_move_is_announced(window: MainWindow, demo_ctx: AppContext, qtbot: QtBot,
                                 announced: list[str]) -> None:
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: isinstance(window.board, BoardView))
    board = window.board
    assert isinstance(board, BoardView)
    run_id = goal_id(demo_ctx, "Run 5 km")
    assert board.select_goal(run_id)
    assert board.move_selection_to(Horizon.LONG)
    title = f"“{short(demo_ctx.goals.get_goal(run_id).title)}”"
    assert announced[-1] == f"Moved {title} to Long-term"
    assert board.move_selection_by(-1)
    assert announced[-1].startswith(f"Moved {title} to place ")
    assert announced[-1].endswith(" of 8 in Long-term")


def test_board_fits_beside_the_details_at_800_logical_pixels(window: MainWindow, qtbot: QtBot) -> None:
    """Headers elide and the collapsed "Recently achieved" is an arrow: the board gives way."""
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: isinstance(window.board, BoardView))
    board = window.board
    assert isinstance(board, BoardView)
    board.set_achieved_visible(False)
    toggle = board.achieved_toggle
    assert toggle.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
    assert toggle.accessibleName() == "Recently achieved" and toggle.toolTip()
    assert board.minimumSizeHint().width() < 300, board.minimumSizeHint()
    board.set_achieved_visible(True)
    assert toggle.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert board.headers[Horizon.SHORT].toolTip() == board.headers[Horizon.SHORT].text()
