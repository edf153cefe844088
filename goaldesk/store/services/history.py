"""HistoryService: the log of changes to a goal's title, target, deadline, horizon, type and status.

**History is append-only.** Every change to one of those fields adds one entry (field, old, new, reason);
nothing is ever edited or removed. Entries are written by GoalService and BoardService inside the write
that makes the change; an undo is recorded as its own entry with reason ``"undo"`` (a redo as ``"redo"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from goaldesk.store.convert import to_datetime
from goaldesk.store.models import HistoryRow
from goaldesk.store.services._shared import ServiceBase


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    goal_id: int
    field: str
    old: str | None
    new: str | None
    at: datetime
    reason: str


class HistoryService(ServiceBase):
    """Reads a goal's history, oldest first."""

    def history(self, goal_id: int) -> list[HistoryEntry]:
        with self.store.reading():
            rows = HistoryRow.select().where(HistoryRow.goal == goal_id).order_by(HistoryRow.at, HistoryRow.id)
            return [
                HistoryEntry(r.id, r.goal_id, r.field, r.old, r.new, to_datetime(r.at) or datetime.min, r.reason)
                for r in rows
            ]
