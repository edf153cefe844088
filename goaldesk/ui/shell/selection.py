"""One current goal for the whole window: the list, the board and the details panel agree on it.

Whatever the user picks, in the list or on the board, becomes the selection every goal action uses
(Edit, SMART Check, Add Check-in, Print Chart, Delete, ...). The pick is mirrored into the other view,
so switching tabs keeps it, and the details panel is brought to the front to show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from goaldesk.domain.model import Goal
from goaldesk.ui.common import roles
from goaldesk.ui.shell.panes import in_front

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow


def board_views(board: QWidget) -> list[QAbstractItemView]:
    """The board's card columns (Short-term, Long-term, Recently achieved); none before it is built."""
    views = getattr(board, "views", None)
    if not views:
        return []
    achieved = getattr(board, "achieved_view", None)
    return [*views.values(), *([achieved] if isinstance(achieved, QAbstractItemView) else [])]


class GoalSelection(QObject):
    """Keeps ``ids`` (the selected goals, current first) in step with the list and the board."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ids: list[int] = []
        self._syncing = False
        window.table.selectionModel().selectionChanged.connect(self._from_list)
        window.tabs.currentChanged.connect(self._tab_changed)

    # ------------------------------------------------------------------ reading

    def goals(self) -> list[Goal]:
        """The selected goals that still exist (a goal deleted elsewhere simply drops out)."""
        found = (self.window.ctx.goals.find_goal(i) for i in self.ids)
        return [g for g in found if g is not None and not g.is_deleted]

    def current(self) -> Goal | None:
        goals = self.goals()
        return goals[0] if goals else None

    def _list_ids(self) -> list[int]:
        table = self.window.table
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        current = table.currentIndex()
        if current.isValid() and current.row() in rows:  # the row the user clicked last leads
            rows.remove(current.row())
            rows.insert(0, current.row())
        proxy = self.window.proxy
        return [int(proxy.index(r, 0).data(roles.GoalIdRole)) for r in rows]

    def _board_ids(self) -> list[int]:
        board = self.window.board
        return list(board.selected_goal_ids()) if hasattr(board, "selected_goal_ids") else []

    # ------------------------------------------------------------------ following the user

    def _from_list(self) -> None:
        if self._syncing:
            return
        self._set(self._list_ids(), mirror_to_board=True)

    def from_board(self, _goal_id: int = 0) -> None:
        if self._syncing:
            return
        self._set(self._board_ids(), mirror_to_list=True)

    def _tab_changed(self, index: int) -> None:
        """The visible view's own selection wins when it has one (the board shows one card of several)."""
        shown = self._list_ids() if index == 0 else self._board_ids()
        if shown and shown != self.ids:
            self._set(shown, mirror_to_board=index == 0, mirror_to_list=index == 1)
        elif self.ids:
            self._mirror(list_view=index == 0, board=index == 1)

    def select(self, goal_ids: list[int]) -> None:
        """Make ``goal_ids`` the selection (a goal just created, revealed, or picked by a test)."""
        self._set(list(goal_ids), mirror_to_board=True, mirror_to_list=True)

    def board_built(self) -> None:
        """The board was just made: show the current goal on it."""
        self._mirror(list_view=False, board=True)

    def _set(self, ids: list[int], mirror_to_board: bool = False, mirror_to_list: bool = False) -> None:
        self.ids = ids
        self._mirror(list_view=mirror_to_list, board=mirror_to_board)
        goal_id = ids[0] if ids else 0
        if goal_id:
            self._show_details()
        self.window.goalSelected.emit(goal_id)

    def _show_details(self) -> None:
        """Bring the details panel to the front when another dock ("This Week") covers it."""
        dock = self.window.details_dock
        if dock.toggleViewAction().isChecked() and self.window.tabifiedDockWidgets(dock) and not in_front(dock):
            dock.raise_()

    # ------------------------------------------------------------------ mirroring

    def _mirror(self, list_view: bool, board: bool) -> None:
        self._syncing = True
        try:
            if list_view:
                self._select_in_list(self.ids)
            if board:
                self._select_on_board(self.ids)
        finally:
            self._syncing = False

    def _select_in_list(self, ids: list[int]) -> None:
        w = self.window
        table = w.table
        selection = QItemSelection()
        first = None
        for goal_id in ids:
            row = w.model.row_of(goal_id)
            if row is None:
                continue
            index = w.proxy.mapFromSource(w.model.index(row, 0))
            if not index.isValid():
                continue
            first = first if first is not None else index
            last = index.siblingAtColumn(w.proxy.columnCount() - 1)
            selection.select(index, last)
        flags = QItemSelectionModel.SelectionFlag
        model = table.selectionModel()
        if first is None:  # nothing, or a goal the list does not show (filtered out)
            model.clearSelection()
            return
        model.setCurrentIndex(first, flags.NoUpdate)
        model.select(selection, flags.ClearAndSelect | flags.Rows)
        table.scrollTo(first)

    def _select_on_board(self, ids: list[int]) -> None:
        board = self.window.board
        if not hasattr(board, "select_goal"):
            return  # not built yet: board_built() shows the selection later
        if ids and board.select_goal(ids[0]):
            return
        for view in board_views(board):  # nothing, or a goal the board does not show (e.g. abandoned)
            view.clearSelection()

    # ------------------------------------------------------------------ Ctrl+1 / Ctrl+2

    def focus_tab(self, index: int) -> None:
        """Show the List (0) or Board (1) tab and put the keyboard in it, on the current goal."""
        w = self.window
        w.tabs.setCurrentIndex(index)
        target = self.view_for_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def view_for_focus(self) -> QWidget | None:
        """The widget that takes the keyboard in the centre: the table, or the board column in use."""
        w = self.window
        if w.tabs.currentIndex() == 0:
            if w.model.rowCount() == 0:
                return w.first_goal_button
            table = w.table
            if not table.currentIndex().isValid() and w.proxy.rowCount():
                table.selectionModel().setCurrentIndex(
                    w.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
            return table
        views = board_views(w.board)
        for view in views:
            if view.isVisible() and view.selectionModel().hasSelection():
                return view
        return views[0] if views else None
