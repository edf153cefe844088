"""Test-only: tell a real-input test where things are on screen, so it never guesses pixels.

When ``GOALDESK_TEST_GEOMETRY=/path/file.json`` is set, the app polls for ``/path/file.json.request``;
when that file appears it writes the global rectangles (``mapToGlobal``, ``visualRect``, scaled to
the X server's pixels when Qt scales, e.g. ``QT_SCALE_FACTOR=2``) of the
window, tabs, list rows, board cards, goal-type tree rows and the buttons of the active dialog to the
JSON file, then deletes the request. It also says which pane holds the keyboard focus ("tree",
"search", "list", "board", "details", ...) and how the window fits its screen (frame, available area,
minimum size, panes that would need a horizontal scrollbar). The test then acts only through X input
events (xdotool); this module never clicks, drags or types anything itself. Without the variable
nothing is installed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)

from goaldesk.ui.common import roles
from goaldesk.ui.goals.goal_model import Column

ENV = "GOALDESK_TEST_GEOMETRY"
POLL_MS = 50

Rect = list[int]


def _global(widget: QWidget, rect: QRect | None = None) -> Rect:
    """A rectangle in the X server's pixels: Qt's logical pixels times the scale (QT_SCALE_FACTOR=2)."""
    r = rect if rect is not None else widget.rect()
    top_left = widget.mapToGlobal(r.topLeft())
    return _device([top_left.x(), top_left.y(), r.width(), r.height()], widget.devicePixelRatioF())


def _device(rect: Rect, ratio: float) -> Rect:
    return [round(v * ratio) for v in rect]


def _rows(view: QAbstractItemView, id_role: int, column: int = 0) -> list[dict[str, Any]]:
    """Every row (a tree's expanded children too) whose rectangle is at least partly in the viewport."""
    model = view.model()
    viewport = view.viewport()
    visible = viewport.rect()
    out: list[dict[str, Any]] = []
    queue = [model.index(r, column) for r in range(model.rowCount())]
    while queue:
        index = queue.pop(0)
        rect = view.visualRect(index)
        if rect.isValid() and rect.intersects(visible):
            out.append({
                "id": index.data(id_role),
                "text": index.data(Qt.ItemDataRole.DisplayRole),
                "row": index.row(),
                "rect": _global(viewport, rect.intersected(visible)),
            })
        if isinstance(view, QTreeView) and view.isExpanded(index):
            queue.extend(model.index(r, column, index) for r in range(model.rowCount(index)))
    return out


def snapshot(window: QWidget) -> dict[str, Any]:
    """Where the window's interactive parts are, in global (screen) pixels."""
    data: dict[str, Any] = {"pid": os.getpid(), "window": _global(window), "title": window.windowTitle()}
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        bar = tabs.findChild(QTabBar)
        data["tabs"] = {tabs.tabText(i): _global(bar, bar.tabRect(i)) for i in range(tabs.count())}
        data["current_tab"] = tabs.currentIndex()
    table = getattr(window, "table", None)
    if table is not None and table.isVisible():
        rows = _rows(table, roles.GoalIdRole, int(Column.TITLE))
        data["list"] = {"viewport": _global(table.viewport()), "rows": rows}
    board = getattr(window, "board", None)
    views = getattr(board, "views", None)
    if views and board is not None and board.isVisible():
        data["board"] = {
            horizon.value: {"viewport": _global(view.viewport()), "cards": _rows(view, roles.GoalIdRole)}
            for horizon, view in views.items()
        }
    tree = window.findChild(QTreeView, "categoryTree")
    if tree is not None and tree.isVisible():
        data["tree"] = {"viewport": _global(tree.viewport()), "rows": _rows(tree, roles.CategoryIdRole)}
    active = QApplication.activeModalWidget() or QApplication.activeWindow()
    if active is not None:
        data["active"] = {
            "class": type(active).__name__,
            "qt_class": active.metaObject().className(),
            "title": active.windowTitle(),
            "text": active.text() if isinstance(active, QMessageBox) else "",
            "rect": _global(active),
            "buttons": [
                {"text": b.text(), "tip": b.toolTip(), "rect": _global(b)}
                for b in active.findChildren(QAbstractButton)
                if b.isVisible()
            ],
            "edits": [
                {"name": e.objectName(), "text": e.text(), "enabled": e.isEnabled(), "rect": _global(e)}
                for e in active.findChildren(QLineEdit)
                if e.isVisible()
            ],
            "combos": [
                {"name": c.objectName(), "text": c.currentText(), "rect": _global(c)}
                for c in active.findChildren(QComboBox)
                if c.isVisible()
            ],
        }
    focus = QApplication.focusWidget()
    data["focus"] = None if focus is None else {
        "class": focus.metaObject().className(),
        "name": focus.objectName(),
        "pane": _pane(window, focus),
    }
    data["fit"] = fit_report(window)
    return data


def _pane(window: QWidget, focus: QWidget) -> str | None:
    """Which pane holds the keyboard: "tree", "search", "list", "board", "details" or another dock's name."""
    panes = getattr(window, "panes", None)
    pane = panes.pane_of(focus) if panes is not None else None
    if pane == "centre":
        return str(panes.centre_name())  # type: ignore[union-attr]
    if pane == "side":
        dock: QWidget | None = focus
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        name = dock.objectName() if dock is not None else ""
        return "details" if name == "detailsDock" else name or "side"
    return pane


def fit_report(window: QWidget) -> dict[str, Any]:
    """How the window sits on its screen, and whether any shown pane would need sideways scrolling."""
    screen = window.screen()
    frame = window.frameGeometry()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    sideways = []
    for area in window.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and not area.visibleRegion().isEmpty() and bar.isVisible() and bar.maximum() > 0:
            sideways.append(area.objectName() or area.metaObject().className())
    toolbar = window.findChild(QToolBar, "mainToolbar")
    folded = toolbar is not None and any(
        b.isVisible() for b in toolbar.findChildren(QToolButton, "qt_toolbar_ext_button")
    )
    room = screen.availableGeometry() if screen is not None else QRect()
    ratio = window.devicePixelRatioF()
    return {  # frame and available area in the X server's pixels, like every other rectangle here
        "frame": _device([frame.x(), frame.y(), frame.width(), frame.height()], ratio),
        "available": _device([room.x(), room.y(), room.width(), room.height()], ratio),
        "device_pixel_ratio": ratio,
        "minimum": [minimum.width(), minimum.height()],  # logical pixels, as Qt lays out
        "sideways_scrolling": sideways,
        "toolbar_folded": folded,
        "docks_in_front": [
            d.objectName() for d in window.findChildren(QDockWidget)
            if d.isVisible() and not d.visibleRegion().isEmpty()
        ],
    }


class GeometryProbe(QObject):
    """Answers request files with a snapshot of ``window`` (see the module docstring)."""

    def __init__(self, window: QWidget, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.request = path.with_name(path.name + ".request")
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        if not self.request.exists():
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(snapshot(self.window)), encoding="utf-8")
        tmp.replace(self.path)
        self.request.unlink(missing_ok=True)


def install_if_asked(window: QWidget) -> GeometryProbe | None:
    """Install the probe when ``GOALDESK_TEST_GEOMETRY`` names a file; otherwise do nothing."""
    target = os.environ.get(ENV)
    if not target:
        return None
    return GeometryProbe(window, Path(target))
