"""One real mouse drag from the Short-term column to the Long-term column.

On ``offscreen`` QDrag.exec() returns at once with no drop, so the drag runs in a child pytest on
``minimal:enable_fonts``, where QDrag.exec() runs a nested loop fed by a timer that moves the mouse
to the target and releases it. A second timer sends Escape so a missed release cannot hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, QSizeF, Qt, QTimer
from PySide6.QtGui import QDrag
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_view import BoardView
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.shell.context import AppContext

INNER = "GOALDESK_BOARD_DND_INNER"
ROOT = Path(__file__).resolve().parent.parent


def test_mouse_drag_between_columns() -> None:
    if os.environ.get(INNER):
        pytest.skip("this is the child run")
    env = dict(os.environ, QT_QPA_PLATFORM="minimal:enable_fonts", **{INNER: "1"})
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", f"{__file__}::test_inner_mouse_drag", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


def test_inner_mouse_drag(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    if not os.environ.get(INNER):
        pytest.skip("runs only in the child process, on the minimal platform")
    store = Store(open_database(tmp_path / "goaldesk.sqlite3"), today=lambda: date(2025, 3, 10))
    ctx = AppContext(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    cat = ctx.categories.category_by_key("skill-development")
    assert cat is not None
    pmp = ctx.goals.create_goal(GoalDraft("Earn PMP", cat.id, Horizon.SHORT)).id
    sql = ctx.goals.create_goal(GoalDraft("Learn SQL", cat.id, Horizon.SHORT)).id
    lead = ctx.goals.create_goal(GoalDraft("Lead a team", cat.id, Horizon.LONG)).id
    manager = ctx.goals.create_goal(GoalDraft("Become a manager", cat.id, Horizon.LONG)).id

    filters = FilterState()
    board = BoardView(ctx, filters)
    qtbot.addWidget(board)
    board.resize(900, 500)
    board.show()
    qtbot.waitExposed(board)
    source = board.views[Horizon.SHORT]
    target = board.views[Horizon.LONG]
    window = board.windowHandle()
    assert window is not None

    start = source.visualRect(source.model().index(0, 0)).center()
    second = target.visualRect(target.model().index(1, 0))
    drop_at = QPoint(second.center().x(), second.top() + second.height() // 4)  # above "Become a manager"
    drop_in_window = target.viewport().mapTo(board, drop_at)

    seen: dict[str, object] = {}

    def drive_drag() -> None:  # runs inside QDrag.exec()'s nested loop
        drag = source.findChild(QDrag)
        if drag is not None:  # what the user sees under the pointer
            seen["label"] = drag.pixmap().deviceIndependentSize()
            seen["hotspot"] = drag.hotSpot()
        QTest.mouseMove(window, drop_in_window - QPoint(0, 6))
        QTest.mouseMove(window, drop_in_window)
        seen["target lit"] = target.drop_target and not source.drop_target
        seen["line"] = target.drop_line_y == second.top()
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, drop_in_window)

    escaped: list[bool] = []

    def escape() -> None:
        escaped.append(True)
        QTest.keyClick(window, Qt.Key.Key_Escape)

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(escape)
    guard.start(5000)
    QTimer.singleShot(50, drive_drag)

    viewport = source.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(2, 0))
    qtbot.mouseMove(viewport, start + QPoint(0, QApplication.startDragDistance() + 10))  # starts QDrag.exec()
    guard.stop()

    assert not escaped, "the drag did not finish; Escape cancelled it"
    label = seen["label"]
    assert isinstance(label, QSizeF) and label.width() <= 220 and label.height() <= 40  # a small label
    hotspot = seen["hotspot"]
    assert isinstance(hotspot, QPoint) and hotspot.x() < 0 and hotspot.y() < 0  # it sits below-right of the pointer
    assert seen["target lit"] is True and seen["line"] is True
    assert not target.drop_target  # the highlight goes away with the drop
    assert ctx.board.column_ids(Horizon.LONG) == [lead, pmp, manager]
    assert ctx.board.column_ids(Horizon.SHORT) == [sql]
    assert board.models[Horizon.LONG].goal_ids() == [lead, pmp, manager]
    assert ctx.undo_stack.undoText() == "Move “Earn PMP” to Long-term"
    ctx.undo_stack.undo()
    assert board.models[Horizon.SHORT].goal_ids() == [pmp, sql]
    board.close()
    ctx.close()
