"""Small wins and chart data: the store side of progress tracking.

``WinService`` logs a win when a goal crosses 25/50/75/100 % or a milestone is done, once each, so the
user sees their progress celebrated without duplicates when a check-in is edited back and forth.
``ReportService`` turns stored goals into the plain dataclasses the charts draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import CheckIn, Goal, GoalQuery, Milestone
from goaldesk.domain.progress import (
    WIN_TEXT,
    PaceStatus,
    Plan,
    Point,
    forecast,
    pace_line,
    pace_status,
    totals,
    wins_crossed,
)
from goaldesk.domain.reports import (
    WIN_KIND_MILESTONE,
    OverviewData,
    ProgressSeries,
    TypeProgress,
    Win,
    WinsData,
    threshold_kind,
)
from goaldesk.store.base import Change, Store
from goaldesk.store.models import WinRow
from goaldesk.store.service import GoalService


def _d(value: object) -> date:
    """SQLite hands dates back as text through raw SQL; peewee as dates. Accept both."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


_WIN_SELECT = "SELECT id, goal_id, on_date, kind, what FROM win"


def _win(row: Sequence[object]) -> Win:
    """A win from a ``_WIN_SELECT`` row."""
    win_id, goal_id, on, kind, what = row
    return Win(id=int(win_id), goal_id=int(goal_id), on=_d(on), kind=str(kind), what=str(what))  # type: ignore[call-overload]


def milestone_win_text(milestone: Milestone) -> str:
    """How a milestone win reads; also the key that keeps it from being logged twice."""
    return f"Milestone done: {milestone.title}"


class WinService:
    """Records and lists small wins. Writes are one transaction each and announced as Change("win")."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record_wins_for(self, goal_before: Goal, goal_after: Goal) -> list[Win]:
        """Log a win for each threshold crossed upward between two snapshots of one goal.

        Call it with the goal before and after a check-in or milestone change. A threshold already
        logged for the goal is skipped, so dipping below 50 % and climbing back does not celebrate twice.
        """
        if goal_after.is_deleted:
            return []
        crossed = wins_crossed(goal_before.progress, goal_after.progress)
        if not crossed:
            return []
        goal_id = goal_after.id
        with self.store.reading():
            logged = {
                r.kind for r in WinRow.select(WinRow.kind).where(WinRow.goal == goal_id)
            }
        fresh = [t for t in crossed if threshold_kind(t) not in logged]
        if not fresh:
            return []
        day = self.store.today()
        with self.store.writing([Change("win", (goal_id,))]):
            made = []
            for t in fresh:
                kind, what = threshold_kind(t), WIN_TEXT[t]
                row = WinRow.create(goal=goal_id, on=day, kind=kind, what=what)
                made.append(Win(row.id, goal_id, day, kind, what))
        return made

    def record_milestone_win(self, milestone: Milestone) -> Win | None:
        """Log a win for a done milestone (once per goal and milestone title); None if not done or logged."""
        if milestone.done_on is None:
            return None
        what = milestone_win_text(milestone)
        with self.store.reading():
            exists = (
                WinRow.select()
                .where(
                    (WinRow.goal == milestone.goal_id)
                    & (WinRow.kind == WIN_KIND_MILESTONE)
                    & (WinRow.what == what)
                )
                .exists()
            )
        if exists:
            return None
        with self.store.writing([Change("win", (milestone.goal_id,))]):
            row = WinRow.create(goal=milestone.goal_id, on=milestone.done_on, kind=WIN_KIND_MILESTONE, what=what)
        return Win(row.id, milestone.goal_id, milestone.done_on, WIN_KIND_MILESTONE, what)

    def wins(self, goal_id: int | None = None) -> list[Win]:
        """Wins newest first (by date, then by when they were logged); one goal's or everyone's."""
        where, params = ("", ()) if goal_id is None else (" WHERE goal_id = ?", (goal_id,))
        rows = self.store.db.execute_sql(f"{_WIN_SELECT}{where} ORDER BY on_date DESC, id DESC", params).fetchall()
        return [_win(r) for r in rows]

    def win(self, win_id: int) -> Win | None:
        row = self.store.db.execute_sql(f"{_WIN_SELECT} WHERE id = ?", (win_id,)).fetchone()
        return None if row is None else _win(row)

    def delete_win(self, win_id: int) -> Win | None:
        """Remove a win; returns it as it was (for undo), or None when there was none."""
        old = self.win(win_id)
        if old is None:
            return None
        with self.store.writing([Change("win", (old.goal_id,))]):
            WinRow.delete().where(WinRow.id == win_id).execute()
        return old

    def restore_win(self, win: Win) -> Win:
        """Put a deleted win back with its old id (undo of ``delete_win``)."""
        with self.store.writing([Change("win", (win.goal_id,))]):
            WinRow.insert(id=win.id, goal=win.goal_id, on=win.on, kind=win.kind, what=win.what).execute()
        return win


class ReportService:
    """Builds chart inputs from stored goals; read-only."""

    def __init__(self, store: Store, goals: GoalService) -> None:
        self.store = store
        self.goals = goals

    def _status(self, goal: Goal, today: date) -> PaceStatus:
        return pace_status(
            goal.progress, goal.start_date, goal.deadline, today, achieved=goal.status is GoalStatus.ACHIEVED
        )

    def _checkins(self, goal_id: int) -> list[CheckIn]:
        # Raw rows: a goal with tens of thousands of check-ins must still chart quickly.
        rows = self.store.db.execute_sql(
            "SELECT id, on_date, value FROM checkin WHERE goal_id = ? ORDER BY on_date, id", (goal_id,)
        ).fetchall()
        return [CheckIn(id=int(i), goal_id=goal_id, on=_d(on), value=float(v)) for i, on, v in rows]

    def progress_series(self, goal_id: int, smart_score: int | None = None) -> ProgressSeries:
        """One goal's chart data. Raises DomainError for an unknown id (the caller shows the message)."""
        goal = self.goals.get_goal(goal_id)
        today = self.store.today()
        points = totals(self._checkins(goal_id), goal.metric_kind, goal.baseline)
        finish = None
        if goal.target is not None and points:
            finish = forecast(points, goal.target, today, baseline=goal.baseline)
        return ProgressSeries(
            title=goal.title,
            goal_type=self.goals.category(goal.category_id).name,
            horizon_label=goal.horizon.label,
            unit=goal.unit,
            baseline=goal.baseline,
            target=goal.target,
            start_date=goal.start_date,
            deadline=goal.deadline,
            points=tuple(points),
            milestones=tuple((m.title, m.done_on) for m in self.goals.milestones(goal_id)),
            status=self._status(goal, today),
            forecast=finish,
            smart_score=smart_score,
            metric_name=goal.metric_name,
            pace=tuple(self._pace(goal)),
        )

    def _pace(self, goal: Goal) -> list[Point]:
        """The ideal pace, piecewise where the target or deadline was changed (from the goal's history)."""
        if goal.target is None or goal.deadline is None:
            return []
        changes = [h for h in self.goals.history(goal.id) if h.field in ("target", "deadline")]
        if not changes:
            return []

        def number(text: str | None) -> float | None:
            try:
                return None if text is None else float(text)
            except ValueError:
                return None

        def day(text: str | None) -> date | None:
            try:
                return None if not text else date.fromisoformat(text[:10])
            except ValueError:
                return None

        first = {f: next((h for h in changes if h.field == f), None) for f in ("target", "deadline")}
        target = number(first["target"].old) if first["target"] else goal.target
        deadline = day(first["deadline"].old) if first["deadline"] else goal.deadline
        plans: list[Plan] = []
        if target is not None and deadline is not None:
            plans.append((goal.start_date, target, deadline))
        for entry in changes:
            if entry.field == "target":
                target = number(entry.new)
            else:
                deadline = day(entry.new)
            if target is None or deadline is None:
                continue
            plans.append((max(goal.start_date, entry.at.date()), target, deadline))
        if len(plans) < 2:
            return []
        return pace_line(goal.start_date, goal.baseline or 0.0, plans)

    def overview(self) -> OverviewData:
        """Active (not archived, not deleted) goals by type, by horizon and by pace."""
        today = self.store.today()
        goals = self.goals.list_goals(GoalQuery(statuses=frozenset({GoalStatus.ACTIVE}), include_archived=False))
        order = {c.id: i for i, c in enumerate(self.goals.categories())}
        names = {c.id: c.name for c in self.goals.categories()}
        by_type: dict[int, list[Goal]] = {}
        on_track = behind = no_data = 0
        for goal in goals:
            by_type.setdefault(goal.category_id, []).append(goal)
            status = self._status(goal, today)
            if status in (PaceStatus.ON_TRACK, PaceStatus.AHEAD, PaceStatus.ACHIEVED):
                on_track += 1
            elif status in (PaceStatus.BEHIND, PaceStatus.OVERDUE):
                behind += 1
            else:
                no_data += 1
        rows = []
        for cid in sorted(by_type, key=lambda c: order.get(c, len(order))):
            known = [g.progress for g in by_type[cid] if g.progress is not None]
            mean = sum(known) / len(known) if known else None
            rows.append(TypeProgress(names.get(cid, "?"), len(by_type[cid]), mean))
        return OverviewData(
            by_type=tuple(rows),
            short_term=sum(1 for g in goals if g.horizon is Horizon.SHORT),
            long_term=sum(1 for g in goals if g.horizon is Horizon.LONG),
            on_track=on_track,
            behind=behind,
            no_data=no_data,
        )

    def wins_data(self) -> WinsData:
        """Every win of a goal not in the Trash, newest first, with the goal's title."""
        rows = self.store.db.execute_sql(
            "SELECT w.on_date, g.title, w.what FROM win w JOIN goal g ON g.id = w.goal_id "
            "WHERE g.deleted_at IS NULL ORDER BY w.on_date DESC, w.id DESC"
        ).fetchall()
        return WinsData(tuple((_d(on), str(title), str(what)) for on, title, what in rows))
