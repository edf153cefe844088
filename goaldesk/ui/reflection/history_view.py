"""A goal's history ("stay flexible"): what changed, when, and why.

History is append-only: an edit adds entries, and undoing it adds entries of its own (reason "undo")
instead of erasing the record. ``ask_reason`` gently asks why before a target or deadline change;
``HistoryTab`` shows the timeline in the goal details dock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.store.base import Change
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.tree_items import top_items
from goaldesk.ui.shell.context import AppContext

FIELD_LABELS = {
    "title": "Title",
    "target": "Target",
    "deadline": "Deadline",
    "horizon": "Horizon",
    "category_id": "Goal type",
    "status": "Status",
}
REASON_LABELS = {"undo": "Undone", "redo": "Redone"}
REASON_MAX = 500


def needs_reason(goal: Goal, draft: GoalDraft) -> bool:
    """Only target and deadline changes are worth a "why": they are the plan itself."""
    return goal.target != draft.target or goal.deadline != draft.deadline


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "none"
    text = f"{value:g}"
    return f"{text} {unit}".strip()


def _day(value: date | None) -> str:
    return "none" if value is None else value.isoformat()


class ReasonDialog(QDialog):
    """Asks, without judging, why the plan changed. The reason is optional."""

    def __init__(self, goal: Goal, draft: GoalDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Adjusting a Goal")
        intro = QLabel("Adjusting a goal is fine — why? A few words now help you see later what changed.")
        intro.setWordWrap(True)
        changes: list[str] = []
        if goal.target != draft.target:
            changes.append(f"Target: {_number(goal.target, goal.unit)} → {_number(draft.target, draft.unit)}")
        if goal.deadline != draft.deadline:
            changes.append(f"Deadline: {_day(goal.deadline)} → {_day(draft.deadline)}")
        self.summary = QLabel("\n".join(changes))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Why the plan changed (optional)"))
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.setPlaceholderText("e.g. “New project took two weeks”, or leave empty")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save Change", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton("S&kip", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.skip_button.clicked.connect(self.skip)
        self.skipped = False
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def skip(self) -> None:
        self.skipped = True
        self.accept()

    def reason(self) -> str:
        return "" if self.skipped else " ".join(self.reason_edit.text().split())


def ask_reason(parent: QWidget | None, goal: Goal, draft: GoalDraft) -> str | None:
    """Why the target or deadline changed: the reason ('' when skipped or nothing to ask), None if cancelled.

    Call before ``EditGoal`` and pass the answer as ``reason``; on None, keep the editor open.
    """
    if not needs_reason(goal, draft):
        return ""
    dialog = ReasonDialog(goal, draft, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()
    finally:
        dialog.deleteLater()


class HistoryTab(QWidget):
    """The timeline of one goal's changes, newest first; refreshes after every committed write."""

    COLUMNS = ("When", "What", "Change", "Why")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id: int | None = None
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("History"))
        self.tree.setAccessibleDescription(self.tr("What changed in this goal, when and why; newest first"))
        name_scroll_bars(self.tree)
        self.tree.setHeaderLabels(list(self.COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            "No changes yet. Adjusting a goal is normal: each change to its title, target, deadline, "
            "horizon, type or status is kept here with your reason."
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        ctx.notifier.changed.connect(self._changed)
        self.show_goal(None)

    def show_goal(self, goal_id: int | None) -> None:
        self.goal_id = goal_id
        self.reload()

    def _changed(self, changes: list[Change]) -> None:
        if self.goal_id is not None and touches(changes, "goal", "category"):
            self.reload()

    def _value(self, field: str, value: str | None, unit: str) -> str:
        if value is None or value == "":
            return "none"
        if field == "category_id":
            try:
                return self.ctx.categories.category(int(value)).name
            except (DomainError, ValueError):
                return "a deleted type"
        if field == "horizon":
            try:
                return Horizon(value).label
            except ValueError:
                return value
        if field == "status":
            try:
                return GoalStatus(value).label
            except ValueError:
                return value
        if field == "target" and unit:
            return f"{value} {unit}"
        return value

    def reload(self) -> None:
        self.tree.clear()
        goal = None if self.goal_id is None else self.ctx.goals.find_goal(self.goal_id)
        entries = [] if goal is None else self.ctx.history.history(goal.id)
        unit = goal.unit if goal is not None else ""
        for entry in reversed(entries):
            change = f"{self._value(entry.field, entry.old, unit)} → {self._value(entry.field, entry.new, unit)}"
            reason = REASON_LABELS.get(entry.reason, entry.reason)
            item = QTreeWidgetItem([
                entry.at.strftime("%Y-%m-%d %H:%M"), FIELD_LABELS.get(entry.field, entry.field), change, reason,
            ])
            item.setToolTip(2, change)
            item.setToolTip(3, reason)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not entries)
        self.tree.setVisible(bool(entries))

    def rows(self) -> list[list[str]]:
        """The shown rows as text (newest first): for tests and copy."""
        out: list[list[str]] = []
        for item in top_items(self.tree):
            out.append([item.text(c) for c in range(len(self.COLUMNS))])
        return out
