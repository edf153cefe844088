"""Plain domain objects the service returns and the UI and CLI consume.

They are frozen dataclasses, so a snapshot taken for undo can never change under the command holding it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.progress import progress_fraction


@dataclass(frozen=True)
class GoalDraft:
    """The fields a user edits in the goal editor."""

    title: str
    category_id: int
    horizon: Horizon = Horizon.SHORT
    description: str = ""
    status: GoalStatus = GoalStatus.ACTIVE
    start_date: date | None = None
    deadline: date | None = None
    metric_name: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    metric_kind: MetricKind = MetricKind.CUMULATIVE
    why: str = ""
    parent_id: int | None = None

    def replace(self, **changes: object) -> GoalDraft:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


DRAFT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(GoalDraft))


@dataclass(frozen=True)
class Goal:
    """A stored goal, with the derived values the list needs (current value, milestone counts)."""

    id: int
    uuid: str
    title: str
    category_id: int
    horizon: Horizon
    position: int
    status: GoalStatus
    start_date: date
    deadline: date | None
    created_at: datetime
    updated_at: datetime
    description: str = ""
    metric_name: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    metric_kind: MetricKind = MetricKind.CUMULATIVE
    why: str = ""
    parent_id: int | None = None
    archived: bool = False
    smart_overrides: frozenset[str] = field(default_factory=frozenset)
    deleted_at: datetime | None = None
    version: int = 0  # +1 on every edit of the editor's fields: a save from an older version is refused
    # Derived, not stored on the goal row:
    current: float | None = None
    milestones_done: int = 0
    milestones_total: int = 0
    last_checkin: date | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def progress(self) -> float | None:
        """Progress 0..1 from the metric, else from milestones, else None (unknown)."""
        return progress_fraction(
            self.baseline, self.target, self.current, self.milestones_done, self.milestones_total
        )

    def draft(self) -> GoalDraft:
        return GoalDraft(**{name: getattr(self, name) for name in DRAFT_FIELDS})

    def replace(self, **changes: object) -> Goal:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def stored(self) -> Goal:
        """The goal without derived values: what a row comparison should look at."""
        return dataclasses.replace(
            self, current=None, milestones_done=0, milestones_total=0, last_checkin=None
        )


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    parent_id: int | None
    builtin: bool
    key: str | None = None
    position: int = 0
    description: str = ""
    colour: str | None = None  # "#rrggbb" (goaldesk.domain.palette), None: no colour


@dataclass(frozen=True)
class CheckIn:
    id: int
    goal_id: int
    on: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Milestone:
    id: int
    goal_id: int
    title: str
    position: int
    done_on: date | None = None


@dataclass(frozen=True)
class Placement:
    """Where a goal sits on the board: used to undo moves exactly."""

    goal_id: int
    horizon: Horizon
    position: int


@dataclass(frozen=True)
class GoalQuery:
    """Filters for listing goals; None means no filter on that field."""

    text: str = ""
    category_ids: frozenset[int] | None = None
    horizon: Horizon | None = None
    statuses: frozenset[GoalStatus] | None = None
    deleted: bool = False
    include_archived: bool = True
