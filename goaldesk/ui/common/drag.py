"""Drag feedback shared by the board and the list: a small label beside the pointer, a drop-target highlight.

Qt's default drag image is a picture of every dragged card or row, held under the pointer where it hid
the drop target and the drop-indicator line. Here the image is a compact label (at most 220 x 40 px)
that sits below and to the right of the pointer, and a column being dragged over is outlined in the
palette's highlight colour with a bold insertion line, so the user sees where the drop will land.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QDrag, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QWidget

MAX_SIZE = QSize(220, 40)
"""The largest drag label, in device-independent pixels."""
POINTER_GAP = QPoint(14, 16)
"""Where the label's top-left corner sits relative to the pointer: below-right, clear of the target."""


def dragged_titles(view: QAbstractItemView) -> list[str]:
    """The display text of the first column of each dragged row, in row order."""
    rows: dict[tuple[int, int], QModelIndex] = {}
    for index in view.selectionModel().selectedIndexes():
        if index.flags() & Qt.ItemFlag.ItemIsDragEnabled:
            rows.setdefault((index.row(), 0), index.siblingAtColumn(0))
    out = []
    for key in sorted(rows):
        text = rows[key].data(Qt.ItemDataRole.DisplayRole)
        out.append(" ".join(str(text).split()) if text is not None else "")
    return out


def drag_label(widget: QWidget, titles: list[str]) -> QPixmap:
    """A chip in the highlight colour: the first title (elided) and "+N" for the rest.

    Drawn at the widget's device pixel ratio, so it stays sharp and the same size on a 2x screen.
    """
    pal = widget.palette()
    fm = widget.fontMetrics()
    pad = max(4, fm.height() // 3)
    count = f"+{len(titles) - 1}" if len(titles) > 1 else ""
    count_w = fm.horizontalAdvance(count) + pad if count else 0
    height = min(MAX_SIZE.height(), fm.height() + 2 * pad)
    text_room = MAX_SIZE.width() - 2 * pad - count_w
    first = titles[0] if titles else ""
    title = fm.elidedText(first, Qt.TextElideMode.ElideRight, text_room)
    width = min(MAX_SIZE.width(), fm.horizontalAdvance(title) + count_w + 2 * pad + 2)

    dpr = widget.devicePixelRatioF()
    pixmap = QPixmap(round(width * dpr), round(height * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill = QColor(pal.color(QPalette.ColorRole.Highlight))
    fill.setAlpha(235)
    painter.setPen(QPen(pal.color(QPalette.ColorRole.HighlightedText), 1.0))
    painter.setBrush(fill)
    radius = height / 4
    painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1.0, height - 1.0), radius, radius)
    painter.setFont(widget.font())
    text_rect = QRect(pad, 0, width - 2 * pad - count_w, height)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), title)
    if count:
        painter.drawText(QRect(width - count_w, 0, count_w - pad, height),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), count)
    painter.end()
    return pixmap


def start_compact_drag(view: QAbstractItemView, supported: Qt.DropAction) -> Qt.DropAction:
    """QAbstractItemView.startDrag with the compact label; the rows are never removed by the view.

    The models change rows only when the database reports the commit, so unlike Qt's startDrag this
    does not remove the dragged rows after a move.
    """
    model = view.model()
    indexes = [i for i in view.selectionModel().selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsDragEnabled]
    if model is None or not indexes:
        return Qt.DropAction.IgnoreAction
    data = model.mimeData(indexes)
    if data is None:
        return Qt.DropAction.IgnoreAction
    drag = QDrag(view)
    drag.setMimeData(data)
    drag.setPixmap(drag_label(view, dragged_titles(view)))
    drag.setHotSpot(-POINTER_GAP)
    default = view.defaultDropAction()
    if not supported & default:
        default = Qt.DropAction.CopyAction if supported & Qt.DropAction.CopyAction else Qt.DropAction.IgnoreAction
    result = drag.exec(supported, default)
    view.viewport().update()
    return result


def paint_drop_target(widget: QWidget, painter: QPainter, line_y: int | None) -> None:
    """Outline ``widget`` (a view's viewport) as the drop target; a bold insertion line at ``line_y``."""
    pal = widget.palette()
    highlight = pal.color(QPalette.ColorRole.Highlight)
    tint = QColor(highlight)
    tint.setAlpha(28)
    rect = widget.rect()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(rect, tint)
    pen = QPen(highlight, 3.0)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
    if line_y is not None:
        y = max(3, min(rect.height() - 4, line_y))
        line = QPen(highlight, 3.0)
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(line)
        painter.drawLine(QPoint(8, y), QPoint(rect.width() - 9, y))
        painter.setBrush(highlight)
        painter.drawEllipse(QRectF(4, y - 4, 8, 8))
        painter.drawEllipse(QRectF(rect.width() - 13, y - 4, 8, 8))
    painter.restore()
