"""Undo commands for check-ins and milestones, with the small wins they log.

A check-in that crosses 50 % and the "Halfway there" win it earns are one user action: undo removes both,
redo puts both back (with the same ids), and the win is celebrated only the first time.
"""

from __future__ import annotations

from datetime import date

from goaldesk.domain.model import CheckIn, Goal, Milestone
from goaldesk.domain.reports import Win
from goaldesk.ui.common.commands import ServiceCommand, run, short
from goaldesk.ui.shell.context import AppContext


class ProgressCommand(ServiceCommand):
    """Base: applies a change, then logs the wins it earned; undo removes those wins, redo restores them."""

    def __init__(self, ctx: AppContext, goal: Goal, text: str) -> None:
        super().__init__(ctx, text)
        self.goal_id = goal.id
        self.logged: list[Win] = []
        self._applied_once = False

    def apply(self) -> Milestone | None:
        """Make the change; return a milestone that became done (for its win), else None."""
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def do(self) -> None:
        if self._applied_once:  # redo: the change and the same wins, in one transaction
            self.ctx.progress.replay(self.apply, restore=self.logged)
            return
        # The change and the wins it earns are one service call and one transaction.
        self.logged = self.ctx.progress.with_wins(self.goal_id, self.apply)
        self._applied_once = True
        if self.logged:
            self.ctx.win_events.logged.emit(list(self.logged))

    def undo_change(self) -> None:
        self.ctx.progress.replay(self.revert, remove=self.logged)


# ---------------------------------------------------------------- check-ins


class AddCheckIn(ProgressCommand):
    def __init__(self, ctx: AppContext, goal: Goal, on: date, value: float | str, note: str = "") -> None:
        super().__init__(ctx, goal, f"Add check-in to “{short(goal.title)}”")
        self.on, self.value, self.note = on, value, note
        self.checkin: CheckIn | None = None

    def apply(self) -> None:
        if self.checkin is None:
            self.checkin = self.ctx.progress.add_checkin(self.goal_id, self.on, self.value, self.note)
        else:
            c = self.checkin
            self.ctx.progress.add_checkin(c.goal_id, c.on, c.value, c.note, checkin_id=c.id)
        return None

    def revert(self) -> None:
        assert self.checkin is not None
        self.ctx.progress.delete_checkin(self.checkin.id)


class EditCheckIn(ProgressCommand):
    def __init__(self, ctx: AppContext, goal: Goal, old: CheckIn, new: CheckIn) -> None:
        super().__init__(ctx, goal, f"Edit check-in of “{short(goal.title)}”")
        self.old = old
        self.new = new

    def changed_anything(self) -> bool:
        return self.old != self.new

    def apply(self) -> None:
        self.ctx.progress.update_checkin(self.new)
        if not self._applied_once:  # keep the stored form (parsed number) for an exact comparison
            self.new = self.ctx.progress.checkin(self.new.id)
        return None

    def revert(self) -> None:
        self.ctx.progress.update_checkin(self.old)


class DeleteCheckIn(ProgressCommand):
    def __init__(self, ctx: AppContext, goal: Goal, checkin: CheckIn) -> None:
        super().__init__(ctx, goal, f"Delete check-in from “{short(goal.title)}”")
        self.checkin = checkin

    def apply(self) -> None:
        self.checkin = self.ctx.progress.delete_checkin(self.checkin.id)
        return None

    def revert(self) -> None:
        c = self.checkin
        self.ctx.progress.add_checkin(c.goal_id, c.on, c.value, c.note, checkin_id=c.id)


# ---------------------------------------------------------------- milestones


class AddMilestone(ProgressCommand):
    def __init__(self, ctx: AppContext, goal: Goal, title: str, done_on: date | None = None) -> None:
        super().__init__(ctx, goal, f"Add milestone “{short(title)}”")
        self.title = title
        self.done_on = done_on
        self.milestone: Milestone | None = None

    def apply(self) -> Milestone | None:
        if self.milestone is None:
            self.milestone = self.ctx.progress.add_milestone(self.goal_id, self.title, done_on=self.done_on)
        else:
            m = self.milestone
            self.ctx.progress.add_milestone(
                m.goal_id, m.title, done_on=m.done_on, position=m.position, milestone_id=m.id
            )
        return self.milestone if self.milestone.done_on is not None else None

    def revert(self) -> None:
        assert self.milestone is not None
        self.ctx.progress.delete_milestone(self.milestone.id)


def _milestone_text(old: Milestone, new: Milestone) -> str:
    if old.done_on is None and new.done_on is not None:
        return f"Mark milestone “{short(new.title)}” done"
    if old.done_on is not None and new.done_on is None:
        return f"Mark milestone “{short(new.title)}” not done"
    if old.title != new.title:
        return f"Rename milestone “{short(old.title)}” to “{short(new.title)}”"
    return f"Edit milestone “{short(new.title)}”"


class EditMilestone(ProgressCommand):
    """Rename a milestone or tick it done / not done."""

    def __init__(self, ctx: AppContext, goal: Goal, old: Milestone, new: Milestone) -> None:
        super().__init__(ctx, goal, _milestone_text(old, new))
        self.old = old
        self.new = new

    def changed_anything(self) -> bool:
        return self.old != self.new

    def apply(self) -> Milestone | None:
        self.ctx.progress.update_milestone(self.new)
        became_done = self.old.done_on is None and self.new.done_on is not None
        return self.new if became_done else None

    def revert(self) -> None:
        self.ctx.progress.update_milestone(self.old)


class DeleteMilestone(ProgressCommand):
    def __init__(self, ctx: AppContext, goal: Goal, milestone: Milestone) -> None:
        super().__init__(ctx, goal, f"Delete milestone “{short(milestone.title)}”")
        self.milestone = milestone

    def apply(self) -> None:
        self.milestone = self.ctx.progress.delete_milestone(self.milestone.id)
        return None

    def revert(self) -> None:
        m = self.milestone
        self.ctx.progress.add_milestone(m.goal_id, m.title, done_on=m.done_on, position=m.position, milestone_id=m.id)


# ---------------------------------------------------------------- helpers for views


def add_checkin(ctx: AppContext, goal: Goal, on: date, value: float | str, note: str = "") -> AddCheckIn | None:
    """Record a check-in as one undoable action; None (and a message via ctx.errors) when refused."""
    command = AddCheckIn(ctx, goal, on, value, note)
    return command if run(ctx, command) else None


def set_milestone_done(ctx: AppContext, goal: Goal, milestone: Milestone, done: bool) -> bool:
    """Tick a milestone done (dated today) or not done, undoably."""
    if (milestone.done_on is not None) == done:
        return False
    new = Milestone(milestone.id, milestone.goal_id, milestone.title, milestone.position,
                    ctx.today() if done else None)
    return run(ctx, EditMilestone(ctx, goal, milestone, new))
