"""Progress math: how far a goal has come. Pure functions over plain numbers and dates."""

from __future__ import annotations


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
