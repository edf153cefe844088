"""ReflectionService: feedback, strengths and weaknesses, and their links to goals.

Every write is one ``Store.writing`` transaction announced after commit as ``Change("feedback", ids)``
or ``Change("trait", ids)`` (feedback or trait ids). Deletions return snapshots and ``restore_*`` puts
them back with the same ids, so undo commands restore the database exactly.

The weekly review and the balance view are ReviewService's (``goaldesk.store.services.review``).

Goal history (the "stay flexible" habit) is written by ``GoalService``, not here, and follows one rule:
**history is append-only** (see ``goaldesk.store.services.history``). The UI asks for an optional reason
only when the target or the deadline changes (``goaldesk.ui.reflection.history_view.ask_reason``) and passes it to
``GoalService.update_goal(..., reason=...)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal
from goaldesk.domain.reflection import (
    Feedback,
    FeedbackSource,
    Trait,
    TraitKind,
    check_feedback,
    check_trait,
)
from goaldesk.store.base import Change, Store
from goaldesk.store.convert import as_date, to_datetime
from goaldesk.store.models import FeedbackRow, GoalRow, GoalTraitRow, TraitRow
from goaldesk.store.services.goals import GoalService


@dataclass(frozen=True)
class TraitDeletion:
    """A deleted trait with the goals it was linked to, so undo brings the links back too."""

    trait: Trait
    goal_ids: tuple[int, ...]


def _feedback(row: FeedbackRow) -> Feedback:
    goal_id = row.__data__.get("goal")
    return Feedback(
        id=int(row.id),
        goal_id=None if goal_id is None else int(goal_id),
        on=as_date(row.on),
        source=FeedbackSource(row.source),
        said=str(row.said),
        action=str(row.action or ""),
        acted_on=bool(row.acted_on),
        created_at=to_datetime(row.created_at) or datetime.min,
    )


def _trait(row: TraitRow) -> Trait:
    return Trait(
        id=int(row.id), kind=TraitKind(row.kind), name=str(row.name), rating=int(row.rating),
        on=as_date(row.on), note=str(row.note or ""),
    )


class ReflectionService:
    """Feedback log, self-assessment (traits) and their links to goals, weekly review, balance."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._goals = GoalService(store)

    def _live_goal(self, goal_id: int) -> None:
        """Refuse a goal that does not exist or is in the Trash (nothing is written then)."""
        with self.store.reading():
            row = GoalRow.get_or_none(GoalRow.id == goal_id)
        if row is None:
            raise DomainError(f"There is no goal with id {goal_id}.", "goal_id")
        if row.deleted_at is not None:
            raise DomainError(f"“{row.title}” is in the Trash; restore it first.", "goal_id")

    # ---------------------------------------------------------------- feedback

    def feedback(self, feedback_id: int) -> Feedback:
        with self.store.reading():
            row = FeedbackRow.get_or_none(FeedbackRow.id == feedback_id)
        if row is None:
            raise DomainError(f"There is no feedback with id {feedback_id}.")
        return _feedback(row)

    def add_feedback(
        self,
        goal_id: int | None,
        said: str,
        *,
        source: FeedbackSource = FeedbackSource.SELF,
        on: date | None = None,
        action: str = "",
        acted_on: bool = False,
    ) -> Feedback:
        """Record feedback, about one goal or (goal_id None) in general."""
        text, todo = check_feedback(said, action)
        source = FeedbackSource(source)
        if goal_id is not None:
            self._live_goal(goal_id)
        day = on or self.store.today()
        with self.store.writing([]):
            row = FeedbackRow.create(
                goal=goal_id, on=day, source=source.value, said=text, action=todo, acted_on=acted_on,
                created_at=self.store.now(),
            )
        self.store.notify([Change("feedback", (row.id,))])
        return self.feedback(row.id)

    def update_feedback(self, feedback: Feedback) -> Feedback:
        """Replace date, source, text, action and acted-on; returns the old feedback (for undo)."""
        old = self.feedback(feedback.id)
        text, todo = check_feedback(feedback.said, feedback.action)
        if feedback.goal_id is not None and feedback.goal_id != old.goal_id:
            self._live_goal(feedback.goal_id)
        with self.store.writing([Change("feedback", (feedback.id,))]):
            FeedbackRow.update(
                goal=feedback.goal_id, on=feedback.on, source=FeedbackSource(feedback.source).value, said=text,
                action=todo, acted_on=bool(feedback.acted_on),
            ).where(FeedbackRow.id == feedback.id).execute()
        return old

    def set_acted_on(self, feedback_id: int, acted_on: bool) -> Feedback:
        """Tick or untick "acted on"; returns the old feedback."""
        old = self.feedback(feedback_id)
        return self.update_feedback(old.replace(acted_on=acted_on))

    def delete_feedback(self, feedback_id: int) -> Feedback:
        old = self.feedback(feedback_id)
        with self.store.writing([Change("feedback", (feedback_id,))]):
            FeedbackRow.delete().where(FeedbackRow.id == feedback_id).execute()
        return old

    def restore_feedback(self, feedback: Feedback) -> Feedback:
        """Put a snapshot back with its id and creation time (undo of delete, redo of add)."""
        if feedback.goal_id is not None:
            self._live_goal(feedback.goal_id)
        with self.store.writing([Change("feedback", (feedback.id,))]):
            FeedbackRow.insert(
                id=feedback.id, goal=feedback.goal_id, on=feedback.on, source=feedback.source.value,
                said=feedback.said, action=feedback.action, acted_on=feedback.acted_on,
                created_at=feedback.created_at,
            ).execute()
        return self.feedback(feedback.id)

    def list_feedback(self, goal_id: int | None = None, *, open_actions_only: bool = False) -> list[Feedback]:
        """One goal's feedback (or everyone's with goal_id None), newest first; trashed goals' is left out."""
        with self.store.reading():
            query = (
                FeedbackRow.select(FeedbackRow)
                .join(GoalRow, join_type=JOIN.LEFT_OUTER, on=(FeedbackRow.goal == GoalRow.id))
                .where(GoalRow.deleted_at.is_null())
            )
            if goal_id is not None:
                query = query.where(FeedbackRow.goal == goal_id)
            if open_actions_only:
                query = query.where((FeedbackRow.action != "") & (FeedbackRow.acted_on == False))  # noqa: E712
            rows = query.order_by(FeedbackRow.on.desc(), FeedbackRow.id.desc())
            items = [_feedback(r) for r in rows]
        if open_actions_only:
            items = [f for f in items if f.is_open_action]
        return items

    def feedback_for_goal(self, goal_id: int) -> list[Feedback]:
        return self.list_feedback(goal_id)

    def all_feedback(self, *, open_actions_only: bool = False) -> list[Feedback]:
        return self.list_feedback(None, open_actions_only=open_actions_only)

    # ---------------------------------------------------------------- traits

    def trait(self, trait_id: int) -> Trait:
        with self.store.reading():
            row = TraitRow.get_or_none(TraitRow.id == trait_id)
        if row is None:
            raise DomainError(f"There is no strength or weakness with id {trait_id}.")
        return _trait(row)

    def traits(self, kind: TraitKind | None = None) -> list[Trait]:
        """Traits by kind, strongest rating first, then by name."""
        with self.store.reading():
            query = TraitRow.select()
            if kind is not None:
                query = query.where(TraitRow.kind == TraitKind(kind).value)
            items = [_trait(r) for r in query]
        return sorted(items, key=lambda t: (t.kind.value, -t.rating, t.name.casefold(), t.id))

    def add_trait(
        self, kind: TraitKind, name: str, *, rating: int = 3, note: str = "", on: date | None = None
    ) -> Trait:
        text, body, stars = check_trait(name, note, rating)
        kind = TraitKind(kind)
        with self.store.writing([]):
            row = TraitRow.create(kind=kind.value, name=text, note=body, rating=stars, on=on or self.store.today())
        self.store.notify([Change("trait", (row.id,))])
        return self.trait(row.id)

    def update_trait(self, trait: Trait) -> Trait:
        """Replace kind, name, note, rating and date; returns the old trait."""
        old = self.trait(trait.id)
        text, body, stars = check_trait(trait.name, trait.note, trait.rating)
        with self.store.writing([Change("trait", (trait.id,))]):
            TraitRow.update(
                kind=TraitKind(trait.kind).value, name=text, note=body, rating=stars, on=trait.on
            ).where(TraitRow.id == trait.id).execute()
        return old

    def delete_trait(self, trait_id: int) -> TraitDeletion:
        old = self.trait(trait_id)
        linked = tuple(self.goal_ids_for_trait(trait_id, include_deleted=True))
        with self.store.writing([Change("trait", (trait_id,))]):
            GoalTraitRow.delete().where(GoalTraitRow.trait == trait_id).execute()
            TraitRow.delete().where(TraitRow.id == trait_id).execute()
        return TraitDeletion(old, linked)

    def restore_trait(self, deletion: TraitDeletion) -> Trait:
        """Undo of delete_trait: same id, same links (to goals that still exist)."""
        t = deletion.trait
        with self.store.writing([Change("trait", (t.id,))]):
            TraitRow.insert(
                id=t.id, kind=t.kind.value, name=t.name, note=t.note, rating=t.rating, on=t.on
            ).execute()
            existing = {r.id for r in GoalRow.select(GoalRow.id).where(GoalRow.id.in_(list(deletion.goal_ids)))}
            for goal_id in deletion.goal_ids:
                if goal_id in existing:
                    GoalTraitRow.insert(goal=goal_id, trait=t.id).on_conflict_ignore().execute()
        return self.trait(t.id)

    # ---------------------------------------------------------------- goal <-> trait

    def goal_ids_for_trait(self, trait_id: int, *, include_deleted: bool = False) -> list[int]:
        with self.store.reading():
            query = (
                GoalTraitRow.select(GoalTraitRow.goal)
                .join(GoalRow, on=(GoalTraitRow.goal == GoalRow.id))
                .where(GoalTraitRow.trait == trait_id)
            )
            if not include_deleted:
                query = query.where(GoalRow.deleted_at.is_null())
            return sorted(int(r.goal_id) for r in query)

    def goals_for_trait(self, trait_id: int) -> list[Goal]:
        """Goals (not in the Trash) that use this strength or work on this weakness."""
        wanted = set(self.goal_ids_for_trait(trait_id))
        return [g for g in self._goals.list_goals() if g.id in wanted]

    def traits_for_goal(self, goal_id: int) -> list[Trait]:
        with self.store.reading():
            ids = [int(r.__data__["trait"]) for r in GoalTraitRow.select().where(GoalTraitRow.goal == goal_id)]
        return [t for t in self.traits() if t.id in set(ids)]

    def link(self, goal_id: int, trait_id: int) -> bool:
        """Link a goal and a trait; False when they already were. Trashed or missing goals are refused."""
        self._live_goal(goal_id)
        self.trait(trait_id)
        with self.store.reading():
            exists = GoalTraitRow.get_or_none((GoalTraitRow.goal == goal_id) & (GoalTraitRow.trait == trait_id))
        if exists is not None:
            return False
        with self.store.writing([Change("trait", (trait_id,))]):
            GoalTraitRow.insert(goal=goal_id, trait=trait_id).execute()
        return True

    def unlink(self, goal_id: int, trait_id: int) -> bool:
        """Remove a link; False when there was none."""
        with self.store.writing([]):
            removed = GoalTraitRow.delete().where(
                (GoalTraitRow.goal == goal_id) & (GoalTraitRow.trait == trait_id)
            ).execute()
        if removed:
            self.store.notify([Change("trait", (trait_id,))])
        return bool(removed)

    def set_trait_goals(self, trait_id: int, goal_ids: Iterable[int]) -> list[int]:
        """Make the trait's links exactly ``goal_ids`` in one transaction; returns the old ids (for undo).

        Links to trashed goals are left alone (they come back with the goal); new links to trashed or
        missing goals are refused before anything is written.
        """
        self.trait(trait_id)
        wanted = sorted(set(goal_ids))
        old = self.goal_ids_for_trait(trait_id)
        for goal_id in wanted:
            if goal_id not in old:
                self._live_goal(goal_id)
        if wanted == old:
            return old
        with self.store.writing([Change("trait", (trait_id,))]):
            for goal_id in old:
                if goal_id not in wanted:
                    GoalTraitRow.delete().where(
                        (GoalTraitRow.goal == goal_id) & (GoalTraitRow.trait == trait_id)
                    ).execute()
            for goal_id in wanted:
                if goal_id not in old:
                    GoalTraitRow.insert(goal=goal_id, trait=trait_id).execute()
        return old

    def weaknesses_without_goals(self) -> list[Trait]:
        """Weaknesses no goal addresses yet: no linked goal that is out of the Trash and not abandoned."""
        rows = self.store.db.execute_sql(
            "SELECT DISTINCT gt.trait_id FROM goal_trait gt JOIN goal g ON g.id = gt.goal_id "
            "WHERE g.deleted_at IS NULL AND g.status != ?",
            (GoalStatus.ABANDONED.value,),
        ).fetchall()
        addressed = {int(r[0]) for r in rows}
        return [t for t in self.traits(TraitKind.WEAKNESS) if t.id not in addressed]

    def goal_titles(self, goal_ids: Sequence[int] | None = None) -> dict[int, str]:
        """Titles for labels (trashed goals included, so old feedback still names its goal)."""
        with self.store.reading():
            query = GoalRow.select(GoalRow.id, GoalRow.title)
            if goal_ids is not None:
                query = query.where(GoalRow.id.in_(list(goal_ids)))
            return {int(r.id): str(r.title) for r in query}
