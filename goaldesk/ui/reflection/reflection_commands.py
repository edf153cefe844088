"""Undo commands for feedback and strengths/weaknesses, following ``goaldesk.ui.goals.commands``.

A view builds one and hands it to ``run``: a refused change (empty feedback, bad rating, a goal in the
Trash) shows a message and never lands on the undo stack. Commands keep snapshots with ids, so redo
puts back exactly the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from goaldesk.domain.reflection import Feedback, FeedbackSource, Trait, TraitKind
from goaldesk.store.services import TraitDeletion
from goaldesk.ui.common.commands import ServiceCommand, short
from goaldesk.ui.shell.context import AppContext


class AddFeedback(ServiceCommand):
    def __init__(
        self,
        ctx: AppContext,
        goal_id: int | None,
        said: str,
        *,
        source: FeedbackSource = FeedbackSource.SELF,
        on: date | None = None,
        action: str = "",
        acted_on: bool = False,
    ) -> None:
        super().__init__(ctx, f"Add feedback “{short(said.strip(), 30)}”")
        self.args = (goal_id, said, source, on, action, acted_on)
        self.created: Feedback | None = None

    def do(self) -> None:
        if self.created is None:
            goal_id, said, source, on, action, acted_on = self.args
            self.created = self.ctx.reflection.add_feedback(
                goal_id, said, source=source, on=on, action=action, acted_on=acted_on
            )
        else:
            self.ctx.reflection.restore_feedback(self.created)

    def undo_change(self) -> None:
        assert self.created is not None
        self.ctx.reflection.delete_feedback(self.created.id)


class EditFeedback(ServiceCommand):
    """Replace a feedback entry's fields (also used for ticking "acted on")."""

    def __init__(self, ctx: AppContext, new: Feedback, text: str = "") -> None:
        super().__init__(ctx, text or f"Edit feedback “{short(new.said.strip(), 30)}”")
        self.new = new
        self.old: Feedback | None = None
        self.saved: Feedback | None = None

    def do(self) -> None:
        svc = self.ctx.reflection
        old = svc.update_feedback(self.new)
        if self.old is None:
            self.old = old
            self.saved = svc.feedback(self.new.id)

    def changed_anything(self) -> bool:
        return self.old is not None and self.saved != self.old

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.reflection.update_feedback(self.old)


def set_acted_on(ctx: AppContext, feedback: Feedback, acted_on: bool) -> EditFeedback:
    verb = "Mark" if acted_on else "Unmark"
    return EditFeedback(ctx, feedback.replace(acted_on=acted_on), f"{verb} “{short(feedback.said, 30)}” acted on")


class DeleteFeedback(ServiceCommand):
    def __init__(self, ctx: AppContext, feedback: Feedback) -> None:
        super().__init__(ctx, f"Delete feedback “{short(feedback.said, 30)}”")
        self.feedback_id = feedback.id
        self.old: Feedback | None = None

    def do(self) -> None:
        self.old = self.ctx.reflection.delete_feedback(self.feedback_id)

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.reflection.restore_feedback(self.old)


class AddTrait(ServiceCommand):
    def __init__(
        self, ctx: AppContext, kind: TraitKind, name: str, *, rating: int = 3, note: str = "",
        on: date | None = None, goal_ids: Iterable[int] = (),
    ) -> None:
        super().__init__(ctx, f"Add {kind.value} “{short(str(name).strip(), 30)}”")
        self.args = (kind, name, rating, note, on)
        self.goal_ids = tuple(goal_ids)
        self.created: TraitDeletion | None = None

    def do(self) -> None:
        svc = self.ctx.reflection
        if self.created is None:
            kind, name, rating, note, on = self.args
            trait = svc.add_trait(kind, name, rating=rating, note=note, on=on)
            if self.goal_ids:
                svc.set_trait_goals(trait.id, self.goal_ids)
            self.created = TraitDeletion(trait, tuple(svc.goal_ids_for_trait(trait.id)))
        else:
            svc.restore_trait(self.created)

    def undo_change(self) -> None:
        assert self.created is not None
        self.ctx.reflection.delete_trait(self.created.trait.id)


class EditTrait(ServiceCommand):
    def __init__(self, ctx: AppContext, new: Trait) -> None:
        super().__init__(ctx, f"Edit {new.kind.value} “{short(new.name.strip(), 30)}”")
        self.new = new
        self.old: Trait | None = None
        self.saved: Trait | None = None

    def do(self) -> None:
        svc = self.ctx.reflection
        old = svc.update_trait(self.new)
        if self.old is None:
            self.old = old
            self.saved = svc.trait(self.new.id)

    def changed_anything(self) -> bool:
        return self.old is not None and self.saved != self.old

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.reflection.update_trait(self.old)


class DeleteTrait(ServiceCommand):
    """Delete a strength or weakness; undo brings it back with its goal links."""

    def __init__(self, ctx: AppContext, trait: Trait) -> None:
        super().__init__(ctx, f"Delete {trait.kind.value} “{short(trait.name, 30)}”")
        self.trait_id = trait.id
        self.deletion: TraitDeletion | None = None

    def do(self) -> None:
        self.deletion = self.ctx.reflection.delete_trait(self.trait_id)

    def undo_change(self) -> None:
        assert self.deletion is not None
        self.ctx.reflection.restore_trait(self.deletion)


class SetTraitGoals(ServiceCommand):
    """Link a trait to exactly these goals (the checkable goal list)."""

    def __init__(self, ctx: AppContext, trait: Trait, goal_ids: Iterable[int]) -> None:
        super().__init__(ctx, f"Link goals to “{short(trait.name, 30)}”")
        self.trait_id = trait.id
        self.goal_ids = sorted(set(goal_ids))
        self.old: list[int] | None = None

    def do(self) -> None:
        old = self.ctx.reflection.set_trait_goals(self.trait_id, self.goal_ids)
        if self.old is None:
            self.old = old

    def changed_anything(self) -> bool:
        return self.old is not None and self.old != self.goal_ids

    def undo_change(self) -> None:
        assert self.old is not None
        self.ctx.reflection.set_trait_goals(self.trait_id, self.old)
