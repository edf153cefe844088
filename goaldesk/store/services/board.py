"""BoardService: where goals stand on the board (column and position), and moving them there.

Every column is numbered 0..n-1; moves read positions inside their own transaction, so two
processes moving cards at once never renumber from stale positions.
"""

from __future__ import annotations

from collections.abc import Sequence

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import Placement
from goaldesk.store.base import Change
from goaldesk.store.models import GoalRow
from goaldesk.store.services._shared import ServiceBase


class BoardService(ServiceBase):
    """Board placement: reading columns, moving cards, putting them back (undo)."""

    def placements(self, goal_ids: Sequence[int]) -> list[Placement]:
        """Where each of these goals (not in the Trash) stands, in the order asked."""
        return self._placements(goal_ids)

    def column_ids(self, horizon: Horizon) -> list[int]:
        """Goal ids of one board column in stored order (every status)."""
        rows = self.db.execute_sql(
            "SELECT id FROM goal WHERE horizon = ? AND deleted_at IS NULL ORDER BY position, id", (horizon.value,)
        ).fetchall()
        return [int(r[0]) for r in rows]

    def move_goals(self, goal_ids: Sequence[int], horizon: Horizon, before_id: int | None = None) -> list[Placement]:
        """Move goals (keeping their order) into ``horizon`` just before ``before_id`` (None: at the end).

        One transaction, and the positions it reads are read inside it: another process moving cards
        at the same moment waits for the write lock instead of renumbering from stale positions.
        Returns the old placements for undo; an empty list when nothing moved. Ids that no longer
        exist are ignored.
        """
        wanted = [int(i) for i in goal_ids]
        now = self.store.now()
        with self.store.writing([]):
            old = self.placements(wanted)
            moving = [p.goal_id for p in old]
            if not moving or (before_id is not None and before_id in moving):
                return []
            # Take the moving goals out, highest position first so earlier gaps stay valid.
            for p in sorted(old, key=lambda p: (p.horizon.value, -p.position)):
                self._close_gap(p.horizon, p.position)
                self.db.execute_sql("UPDATE goal SET position = -1 WHERE id = ?", (p.goal_id,))
            anchor = None if before_id is None else self.placements([before_id])
            if anchor and anchor[0].horizon is horizon:
                start = anchor[0].position
            else:
                start = self._end_position(horizon)
            self._open_gap(horizon, start, len(moving))
            for offset, goal_id in enumerate(moving):
                self.db.execute_sql(
                    "UPDATE goal SET horizon = ?, position = ? WHERE id = ?", (horizon.value, start + offset, goal_id)
                )
            for p in old:
                if p.horizon != horizon:
                    self._record(p.goal_id, "horizon", p.horizon, horizon, "", now)
            new = self.placements(moving)
        if [(p.horizon, p.position) for p in new] == [(p.horizon, p.position) for p in old]:
            return []
        self.store.notify([Change("goal", tuple(moving))])
        return old

    def place_goals(self, placements: Sequence[Placement]) -> None:
        """Put goals back at their placements (undo of a move), all reads inside the transaction.

        A position beyond the end of its column (another process removed cards meanwhile) is clamped
        to the end, so every column stays numbered 0..n-1.
        """
        ids = [p.goal_id for p in placements]
        now = self.store.now()
        with self.store.writing([Change("goal", tuple(ids))]):
            current = self.placements(ids)
            for p in sorted(current, key=lambda p: (p.horizon.value, -p.position)):
                self._close_gap(p.horizon, p.position)
                GoalRow.update(position=-1).where(GoalRow.id == p.goal_id).execute()
            present = {p.goal_id for p in current}
            for p in sorted(placements, key=lambda p: (p.horizon.value, p.position)):
                if p.goal_id not in present:
                    continue
                position = max(0, min(p.position, self._end_position(p.horizon)))
                self._open_gap(p.horizon, position)
                GoalRow.update(horizon=p.horizon.value, position=position).where(GoalRow.id == p.goal_id).execute()
            was = {p.goal_id: p.horizon for p in current}
            for p in placements:
                if was.get(p.goal_id, p.horizon) != p.horizon:
                    self._record(p.goal_id, "horizon", was[p.goal_id], p.horizon, "undo", now)
