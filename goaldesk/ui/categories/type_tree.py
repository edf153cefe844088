"""The goal-type tree view: a clear highlight on the type a drag will drop on.

Qt's own drop indicator is a thin outline that the drag image easily hides, and near a row's top or
bottom edge it means "between rows", which for goals filed by dropping means the parent type: a goal
could land one level up from the row under the cursor. So while goals are dragged over the tree, any
point on a row drops on that row (overwrite mode), and the whole row the drop will go to is filled
with the palette's highlight and outlined, across the full width, where the drag image cannot cover it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from goaldesk.ui.common.mime import GOAL_IDS_MIME

AUTO_EXPAND_MS = 700
"""Hovering a collapsed type this long during a drag opens it, so subtypes can be reached."""


class TypeTreeView(QTreeView):
    """A QTreeView that shows which row a drag is over; ``drop_target()`` tells tests and callers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = QPersistentModelIndex()
        self.setAutoExpandDelay(AUTO_EXPAND_MS)

    def drop_target(self) -> QModelIndex:
        """The row a drop here would go to now (invalid when none, or when no drag is over the tree)."""
        target = self._target
        if not target.isValid():
            return QModelIndex()
        return target.model().index(target.row(), target.column(), target.parent())

    # ------------------------------------------------------------------ drag events

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        # Goals drop ON a type wherever the cursor is on its row; types keep "between rows" for nesting.
        self.setDragDropOverwriteMode(mime is not None and mime.hasFormat(GOAL_IDS_MIME))
        super().dragEnterEvent(event)  # a DragMove follows at once and places the highlight

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        self._follow(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._set_target(QModelIndex())
        self.setDragDropOverwriteMode(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_target(QModelIndex())
        super().dropEvent(event)
        self.setDragDropOverwriteMode(False)

    def _follow(self, event: QDragMoveEvent) -> None:
        """The row the view would drop on (the item, or its parent between rows), if it accepts the drop."""
        target = QModelIndex()
        if event.isAccepted():
            index = self.indexAt(event.position().toPoint())
            where = self.dropIndicatorPosition()
            if where == QAbstractItemView.DropIndicatorPosition.OnItem:
                target = index
            elif where != QAbstractItemView.DropIndicatorPosition.OnViewport and index.isValid():
                target = index.parent()
        self._set_target(target)

    def _set_target(self, index: QModelIndex) -> None:
        old = self.drop_target()
        if old == index:
            return
        self._target = QPersistentModelIndex(index) if index.isValid() else QPersistentModelIndex()
        for changed in (old, index):
            if changed.isValid():
                self.viewport().update(self._row_rect(changed))

    # ------------------------------------------------------------------ painting

    def _row_rect(self, index: QModelIndex) -> QRect:
        rect = self.visualRect(index)
        return QRect(0, rect.top(), self.viewport().width(), rect.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        target = self.drop_target()
        if not target.isValid():
            return
        rect = self._row_rect(target)
        if rect.isEmpty():
            return
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlphaF(0.45)
        painter = QPainter(self.viewport())
        painter.fillRect(rect, fill)
        painter.setPen(QPen(highlight, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.end()
