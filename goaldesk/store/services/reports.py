"""ReportService: turns stored goals into the plain dataclasses the charts draw (read-only)."""

from __future__ import annotations

from datetime import date

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.model import CheckIn, Goal, GoalQuery
from goaldesk.domain.progress import PaceStatus, Plan, Point, forecast, pace_line, pace_status, totals
from goaldesk.domain.reports import OverviewData, ProgressSeries, TypeProgress, WinsData
from goaldesk.store.base import Store
from goaldesk.store.convert import as_date
from goaldesk.store.services.categories import CategoryService
from goaldesk.store.services.goals import GoalService
from goaldesk.store.services.history import HistoryService
from goaldesk.store.services.progress import ProgressService


class ReportService:
    """Builds chart inputs from stored goals; read-only."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.goals = GoalService(store)
        self.categories = CategoryService(store)
        self.progress = ProgressService(store)
        self.history = HistoryService(store)

    def _status(self, goal: Goal, today: date) -> PaceStatus:
        return pace_status(
            goal.progress, goal.start_date, goal.deadline, today, achieved=goal.status is GoalStatus.ACHIEVED
        )

    def _checkins(self, goal_id: int) -> list[CheckIn]:
        # Raw rows: a goal with tens of thousands of check-ins must still chart quickly.
        rows = self.store.db.execute_sql(
            "SELECT id, on_date, value FROM checkin WHERE goal_id = ? ORDER BY on_date, id", (goal_id,)
        ).fetchall()
        return [CheckIn(id=int(i), goal_id=goal_id, on=as_date(on), value=float(v)) for i, on, v in rows]

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
            goal_type=self.categories.category(goal.category_id).name,
            horizon_label=goal.horizon.label,
            unit=goal.unit,
            baseline=goal.baseline,
            target=goal.target,
            start_date=goal.start_date,
            deadline=goal.deadline,
            points=tuple(points),
            milestones=tuple((m.title, m.done_on) for m in self.progress.milestones(goal_id)),
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
        changes = [h for h in self.history.history(goal.id) if h.field in ("target", "deadline")]
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

    def type_colours(self) -> dict[str, str]:
        """Each goal type's colour by name, as the overview chart labels its bars (types without one left out)."""
        colours = self.categories.colours()
        return {c.name: colours[c.id] for c in self.categories.categories() if c.id in colours}

    def goal_colour(self, goal_id: int) -> str | None:
        """The colour of a goal's type, for its progress chart (None: no colour, or no such goal)."""
        goal = self.goals.find_goal(goal_id)
        return None if goal is None else self.categories.colours().get(goal.category_id)

    def overview(self) -> OverviewData:
        """Active (not archived, not deleted) goals by type, by horizon and by pace."""
        today = self.store.today()
        goals = self.goals.list_goals(GoalQuery(statuses=frozenset({GoalStatus.ACTIVE}), include_archived=False))
        order = {c.id: i for i, c in enumerate(self.categories.categories())}
        names = {c.id: c.name for c in self.categories.categories()}
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
        return WinsData(tuple((as_date(on), str(title), str(what)) for on, title, what in rows))
