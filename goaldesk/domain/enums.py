"""Enumerations stored as short strings in the database (stable across versions)."""

from __future__ import annotations

from enum import Enum


class Horizon(str, Enum):
    """Short-term goals keep you active now; long-term goals are the bigger achievements."""

    SHORT = "short"
    LONG = "long"

    @property
    def label(self) -> str:
        return "Short-term" if self is Horizon.SHORT else "Long-term"

    def other(self) -> Horizon:
        return Horizon.LONG if self is Horizon.SHORT else Horizon.SHORT


class GoalStatus(str, Enum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class MetricKind(str, Enum):
    """Whether check-in values are running totals or amounts added since the last check-in."""

    CUMULATIVE = "cumulative"
    INCREMENT = "increment"
