"""SMART scores for display (list column, board badge), computed from the goal's own fields."""

from __future__ import annotations

from datetime import date

from goaldesk.domain.model import Goal


def smart_score(goal: Goal, today: date) -> int | None:
    """0-5, counting overruled criteria as met; None while the SMART check is unavailable."""
    from goaldesk.domain.smart import SmartInput, assess  # the checker loads its rules on first use

    inp = SmartInput.from_goal(goal, today=today, milestones_total=goal.milestones_total)
    return assess(inp, goal.smart_overrides).score
