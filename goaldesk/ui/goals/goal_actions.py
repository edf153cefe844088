"""Goal actions: new, edit, SMART check, status, archive, delete, Trash; each change is one undo step.

The main window owns one ``GoalActions`` (``window.goals``) and wires its menus, the list and the board
to it; the actions reach the window only through ``WindowHooks`` (selection, status bar, filters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal
from goaldesk.ui.common.commands import run
from goaldesk.ui.goals.commands import CreateGoal, DeleteGoals, EditGoal, SetArchived, SetStatuses

if TYPE_CHECKING:
    from goaldesk.ui.goals.goal_editor import GoalEditor
    from goaldesk.ui.goals.trash import TrashDialog
    from goaldesk.ui.shell.hooks import WindowHooks
    from goaldesk.ui.smart.smart_dialog import SmartDialog


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("GoalActions", text, "", n)


class GoalActions:
    """What the Goal and Edit menus do to the selected goals (the window supplies the selection)."""

    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.ctx = window.ctx
        self.filters = window.filters
        self.trash_dialog: TrashDialog | None = None

    def make_editor(self, goal: Goal | None = None, **kwargs: Any) -> GoalEditor:
        from goaldesk.ui.goals.goal_editor import GoalEditor  # the editor is not needed for the first paint

        categories = self.ctx.categories.categories()
        if goal is None and "category_id" not in kwargs and self.filters.category_ids:
            leafs = [c.id for c in categories if c.id in self.filters.category_ids]
            if leafs:
                kwargs["category_id"] = leafs[0]
        editor = GoalEditor(categories, self.ctx.today(), goal=goal, parent=self.window, **kwargs)
        editor.smartRequested.connect(lambda: self.smart_from_editor(editor))
        return editor

    def smart_from_editor(self, editor: GoalEditor) -> SmartDialog:
        """The SMART check of the draft in the editor, live: it re-judges as the user types in the editor.

        It is not modal (the editor stays usable beside it); OK hands its ticks to the editor, which saves
        them with the goal. A second request brings the open one forward; it closes with the editor.
        """
        from goaldesk.ui.smart.smart_dialog import SmartDialog

        if isinstance(editor.smart_dialog, SmartDialog):
            editor.smart_dialog.raise_()
            editor.smart_dialog.activateWindow()
            return editor.smart_dialog
        dialog = SmartDialog.for_editor(self.ctx, editor, parent=editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if editor.pending_overrides is not None:
            dialog._overrides = set(editor.pending_overrides)
            dialog.refresh()
        dialog.titleChosen.connect(editor.set_title)
        dialog.accepted.connect(lambda: setattr(editor, "pending_overrides", dialog.chosen_overrides()))
        dialog.finished.connect(lambda _code: setattr(editor, "smart_dialog", None))
        editor.smart_dialog = dialog
        dialog.show()
        _place_beside(dialog, editor)
        return dialog

    def smart_check(self, goal_id: int) -> bool:
        """Open the SMART dialog for a stored goal; OK saves overrides and title as one undo step."""
        from goaldesk.ui.smart.smart_dialog import SmartDialog

        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return False
        dialog = SmartDialog(self.ctx, goal=goal, parent=self.window)
        try:
            return dialog.exec() == SmartDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def smart_check_selected(self) -> None:
        goal = self.window.current_goal()
        if goal is None:
            self.window.statusBar().showMessage(_tr("Select a goal to check it against SMART."), 4000)
            return
        self.smart_check(goal.id)

    def new_goal(self, **kwargs: Any) -> bool:
        editor = self.make_editor(None, **kwargs)
        try:
            if editor.exec() != editor.DialogCode.Accepted:
                return False
            return self.create_from_editor(editor)
        finally:
            editor.deleteLater()  # one editor per use: none is left behind (issue 17)

    def create_from_editor(self, editor: GoalEditor) -> bool:
        draft = editor.draft()
        if draft is None:
            return False
        command = CreateGoal(self.ctx, draft, overrides=editor.pending_overrides)
        if not run(self.ctx, command):
            return False
        if command.goal is not None:
            self.window.filters_show(command.goal)
            self.window.select_goal(command.goal.id)
        return True

    def edit_goal(self, goal_id: int) -> bool:
        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return False
        editor = self.make_editor(goal)
        try:
            if editor.exec() != editor.DialogCode.Accepted:
                return False
            return self.save_from_editor(editor, goal)
        finally:
            editor.deleteLater()

    def save_from_editor(self, editor: GoalEditor, goal: Goal, reason: str | None = None) -> bool:
        """Save the editor as one undoable edit; a changed target or deadline asks why (optional)."""
        draft = editor.draft()
        if draft is None:
            return False
        if reason is None:
            from goaldesk.ui.reflection.history_view import ask_reason, needs_reason

            reason = ask_reason(self.window, goal, draft) if needs_reason(goal, draft) else ""
            if reason is None:  # cancelled: nothing is saved
                return False
        return run(self.ctx, EditGoal(self.ctx, goal, draft, reason=reason, overrides=editor.pending_overrides))

    def edit_selected(self) -> None:
        goal = self.window.current_goal()
        if goal is not None:
            self.edit_goal(goal.id)

    def delete_selected(self) -> bool:
        goals = self.window.selected_goals()
        if not goals:
            return False
        ok = run(self.ctx, DeleteGoals(self.ctx, goals))
        if ok:
            undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
            message = _tr("Moved %n goal(s) to the Trash. Undo with {0}.", len(goals)).format(undo_keys)
            self.window.statusBar().showMessage(message, 5000)
        return ok

    def set_selected_status(self, status: GoalStatus) -> None:
        goals = [g for g in self.window.selected_goals() if g.status is not status]
        if goals:
            run(self.ctx, SetStatuses(self.ctx, goals, status))

    def archive_selected(self, archived: bool) -> None:
        goals = [g for g in self.window.selected_goals() if g.archived != archived]
        if goals:
            run(self.ctx, SetArchived(self.ctx, goals, archived))

    def show_trash(self) -> TrashDialog:
        """The Trash (non-blocking); one at a time: a second request brings the open one forward.

        It is deleted when closed, which also ends its re-reading of the database on every change.
        """
        from goaldesk.ui.goals.trash import TrashDialog

        open_one = self.trash_dialog
        if open_one is not None:
            open_one.raise_()
            open_one.activateWindow()
            return open_one
        dialog = TrashDialog(self.ctx, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(self._trash_closed)
        self.trash_dialog = dialog
        dialog.open()
        return dialog

    def _trash_closed(self) -> None:
        self.trash_dialog = None


def _place_beside(dialog: QWidget, editor: QWidget) -> None:
    """Put the live SMART check beside the editor, not over it, where the screen has room."""
    screen = editor.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = editor.frameGeometry()
    width = dialog.frameGeometry().width()
    height = min(dialog.frameGeometry().height(), room.height())
    top = max(room.top(), min(frame.top(), room.bottom() - height))
    if frame.right() + width <= room.right():
        dialog.move(frame.right() + 1, top)
    elif frame.left() - width >= room.left():
        dialog.move(frame.left() - width, top)
    elif frame.width() + width <= room.width():  # side by side fits once the editor moves over
        editor.move(room.left(), editor.y())
        dialog.move(room.left() + frame.width(), top)
