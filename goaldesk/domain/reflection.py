"""Reflection: feedback received, strengths and weaknesses, the weekly review and the work/life balance.

Pure objects and rules (no database, no Qt), so the store, the UI and the tests share one definition of
"an open action", "a stale goal" or "what the balance looks like".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Category, Goal
from goaldesk.domain.reports import Win

TEXT_MAX = 20_000
"""Feedback text, actions and trait notes: long enough for a pasted review, short enough to stay usable."""

NAME_MAX = 120
RATING_MIN = 1
RATING_MAX = 5
REVIEW_DAYS = 14
"""Look-ahead for deadlines and the silence after which a goal counts as stale, in days."""


class FeedbackSource(str, Enum):
    """Who gave the feedback; stored as the value."""

    SELF = "self"
    MANAGER = "manager"
    PEER = "peer"
    MENTOR = "mentor"
    CLIENT = "client"
    OTHER = "other"

    @property
    def label(self) -> str:
        return "Myself" if self is FeedbackSource.SELF else self.value.capitalize()


class TraitKind(str, Enum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Feedback:
    """Something someone noticed, and what the user decided to do about it."""

    id: int
    goal_id: int | None
    on: date
    source: FeedbackSource
    said: str
    action: str = ""
    acted_on: bool = False
    created_at: datetime = datetime.min

    @property
    def is_open_action(self) -> bool:
        """An action was planned and not done yet: what the weekly review reminds about."""
        return bool(self.action.strip()) and not self.acted_on

    def replace(self, **changes: object) -> Feedback:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Trait:
    """A strength to use or a weakness to work on, rated 1 (slight) to 5 (marked)."""

    id: int
    kind: TraitKind
    name: str
    rating: int
    on: date
    note: str = ""

    def replace(self, **changes: object) -> Trait:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReviewItems:
    """What the weekly review ("This week") shows; every list sorted the way it is displayed."""

    due_soon: tuple[Goal, ...] = ()
    overdue: tuple[Goal, ...] = ()
    stale: tuple[Goal, ...] = ()
    open_actions: tuple[Feedback, ...] = ()
    wins_since: tuple[Win, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.due_soon or self.overdue or self.stale or self.open_actions or self.wins_since)


@dataclass(frozen=True)
class BalanceRow:
    """Active goals in one area: a group (Professional, Personal, a user's own) or a type inside it."""

    label: str
    group: str
    level: int  # 0: group, 1: type within the group
    category_id: int | None
    active: int
    mean_progress: float | None  # over the goals whose progress is known
    share: float  # of all active goals, 0..1


# ---------------------------------------------------------------- checks


def _text(value: object, label: str, field: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise DomainError(f"{label} must be text.", field)
    text = value.strip()
    if required and not text:
        raise DomainError(f"{label} is empty; write down what was said.", field)
    if len(text) > TEXT_MAX:
        raise DomainError(f"{label} is {len(text):,} characters long; keep it under {TEXT_MAX:,}.", field)
    return text


def check_feedback(said: object, action: object = "") -> tuple[str, str]:
    """Cleaned (said, action); empty feedback and huge texts are refused."""
    return (
        _text(said, "The feedback", "said", required=True),
        _text(action, "The action", "action", required=False),
    )


def check_rating(rating: object) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise DomainError(f"Rate it from {RATING_MIN} to {RATING_MAX}, not {rating!r}.", "rating")
    return rating


def check_trait(name: object, note: object, rating: object) -> tuple[str, str, int]:
    """Cleaned (name, note, rating): a one-line name, a note under 20,000 characters, a 1-5 rating."""
    if not isinstance(name, str) or not name.strip():
        raise DomainError("Give it a name, such as “Public speaking”.", "name")
    text = name.strip()
    if "\n" in text or "\r" in text:
        raise DomainError("The name must be a single line; put details in the note.", "name")
    if len(text) > NAME_MAX:
        raise DomainError(f"The name is {len(text):,} characters long; keep it to {NAME_MAX}.", "name")
    if not isinstance(note, str):
        raise DomainError("The note must be text.", "note")
    if len(note) > TEXT_MAX:
        raise DomainError(f"The note is {len(note):,} characters long; keep it under {TEXT_MAX:,}.", "note")
    return text, note, check_rating(rating)


# ---------------------------------------------------------------- review


def last_activity(goal: Goal) -> date:
    """The last check-in, or the start when there is none: when the goal last moved."""
    return goal.last_checkin or goal.start_date


def review_items(
    goals: Iterable[Goal],
    feedback: Iterable[Feedback],
    wins: Iterable[Win],
    today: date,
    *,
    days: int = REVIEW_DAYS,
    since: date | None = None,
) -> ReviewItems:
    """The weekly review from plain data.

    Only active, not deleted, not archived goals count. Due soon: deadline from today to today+days.
    Overdue: deadline before today. Stale: no check-in (or start) for ``days`` days or more; a goal
    starting in the future is not stale. Open actions: feedback with an action not yet acted on.
    Wins: dated after ``since`` (the last review); never reviewed: from the last ``days`` days.
    """
    live = [g for g in goals if g.status is GoalStatus.ACTIVE and not g.is_deleted and not g.archived]
    live_ids = {g.id for g in live}
    horizon = today + timedelta(days=days)
    due = sorted((g for g in live if g.deadline is not None and today <= g.deadline <= horizon),
                 key=lambda g: (g.deadline, g.id))
    overdue = sorted((g for g in live if g.deadline is not None and g.deadline < today),
                     key=lambda g: (g.deadline, g.id))
    stale = sorted((g for g in live if (today - last_activity(g)).days >= days), key=lambda g: (last_activity(g), g.id))
    actions = sorted((f for f in feedback if f.is_open_action and (f.goal_id is None or f.goal_id in live_ids)),
                     key=lambda f: (f.on, f.id))
    start = since + timedelta(days=1) if since is not None else today - timedelta(days=days)
    recent = sorted((w for w in wins if start <= w.on <= today), key=lambda w: (w.on, w.id), reverse=True)
    return ReviewItems(tuple(due), tuple(overdue), tuple(stale), tuple(actions), tuple(recent))


# ---------------------------------------------------------------- balance


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def balance_rows(goals: Iterable[Goal], categories: Sequence[Category]) -> list[BalanceRow]:
    """Active goals per group and per type, with mean progress: does work crowd out the rest?

    Built-in groups always appear with all their types (a zero is worth seeing); a user's own
    top-level type appears only when it holds active goals. A goal filed under a nested user type
    counts toward that type's top-most ancestor below the group; one filed on the group itself
    counts for the group only.
    """
    by_id = {c.id: c for c in categories}
    live = [g for g in goals if g.status is GoalStatus.ACTIVE and not g.is_deleted and not g.archived]
    total = len(live)

    def path(category_id: int) -> list[Category]:
        chain: list[Category] = []
        seen: set[int] = set()
        current = by_id.get(category_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        return list(reversed(chain))

    group_goals: dict[int, list[Goal]] = {}
    type_goals: dict[int, list[Goal]] = {}
    for goal in live:
        chain = path(goal.category_id)
        if not chain:
            continue
        group_goals.setdefault(chain[0].id, []).append(goal)
        if len(chain) > 1:
            type_goals.setdefault(chain[1].id, []).append(goal)

    def row(cat: Category, level: int, group: str, members: list[Goal]) -> BalanceRow:
        known = [g.progress for g in members if g.progress is not None]
        return BalanceRow(
            label=cat.name, group=group, level=level, category_id=cat.id, active=len(members),
            mean_progress=_mean([float(p) for p in known]), share=(len(members) / total) if total else 0.0,
        )

    rows: list[BalanceRow] = []
    tops = sorted((c for c in categories if c.parent_id is None), key=lambda c: (not c.builtin, c.position, c.id))
    for top in tops:
        members = group_goals.get(top.id, [])
        if not top.builtin and not members:
            continue
        rows.append(row(top, 0, top.name, members))
        children = sorted((c for c in categories if c.parent_id == top.id), key=lambda c: (c.position, c.id))
        for child in children:
            inner = type_goals.get(child.id, [])
            if child.builtin or inner:
                rows.append(row(child, 1, top.name, inner))
    return rows
