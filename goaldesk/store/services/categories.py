"""CategoryService: the tree of goal types (built-in groups and types, and the user's own).

Every write is one transaction, announced after commit as ``Change("category")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peewee import fn

from goaldesk.domain import catalogue, palette
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Category
from goaldesk.domain.validation import check_category_name
from goaldesk.store.base import Change
from goaldesk.store.models import CategoryRow, GoalRow
from goaldesk.store.services._shared import ServiceBase


@dataclass(frozen=True)
class CategoryDeletion:
    """Everything needed to undo a category deletion: the removed subtree and the goals moved out."""

    categories: tuple[Category, ...]
    moved_goals: tuple[tuple[int, int], ...]  # (goal id, old category id)
    reassigned_to: int | None


def _category(row: CategoryRow) -> Category:
    return Category(
        id=row.id,
        name=row.name,
        parent_id=row.parent_id,
        builtin=bool(row.builtin),
        key=row.key,
        position=row.position,
        description=row.description or "",
        colour=str(row.colour).lower() if palette.is_colour(row.colour) else None,
    )


class CategoryService(ServiceBase):
    """Goal types: the built-in tree (seeded on a new database) and user categories."""

    def seed_categories(self) -> None:
        """Insert the built-in goal-type tree on a database that has no goal types yet (else nothing)."""
        if self.categories():
            return
        with self.store.writing([Change("category")]):
            for gpos, group in enumerate(catalogue.GROUPS):
                parent = CategoryRow.create(
                    name=group.name, key=group.key, builtin=True, position=gpos, description=group.description,
                    colour=palette.default_colour(group.key),
                )
                for tpos, goal_type in enumerate(group.types):
                    CategoryRow.create(
                        name=goal_type.name,
                        key=goal_type.key,
                        builtin=True,
                        position=tpos,
                        parent=parent,
                        description=goal_type.description,
                        colour=palette.default_colour(goal_type.key),
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
        self, name: str, parent_id: int | None, *, category_id: int | None = None, position: int | None = None,
        colour: str | None = None,
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
            fields: dict[str, object] = {
                "name": text, "parent": parent_id, "position": position, "colour": palette.normal_colour(colour),
            }
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

    def set_category_colour(self, category_id: int, colour: str | None) -> Category:
        """Give a type a colour (``#rrggbb``) or none; returns the category as it was (for undo)."""
        old = self.category(category_id)
        try:
            value = palette.normal_colour(colour)
        except ValueError as exc:
            raise DomainError(str(exc), "colour") from exc
        if value == old.colour:
            return old
        with self.store.writing([Change("category", (category_id,))]):
            CategoryRow.update(colour=value).where(CategoryRow.id == category_id).execute()
        return old

    def colours(self) -> dict[int, str]:
        """The colour of every type that has one, by id (one query: the board and the list ask often)."""
        with self.store.reading():
            rows = CategoryRow.select(CategoryRow.id, CategoryRow.colour).where(CategoryRow.colour.is_null(False))
            return {int(r.id): str(r.colour).lower() for r in rows if palette.is_colour(r.colour)}

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
                f"“{target.name}” holds {len(goal_ids)} {'goal' if len(goal_ids) == 1 else 'goals'}; "
                "choose a type to move them to.", "reassign_to"
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
                    position=cat.position, description=cat.description, colour=cat.colour,
                ).execute()
            for goal_id, old_cat in deletion.moved_goals:
                GoalRow.update(category=old_cat).where(GoalRow.id == goal_id).execute()
