"""Small screens and big scale factors: the window fits its screen, nothing needs a horizontal scrollbar.

Real widgets on a real SQLite file. A 1024 x 600 laptop, or 200% on a 1600 x 1000 screen (800 x 500
logical pixels), must show the whole window; the list's title gets the spare width; "This Week" shows
its dates whole; counts read "1 thing" / "3 things".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolButton, QWidget

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.ui.goals.goal_model import Column
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow
from goaldesk.ui.shell.window_fit import FRAME_ALLOWANCE, available

TODAY = date.today()
LONG_TITLE = "Complete the advanced certificate in cloud architecture and present the capstone to the team"


def add(ctx: AppContext, title: str, key: str = "educational", **kw: object) -> int:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=cat.id).replace(**kw)).id


@pytest.fixture
def goals(ctx: AppContext) -> list[int]:
    ids = [
        add(ctx, LONG_TITLE, deadline=TODAY + timedelta(days=1), target=10.0, unit="modules",
            start_date=TODAY - timedelta(days=30)),
        add(ctx, "Submit the PMP application form", "leadership", deadline=TODAY + timedelta(days=6)),
        add(ctx, "Swim twice a week, every week until the summer holidays", "health-fitness",
            horizon=Horizon.LONG, start_date=TODAY - timedelta(days=40)),
    ]
    late = ctx.goals.find_goal(ids[0])
    assert late is not None  # an edit may set a past deadline: the goal is now overdue
    ctx.goals.update_goal(late.id, late.draft().replace(deadline=TODAY - timedelta(days=3)))
    return ids


def open_window(ctx: AppContext, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win._after_first_paint()
    return win


@pytest.fixture
def win(ctx: AppContext, goals: list[int], qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    yield open_window(ctx, qtbot)


def scrolled_sideways(window: QWidget) -> list[str]:
    """Every visible scroll area that shows a horizontal scrollbar (what a user would have to scroll)."""
    out = []
    for area in window.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and not area.visibleRegion().isEmpty() and bar.isVisible() and bar.maximum() > 0:
            out.append(area.objectName() or type(area).__name__)
    return out


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(20)


@pytest.mark.parametrize("size", [QSize(1024, 600), QSize(800, 500)])
def test_usable_on_a_small_screen(win: MainWindow, goals: list[int], qtbot, size: QSize) -> None:  # type: ignore[no-untyped-def]
    """1024 x 600, and 800 x 500 (200% on 1600 x 1000): the window is allowed that small, and no pane
    needs sideways scrolling, with a goal's details and "This Week" both open."""
    area = size - FRAME_ALLOWANCE
    hint = win.minimumSizeHint()
    assert hint.width() <= area.width() and hint.height() <= area.height(), hint
    win.reflection_actions.show_review()
    win.select_goal(goals[0])
    win.resize(area)
    settle(qtbot)
    assert win.width() <= area.width() and win.height() <= area.height()
    assert scrolled_sideways(win) == []
    review = win.reflection_actions.review_dock
    assert review is not None
    review.raise_()
    settle(qtbot)
    assert scrolled_sideways(win) == []
    # The toolbar shows every button (nothing folded behind its » menu).
    extension = win.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()


def test_title_column_gets_the_spare_width(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    header = win.table.horizontalHeader()
    win.resize(QSize(1600, 900))
    settle(qtbot)
    shown = [c for c in Column if not header.isSectionHidden(c)]
    assert shown == list(Column)  # a wide window: every column
    others = sum(header.sectionSize(c) for c in shown if c != Column.TITLE)
    # The title takes all the spare width, and the columns fit: no sideways scrolling.
    assert header.sectionSize(Column.TITLE) == win.table.viewport().width() - others
    assert header.sectionSize(Column.TITLE) >= max(header.sectionSize(c) for c in shown)
    # Narrow: Horizon goes first (the board shows it), the title keeps a readable width.
    win.resize(QSize(1024, 600) - FRAME_ALLOWANCE)
    settle(qtbot)
    assert header.isSectionHidden(Column.HORIZON)
    assert not header.isSectionHidden(Column.PROGRESS)
    assert header.sectionSize(Column.TITLE) >= win.column_fitter.min_title()
    assert not win.table.horizontalScrollBar().isVisible()
    # Wide again: the hidden columns come back.
    win.resize(QSize(1600, 900))
    settle(qtbot)
    assert not header.isSectionHidden(Column.HORIZON)


def test_toolbar_drops_its_labels_when_they_do_not_fit(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    from goaldesk.ui.common import icons

    win.resize(QSize(1024, 600) - FRAME_ALLOWANCE)
    settle(qtbot)
    assert win.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon  # room enough today
    for text in ("Export Everything…", "Import from Another Database…", "Weekly Review", "Balance Overview"):
        action = QAction(icons.icon("list"), text, win)  # as features add theirs
        win.toolbar.insertAction(win.toolbar_extras, action)
    settle(qtbot)
    assert win.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    extension = win.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()  # every button still shows, as an icon
    win.resize(QSize(1900, 900))
    settle(qtbot)
    assert win.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_window_opens_inside_the_screen(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(ctx, qtbot)
    room = available(win)
    assert win.width() <= room.width() and win.height() <= room.height()


def test_saved_geometry_that_does_not_fit_is_not_restored(ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A window saved on a big screen (or at 100%) opens fitted on a smaller one (or at 200%)."""
    win = open_window(ctx, qtbot)
    room = available(win)
    win.resize(room.width() * 2, room.height() * 2)  # as if saved on a screen twice as big
    settle(qtbot)
    win.save_state()
    win.close()
    again = open_window(ctx, qtbot)
    assert again.width() <= room.width() and again.height() <= room.height()


def test_saved_geometry_that_fits_is_restored(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(ctx, qtbot)
    win.resize(760, 480)
    settle(qtbot)
    win.save_state()
    win.close()
    again = open_window(ctx, qtbot)
    assert (again.width(), again.height()) == (760, 480)


def test_database_path_does_not_widen_the_window(db_path: Path, tmp_path: Path, qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 8) / "goals.sqlite3"
    ctx = AppContext.open(deep, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    try:
        win = open_window(ctx, qtbot)
        assert win.minimumSizeHint().width() <= 1024 - FRAME_ALLOWANCE.width()
        assert str(deep) in win.db_label.toolTip()
        win.close()
    finally:
        ctx.undo_stack.clear()
        ctx.close()


def test_this_week_shows_whole_dates_without_sideways_scrolling(win: MainWindow, goals: list[int], qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.common.tree_items import child_items, top_items
    from goaldesk.ui.reflection.review_panel import DETAIL_ROLE

    dock = win.reflection_actions.show_review()
    win.resize(QSize(1024, 600) - FRAME_ALLOWANCE)
    settle(qtbot)
    panel = dock.widget()
    tree = panel.tree  # type: ignore[attr-defined]
    assert not tree.horizontalScrollBar().isVisible()
    metrics = tree.fontMetrics()
    details = []
    for head in top_items(tree):
        for item in child_items(head):
            detail = item.data(0, DETAIL_ROLE)
            if detail:
                details.append(detail)
                rect = tree.visualItemRect(item)
                assert rect.left() + metrics.horizontalAdvance(detail) <= tree.viewport().width(), detail
    overdue = [d for d in details if d.startswith("due ") and "ago" in d]
    day = TODAY - timedelta(days=3)
    assert overdue and overdue[0].startswith(f"due {day.day} {day:%b}")  # the whole date, not "due 202…"
    assert "4 things to look at." in panel.subtitle.text()  # type: ignore[attr-defined]


def test_one_thing_is_singular(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.reflection.review_panel import ReviewPanel

    add(ctx, "Submit the form", deadline=TODAY + timedelta(days=2))
    panel = ReviewPanel(ctx)
    qtbot.addWidget(panel)
    assert "1 thing to look at." in panel.subtitle.text()
    assert "in 2 days" in panel.section_item("due_soon", 0).text(0)


def test_balance_counts_read_naturally(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.reflection.balance_view import BalanceView

    add(ctx, "Lead the project", "leadership")
    view = BalanceView(ctx)
    qtbot.addWidget(view)
    assert "1 professional and 0 personal active goal." in view.summary.text()
    add(ctx, "Run", "health-fitness")
    view.reload()
    assert "1 professional and 1 personal active goals." in view.summary.text()
