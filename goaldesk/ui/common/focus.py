"""A focus ring that can be seen: the style's dotted cell frame was too faint to find the current row.

The ring is drawn in the palette's highlight colour (so it follows light and dark palettes); on a row
that is itself filled with the highlight colour, an inner line in the highlighted-text colour keeps it
visible.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen

RING_WIDTH = 2.0


def paint_focus_ring(painter: QPainter, rect: QRect, palette: QPalette, *, selected: bool, radius: float = 0.0) -> None:
    """A 2 px ring just inside ``rect``; a second, inner ring when the area is already highlighted."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, radius > 0)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outer = QRectF(rect).adjusted(RING_WIDTH / 2, RING_WIDTH / 2, -RING_WIDTH / 2, -RING_WIDTH / 2)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), RING_WIDTH))
    painter.drawRoundedRect(outer, radius, radius)
    if selected:
        inner = outer.adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
        pen = QPen(palette.color(QPalette.ColorRole.HighlightedText), 1.5)
        painter.setPen(pen)
        painter.drawRoundedRect(inner, max(0.0, radius - RING_WIDTH), max(0.0, radius - RING_WIDTH))
    painter.restore()
