"""Goal actions: new, edit, SMART check, status, archive, delete, Trash; each change is one undo step.

The main window owns one ``GoalActions`` (``window.goals``) and wires its menus, the list and the board
to it; the actions reach the window only through ``WindowHooks`` (selection, status bar, filters).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.ui.common.commands import run
from goaldesk.ui.goals.commands import CreateGoal, DeleteGoals, SetArchived, SetStatuses

if TYPE_CHECKING:
    from goaldesk.ui.goals.goal_editor import GoalEditor
    from goaldesk.ui.goals.trash import TrashDialog
    from goaldesk.ui.shell.hooks import WindowHooks
    from goaldesk.ui.smart.smart_dialog import SmartDialog


Done = Callable[[bool], None] | None
"""Told once a dialog flow ends: True when it saved something."""


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("GoalActions", text, "", n)


def _tell(done: Done, saved: bool) -> bool:
    if done is not None:
        done(saved)
    return saved


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

    def smart_check(self, goal_id: int) -> SmartDialog | None:
        """Open the SMART dialog for a stored goal (window-modal, not blocking: the caller returns at once).

        OK saves overrides and title as one undo step; the dialog is deleted once closed.
        """
        from goaldesk.ui.smart.smart_dialog import SmartDialog

        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return None
        dialog = SmartDialog(self.ctx, goal=goal, parent=self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def smart_check_selected(self) -> None:
        goal = self.window.current_goal()
        if goal is None:
            self.window.statusBar().showMessage(_tr("Select a goal to check it against SMART."), 4000)
            return
        self.smart_check(goal.id)

    def new_goal(self, done: Done = None, **kwargs: Any) -> GoalEditor:
        """Open the editor for a new goal (window-modal, not blocking: assistive tech's "press" returns at once).

        OK creates the goal as one undo step; ``done(saved)`` hears how it ended. One editor per use: it is
        deleted once closed (issue 17).
        """
        editor = self.make_editor(None, **kwargs)

        def finished(code: int) -> None:
            saved = code == editor.DialogCode.Accepted and self.create_from_editor(editor)
            editor.deleteLater()
            _tell(done, saved)

        editor.finished.connect(finished)
        editor.open()
        return editor

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

    def edit_goal(self, goal_id: int, done: Done = None) -> GoalEditor | None:
        """Open the editor on a stored goal (window-modal, not blocking); OK saves one undoable edit.

        A changed target or deadline then asks why, also without blocking; ``done(saved)`` hears the end.
        """
        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            _tell(done, False)
            return None
        return self._open_editor(goal, done)

    def _open_editor(self, goal: Goal, done: Done = None) -> GoalEditor:
        """The editor on ``goal`` as given: the stored goal, or (after a refused save) the user's own draft."""
        editor = self.make_editor(goal)

        def finished(code: int) -> None:
            draft = editor.draft() if code == editor.DialogCode.Accepted else None
            overrides = editor.pending_overrides
            editor.deleteLater()
            if draft is None:
                _tell(done, False)
            else:
                self.save_edit(goal, draft, overrides, done)

        editor.finished.connect(finished)
        editor.open()
        return editor

    def save_edit(self, goal: Goal, draft: GoalDraft, overrides: frozenset[str] | None, done: Done = None) -> None:
        """Save an edit as one undo step; a changed target or deadline first asks why (window-modal, optional).

        Cancelling the question saves nothing, as before.
        """
        from goaldesk.ui.reflection.history_view import ReasonDialog, needs_reason

        def save(reason: str) -> None:
            from goaldesk.ui.goals.stale_edit import save_checked

            # Saved only over the version the editor opened: another window's or machine's save is never lost.
            outcome = save_checked(self.window, self.ctx, goal, draft, reason=reason, overrides=overrides)
            if outcome.reopen is not None:  # Reload, Cancel, or the server away: the editor again, nothing lost
                self._open_editor(outcome.reopen, done)
                return
            if outcome.copy is not None:
                self.window.filters_show(outcome.copy)
                self.window.select_goal(outcome.copy.id)
            _tell(done, outcome.saved)

        if not needs_reason(goal, draft):
            save("")
            return
        dialog = ReasonDialog(goal, draft, self.window)
        if not dialog.reason_edit.accessibleName():  # its label is a sentence apart: name the field
            dialog.reason_edit.setAccessibleName(_tr("Why the plan changed (optional)"))

        def answered(code: int) -> None:
            dialog.deleteLater()
            if code == ReasonDialog.DialogCode.Accepted:
                save(dialog.reason())
            else:
                _tell(done, False)

        dialog.finished.connect(answered)
        dialog.open()

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
        from goaldesk.ui.goals.stale_edit import save_checked

        return save_checked(self.window, self.ctx, goal, draft, reason=reason, overrides=editor.pending_overrides).saved

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
