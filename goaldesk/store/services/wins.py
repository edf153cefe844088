"""WinService: small wins, the store side of celebrating progress.

It logs a win when a goal crosses 25/50/75/100 % or a milestone is done, once each, so the user sees
their progress celebrated without duplicates when a check-in is edited back and forth. ProgressService
calls it inside its own transaction (``with_wins``), so a check-in and the wins it earns are one write.
"""

from __future__ import annotations

from goaldesk.domain.model import Goal, Milestone
from goaldesk.domain.progress import (
    WIN_TEXT,
    wins_crossed,
)
from goaldesk.domain.reports import (
    WIN_KIND_MILESTONE,
    Win,
    threshold_kind,
)
from goaldesk.store.base import Change, Store
from goaldesk.store.convert import Row, as_date, first, select
from goaldesk.store.models import WinRow

_WIN_SELECT = "SELECT id, goal_id, on_date, kind, what FROM win"


def _win(row: Row) -> Win:
    """A win from a ``_WIN_SELECT`` row."""
    return Win(
        id=int(row["id"]), goal_id=int(row["goal_id"]), on=as_date(row["on_date"]), kind=str(row["kind"]),
        what=str(row["what"]),
    )


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
        return [_win(r) for r in select(self.store.db, f"{_WIN_SELECT}{where} ORDER BY on_date DESC, id DESC", params)]

    def win(self, win_id: int) -> Win | None:
        row = first(self.store.db.execute_sql(f"{_WIN_SELECT} WHERE id = ?", (win_id,)))
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
