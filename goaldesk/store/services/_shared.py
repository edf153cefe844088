"""What the store's services share: reading a goal row, board-column arithmetic and the history log.

Internal to ``goaldesk.store.services``; callers use the service classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, Placement
from goaldesk.store.base import Store
from goaldesk.store.convert import Row, first, select, to_date, to_datetime
from goaldesk.store.models import CategoryRow

HISTORY_FIELDS = ("title", "target", "deadline", "horizon", "category_id", "status")

GOAL_COLUMNS = (
    "g.id, g.uuid, g.title, g.description, g.category_id, g.horizon, g.position, g.status, "
    "g.start_date, g.deadline, g.metric_name, g.unit, g.baseline, g.target, g.metric_kind, g.why, "
    "g.parent_id, g.archived, g.smart_overrides, g.created_at, g.updated_at, g.deleted_at, g.version"
)
DERIVED = (
    "(SELECT c.value FROM checkin c WHERE c.goal_id = g.id ORDER BY c.on_date DESC, c.id DESC LIMIT 1) AS latest, "
    "CASE WHEN g.metric_kind = 'increment' THEN (SELECT SUM(c.value) FROM checkin c WHERE c.goal_id = g.id) END "
    "AS total, "
    "(SELECT MAX(c.on_date) FROM checkin c WHERE c.goal_id = g.id) AS last_on, "
    "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id AND m.done_on IS NOT NULL) AS ms_done, "
    "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id) AS ms_total"
)

HORIZONS = {h.value: h for h in Horizon}
STATUSES = {s.value: s for s in GoalStatus}
KINDS = {k.value: k for k in MetricKind}


def goal_from_row(row: Row) -> Goal:
    """A goal from a row of ``SELECT {GOAL_COLUMNS}, {DERIVED}``."""
    kind = KINDS[row["metric_kind"] or "cumulative"]
    baseline, total, latest = row["baseline"], row["total"], row["latest"]
    current: float | None
    if kind is MetricKind.INCREMENT:
        current = None if total is None else (float(baseline or 0.0) + float(total))
    else:
        current = None if latest is None else float(latest)
    return Goal(
        id=int(row["id"]),
        uuid=str(row["uuid"]),
        title=str(row["title"]),
        description=str(row["description"] or ""),
        category_id=int(row["category_id"]),
        horizon=HORIZONS[row["horizon"]],
        position=int(row["position"]),
        status=STATUSES[row["status"]],
        start_date=to_date(row["start_date"]) or date.min,
        deadline=to_date(row["deadline"]),
        metric_name=str(row["metric_name"] or ""),
        unit=str(row["unit"] or ""),
        baseline=None if baseline is None else float(baseline),
        target=None if row["target"] is None else float(row["target"]),
        metric_kind=kind,
        why=str(row["why"] or ""),
        parent_id=None if row["parent_id"] is None else int(row["parent_id"]),
        archived=bool(row["archived"]),
        smart_overrides=frozenset(x for x in str(row["smart_overrides"] or "").split(",") if x),
        created_at=to_datetime(row["created_at"]) or datetime.min,
        updated_at=to_datetime(row["updated_at"]) or datetime.min,
        deleted_at=to_datetime(row["deleted_at"]),
        version=int(row["version"] or 0),
        current=current,
        last_checkin=to_date(row["last_on"]),
        milestones_done=int(row["ms_done"] or 0),
        milestones_total=int(row["ms_total"] or 0),
    )


def history_text(value: object) -> str | None:
    """How a field's value is written into the history log."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (Horizon, GoalStatus)):
        return value.value
    return str(value)


class ServiceBase:
    """One store shared by every service; goal reads, column arithmetic and history entries."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def _goal(self, goal_id: int) -> Goal:
        row = first(self.db.execute_sql(f"SELECT {GOAL_COLUMNS}, {DERIVED} FROM goal g WHERE g.id = ?", (goal_id,)))
        if row is None:
            raise DomainError(f"There is no goal with id {goal_id}.", "goal_id")
        return goal_from_row(row)

    def _require_category(self, category_id: int) -> None:
        with self.store.reading():
            if CategoryRow.get_or_none(CategoryRow.id == category_id) is None:
                raise DomainError(f"There is no goal type with id {category_id}.", "category_id")

    def _placements(self, goal_ids: Sequence[int]) -> list[Placement]:
        ids = [int(i) for i in goal_ids]
        marks = ",".join("?" for _ in ids) or "NULL"
        found = {
            int(r["id"]): Placement(int(r["id"]), HORIZONS[r["horizon"]], int(r["position"]))
            for r in select(
                self.db, f"SELECT id, horizon, position FROM goal WHERE id IN ({marks}) AND deleted_at IS NULL", ids
            )
        }
        return [found[i] for i in ids if i in found]

    def _end_position(self, horizon: Horizon) -> int:
        row = self.db.execute_sql(
            "SELECT MAX(position) FROM goal WHERE horizon = ? AND deleted_at IS NULL", (horizon.value,)
        ).fetchone()
        return 0 if row is None or row[0] is None else int(row[0]) + 1

    def _clamped(self, horizon: Horizon, position: int) -> int:
        """An undo's old position, kept within the column as it is now (another process may have shrunk it)."""
        return max(0, min(position, self._end_position(horizon)))

    # Gap helpers are raw SQL: they run on every board move, where query building showed in profiles.
    def _open_gap(self, horizon: Horizon, position: int, width: int = 1) -> None:
        self.db.execute_sql(
            "UPDATE goal SET position = position + ? WHERE horizon = ? AND position >= ? AND deleted_at IS NULL",
            (width, horizon.value, position),
        )

    def _close_gap(self, horizon: Horizon, position: int) -> None:
        self.db.execute_sql(
            "UPDATE goal SET position = position - 1 WHERE horizon = ? AND position > ? AND deleted_at IS NULL",
            (horizon.value, position),
        )

    def _record(self, goal_id: int, field: str, old: object, new: object, reason: str, at: datetime) -> None:
        """Append one history entry (history is append-only; see HistoryService)."""
        self.db.execute_sql(
            "INSERT INTO goal_history (goal_id, field, old, new, at, reason) VALUES (?, ?, ?, ?, ?, ?)",
            (goal_id, field, history_text(old), history_text(new), str(at), reason),
        )
