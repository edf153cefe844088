"""Balance: does work crowd out the rest? Active goals and mean progress, Professional vs Personal and per type.

A plain table with small bars painted in the palette's highlight colour (so a dark palette works).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.reflection import BalanceRow
from goaldesk.store.base import Change
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.shell.context import AppContext

AnyIndex = QModelIndex | QPersistentModelIndex
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1


class BalanceModel(QAbstractTableModel):
    AREA, ACTIVE, SHARE, PROGRESS = range(4)
    HEADERS = ("Area", "Active goals", "Share", "Mean progress")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BalanceRow] = []

    def set_rows(self, rows: list[BalanceRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.AREA:
                return row.label if row.level == 0 else f"    {row.label}"
            if col == self.ACTIVE:
                return str(row.active)
            if col == self.SHARE:
                return f"{row.share:.0%}"
            if col == self.PROGRESS:
                return "–" if row.mean_progress is None else f"{row.mean_progress:.0%}"
        if role == FRACTION_ROLE:
            if col == self.SHARE:
                return row.share
            if col == self.PROGRESS:
                return row.mean_progress
        if role == Qt.ItemDataRole.FontRole and row.level == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.AREA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PROGRESS and row.mean_progress is None:
            return "No goal here has a target or milestones yet, so progress is unknown."
        return None


class BarDelegate(QStyledItemDelegate):
    """Draws a thin bar under the percentage: quicker to compare than numbers."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        fraction = index.data(FRACTION_ROLE)
        if fraction is None:
            return
        rect: QRect = option.rect.adjusted(4, option.rect.height() - 6, -4, -2)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Mid))
        filled = QRect(rect)
        filled.setWidth(round(rect.width() * max(0.0, min(1.0, float(fraction)))))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        painter.fillRect(filled, palette.color(role))
        painter.restore()


class BalanceView(QWidget):
    """The balance table plus one sentence saying what it means."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Balance")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = BalanceModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Balance by goal type"))
        name_scroll_bars(self.table)
        self.table.setModel(self.model)
        self.table.setItemDelegate(BarDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, 110)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ctx.notifier.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "goal", "category", "checkin", "milestone"):
            self.reload()

    def reload(self) -> None:
        rows = self.ctx.review.balance()
        self.model.set_rows(rows)
        self.summary.setText(self.describe(rows))

    @staticmethod
    def describe(rows: list[BalanceRow]) -> str:
        """One plain sentence about the split, and a nudge when rest has no goal at all."""
        groups = {r.label: r for r in rows if r.level == 0}
        total = sum(r.active for r in groups.values())
        if total == 0:
            return "No active goals yet. Balance shows how your goals split between work and the rest of life."
        work = groups.get("Professional")
        life = groups.get("Personal")
        w = work.active if work else 0
        p = life.active if life else 0
        # The noun agrees with the total: "1 professional and 0 personal active goal", "… goals".
        text = QCoreApplication.translate(
            "BalanceView", "%1 professional and %2 personal active goal(s).", "", w + p
        ).replace("%1", str(w)).replace("%2", str(p))
        if w and not p:
            text += " Work has all your goals right now; a personal goal would balance it."
        elif p and not w:
            text += " All your active goals are personal."
        elif w >= 3 * p:
            text += " Work takes most of your goals; make sure the rest of life gets time too."
        wlb = next((r for r in rows if r.level == 1 and r.label == "Work-Life Balance"), None)
        if w and wlb is not None and wlb.active == 0:
            text += " No Work-Life Balance goal yet: breaks and boundaries are goals too."
        return text
