"""Progress math: how far a goal has come, whether it is on pace, when it will finish, which wins it crossed.

Pure functions over plain numbers and dates, so the store, the charts and the CLI share one set of rules
and the tests need no database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from goaldesk.domain.enums import MetricKind

Point = tuple[date, float]
"""One point of a progress series: a day and the running total on that day."""

WIN_THRESHOLDS: tuple[int, ...] = (25, 50, 75, 100)
"""Percentages worth celebrating: small wins lead to bigger ones."""

MAX_FORECAST_DAYS = 36_500
"""A finish date further out than a century is no forecast at all; we say "no convergence" instead."""

_EPSILON = 1e-9


def progress_fraction(
    baseline: float | None,
    target: float | None,
    current: float | None,
    milestones_done: int = 0,
    milestones_total: int = 0,
) -> float | None:
    """Fraction 0..1 of the way from baseline to target; milestones when there is no target.

    Works for decreasing targets too (lose weight, cut errors). None when nothing can be said.
    """
    if target is not None:
        start = baseline if baseline is not None else 0.0
        if target == start:
            return None
        value = start if current is None else current
        fraction = (value - start) / (target - start)
        return max(0.0, min(1.0, fraction))
    if milestones_total > 0:
        return milestones_done / milestones_total
    return None


# ---------------------------------------------------------------- series


class CheckInLike(Protocol):
    """What ``totals`` needs of a check-in (the domain CheckIn fits); a Protocol avoids an import cycle."""

    @property
    def on(self) -> date: ...

    @property
    def value(self) -> float: ...


def totals(checkins: Iterable[CheckInLike], kind: MetricKind, baseline: float | None) -> list[Point]:
    """Turn check-ins into a running-total series, one point per day, sorted by date.

    Cumulative check-ins already are totals: the last one recorded on a day wins (input order breaks
    ties, so pass them in recording order). Increment check-ins are amounts added: they are summed on
    top of the baseline (0 when there is none). Values may go backwards; they are kept as recorded.
    """
    per_day: dict[date, float] = {}
    if kind is MetricKind.INCREMENT:
        for c in checkins:
            per_day[c.on] = per_day.get(c.on, 0.0) + float(c.value)
        running = baseline if baseline is not None else 0.0
        series: list[Point] = []
        for day in sorted(per_day):
            running += per_day[day]
            series.append((day, running))
        return series
    for c in checkins:
        per_day[c.on] = float(c.value)
    return [(day, per_day[day]) for day in sorted(per_day)]


# ---------------------------------------------------------------- pace


def ideal_value(start_date: date, deadline: date, baseline: float, target: float, on: date) -> float:
    """Where a steady pace from (start, baseline) to (deadline, target) would be on ``on``.

    Clamped to the baseline before the start and to the target after the deadline, so a late or early
    date never produces a value outside the plan.
    """
    if on <= start_date:
        return baseline
    if on >= deadline:
        return target
    span = (deadline - start_date).days
    return baseline + (target - baseline) * (on - start_date).days / span


def ideal_line(start_date: date, deadline: date, baseline: float, target: float) -> list[Point]:
    """The ideal pace as the two points a chart needs: a straight line from plan start to plan end."""
    return [(start_date, baseline), (deadline, target)]


Plan = tuple[date, float, date]  # (in force from, target, deadline)


def pace_line(start_date: date, baseline: float, plans: Sequence[Plan]) -> list[Point]:
    """The ideal pace drawn piecewise when the target or deadline was adjusted along the way.

    Each plan holds from its first day until the next one; at a change the line continues from where
    the old plan had reached, toward the new target and deadline. One plan gives the straight line.
    """
    ordered = sorted(plans, key=lambda p: p[0])
    if not ordered:
        return []
    points: list[Point] = [(start_date, baseline)]
    day_at, value_at = start_date, baseline
    for index, (_, target, deadline) in enumerate(ordered):
        if index + 1 == len(ordered):
            points.append((max(deadline, day_at), target))
            break
        change = max(ordered[index + 1][0], day_at)
        if deadline <= day_at:
            value = target  # the old plan had already run out: it stands at its target
        elif change >= deadline:
            points.append((deadline, target))  # the old plan was reached before it was changed
            value = target
        else:
            value = value_at + (target - value_at) * (change - day_at).days / (deadline - day_at).days
        points.append((change, value))
        day_at, value_at = change, value
    return points


def ideal_fraction(start_date: date, deadline: date, on: date) -> float:
    """Share 0..1 of the planned time used by ``on``: the progress a steady pace would have made."""
    if on <= start_date:
        return 0.0
    if on >= deadline:
        return 1.0
    return (on - start_date).days / (deadline - start_date).days


def recent_rate(points: Sequence[Point], window_days: int = 28) -> float | None:
    """Units per day over the last ``window_days`` of check-ins (least-squares slope); None when unknown.

    A window keeps a slow start from hiding a good recent pace; the slope (rather than first-to-last)
    keeps one odd check-in from swinging the forecast. When the window holds a single day, the last
    earlier point is taken in too, so a long gap between check-ins still gives a rate. None when the
    series spans fewer than two distinct days.
    """
    if len(points) < 2:
        return None
    ordered = points if _is_sorted(points) else sorted(points, key=lambda p: p[0])
    last_day = ordered[-1][0]
    if ordered[0][0] == last_day:
        return None
    cutoff = last_day - timedelta(days=max(1, window_days))
    start = len(ordered)
    while start > 0 and ordered[start - 1][0] >= cutoff:
        start -= 1
    if all(d == last_day for d, _ in ordered[start:]) and start > 0:
        start -= 1
    window = ordered[start:]
    xs = [float((d - last_day).days) for d, _ in window]
    ys = [v for _, v in window]
    n = float(len(window))
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    if sxx == 0.0:
        return None
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


def _is_sorted(points: Sequence[Point]) -> bool:
    return all(points[i][0] <= points[i + 1][0] for i in range(len(points) - 1))


def forecast(
    points: Sequence[Point],
    target: float,
    today: date,
    *,
    baseline: float | None = None,
    window_days: int = 28,
) -> date | None:
    """The day the recent pace reaches ``target``, or None when it never will ("no convergence").

    The direction of travel comes from ``baseline`` (else the first point): a rate that does not move
    toward the target (zero, or the wrong sign; for a rising target, rate <= 0) gives None. A target
    already reached gives the day of the last check-in. A date that the pace says is already past
    (no check-in since) is moved to ``today``: it cannot be in the past and still be unmet.
    """
    if not points:
        return None
    ordered = points if _is_sorted(points) else sorted(points, key=lambda p: p[0])
    last_day, last_value = ordered[-1]
    origin = baseline if baseline is not None else ordered[0][1]
    direction = target - origin
    if direction == 0.0:
        direction = target - last_value
    remaining = target - last_value
    if abs(remaining) <= _EPSILON or (direction != 0.0 and remaining * direction < 0):
        return last_day
    rate = recent_rate(ordered, window_days)
    if rate is None or rate * remaining <= 0:
        return None
    days = remaining / rate
    if not math.isfinite(days) or days > MAX_FORECAST_DAYS:
        return None
    finish = last_day + timedelta(days=math.ceil(days - _EPSILON))
    return max(finish, today)


class PaceStatus(StrEnum):
    """How a goal is doing against its plan, in words a person would use."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    AHEAD = "ahead"
    OVERDUE = "overdue"
    ACHIEVED = "achieved"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return _PACE_LABELS[self]


_PACE_LABELS = {
    PaceStatus.ON_TRACK: "On track",
    PaceStatus.BEHIND: "Behind",
    PaceStatus.AHEAD: "Ahead",
    PaceStatus.OVERDUE: "Overdue",
    PaceStatus.ACHIEVED: "Achieved",
    PaceStatus.NO_DATA: "No data yet",
}


def pace_status(
    fraction: float | None,
    start_date: date | None,
    deadline: date | None,
    today: date,
    *,
    achieved: bool = False,
    tolerance: float = 0.05,
) -> PaceStatus:
    """Compare progress (a 0..1 fraction, e.g. ``Goal.progress``) with the ideal pace on ``today``.

    Achieved wins over everything (a goal reached late is still reached); a passed deadline makes an
    unfinished goal overdue even without data; with no progress or no plan there is nothing to compare.
    ``tolerance`` (a share of the whole way) keeps a day's noise from flipping the label.
    """
    if achieved or (fraction is not None and fraction >= 1.0 - _EPSILON):
        return PaceStatus.ACHIEVED
    if deadline is not None and today > deadline:
        return PaceStatus.OVERDUE
    if fraction is None or deadline is None or start_date is None or deadline <= start_date:
        return PaceStatus.NO_DATA
    gap = fraction - ideal_fraction(start_date, deadline, today)
    if gap < -tolerance:
        return PaceStatus.BEHIND
    if gap > tolerance:
        return PaceStatus.AHEAD
    return PaceStatus.ON_TRACK


# ---------------------------------------------------------------- small wins


def wins_crossed(old_fraction: float | None, new_fraction: float | None) -> list[int]:
    """Thresholds among 25/50/75/100 % passed on the way up from ``old`` to ``new`` (ascending).

    Unknown old progress counts as 0; unknown new progress or going backwards crosses nothing. A
    tiny tolerance makes 0.75 computed as 0.7499999 still count as 75 %.
    """
    if new_fraction is None:
        return []
    old = 0.0 if old_fraction is None else old_fraction
    return [t for t in WIN_THRESHOLDS if old < t / 100 - _EPSILON <= new_fraction]


WIN_TEXT = {
    25: "A quarter of the way (25%)",
    50: "Halfway there (50%)",
    75: "Three quarters done (75%)",
    100: "Goal reached (100%)",
}
"""How each threshold win reads in the wins list and on the wins chart."""
