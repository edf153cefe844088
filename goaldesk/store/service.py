"""GoalService: the only door to goals, categories, check-ins and milestones for the UI and CLI.

Returns plain domain objects. Every write is one transaction and is announced after commit.
Methods that take a snapshot (``insert_goal``, ``replace_goal``, ``restore_goal``, ``place_goals``)
exist so undo commands can put the database back exactly as it was.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import fn

from goaldesk.domain import catalogue
from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import (
    Category,
    CheckIn,
    Goal,
    GoalDraft,
    GoalQuery,
    Milestone,
    Placement,
)
from goaldesk.domain.validation import (
    check_category_name,
    check_checkin_date,
    check_draft,
    check_note,
    check_value,
    makes_parent_cycle,
    title_problems,
)
from goaldesk.store.base import Change, Store
from goaldesk.store.models import (
    CategoryRow,
    CheckInRow,
    GoalRow,
    HistoryRow,
    MilestoneRow,
)

HISTORY_FIELDS = ("title", "target", "deadline", "horizon", "category_id", "status")


@dataclass(frozen=True)
class CategoryDeletion:
    """Everything needed to undo a category deletion: the removed subtree and the goals moved out."""

    categories: tuple[Category, ...]
    moved_goals: tuple[tuple[int, int], ...]  # (goal id, old category id)
    reassigned_to: int | None


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    goal_id: int
    field: str
    old: str | None
    new: str | None
    at: datetime
    reason: str


def _d(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    return date.fromisoformat(str(value)[:10])


def _dt(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (Horizon, GoalStatus)):
        return value.value
    return str(value)


_GOAL_COLUMNS = (
    "g.id, g.uuid, g.title, g.description, g.category_id, g.horizon, g.position, g.status, "
    "g.start_date, g.deadline, g.metric_name, g.unit, g.baseline, g.target, g.metric_kind, g.why, "
    "g.parent_id, g.archived, g.smart_overrides, g.created_at, g.updated_at, g.deleted_at"
)
_DERIVED = (
    "(SELECT c.value FROM checkin c WHERE c.goal_id = g.id ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "
    "CASE WHEN g.metric_kind = 'increment' THEN (SELECT SUM(c.value) FROM checkin c WHERE c.goal_id = g.id) END, "
    "(SELECT MAX(c.on_date) FROM checkin c WHERE c.goal_id = g.id), "
    "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id AND m.done_on IS NOT NULL), "
    "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id)"
)


_HORIZONS = {h.value: h for h in Horizon}
_STATUSES = {s.value: s for s in GoalStatus}
_KINDS = {k.value: k for k in MetricKind}


def _goal_from_row(row: Sequence[Any]) -> Goal:
    (gid, guuid, title, description, category_id, horizon, position, status, start_date, deadline,
     metric_name, unit, baseline, target, metric_kind, why, parent_id, archived, overrides,
     created_at, updated_at, deleted_at, latest, total, last_on, ms_done, ms_total) = row
    kind = _KINDS[metric_kind or "cumulative"]
    current: float | None
    if kind is MetricKind.INCREMENT:
        current = None if total is None else (float(baseline or 0.0) + float(total))  # type: ignore[arg-type]
    else:
        current = None if latest is None else float(latest)  # type: ignore[arg-type]
    return Goal(
        id=int(gid),  # type: ignore[arg-type]
        uuid=str(guuid),
        title=str(title),
        description=str(description or ""),
        category_id=int(category_id),  # type: ignore[arg-type]
        horizon=_HORIZONS[horizon],
        position=int(position),  # type: ignore[arg-type]
        status=_STATUSES[status],
        start_date=_d(start_date) or date.min,
        deadline=_d(deadline),
        metric_name=str(metric_name or ""),
        unit=str(unit or ""),
        baseline=None if baseline is None else float(baseline),  # type: ignore[arg-type]
        target=None if target is None else float(target),  # type: ignore[arg-type]
        metric_kind=kind,
        why=str(why or ""),
        parent_id=None if parent_id is None else int(parent_id),  # type: ignore[arg-type]
        archived=bool(archived),
        smart_overrides=frozenset(x for x in str(overrides or "").split(",") if x),
        created_at=_dt(created_at) or datetime.min,
        updated_at=_dt(updated_at) or datetime.min,
        deleted_at=_dt(deleted_at),
        current=current,
        last_checkin=_d(last_on),
        milestones_done=int(ms_done or 0),  # type: ignore[call-overload]
        milestones_total=int(ms_total or 0),  # type: ignore[call-overload]
    )


def _category(row: CategoryRow) -> Category:
    return Category(
        id=row.id,
        name=row.name,
        parent_id=row.parent_id,
        builtin=bool(row.builtin),
        key=row.key,
        position=row.position,
        description=row.description or "",
    )


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(id=row.id, goal_id=row.goal_id, on=_d(row.on) or date.min, value=row.value, note=row.note)


def _milestone(row: MilestoneRow) -> Milestone:
    return Milestone(
        id=row.id, goal_id=row.goal_id, title=row.title, position=row.position, done_on=_d(row.done_on)
    )


class GoalService:
    """Goals, categories, check-ins and milestones."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        if not self.categories():
            self.seed_categories()

    # ---------------------------------------------------------------- categories

    def seed_categories(self) -> None:
        """Insert the built-in goal-type tree (first run only)."""
        with self.store.writing([Change("category")]):
            for gpos, group in enumerate(catalogue.GROUPS):
                parent = CategoryRow.create(
                    name=group.name, key=group.key, builtin=True, position=gpos, description=group.description
                )
                for tpos, goal_type in enumerate(group.types):
                    CategoryRow.create(
                        name=goal_type.name,
                        key=goal_type.key,
                        builtin=True,
                        position=tpos,
                        parent=parent,
                        description=goal_type.description,
                    )

    def categories(self) -> list[Category]:
        with self.store.reading():
            rows = CategoryRow.select().order_by(CategoryRow.position, CategoryRow.id)
            return [_category(r) for r in rows]

    def category(self, category_id: int) -> Category:
        with self.store.reading():
            row = CategoryRow.get_or_none(CategoryRow.id == category_id)
        if row is None:
            raise DomainError(f"There is no goal type with id {category_id}.", "category_id")
        return _category(row)

    def category_by_key(self, key: str) -> Category | None:
        with self.store.reading():
            row = CategoryRow.get_or_none(CategoryRow.key == key)
        return None if row is None else _category(row)

    def subtree_ids(self, category_id: int) -> frozenset[int]:
        """The category and all categories below it."""
        children: dict[int | None, list[int]] = {}
        for cat in self.categories():
            children.setdefault(cat.parent_id, []).append(cat.id)
        found = {category_id}
        stack = [category_id]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return frozenset(found)

    def active_goal_counts(self) -> dict[int, int]:
        """Active, not deleted, not archived goals filed directly under each category."""
        rows = self.db.execute_sql(
            "SELECT category_id, COUNT(*) FROM goal WHERE deleted_at IS NULL AND status = 'active' "
            "AND archived = 0 GROUP BY category_id"
        ).fetchall()
        return {int(cid): int(n) for cid, n in rows}

    def _check_sibling_name(self, name: str, parent_id: int | None, exclude: int | None = None) -> None:
        for cat in self.categories():
            if cat.parent_id == parent_id and cat.id != exclude and cat.name.casefold() == name.casefold():
                raise DomainError(f"There is already a type named “{cat.name}” here.", "name")

    def create_category(
        self, name: str, parent_id: int | None, *, category_id: int | None = None, position: int | None = None
    ) -> Category:
        text = check_category_name(name)
        if parent_id is not None:
            self.category(parent_id)
        self._check_sibling_name(text, parent_id)
        with self.store.writing([Change("category")]):
            if position is None:
                position = (
                    CategoryRow.select(fn.MAX(CategoryRow.position))
                    .where(CategoryRow.parent == parent_id)
                    .scalar()
                    or 0
                ) + 1
            fields: dict[str, object] = {"name": text, "parent": parent_id, "position": position}
            if category_id is not None:
                fields["id"] = category_id
            row = CategoryRow.create(**fields)
        return self.category(row.id)

    def rename_category(self, category_id: int, name: str) -> Category:
        """Rename; returns the category as it was (for undo)."""
        old = self.category(category_id)
        text = check_category_name(name)
        if text == old.name:
            return old
        self._check_sibling_name(text, old.parent_id, exclude=category_id)
        with self.store.writing([Change("category", (category_id,))]):
            CategoryRow.update(name=text).where(CategoryRow.id == category_id).execute()
        return old

    def move_category(self, category_id: int, parent_id: int | None) -> Category:
        """Nest a user category under another; returns the category as it was."""
        old = self.category(category_id)
        if old.builtin:
            raise DomainError("Built-in goal types stay where they are; you can rename them.", "parent_id")
        if parent_id == old.parent_id:
            return old
        if parent_id is not None:
            self.category(parent_id)
            if parent_id in self.subtree_ids(category_id):
                raise DomainError("A type cannot be moved inside itself.", "parent_id")
        self._check_sibling_name(old.name, parent_id, exclude=category_id)
        with self.store.writing([Change("category", (category_id,))]):
            CategoryRow.update(parent=parent_id).where(CategoryRow.id == category_id).execute()
        return old

    def goals_in_categories(self, category_ids: Iterable[int]) -> list[int]:
        ids = list(category_ids)
        with self.store.reading():
            return [r.id for r in GoalRow.select(GoalRow.id).where(GoalRow.category.in_(ids))]

    def delete_category(self, category_id: int, reassign_to: int | None = None) -> CategoryDeletion:
        """Delete a user category and its subtree, moving their goals to ``reassign_to``."""
        target = self.category(category_id)
        if target.builtin:
            raise DomainError(f"“{target.name}” is built in and cannot be deleted; you can rename it.")
        subtree = self.subtree_ids(category_id)
        goal_ids = self.goals_in_categories(subtree)
        if goal_ids and reassign_to is None:
            raise DomainError(
                f"“{target.name}” holds {len(goal_ids)} goal(s); choose a type to move them to.", "reassign_to"
            )
        if reassign_to is not None:
            self.category(reassign_to)
            if reassign_to in subtree:
                raise DomainError("Move the goals to a type outside the one being deleted.", "reassign_to")
        removed = tuple(c for c in self.categories() if c.id in subtree)
        with self.store.reading():
            moved = tuple(
                (r.id, r.category_id)
                for r in GoalRow.select(GoalRow.id, GoalRow.category).where(GoalRow.id.in_(goal_ids))
            )
        with self.store.writing([Change("category"), Change("goal", tuple(goal_ids))]):
            if goal_ids:
                GoalRow.update(category=reassign_to).where(GoalRow.id.in_(goal_ids)).execute()
            # Delete leaves first so RESTRICT on parent_id never fires.
            depth = {c.id: self._depth(c, removed) for c in removed}
            for cat in sorted(removed, key=lambda c: -depth[c.id]):
                CategoryRow.delete().where(CategoryRow.id == cat.id).execute()
        return CategoryDeletion(categories=removed, moved_goals=moved, reassigned_to=reassign_to)

    @staticmethod
    def _depth(cat: Category, within: Sequence[Category]) -> int:
        by_id = {c.id: c for c in within}
        depth = 0
        while cat.parent_id in by_id:
            cat = by_id[cat.parent_id]
            depth += 1
        return depth

    def undo_delete_category(self, deletion: CategoryDeletion) -> None:
        goal_ids = tuple(g for g, _ in deletion.moved_goals)
        with self.store.writing([Change("category"), Change("goal", goal_ids)]):
            within = deletion.categories
            for cat in sorted(within, key=lambda c: self._depth(c, within)):
                CategoryRow.insert(
                    id=cat.id, name=cat.name, parent=cat.parent_id, key=cat.key, builtin=cat.builtin,
                    position=cat.position, description=cat.description,
                ).execute()
            for goal_id, old_cat in deletion.moved_goals:
                GoalRow.update(category=old_cat).where(GoalRow.id == goal_id).execute()

    # ---------------------------------------------------------------- goals: reading

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
            where.append(f"g.category_id IN ({marks})" if query.category_ids else "0")
            params.extend(query.category_ids)
        if not query.include_archived:
            where.append("g.archived = 0")
        order = "ORDER BY g.horizon DESC, g.position, g.id"
        if limit is None:
            sql = f"SELECT {_GOAL_COLUMNS}, {_DERIVED} FROM goal g WHERE {' AND '.join(where)} {order}"
        else:
            # Page first, then compute the derived columns for that page only (SQLite would
            # otherwise evaluate them for every row before sorting).
            sql = (
                f"SELECT {_GOAL_COLUMNS}, {_DERIVED} FROM (SELECT * FROM goal g WHERE {' AND '.join(where)} "
                f"{order} LIMIT ? OFFSET ?) g {order}"
            )
            params.extend((limit, offset))
        goals = [_goal_from_row(row) for row in self.db.execute_sql(sql, params).fetchall()]
        needle = query.text.strip().casefold()
        if needle:
            goals = [g for g in goals if needle in g.title.casefold() or needle in g.description.casefold()]
        return goals

    def get_goal(self, goal_id: int) -> Goal:
        row = self.db.execute_sql(
            f"SELECT {_GOAL_COLUMNS}, {_DERIVED} FROM goal g WHERE g.id = ?", (goal_id,)
        ).fetchone()
        if row is None:
            raise DomainError(f"There is no goal with id {goal_id}.", "goal_id")
        return _goal_from_row(row)

    def find_goal(self, goal_id: int) -> Goal | None:
        try:
            return self.get_goal(goal_id)
        except DomainError:
            return None

    def goal_count(self) -> int:
        row = self.db.execute_sql("SELECT COUNT(*) FROM goal WHERE deleted_at IS NULL").fetchone()
        return int(row[0])

    # ---------------------------------------------------------------- goals: writing

    def _check(self, draft: GoalDraft, *, is_new: bool) -> GoalDraft:
        check_draft(draft, today=self.store.today(), is_new=is_new)
        with self.store.reading():
            if CategoryRow.get_or_none(CategoryRow.id == draft.category_id) is None:
                raise DomainError(f"There is no goal type with id {draft.category_id}.", "category_id")
            if draft.parent_id is not None and GoalRow.get_or_none(GoalRow.id == draft.parent_id) is None:
                raise DomainError(f"There is no goal with id {draft.parent_id} to link to.", "parent_id")
        return draft.replace(title=draft.title.strip())

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
        return self.get_goal(goal.id)

    def _record(self, goal_id: int, field: str, old: object, new: object, reason: str, at: datetime) -> None:
        self.db.execute_sql(
            "INSERT INTO goal_history (goal_id, field, old, new, at, reason) VALUES (?, ?, ?, ?, ?, ?)",
            (goal_id, field, _text(old), _text(new), str(at), reason),
        )

    def update_goal(
        self, goal_id: int, draft: GoalDraft, *, reason: str = "", smart_overrides: frozenset[str] | None = None
    ) -> Goal:
        """Save the editor's fields; horizon changes move the goal to the end of the other column.

        ``smart_overrides`` (the SMART dialog's choices made from the editor) are saved in the same transaction.
        """
        old = self.get_goal(goal_id)
        if old.is_deleted:
            raise DomainError("This goal is in the Trash; restore it before editing.")
        draft = self._check(draft, is_new=False)
        if draft.parent_id == goal_id:
            raise DomainError("A goal cannot serve itself.", "parent_id")
        overrides = old.smart_overrides if smart_overrides is None else frozenset(smart_overrides)
        if draft == old.draft() and overrides == old.smart_overrides:
            return old
        now = self.store.now()
        with self.store.writing([Change("goal", (goal_id,))]):
            # Links and board place are read again inside the transaction: another process may have moved them.
            if draft.parent_id is not None and draft.parent_id != old.parent_id:
                links = {int(r[0]): r[1] for r in self.db.execute_sql("SELECT id, parent_id FROM goal").fetchall()}
                if makes_parent_cycle(links, goal_id, draft.parent_id):
                    raise DomainError("That goal already serves this one (directly or through others).", "parent_id")
            where = self.placements([goal_id])
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
            for name in HISTORY_FIELDS:
                if getattr(old, name) != getattr(draft, name):
                    self._record(goal_id, name, getattr(old, name), getattr(draft, name), reason, now)
        return self.get_goal(goal_id)

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
            for name in HISTORY_FIELDS:
                if getattr(current, name) != getattr(goal, name):
                    self._record(goal.id, name, getattr(current, name), getattr(goal, name), reason, now)
        return self.get_goal(goal.id)

    def set_status(self, goal_id: int, status: GoalStatus) -> Goal:
        old = self.get_goal(goal_id)
        return self.update_goal(goal_id, old.draft().replace(status=status))

    def set_archived(self, goal_ids: Sequence[int], archived: bool) -> None:
        with self.store.writing([Change("goal", tuple(goal_ids))]):
            GoalRow.update(archived=archived).where(GoalRow.id.in_(list(goal_ids))).execute()

    def set_smart_overrides(self, goal_id: int, overrides: frozenset[str]) -> Goal:
        with self.store.writing([Change("goal", (goal_id,))]):
            GoalRow.update(smart_overrides=",".join(sorted(overrides)), updated_at=self.store.now()).where(
                GoalRow.id == goal_id
            ).execute()
        return self.get_goal(goal_id)

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
            for p in sorted(self.placements(ids), key=lambda p: (p.horizon.value, -p.position)):
                self._close_gap(p.horizon, p.position)
                GoalRow.update(position=-1).where(GoalRow.id == p.goal_id).execute()
            for g in sorted(snapshots, key=lambda g: (g.horizon.value, g.position)):
                g = g.replace(position=self._clamped(g.horizon, g.position))
                self._open_gap(g.horizon, g.position)
                self._write_snapshot(g)

    def set_goal_categories(self, goal_ids: Sequence[int], category_id: int) -> list[tuple[int, int]]:
        """Re-file goals under one type (drop on the tree); returns [(goal id, old type)] for undo."""
        self.category(category_id)
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

    # ---------------------------------------------------------------- board placement

    def placements(self, goal_ids: Sequence[int]) -> list[Placement]:
        ids = [int(i) for i in goal_ids]
        marks = ",".join("?" for _ in ids) or "NULL"
        rows = self.db.execute_sql(
            f"SELECT id, horizon, position FROM goal WHERE id IN ({marks}) AND deleted_at IS NULL", ids
        ).fetchall()
        found = {int(r[0]): Placement(int(r[0]), _HORIZONS[r[1]], int(r[2])) for r in rows}
        return [found[i] for i in ids if i in found]

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

    # ---------------------------------------------------------------- check-ins

    def checkins(self, goal_id: int) -> list[CheckIn]:
        with self.store.reading():
            rows = CheckInRow.select().where(CheckInRow.goal == goal_id).order_by(CheckInRow.on, CheckInRow.id)
            return [_checkin(r) for r in rows]

    def _check_checkin(self, goal_id: int, on: object, value: object, note: object) -> tuple[date, float, str]:
        goal = self.get_goal(goal_id)
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

    # ---------------------------------------------------------------- milestones

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
        self.get_goal(goal_id)
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

    # ---------------------------------------------------------------- history

    def history(self, goal_id: int) -> list[HistoryEntry]:
        with self.store.reading():
            rows = HistoryRow.select().where(HistoryRow.goal == goal_id).order_by(HistoryRow.at, HistoryRow.id)
            return [
                HistoryEntry(r.id, r.goal_id, r.field, r.old, r.new, _dt(r.at) or datetime.min, r.reason)
                for r in rows
            ]
