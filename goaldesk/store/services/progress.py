"""ProgressService: check-ins and milestones, and the small wins they earn, in one transaction.

``with_wins`` runs a progress change and logs the wins it earns (25/50/75/100 %, a milestone done)
inside the same transaction, so a check-in never stands without its win or the other way round.
``replay`` puts such a change back (redo) or takes it back (undo) together with the same wins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from peewee import fn

from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import CheckIn, Milestone
from goaldesk.domain.reports import Win
from goaldesk.domain.validation import check_checkin_date, check_note, check_value, title_problems
from goaldesk.store.base import Change, Store
from goaldesk.store.convert import as_date, to_date
from goaldesk.store.models import CheckInRow, MilestoneRow
from goaldesk.store.services._shared import ServiceBase
from goaldesk.store.services.wins import WinService


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(id=row.id, goal_id=row.goal_id, on=as_date(row.on), value=row.value, note=row.note)


def _milestone(row: MilestoneRow) -> Milestone:
    return Milestone(
        id=row.id, goal_id=row.goal_id, title=row.title, position=row.position, done_on=to_date(row.done_on)
    )


class ProgressService(ServiceBase):
    """Check-ins and milestones of a goal, and the wins a change of them earns."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.wins = WinService(store)

    def with_wins(self, goal_id: int, change: Callable[[], Milestone | None]) -> list[Win]:
        """Run ``change`` (a write of this service) and log the wins it earns, all in one transaction.

        ``change`` returns a milestone that became done (for its win), else None. Returns the new wins.
        """
        with self.store.writing([]):
            before = self._goal(goal_id)
            done = change()
            logged = self.wins.record_wins_for(before, self._goal(goal_id))
            if done is not None:
                made = self.wins.record_milestone_win(done)
                if made is not None:
                    logged.append(made)
        return logged

    def replay(self, change: Callable[[], object], *, restore: Sequence[Win] = (), remove: Sequence[Win] = ()) -> None:
        """Redo (``restore`` the wins after the change) or undo (``remove`` them first) in one transaction."""
        with self.store.writing([]):
            for win in reversed(remove):
                self.wins.delete_win(win.id)
            change()
            for win in restore:
                self.wins.restore_win(win)

    def checkins(self, goal_id: int) -> list[CheckIn]:
        with self.store.reading():
            rows = CheckInRow.select().where(CheckInRow.goal == goal_id).order_by(CheckInRow.on, CheckInRow.id)
            return [_checkin(r) for r in rows]

    def _check_checkin(self, goal_id: int, on: object, value: object, note: object) -> tuple[date, float, str]:
        goal = self._goal(goal_id)
        if goal.is_deleted:
            raise DomainError("This goal is in the Trash; restore it to record progress.")
        return check_checkin_date(on, self.store.today()), check_value(value), check_note(note)

    def add_checkin(
        self, goal_id: int, on: date, value: float | str, note: str = "", *, checkin_id: int | None = None
    ) -> CheckIn:
        day, number, text = self._check_checkin(goal_id, on, value, note)
        with self.store.writing([Change("checkin", (goal_id,)), Change("goal", (goal_id,))]):
            fields: dict[str, object] = {
                "goal": goal_id, "on": day, "value": number, "note": text, "created_at": self.store.now()
            }
            if checkin_id is not None:
                fields["id"] = checkin_id
            row = CheckInRow.create(**fields)
        return _checkin(row)

    def update_checkin(self, checkin: CheckIn) -> CheckIn:
        """Replace a check-in's date, value and note; returns the old one."""
        old = self.checkin(checkin.id)
        day, number, text = self._check_checkin(old.goal_id, checkin.on, checkin.value, checkin.note)
        with self.store.writing([Change("checkin", (old.goal_id,)), Change("goal", (old.goal_id,))]):
            CheckInRow.update(on=day, value=number, note=text).where(CheckInRow.id == checkin.id).execute()
        return old

    def checkin(self, checkin_id: int) -> CheckIn:
        with self.store.reading():
            row = CheckInRow.get_or_none(CheckInRow.id == checkin_id)
        if row is None:
            raise DomainError(f"There is no check-in with id {checkin_id}.")
        return _checkin(row)

    def delete_checkin(self, checkin_id: int) -> CheckIn:
        old = self.checkin(checkin_id)
        with self.store.writing([Change("checkin", (old.goal_id,)), Change("goal", (old.goal_id,))]):
            CheckInRow.delete().where(CheckInRow.id == checkin_id).execute()
        return old

    def milestones(self, goal_id: int) -> list[Milestone]:
        with self.store.reading():
            rows = (
                MilestoneRow.select()
                .where(MilestoneRow.goal == goal_id)
                .order_by(MilestoneRow.position, MilestoneRow.id)
            )
            return [_milestone(r) for r in rows]

    def milestone(self, milestone_id: int) -> Milestone:
        with self.store.reading():
            row = MilestoneRow.get_or_none(MilestoneRow.id == milestone_id)
        if row is None:
            raise DomainError(f"There is no milestone with id {milestone_id}.")
        return _milestone(row)

    def add_milestone(
        self,
        goal_id: int,
        title: str,
        *,
        done_on: date | None = None,
        position: int | None = None,
        milestone_id: int | None = None,
    ) -> Milestone:
        problems = title_problems(title)
        if problems:
            raise DomainError(problems[0].message.replace("the goal", "the milestone"), "title")
        self._goal(goal_id)
        with self.store.writing([Change("milestone", (goal_id,)), Change("goal", (goal_id,))]):
            if position is None:
                top = MilestoneRow.select(fn.MAX(MilestoneRow.position)).where(MilestoneRow.goal == goal_id).scalar()
                position = 0 if top is None else int(top) + 1
            else:
                MilestoneRow.update(position=MilestoneRow.position + 1).where(
                    (MilestoneRow.goal == goal_id) & (MilestoneRow.position >= position)
                ).execute()
            fields: dict[str, object] = {
                "goal": goal_id, "title": title.strip(), "position": position, "done_on": done_on
            }
            if milestone_id is not None:
                fields["id"] = milestone_id
            row = MilestoneRow.create(**fields)
        return _milestone(row)

    def update_milestone(self, milestone: Milestone) -> Milestone:
        """Change title or done date; returns the old milestone."""
        old = self.milestone(milestone.id)
        problems = title_problems(milestone.title)
        if problems:
            raise DomainError(problems[0].message.replace("the goal", "the milestone"), "title")
        with self.store.writing([Change("milestone", (old.goal_id,)), Change("goal", (old.goal_id,))]):
            MilestoneRow.update(title=milestone.title.strip(), done_on=milestone.done_on).where(
                MilestoneRow.id == milestone.id
            ).execute()
        return old

    def delete_milestone(self, milestone_id: int) -> Milestone:
        old = self.milestone(milestone_id)
        with self.store.writing([Change("milestone", (old.goal_id,)), Change("goal", (old.goal_id,))]):
            MilestoneRow.delete().where(MilestoneRow.id == milestone_id).execute()
            MilestoneRow.update(position=MilestoneRow.position - 1).where(
                (MilestoneRow.goal == old.goal_id) & (MilestoneRow.position > old.position)
            ).execute()
        return old
