"""Delegates for the goal list: a progress bar with its percentage beside it, in the palette's colours.

The style's own progress bar centres the text over the bar and paints the part over the fill in
another colour, so "38%" split at the fill's edge and read as "88%" at 2x zoom. Here the bar gets the
left part of the cell and the text sits to its right in one colour, never over the fill.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar, QStyleOptionViewItem

from goaldesk.ui.common import roles

Index = QModelIndex | QPersistentModelIndex
MIN_BAR = 24
"""Narrower than this, the bar is left out and only the percentage is shown."""


def percent_text(progress: float) -> str:
    return f"{round(progress * 100)}%"


class ProgressDelegate(QStyledItemDelegate):
    """Bar on the left, percentage on the right; the text is HighlightedText on a selected row, else Text."""

    def layout(self, option: QStyleOptionViewItem) -> tuple[QRect, QRect]:
        """(bar, text) rectangles inside the cell; the text is wide enough for "100%"."""
        cell = option.rect.adjusted(3, 3, -3, -3)
        text_w = option.fontMetrics.horizontalAdvance("100%") + 4
        bar_w = cell.width() - text_w - 4
        if bar_w < MIN_BAR:
            return QRect(), cell
        bar = QRect(cell.left(), cell.top(), bar_w, cell.height())
        text = QRect(bar.right() + 5, cell.top(), cell.right() - bar.right() - 4, cell.height())
        return bar, text

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        progress = index.data(roles.ProgressRole)
        if progress is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)  # background
        bar_rect, text_rect = self.layout(option)
        value = round(progress * 100)
        if not bar_rect.isEmpty():
            bar = QStyleOptionProgressBar()
            bar.rect = bar_rect
            bar.minimum = 0
            bar.maximum = 100
            bar.progress = value
            bar.textVisible = False
            bar.palette = option.palette
            bar.state = (option.state & QStyle.StateFlag.State_Enabled) | QStyle.StateFlag.State_Horizontal
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        painter.save()
        painter.setPen(option.palette.color(group, role))
        painter.setFont(option.font)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), f"{value}%")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        text_w = option.fontMetrics.horizontalAdvance("100%")
        return QSize(max(hint.width(), text_w + MIN_BAR + 18), hint.height())
