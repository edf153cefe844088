"""The details panel's parts: the check-in table and its model, the milestone list, layout helpers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.model import CheckIn
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.progress.checkin_dialog import fmt_number

AnyIndex = QModelIndex | QPersistentModelIndex


def fmt_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class CheckInModel(QAbstractTableModel):
    """A goal's check-ins, newest first: date, value, note."""

    HEADERS = ("Date", "Value", "Note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[CheckIn] = []
        self.unit = ""
        self.increments = False

    def set_checkins(self, checkins: list[CheckIn], unit: str, increments: bool) -> None:
        self.beginResetModel()
        self.items = sorted(checkins, key=lambda c: (c.on, c.id), reverse=True)
        self.unit = unit
        self.increments = increments
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 1:
            label = "Added" if self.increments else "Total"
            return f"{label} ({self.unit})" if self.unit else label
        return self.HEADERS[section]

    def checkin_at(self, row: int) -> CheckIn:
        return self.items[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        c = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return c
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return fmt_day(c.on)
            if col == 1:
                text = fmt_number(c.value)
                return f"+{text}" if self.increments and c.value > 0 else text
            return " ".join(c.note.split())[:120]
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 2 and not c.note.strip():
            return self.tr("No note")  # an empty cell is read as nothing at all, or skipped
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and c.note:
            return c.note[:2000]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CheckInTable(QTableView):
    """Insert adds, Delete removes, Enter edits: the keyboard is as quick as the buttons."""

    addRequested = Signal()
    editRequested = Signal()
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Check-ins"))
        self.setAccessibleDescription(self.tr("Newest first. Insert adds a check-in, Enter edits, Delete removes"))
        name_scroll_bars(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Insert:
            self.addRequested.emit()
        elif key == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.deleteRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.editRequested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class MilestoneList(QListWidget):
    """Space ticks (built in), Insert adds, F2 / Enter renames, Delete removes."""

    addRequested = Signal()
    renameRequested = Signal()
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Milestones"))
        self.setAccessibleDescription(self.tr("Space ticks a milestone off; Insert adds, F2 renames, Delete removes"))
        name_scroll_bars(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        has_current = self.currentItem() is not None
        if key == Qt.Key.Key_Insert:
            self.addRequested.emit()
        elif key == Qt.Key.Key_Delete and has_current:
            self.deleteRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and has_current:
            self.renameRequested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class VerticalScroll(QScrollArea):
    """Scrolls its page up and down only: a short window (600 px, or 200% scale) scrolls the details
    instead of forcing the window taller; the page is never narrower than it can be laid out."""

    MIN_HEIGHT = 160

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Goal details"))
        name_scroll_bars(self)
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        page = self.widget()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = (page.minimumSizeHint().width() if page is not None else 0) + bar
        return QSize(width, self.MIN_HEIGHT)

    def sizeHint(self) -> QSize:
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()


def lay_out_page(page: QWidget, empty: QWidget, view: QWidget, buttons: tuple[QWidget, ...]) -> None:
    """A details tab: its empty-state text, the list itself, then a row of buttons."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(empty)
    layout.addWidget(view, 1)
    layout.addLayout(row)


def button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


def muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def progress_row() -> tuple[QProgressBar, QLabel, QHBoxLayout]:
    """The goal's progress bar with its percentage beside it, in one colour.

    Drawn on the bar, the text changed colour where the fill ended ("50%" half white, half black), and
    "38%" read as "88%" at 2x; a label beside the bar reads the same at any value.
    """
    bar = QProgressBar()
    bar.setRange(0, 100)
    bar.setFormat("%p%")
    bar.setAccessibleName("Progress")
    bar.setTextVisible(False)
    label = QLabel()
    label.setObjectName("progressPercent")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("100%") + 4)
    row = QHBoxLayout()
    row.addWidget(bar, 1)
    row.addWidget(label)
    return bar, label, row
