"""The goal list's view and its status filter choices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView

from goaldesk.domain.enums import GoalStatus
from goaldesk.ui.common import roles
from goaldesk.ui.common.filters import ALL_STATUSES

STATUS_FILTERS: tuple[tuple[str, frozenset[GoalStatus]], ...] = (
    ("Active", frozenset({GoalStatus.ACTIVE})),
    ("Achieved", frozenset({GoalStatus.ACHIEVED})),
    ("Abandoned", frozenset({GoalStatus.ABANDONED})),
    ("All", ALL_STATUSES),
)


class GoalTable(QTableView):
    """The list view: Enter edits, Delete moves to the Trash, drags goal ids onto the type tree."""

    activatedGoal = Signal(int)
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedGoal.emit(int(self.currentIndex().data(roles.GoalIdRole)))
            return
        if event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
