"""The goal list's view and its status filter choices."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView

from goaldesk.domain.enums import GoalStatus
from goaldesk.ui.common import roles
from goaldesk.ui.common.drag import start_compact_drag
from goaldesk.ui.common.filters import ALL_STATUSES
from goaldesk.ui.common.focus import paint_focus_ring

STATUS_FILTERS: tuple[tuple[str, frozenset[GoalStatus]], ...] = (
    ("Active", frozenset({GoalStatus.ACTIVE})),
    ("Achieved", frozenset({GoalStatus.ACHIEVED})),
    ("Abandoned", frozenset({GoalStatus.ABANDONED})),
    ("All", ALL_STATUSES),
)


class GoalTable(QTableView):
    """The list view: Enter edits, Delete moves to the Trash, drags goal ids onto the type tree.

    The current row carries a clear focus ring while the table has focus; a drag shows a small label
    beside the pointer, so the goal type under it stays visible.
    """

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

    def startDrag(self, supported: Qt.DropAction) -> None:
        start_compact_drag(self, supported)

    # ---------------------------------------------------------------- focus ring

    def row_rect(self, row: int) -> QRect:
        """The current row's whole width on the viewport (empty when the row is not shown)."""
        if row < 0 or self.isRowHidden(row):
            return QRect()
        left = -self.horizontalOffset()
        width = self.horizontalHeader().length()
        return QRect(left, self.rowViewportPosition(row), width, self.rowHeight(row))

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        for index in (current, previous):
            if index.isValid():
                self.viewport().update(self.row_rect(index.row()).adjusted(-2, -2, 2, 2))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        current = self.currentIndex()
        if not self.hasFocus() or not current.isValid():
            return
        rect = self.row_rect(current.row()).intersected(self.viewport().rect())
        if rect.isEmpty():
            return
        selected = self.selectionModel().isRowSelected(current.row(), current.parent())
        painter = QPainter(self.viewport())
        paint_focus_ring(painter, rect, self.palette(), selected=selected)
        painter.end()

