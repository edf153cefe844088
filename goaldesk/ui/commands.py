"""Undo commands for goal edits. Each holds the old and new state and calls the service only.

Dialogs and views build a command and hand it to ``run``: the first ``do()`` happens before the push,
so a refused change (DomainError, disk error) shows a message and never lands on the undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import Goal, GoalDraft, Placement
from goaldesk.ui.context import USER_ERRORS, AppContext


def short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


class ServiceCommand(QUndoCommand):
    """Base: ``do``/``undo_change`` talk to the service; errors during undo/redo are reported, not raised."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._done_once = False

    def do(self) -> None:  # first execution and every redo
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError

    def changed_anything(self) -> bool:
        return True

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        try:
            self.do()
        except USER_ERRORS as exc:
            self.setObsolete(True)
            self.ctx.report(exc)

    def undo(self) -> None:
        try:
            self.undo_change()
        except USER_ERRORS as exc:
            self.setObsolete(True)
            self.ctx.report(exc)


def run(ctx: AppContext, command: ServiceCommand) -> bool:
    """Do the command once; push it when it changed something. False (and a message) on refusal."""
    try:
        command.do()
    except USER_ERRORS as exc:
        ctx.report(exc)
        return False
    if not command.changed_anything():
        return False
    ctx.undo_stack.push(command)
    return True


class CreateGoal(ServiceCommand):
    def __init__(
        self, ctx: AppContext, draft: GoalDraft, position: int | None = None, overrides: frozenset[str] | None = None
    ) -> None:
        super().__init__(ctx, f"Create “{short(draft.title)}”")
        self.draft = draft
        self.position = position
        self.overrides = overrides or frozenset()
        self.goal: Goal | None = None

    def do(self) -> None:
        if self.goal is None:
            created = self.ctx.goals.create_goal(self.draft, position=self.position, smart_overrides=self.overrides)
            self.goal = created.stored()
        else:
            self.ctx.goals.insert_goal(self.goal)

    def undo_change(self) -> None:
        assert self.goal is not None
        self.ctx.goals.purge_goal(self.goal.id)


class EditGoal(ServiceCommand):
    def __init__(
        self,
        ctx: AppContext,
        old: Goal,
        draft: GoalDraft,
        *,
        reason: str = "",
        text: str = "",
        overrides: frozenset[str] | None = None,
    ) -> None:
        super().__init__(ctx, text or f"Edit “{short(old.title)}”")
        self.old = old.stored()
        self.draft = draft
        self.reason = reason
        self.overrides = overrides
        self.new: Goal | None = None

    def do(self) -> None:
        if self.new is None:
            updated = self.ctx.goals.update_goal(
                self.old.id, self.draft, reason=self.reason, smart_overrides=self.overrides
            )
            self.new = updated.stored()
        else:
            self.ctx.goals.replace_goal(self.new, reason="redo")

    def changed_anything(self) -> bool:
        return self.new is not None and self.new != self.old

    def undo_change(self) -> None:
        self.ctx.goals.replace_goal(self.old)


def set_status(ctx: AppContext, goal: Goal, status: GoalStatus) -> bool:
    text = f"Mark “{short(goal.title)}” {status.label}"
    return run(ctx, EditGoal(ctx, goal, goal.draft().replace(status=status), text=text))


class SetStatuses(ServiceCommand):
    """Give several goals one status: one service call, one transaction, one undo step."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal], status: GoalStatus) -> None:
        what = f"“{short(goals[0].title)}”" if len(goals) == 1 else f"{len(goals)} goals"
        super().__init__(ctx, f"Mark {what} {status.label}")
        self.ids = [g.id for g in goals]
        self.status = status
        self.old: list[Goal] = []
        self.new: list[Goal] = []

    def do(self) -> None:
        if self._done_once:
            self.ctx.goals.replace_goals(self.new, reason="redo")
            return
        self.old = [g.stored() for g in self.ctx.goals.set_statuses(self.ids, self.status)]
        self.new = [self.ctx.goals.get_goal(g.id).stored() for g in self.old]

    def changed_anything(self) -> bool:
        return bool(self.old)

    def undo_change(self) -> None:
        self.ctx.goals.replace_goals(self.old)


class DeleteGoals(ServiceCommand):
    """Move goals to the Trash."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal]) -> None:
        label = f"Delete “{short(goals[0].title)}”" if len(goals) == 1 else f"Delete {len(goals)} goals"
        super().__init__(ctx, label)
        self.ids = [g.id for g in goals]
        self.snapshots: list[Goal] = []

    def do(self) -> None:
        self.snapshots = [g.stored() for g in self.ctx.goals.delete_goals(self.ids)]

    def changed_anything(self) -> bool:
        return bool(self.snapshots)

    def undo_change(self) -> None:
        self.ctx.goals.restore_goals(self.snapshots)


class RestoreGoals(ServiceCommand):
    """Bring goals back from the Trash, at the end of their columns."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal]) -> None:
        label = f"Restore “{short(goals[0].title)}”" if len(goals) == 1 else f"Restore {len(goals)} goals"
        super().__init__(ctx, label)
        self.trashed = [g.stored() for g in goals]

    def do(self) -> None:
        for goal in self.trashed:
            self.ctx.goals.restore_goal(goal)

    def undo_change(self) -> None:
        self.ctx.goals.delete_goals([g.id for g in self.trashed])
        for goal in self.trashed:
            self.ctx.goals.replace_goal(goal, reason="undo")


class MoveGoals(ServiceCommand):
    """Move goals on the board (other column, or a new place in the same one)."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal], horizon: Horizon, before_id: int | None) -> None:
        same = all(g.horizon is horizon for g in goals)
        if len(goals) == 1:
            what = f"“{short(goals[0].title)}”"
        else:
            what = f"{len(goals)} goals"
        super().__init__(ctx, f"Reorder {what}" if same else f"Move {what} to {horizon.label}")
        self.ids = [g.id for g in goals]
        self.horizon = horizon
        self.before_id = before_id
        self.old: list[Placement] = []
        self.new: list[Placement] = []

    def do(self) -> None:
        if not self.new:
            self.old = self.ctx.board.move_goals(self.ids, self.horizon, self.before_id)
            self.new = self.ctx.board.placements(self.ids) if self.old else []
        else:
            self.ctx.board.place_goals(self.new)

    def changed_anything(self) -> bool:
        return bool(self.old)

    def undo_change(self) -> None:
        self.ctx.board.place_goals(self.old)


class SetGoalCategory(ServiceCommand):
    """Re-file goals under another goal type (drop on the category tree)."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal], category_id: int, category_name: str) -> None:
        what = f"“{short(goals[0].title)}”" if len(goals) == 1 else f"{len(goals)} goals"
        super().__init__(ctx, f"File {what} under {category_name}")
        self.ids = [g.id for g in goals]
        self.category_id = category_id
        self.moved: list[tuple[int, int]] = []

    def do(self) -> None:
        moved = self.ctx.goals.set_goal_categories(self.ids, self.category_id)
        if not self._done_once:
            self.moved = moved

    def changed_anything(self) -> bool:
        return bool(self.moved)

    def undo_change(self) -> None:
        self.ctx.goals.restore_goal_categories(self.moved)


class SetArchived(ServiceCommand):
    def __init__(self, ctx: AppContext, goals: Sequence[Goal], archived: bool) -> None:
        verb = "Archive" if archived else "Unarchive"
        what = f"“{short(goals[0].title)}”" if len(goals) == 1 else f"{len(goals)} goals"
        super().__init__(ctx, f"{verb} {what}")
        self.ids = [g.id for g in goals]
        self.archived = archived

    def do(self) -> None:
        self.ctx.goals.set_archived(self.ids, self.archived)

    def undo_change(self) -> None:
        self.ctx.goals.set_archived(self.ids, not self.archived)
