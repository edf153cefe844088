"""The wins log: every small win, newest first, so progress stays visible long after the banner is gone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.store.base import Change
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.tree_items import top_items
from goaldesk.ui.shell.context import AppContext


class WinsLogDialog(QDialog):
    """Date, goal and what happened for each win; refreshes after every change to wins or goals."""

    COLUMNS = ("Date", "Goal", "What")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Wins Log")
        self.resize(640, 420)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Wins"))
        name_scroll_bars(self.tree)
        self.tree.setHeaderLabels(list(self.COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.empty = QLabel(
            "No wins yet. Record a check-in: every quarter of the way to a target, and every milestone "
            "ticked off, is logged here."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self._stale = False
        ctx.notifier.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "win", "goal"):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # closed (it is kept for the next open): read once when shown again

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        wins = self.ctx.reports.wins_data().wins
        self.tree.clear()
        for on, title, what in wins:
            item = QTreeWidgetItem([f"{on.day} {on:%b %Y}", title, what])
            item.setData(0, Qt.ItemDataRole.UserRole, on)
            item.setToolTip(1, title)
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(wins))
        self.empty.setVisible(not wins)
        self.summary.setText(self.tr("%n small win(s), newest first.", "", len(wins)))

    def rows(self) -> list[tuple[str, str, str]]:
        """What the list shows, top to bottom (for tests and accessibility checks)."""
        return [(item.text(0), item.text(1), item.text(2)) for item in top_items(self.tree)]
