"""An inline field error: a warning icon and bold text in an error colour that follows the palette.

Not link blue (it must not look clickable) and not a fixed red (unreadable on a dark palette): the
colour is the palette's text colour moved toward red, so it is dark red on a light palette and light
red on a dark one, and it is worked out again whenever the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

_RED = QColor(214, 40, 40)


def error_colour(palette: QPalette) -> QColor:
    """Readable error text for ``palette``: its text colour half way to red."""
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    t = 0.5
    return QColor.fromRgbF(
        text.redF() + (_RED.redF() - text.redF()) * t,
        text.greenF() + (_RED.greenF() - text.greenF()) * t,
        text.blueF() + (_RED.blueF() - text.blueF()) * t,
    )


class FieldMessage(QWidget):
    """What is wrong with one field, under it; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        bold = self.label.font()
        bold.setBold(True)
        self.label.setFont(bold)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._restyle()

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)

    def colour(self) -> QColor:
        return self.label.palette().color(QPalette.ColorRole.WindowText)

    def _restyle(self) -> None:
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
        self.label.setPalette(palette)
        size = self.label.fontMetrics().height()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()  # light <-> dark: the colour follows
        super().changeEvent(event)
