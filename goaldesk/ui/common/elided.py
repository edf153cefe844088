"""A one-line label that shortens its text with "…" instead of widening its window.

At 1024 x 600 or at 200% scale a label's full width ("Short-term (12)", a database path) can be what
forces a pane wider than the screen; this label gives way. Screen readers still get the whole text
(the label's text is untouched; only the painting is shortened), and so does the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8
"""Characters' width the label keeps at least, so a shortened text still says what it is."""


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" (``mode``: where); the full text in the tooltip."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle
    ) -> None:
        super().__init__(text, parent)
        self.mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def set_text(self, text: str) -> None:
        """The text and its tooltip (a shortened label shows the whole in the tooltip)."""
        self.setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * MIN_CHARS, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), self.mode, rect.width())
        painter.drawText(rect, int(self.alignment()), text)
        painter.end()
