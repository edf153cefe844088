"""Undo commands for the goal-type tree: create, rename, colour, nest and delete categories.

They follow ``goaldesk.ui.common.commands``: the view builds one and hands it to ``run``, so a refused change
(empty or duplicate name, built-in type, disk error) shows a message and never lands on the undo stack.
Each command keeps the ids it created or removed, so redo puts back exactly the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Category, Goal
from goaldesk.domain.palette import swatch_name
from goaldesk.store.services import CategoryDeletion
from goaldesk.ui.common.commands import ServiceCommand, short
from goaldesk.ui.shell.context import AppContext


def _name_of(ctx: AppContext, category_id: int | None) -> str:
    """A label for the undo text; never raises, because the command must be buildable for a stale id."""
    if category_id is None:
        return "the top level"
    try:
        return f"“{short(ctx.categories.category(category_id).name)}”"
    except DomainError:
        return "a goal type"


class CreateCategory(ServiceCommand):
    """A new user goal type; undo deletes it, redo recreates it with the same id and position."""

    def __init__(self, ctx: AppContext, name: str, parent_id: int | None) -> None:
        super().__init__(ctx, f"New type “{short(name.strip())}”")
        self.name = name
        self.parent_id = parent_id
        self.created: Category | None = None

    def do(self) -> None:
        if self.created is None:
            self.created = self.ctx.categories.create_category(self.name, self.parent_id)
        else:
            c = self.created
            self.ctx.categories.create_category(
                c.name, c.parent_id, category_id=c.id, position=c.position, colour=c.colour
            )

    def undo_change(self) -> None:
        assert self.created is not None
        self.ctx.categories.delete_category(self.created.id)


class RenameCategory(ServiceCommand):
    """Rename any type, built-in ones included (their stable key keeps them findable)."""

    def __init__(self, ctx: AppContext, category_id: int, name: str) -> None:
        super().__init__(ctx, f"Rename {_name_of(ctx, category_id)} to “{short(str(name).strip())}”")
        self.category_id = category_id
        self.name = name
        self.old: Category | None = None
        self.new_name: str | None = None

    def do(self) -> None:
        old = self.ctx.categories.rename_category(self.category_id, self.name)
        if self.old is None:
            self.old = old
            self.new_name = self.ctx.categories.category(self.category_id).name

    def changed_anything(self) -> bool:
        return self.old is not None and self.new_name != self.old.name

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.categories.rename_category(self.category_id, self.old.name)


class SetCategoryColour(ServiceCommand):
    """Give a type a colour (``#rrggbb``) or take it away (None); undo puts the old one back."""

    def __init__(self, ctx: AppContext, category_id: int, colour: str | None) -> None:
        what = _name_of(ctx, category_id)
        if colour is None:
            text = QCoreApplication.translate("SetCategoryColour", "Remove the colour of %1").replace("%1", what)
        else:
            text = QCoreApplication.translate("SetCategoryColour", "Colour %1 %2").replace("%1", what)
            text = text.replace("%2", swatch_name(colour).lower())
        super().__init__(ctx, text)
        self.category_id = category_id
        self.colour = colour
        self.old: Category | None = None

    def do(self) -> None:
        old = self.ctx.categories.set_category_colour(self.category_id, self.colour)
        if self.old is None:
            self.old = old

    def changed_anything(self) -> bool:
        return self.old is not None and self.old.colour != (self.colour.lower() if self.colour else None)

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.categories.set_category_colour(self.category_id, self.old.colour)


class MoveCategory(ServiceCommand):
    """Nest a user type under another (``parent_id`` None: back to the top level)."""

    def __init__(self, ctx: AppContext, category_id: int, parent_id: int | None) -> None:
        super().__init__(ctx, f"Move {_name_of(ctx, category_id)} under {_name_of(ctx, parent_id)}")
        self.category_id = category_id
        self.parent_id = parent_id
        self.old: Category | None = None

    def do(self) -> None:
        old = self.ctx.categories.move_category(self.category_id, self.parent_id)
        if self.old is None:
            self.old = old

    def changed_anything(self) -> bool:
        return self.old is not None and self.old.parent_id != self.parent_id

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.categories.move_category(self.category_id, self.old.parent_id)


class DeleteCategory(ServiceCommand):
    """Delete a user type and its subtypes, moving their goals to ``reassign_to``; undo restores both."""

    def __init__(self, ctx: AppContext, category_id: int, reassign_to: int | None = None) -> None:
        super().__init__(ctx, f"Delete {_name_of(ctx, category_id)}")
        self.category_id = category_id
        self.reassign_to = reassign_to
        self.deletion: CategoryDeletion | None = None

    def do(self) -> None:
        self.deletion = self.ctx.categories.delete_category(self.category_id, self.reassign_to)

    def changed_anything(self) -> bool:
        return self.deletion is not None and bool(self.deletion.categories)

    def undo_change(self) -> None:
        assert self.deletion is not None
        self.ctx.categories.undo_delete_category(self.deletion)


class SetGoalCategory(ServiceCommand):
    """Re-file goals under another goal type (drop on the category tree)."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal], category_id: int, category_name: str) -> None:
        what = f"“{short(goals[0].title)}”" if len(goals) == 1 else f"{len(goals)} goals"
        super().__init__(ctx, f"File {what} under {category_name}")
        self.ids = [g.id for g in goals]
        self.category_id = category_id
        self.moved: list[tuple[int, int]] = []

    def do(self) -> None:
        moved = self.ctx.goals.set_goal_categories(self.ids, self.category_id)
        if not self._done_once:
            self.moved = moved

    def changed_anything(self) -> bool:
        return bool(self.moved)

    def undo_change(self) -> None:
        self.ctx.goals.restore_goal_categories(self.moved)
