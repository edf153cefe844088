"""GoalService: creating, reading, editing, trashing and restoring goals.

Returns plain domain objects. Every write is one transaction and is announced after commit.
Methods that take a snapshot (``insert_goal``, ``replace_goal``, ``restore_goal``) exist so undo
commands can put the database back exactly as it was.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalDraft, GoalQuery
from goaldesk.domain.validation import check_draft, makes_parent_cycle
from goaldesk.store.base import Change
from goaldesk.store.convert import select
from goaldesk.store.errors import StaleEdit
from goaldesk.store.models import CategoryRow, GoalRow
from goaldesk.store.services._shared import DERIVED, GOAL_COLUMNS, HISTORY_FIELDS, ServiceBase, goal_from_row


class GoalService(ServiceBase):
    """Goals: queries, edits (with their history entries), status, archive, Trash and re-filing."""

    def list_goals(self, query: GoalQuery | None = None, *, limit: int | None = None, offset: int = 0) -> list[Goal]:
        """Goals with their current value, ordered by horizon then board position.

        ``limit``/``offset`` page through the same order, so a view can show the first screenful at once.
        """
        query = query or GoalQuery()
        where = ["g.deleted_at IS NOT NULL" if query.deleted else "g.deleted_at IS NULL"]
        params: list[object] = []
        if query.horizon is not None:
            where.append("g.horizon = ?")
            params.append(query.horizon.value)
        if query.statuses is not None:
            marks = ",".join("?" for _ in query.statuses)
            where.append(f"g.status IN ({marks})")
            params.extend(s.value for s in query.statuses)
        if query.category_ids is not None:
            marks = ",".join("?" for _ in query.category_ids)
            where.append(f"g.category_id IN ({marks})" if query.category_ids else "1 = 0")
            params.extend(query.category_ids)
        if not query.include_archived:
            where.append("g.archived = 0")
        order = "ORDER BY g.horizon DESC, g.position, g.id"
        if limit is None:
            sql = f"SELECT {GOAL_COLUMNS}, {DERIVED} FROM goal g WHERE {' AND '.join(where)} {order}"
        else:
            # Page first, then compute the derived columns for that page only (SQLite would
            # otherwise evaluate them for every row before sorting).
            sql = (
                f"SELECT {GOAL_COLUMNS}, {DERIVED} FROM (SELECT * FROM goal g WHERE {' AND '.join(where)} "
                f"{order} LIMIT ? OFFSET ?) g {order}"
            )
            params.extend((limit, offset))
        goals = [goal_from_row(row) for row in select(self.db, sql, params)]
        needle = query.text.strip().casefold()
        if needle:
            goals = [g for g in goals if needle in g.title.casefold() or needle in g.description.casefold()]
        return goals

    def get_goal(self, goal_id: int) -> Goal:
        return self._goal(goal_id)

    def find_goal(self, goal_id: int) -> Goal | None:
        try:
            return self.get_goal(goal_id)
        except DomainError:
            return None

    def goal_count(self) -> int:
        row = self.db.execute_sql("SELECT COUNT(*) FROM goal WHERE deleted_at IS NULL").fetchone()
        return int(row[0])

    def _check(self, draft: GoalDraft, *, is_new: bool) -> GoalDraft:
        check_draft(draft, today=self.store.today(), is_new=is_new)
        with self.store.reading():
            if CategoryRow.get_or_none(CategoryRow.id == draft.category_id) is None:
                raise DomainError(f"There is no goal type with id {draft.category_id}.", "category_id")
            if draft.parent_id is not None and GoalRow.get_or_none(GoalRow.id == draft.parent_id) is None:
                raise DomainError(f"There is no goal with id {draft.parent_id} to link to.", "parent_id")
        return draft.replace(title=draft.title.strip())

    def create_goal(
        self, draft: GoalDraft, *, position: int | None = None, smart_overrides: frozenset[str] = frozenset()
    ) -> Goal:
        """Create a goal at the end of its horizon's column (or at ``position``)."""
        draft = self._check(draft, is_new=True)
        now = self.store.now()
        with self.store.writing([]):
            end = self._end_position(draft.horizon)
            pos = end if position is None else max(0, min(position, end))
            self._open_gap(draft.horizon, pos)
            row = GoalRow.create(
                uuid=str(uuidlib.uuid4()),
                title=draft.title,
                description=draft.description,
                category=draft.category_id,
                horizon=draft.horizon.value,
                position=pos,
                status=draft.status.value,
                start_date=draft.start_date or self.store.today(),
                deadline=draft.deadline,
                metric_name=draft.metric_name,
                unit=draft.unit,
                baseline=draft.baseline,
                target=draft.target,
                metric_kind=draft.metric_kind.value,
                why=draft.why,
                parent=draft.parent_id,
                smart_overrides=",".join(sorted(smart_overrides)),
                created_at=now,
                updated_at=now,
            )
        self.store.notify([Change("goal", (row.id,))])
        return self.get_goal(row.id)

    def _write_snapshot(self, goal: Goal) -> None:
        GoalRow.update(
            uuid=goal.uuid, title=goal.title, description=goal.description, category=goal.category_id,
            horizon=goal.horizon.value, position=goal.position, status=goal.status.value,
            start_date=goal.start_date, deadline=goal.deadline, metric_name=goal.metric_name, unit=goal.unit,
            baseline=goal.baseline, target=goal.target, metric_kind=goal.metric_kind.value, why=goal.why,
            parent=goal.parent_id, archived=goal.archived, smart_overrides=",".join(sorted(goal.smart_overrides)),
            created_at=goal.created_at, updated_at=goal.updated_at, deleted_at=goal.deleted_at,
        ).where(GoalRow.id == goal.id).execute()

    def insert_goal(self, goal: Goal) -> Goal:
        """Put back a purged goal exactly (same id, uuid, position, timestamps): redo of a create."""
        with self.store.writing([Change("goal", (goal.id,))]):
            if goal.deleted_at is None:
                goal = goal.replace(position=self._clamped(goal.horizon, goal.position))
                self._open_gap(goal.horizon, goal.position)
            GoalRow.insert(
                id=goal.id, uuid=goal.uuid, title=goal.title, category=goal.category_id,
                horizon=goal.horizon.value, position=goal.position, status=goal.status.value,
                start_date=goal.start_date, created_at=goal.created_at, updated_at=goal.updated_at,
            ).execute()
            self._write_snapshot(goal)
            self.db.execute_sql("UPDATE goal SET version = ? WHERE id = ?", (goal.version, goal.id))
        return self.get_goal(goal.id)

    def update_goal(
        self, goal_id: int, draft: GoalDraft, *, reason: str = "", smart_overrides: frozenset[str] | None = None,
        expected_version: int | None = None,
    ) -> Goal:
        """Save the editor's fields; horizon changes move the goal to the end of the other column.

        ``smart_overrides`` (the SMART dialog's choices made from the editor) are saved in the same transaction.
        ``expected_version`` is the version the editor opened: if the goal was saved since (another window,
        another machine), StaleEdit is raised and nothing is written, so no one's change is lost silently.
        """
        old = self.get_goal(goal_id)
        if old.is_deleted:
            raise DomainError("This goal is in the Trash; restore it before editing.")
        draft = self._check(draft, is_new=False)
        if draft.parent_id == goal_id:
            raise DomainError("A goal cannot serve itself.", "parent_id")
        overrides = old.smart_overrides if smart_overrides is None else frozenset(smart_overrides)
        if expected_version is not None and old.version != expected_version:
            raise self._stale(old)
        if draft == old.draft() and overrides == old.smart_overrides:
            return old
        now = self.store.now()
        with self.store.writing([Change("goal", (goal_id,))]):
            if expected_version is not None:  # read again under the write lock: the decisive check
                row = self.db.execute_sql("SELECT version FROM goal WHERE id = ?", (goal_id,)).fetchone()
                if row is not None and int(row[0]) != expected_version:
                    raise self._stale(self.get_goal(goal_id))
            # Links and board place are read again inside the transaction: another process may have moved them.
            if draft.parent_id is not None and draft.parent_id != old.parent_id:
                links = {int(r[0]): r[1] for r in self.db.execute_sql("SELECT id, parent_id FROM goal").fetchall()}
                if makes_parent_cycle(links, goal_id, draft.parent_id):
                    raise DomainError("That goal already serves this one (directly or through others).", "parent_id")
            where = self._placements([goal_id])
            if not where:
                raise DomainError("This goal is in the Trash; restore it before editing.")
            here = where[0]
            position = here.position
            if draft.horizon != here.horizon:
                self._close_gap(here.horizon, here.position)
                position = self._end_position(draft.horizon)
            GoalRow.update(
                title=draft.title, description=draft.description, category=draft.category_id,
                horizon=draft.horizon.value, position=position, status=draft.status.value,
                start_date=draft.start_date or old.start_date, deadline=draft.deadline,
                metric_name=draft.metric_name, unit=draft.unit, baseline=draft.baseline, target=draft.target,
                metric_kind=draft.metric_kind.value, why=draft.why, parent=draft.parent_id, updated_at=now,
                smart_overrides=",".join(sorted(overrides)),
            ).where(GoalRow.id == goal_id).execute()
            self.db.execute_sql("UPDATE goal SET version = version + 1 WHERE id = ?", (goal_id,))
            for name in HISTORY_FIELDS:
                if getattr(old, name) != getattr(draft, name):
                    self._record(goal_id, name, getattr(old, name), getattr(draft, name), reason, now)
        return self.get_goal(goal_id)

    @staticmethod
    def _stale(current: Goal) -> StaleEdit:
        return StaleEdit(
            f"“{current.title}” was changed elsewhere (another window or computer) after you opened it, "
            "so your changes were not saved over it. Reload it, or save yours as a copy.",
            current,
        )

    def replace_goal(self, goal: Goal, *, reason: str = "undo") -> Goal:
        """Write every stored field of a snapshot back (undo of an edit). History notes it as its own entry."""
        now = self.store.now()
        with self.store.writing([Change("goal", (goal.id,))]):
            current = self.get_goal(goal.id)
            if current.deleted_at is None and (current.horizon, current.position) != (goal.horizon, goal.position):
                self._close_gap(current.horizon, current.position)
                goal = goal.replace(position=self._clamped(goal.horizon, goal.position))
                self._open_gap(goal.horizon, goal.position)
            self._write_snapshot(goal)
            self.db.execute_sql("UPDATE goal SET version = ? WHERE id = ?", (current.version + 1, goal.id))
            for name in HISTORY_FIELDS:
                if getattr(current, name) != getattr(goal, name):
                    self._record(goal.id, name, getattr(current, name), getattr(goal, name), reason, now)
        return self.get_goal(goal.id)

    def set_status(self, goal_id: int, status: GoalStatus) -> Goal:
        old = self.get_goal(goal_id)
        return self.update_goal(goal_id, old.draft().replace(status=status))

    def set_statuses(self, goal_ids: Sequence[int], status: GoalStatus) -> list[Goal]:
        """Give several goals one status in one transaction (history noted per goal).

        Returns the goals that changed, as they were (for undo); trashed, missing and unchanged goals are left alone.
        """
        changed: list[Goal] = []
        with self.store.writing([]):
            for goal_id in goal_ids:
                old = self.find_goal(goal_id)
                if old is None or old.is_deleted or old.status is status:
                    continue
                self.update_goal(goal_id, old.draft().replace(status=status))
                changed.append(old)
        return changed

    def replace_goals(self, goals: Sequence[Goal], *, reason: str = "undo") -> None:
        """``replace_goal`` for several snapshots in one transaction (undo and redo of ``set_statuses``)."""
        with self.store.writing([]):
            for goal in goals:
                self.replace_goal(goal, reason=reason)

    def set_archived(self, goal_ids: Sequence[int], archived: bool) -> None:
        with self.store.writing([Change("goal", tuple(goal_ids))]):
            GoalRow.update(archived=archived).where(GoalRow.id.in_(list(goal_ids))).execute()

    def delete_goal(self, goal_id: int) -> Goal:
        """Move to the Trash (soft delete). Returns the goal as it was, for undo."""
        old = self.get_goal(goal_id)
        if old.is_deleted:
            return old
        with self.store.writing([Change("goal", (goal_id,))]):
            old = self.get_goal(goal_id)  # its place now, inside the transaction
            if old.is_deleted:
                return old
            self._close_gap(old.horizon, old.position)
            GoalRow.update(deleted_at=self.store.now()).where(GoalRow.id == goal_id).execute()
        return old

    def restore_goal(self, goal: Goal) -> Goal:
        """Bring a goal back from the Trash. With a snapshot, at its old place; else at the column's end."""
        current = self.get_goal(goal.id)
        if not current.is_deleted:
            return current
        with self.store.writing([Change("goal", (goal.id,))]):
            current = self.get_goal(goal.id)
            if not current.is_deleted:
                return current
            snapshot = goal if goal.deleted_at is None else current.replace(deleted_at=None)
            if goal.deleted_at is not None:
                snapshot = snapshot.replace(position=self._end_position(snapshot.horizon))
            else:
                snapshot = snapshot.replace(position=self._clamped(snapshot.horizon, snapshot.position))
                self._open_gap(snapshot.horizon, snapshot.position)
            self._write_snapshot(snapshot)
        return self.get_goal(goal.id)

    def delete_goals(self, goal_ids: Sequence[int]) -> list[Goal]:
        """Move several goals to the Trash in one transaction; returns them as they were."""
        now = self.store.now()
        with self.store.writing([Change("goal", tuple(goal_ids))]):
            olds = [g for g in (self.find_goal(i) for i in goal_ids) if g is not None and not g.is_deleted]
            for g in sorted(olds, key=lambda g: (g.horizon.value, -g.position)):
                self._close_gap(g.horizon, g.position)
                GoalRow.update(deleted_at=now).where(GoalRow.id == g.id).execute()
        return olds

    def restore_goals(self, snapshots: Sequence[Goal]) -> None:
        """Undo of delete_goals: put each goal back exactly where it was, in one transaction."""
        ids = tuple(g.id for g in snapshots)
        with self.store.writing([Change("goal", ids)]):
            # A goal already back on the board (restored elsewhere meanwhile) leaves its current place first.
            for p in sorted(self._placements(ids), key=lambda p: (p.horizon.value, -p.position)):
                self._close_gap(p.horizon, p.position)
                GoalRow.update(position=-1).where(GoalRow.id == p.goal_id).execute()
            for g in sorted(snapshots, key=lambda g: (g.horizon.value, g.position)):
                g = g.replace(position=self._clamped(g.horizon, g.position))
                self._open_gap(g.horizon, g.position)
                self._write_snapshot(g)

    def set_goal_categories(self, goal_ids: Sequence[int], category_id: int) -> list[tuple[int, int]]:
        """Re-file goals under one type (drop on the tree); returns [(goal id, old type)] for undo."""
        self._require_category(category_id)
        olds = [g for g in (self.find_goal(i) for i in goal_ids) if g is not None]
        moved = [(g.id, g.category_id) for g in olds if g.category_id != category_id]
        if not moved:
            return []
        now = self.store.now()
        with self.store.writing([Change("goal", tuple(i for i, _ in moved))]):
            for goal_id, old in moved:
                GoalRow.update(category=category_id, updated_at=now).where(GoalRow.id == goal_id).execute()
                self._record(goal_id, "category_id", old, category_id, "", now)
        return moved

    def restore_goal_categories(self, moved: Sequence[tuple[int, int]]) -> None:
        now = self.store.now()
        with self.store.writing([Change("goal", tuple(i for i, _ in moved))]):
            for goal_id, old in moved:
                row = GoalRow.get_or_none(GoalRow.id == goal_id)
                if row is None:
                    continue
                if row.category_id != old:
                    self._record(goal_id, "category_id", row.category_id, old, "undo", now)
                GoalRow.update(category=old).where(GoalRow.id == goal_id).execute()

    def purge_goal(self, goal_id: int) -> Goal:
        """Delete for good, with check-ins and milestones. Returns the goal as it was."""
        old = self.get_goal(goal_id)
        with self.store.writing([Change("goal", (goal_id,))]):
            old = self.get_goal(goal_id)  # its place now, inside the transaction
            if not old.is_deleted:
                self._close_gap(old.horizon, old.position)
            GoalRow.delete().where(GoalRow.id == goal_id).execute()
        return old
