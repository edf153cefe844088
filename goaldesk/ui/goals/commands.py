"""Undo commands for goals: create, edit, status, archive, delete, restore (see common/commands.py)."""

from __future__ import annotations

from collections.abc import Sequence

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.ui.common.commands import ServiceCommand, run, short
from goaldesk.ui.shell.context import AppContext


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
