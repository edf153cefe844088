"""Human wording for dates relative to today ("in 12 days", "3 days overdue")."""

from __future__ import annotations

from datetime import date


def deadline_hint(deadline: date | None, today: date) -> str:
    if deadline is None:
        return "no deadline"
    days = (deadline - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days > 1:
        return f"in {days} days"
    if days == -1:
        return "1 day overdue"
    return f"{-days} days overdue"


def is_overdue(deadline: date | None, today: date) -> bool:
    return deadline is not None and deadline < today
