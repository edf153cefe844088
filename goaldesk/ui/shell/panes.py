"""Tab moves between the window's panes; the arrows move within one.

The panes, in Tab order: the goal-type tree, the search box, the centre (the list, or the board's
columns), the side panel (goal details, or whichever dock is in front). Without this, Tab walked the
goal table cell by cell and never left it. Inside the board and the side panel, Tab visits their own
controls (columns; buttons and tabs) before moving on, so every button stays reachable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow

PANES = ("tree", "search", "centre", "side")


def _tab_stop(widget: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
    )


def in_front(dock: QDockWidget) -> bool:
    """Shown and not behind another dock's tab (a tabified dock stays "visible" behind the tab)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


class PaneNavigator:
    """Decides where Tab and Shift+Tab go; ``MainWindow.focusNextPrevChild`` asks it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # ------------------------------------------------------------------ what is where

    def containers(self, pane: str) -> list[QWidget]:
        w = self.window
        if pane == "tree":
            return [w.category_panel]
        if pane == "search":
            return [w.search]
        if pane == "centre":
            return [w.tabs.currentWidget()]
        docks = [d for d in w.findChildren(QDockWidget) if in_front(d) and not d.isFloating()]
        return [d for d in docks if d.widget() is not None]

    def pane_of(self, widget: QWidget | None) -> str | None:
        """Which pane holds ``widget`` ("tree", "search", "centre", "side"), or None."""
        if widget is None:
            return None
        for pane in PANES:
            for container in self.containers(pane):
                if container is widget or container.isAncestorOf(widget):
                    return pane
        return None

    def centre_name(self) -> str:
        return "list" if self.window.tabs.currentIndex() == 0 else "board"

    def stops(self, pane: str) -> list[QWidget]:
        """The pane's Tab stops in focus-chain order (the centre's list: the table alone)."""
        w = self.window
        if pane == "search":
            return [w.search]
        if pane == "centre" and w.tabs.currentIndex() == 0:
            view = w.selection.view_for_focus()
            return [view] if view is not None else []
        if pane == "tree":
            tree = getattr(w.category_panel, "tree", None)
            return [tree] if isinstance(tree, QWidget) else []
        containers = self.containers(pane)
        out: list[QWidget] = []
        widget = w.nextInFocusChain()
        seen: set[int] = set()
        while widget is not None and widget is not w and id(widget) not in seen:
            seen.add(id(widget))
            if _tab_stop(widget) and any(c.isAncestorOf(widget) for c in containers):
                out.append(widget)
            widget = widget.nextInFocusChain()
        if pane == "centre":  # the board: start on the column that holds the current goal
            entry = w.selection.view_for_focus()
            if entry is not None and entry in out:
                out.remove(entry)
                out.insert(0, entry)
        return out

    # ------------------------------------------------------------------ moving

    def move(self, forward: bool) -> bool:
        """Move the keyboard focus one stop; True when it moved."""
        focus = QApplication.focusWidget()
        pane = self.pane_of(focus)
        if pane is None:
            target = self._enter(PANES[0] if forward else PANES[-1], forward)
        else:
            stops = self.stops(pane)
            here = self._index(stops, focus)
            step = 1 if forward else -1
            inside = here is not None and 0 <= here + step < len(stops) and pane in ("centre", "side")
            if inside and here is not None:
                target = stops[here + step]
            else:
                target = self._next_pane(pane, forward)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True

    @staticmethod
    def _index(stops: list[QWidget], focus: QWidget | None) -> int | None:
        while focus is not None:
            if focus in stops:
                return stops.index(focus)
            focus = focus.parentWidget()
        return None

    def _next_pane(self, pane: str, forward: bool) -> QWidget | None:
        i = PANES.index(pane)
        for step in range(1, len(PANES) + 1):
            candidate = PANES[(i + step if forward else i - step) % len(PANES)]
            target = self._enter(candidate, forward)
            if target is not None:
                return target
        return None

    def _enter(self, pane: str, forward: bool) -> QWidget | None:
        stops = self.stops(pane)
        if not stops:
            return None
        if forward or pane not in ("centre", "side"):
            return stops[0]
        return stops[-1]
