"""Plain, frozen inputs for the charts and the wins list.

The store fills them and the chart builders read them, so the charts never touch the database and can be
tested (and benchmarked) with hand-made data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from goaldesk.domain.progress import WIN_THRESHOLDS, PaceStatus, Point

WIN_KIND_MILESTONE = "milestone"
"""``Win.kind`` of a milestone ticked off; threshold wins use ``progress-25`` … ``progress-100``."""


def threshold_kind(threshold: int) -> str:
    """The stored ``kind`` of a threshold win; one per goal and threshold."""
    return f"progress-{threshold}"


@dataclass(frozen=True)
class Win:
    """A small win worth celebrating: a progress threshold crossed or a milestone done."""

    id: int
    goal_id: int
    on: date
    kind: str
    what: str

    @property
    def threshold(self) -> int | None:
        """25/50/75/100 for a threshold win, None for a milestone win."""
        prefix = "progress-"
        if self.kind.startswith(prefix) and self.kind[len(prefix):].isdigit():
            value = int(self.kind[len(prefix):])
            return value if value in WIN_THRESHOLDS else None
        return None


@dataclass(frozen=True)
class ProgressSeries:
    """Everything one goal's progress chart and its printed header show."""

    title: str
    goal_type: str
    horizon_label: str
    unit: str
    baseline: float | None
    target: float | None
    start_date: date
    deadline: date | None
    points: tuple[Point, ...] = ()
    milestones: tuple[tuple[str, date | None], ...] = ()
    status: PaceStatus = PaceStatus.NO_DATA
    forecast: date | None = None
    smart_score: int | None = None
    metric_name: str = ""
    pace: tuple[Point, ...] = ()  # piecewise ideal pace when the plan was adjusted; empty: straight line

    @property
    def has_plan(self) -> bool:
        """True when an ideal pace line can be drawn (a target and a deadline after the start)."""
        return self.target is not None and self.deadline is not None and self.deadline > self.start_date


@dataclass(frozen=True)
class TypeProgress:
    """One bar of the overview: a goal type, its active goals and their mean progress (0..1, None if unknown)."""

    name: str
    active: int
    mean_progress: float | None


@dataclass(frozen=True)
class OverviewData:
    """Active goals at a glance: by type, short vs long term, on track vs behind."""

    by_type: tuple[TypeProgress, ...] = ()
    short_term: int = 0
    long_term: int = 0
    on_track: int = 0
    behind: int = 0
    no_data: int = 0

    @property
    def active(self) -> int:
        return self.short_term + self.long_term


@dataclass(frozen=True)
class WinsData:
    """Wins as (date, goal title, what happened), newest first."""

    wins: tuple[tuple[date, str, str], ...] = ()
