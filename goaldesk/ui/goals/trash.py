"""The Trash: goals deleted from the list, which can be restored (undoable) or deleted for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.model import GoalQuery
from goaldesk.ui.common.commands import run
from goaldesk.ui.goals.commands import RestoreGoals
from goaldesk.ui.shell.context import USER_ERRORS, AppContext


class TrashDialog(QDialog):
    """The deleted goals. It re-reads them on every change only while it is open."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reloads = 0  # how often the list was read from the database (a closed Trash must not read)
        self.setWindowTitle(self.tr("Trash"))
        self.resize(480, 360)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(self.tr("Deleted goals"))
        self.list.setAccessibleDescription(self.tr("Select goals, then Restore them or delete them for good"))
        self.empty = QLabel(self.tr("The Trash is empty. Goals you delete wait here until you delete them for good."))
        self.empty.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.purge_button = QPushButton(self.tr("&Delete for Good…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(lambda: self.purge_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        # A bound method: the connection ends with the dialog; done() ends it as soon as the dialog closes.
        ctx.notifier.changed.connect(self._changed)
        self._listening = True
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def _changed(self, _changes: object) -> None:
        self.reload()

    def done(self, result: int) -> None:
        self._stop_listening()
        super().done(result)

    def _stop_listening(self) -> None:
        if self._listening:
            self._listening = False
            self.ctx.notifier.changed.disconnect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._listening:  # shown again after closing: follow changes again
            self.ctx.notifier.changed.connect(self._changed)
            self._listening = True
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self.reloads += 1
        self.list.clear()
        for goal in self.ctx.goals.list_goals(GoalQuery(deleted=True)):
            when = goal.deleted_at.strftime("%Y-%m-%d %H:%M") if goal.deleted_at else ""
            item = QListWidgetItem(self.tr("{0}    (deleted {1})").format(goal.title, when))
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.list.selectedItems())
        self.restore_button.setEnabled(selected)
        self.purge_button.setEnabled(selected)

    def selected_ids(self) -> list[int]:
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def restore_selected(self) -> None:
        goals = [self.ctx.goals.get_goal(i) for i in self.selected_ids()]
        if goals:
            run(self.ctx, RestoreGoals(self.ctx, goals))

    def purge_selected(self, confirm: bool = True) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete for Good"),
                self.tr("Delete %n goal(s) with their check-ins and milestones for good? This cannot be undone.",
                        "", len(ids)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            for goal_id in ids:
                self.ctx.goals.purge_goal(goal_id)
        except USER_ERRORS as exc:
            self.ctx.report(exc)
            return False
        # Commands on the stack may refer to the purged goals; they can no longer be undone.
        self.ctx.undo_stack.clear()
        return True
