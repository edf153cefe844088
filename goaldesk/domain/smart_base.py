"""The SMART check's building blocks: the criteria, what the check reads, verdicts, and the wording it found.

Split from :mod:`goaldesk.domain.smart` so each rule lives in its own module (``smart_specific``,
``smart_measure``, ``smart_achievable``) without importing the module that combines them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal

from goaldesk.domain.enums import Horizon, MetricKind
from goaldesk.domain.model import CheckIn, Goal, GoalDraft


class Criterion(str, Enum):
    """The five SMART criteria; the value is what the database and JSON store."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    RELEVANT = "relevant"
    TIME_BOUND = "time-bound"

    @property
    def label(self) -> str:
        return "Time-bound" if self is Criterion.TIME_BOUND else self.value.capitalize()

    @property
    def meaning(self) -> str:
        """One sentence for the checklist dialog."""
        return _MEANINGS[self]

    @property
    def override_text(self) -> str:
        """The wording of the checkbox that overrules a failed check."""
        return f"I judge this {self.value}"


_MEANINGS: dict[Criterion, str] = {
    Criterion.SPECIFIC: "Clear about the outcome: someone else could tell what you will have done.",
    Criterion.MEASURABLE: "Progress can be tracked against a number or a list of milestones.",
    Criterion.ACHIEVABLE: "Within reach by the deadline, given your pace and resources so far.",
    Criterion.RELEVANT: "Matters for your work or life: it has a reason, or serves a bigger goal.",
    Criterion.TIME_BOUND: "Has a deadline: a date, or a clear span such as 'within three months'.",
}


SCORE_MAX = len(Criterion)
"""A SMART score counts the criteria met (or overruled): 0 to 5."""


def score_text(score: int | None, *, form: Literal["full", "badge", "cell"] = "full") -> str:
    """The one spelling of a SMART score, in three lengths for three places.

    "full" reads "SMART score: 4/5" (CLI, details, dialog, printing, charts, spoken card text); "badge"
    reads "SMART 4/5", short enough to leave a board card's title room; "cell" reads "4/5" under a
    "SMART" column heading. ``None`` (not computed yet) reads "–".
    """
    value = "–" if score is None else f"{score}/{SCORE_MAX}"
    if form == "cell":
        return value
    return f"SMART {value}" if form == "badge" else f"SMART score: {value}"


def _checkins(items: Iterable[CheckIn | tuple[date, float]]) -> tuple[tuple[date, float], ...]:
    pairs = [(c.on, float(c.value)) if isinstance(c, CheckIn) else (c[0], float(c[1])) for c in items]
    return tuple(sorted(pairs, key=lambda p: p[0]))


@dataclass(frozen=True)
class SmartInput:
    """Everything the check looks at; build one with :meth:`from_goal` or :meth:`from_draft`."""

    title: str
    _: KW_ONLY
    description: str = ""
    why: str = ""
    has_category: bool = True
    parent_id: int | None = None
    horizon: Horizon = Horizon.SHORT
    start_date: date | None = None
    deadline: date | None = None
    metric_name: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    milestones_total: int = 0
    checkins: tuple[tuple[date, float], ...] = ()
    metric_kind: MetricKind = MetricKind.CUMULATIVE
    today: date

    def __post_init__(self) -> None:
        # Lists and CheckIn rows are accepted for convenience; stored sorted so pace math can trust order.
        object.__setattr__(self, "checkins", _checkins(self.checkins))

    @classmethod
    def from_goal(
        cls,
        goal: Goal,
        *,
        today: date,
        checkins: Iterable[CheckIn | tuple[date, float]] = (),
        milestones_total: int | None = None,
    ) -> SmartInput:
        """A stored goal judged like its editor fields; milestones default to the goal's own count."""
        return cls.from_draft(
            goal.draft(),
            today=today,
            checkins=checkins,
            milestones_total=goal.milestones_total if milestones_total is None else milestones_total,
        )

    @classmethod
    def from_draft(
        cls,
        draft: GoalDraft,
        *,
        today: date,
        checkins: Iterable[CheckIn | tuple[date, float]] = (),
        milestones_total: int = 0,
    ) -> SmartInput:
        return cls(
            draft.title,
            description=draft.description,
            why=draft.why,
            has_category=bool(draft.category_id),
            parent_id=draft.parent_id,
            horizon=draft.horizon,
            start_date=draft.start_date,
            deadline=draft.deadline,
            metric_name=draft.metric_name,
            unit=draft.unit,
            baseline=draft.baseline,
            target=draft.target,
            milestones_total=milestones_total,
            checkins=_checkins(checkins),
            metric_kind=draft.metric_kind,
            today=today,
        )


@dataclass(frozen=True)
class Verdict:
    """One criterion's result; ``reasons`` say what was found or what is missing and how to fix it."""

    criterion: Criterion
    met: bool
    reasons: tuple[str, ...]
    overruled: bool = False

    @property
    def counts(self) -> bool:
        """Whether the criterion adds to the score: met, or overruled by the user's own judgement."""
        return self.met or self.overruled


@dataclass(frozen=True)
class Assessment:
    """All five verdicts plus what the wording check detected, for the dialog, the list and the CLI."""

    verdicts: tuple[Verdict, ...]
    numbers: tuple[float, ...] = ()
    duration_days: int | None = None
    detected_deadline: date | None = None

    @property
    def score(self) -> int:
        return sum(1 for v in self.verdicts if v.counts)

    def verdict(self, criterion: Criterion | str) -> Verdict:
        wanted = Criterion(criterion)
        for v in self.verdicts:
            if v.criterion is wanted:
                return v
        raise KeyError(wanted.value)

    def to_json(self) -> dict[str, Any]:
        """A stable, JSON-ready shape (documented in docs/smart-check.md)."""
        return {
            "score": self.score,
            "criteria": {
                v.criterion.value: {"met": v.met, "overruled": v.overruled, "reasons": list(v.reasons)}
                for v in self.verdicts
            },
            "detected": {
                "numbers": [int(n) if float(n).is_integer() else n for n in self.numbers],
                "duration_days": self.duration_days,
                "deadline": self.detected_deadline.isoformat() if self.detected_deadline else None,
            },
        }

    def to_text(self) -> str:
        """Plain text for a terminal: the score, then each criterion with its reasons."""
        lines = [score_text(self.score)]
        for v in self.verdicts:
            mark = "[x]" if v.met else "[~]" if v.overruled else "[ ]"
            note = f" (overruled: {v.criterion.override_text})" if v.overruled else ""
            lines.append(f"{mark} {v.criterion.label}{note}")
            lines.extend(f"    - {reason}" for reason in v.reasons)
        return "\n".join(lines)


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def fmt(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


def with_unit(value: float, unit: str) -> str:
    return f"{fmt(value)} {unit}".strip()


def _stems(text: str) -> list[str]:
    """Lower-case words with a plural "s" dropped, so "module" and "modules" compare equal."""
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in text.lower().split()]


def what_counted(metric: str, unit: str) -> str:
    """What the target counts, the unit said once.

    "modules passed" counted in "modules" reads "modules passed", not "modules passed modules";
    "songs" in "songs" reads "songs"; a unit the metric does not name keeps the metric beside it:
    "km (longest run)".
    """
    metric, unit = " ".join(metric.split()), " ".join(unit.split())
    if not metric or not unit:
        return metric or unit
    metric_words, unit_words = _stems(metric), _stems(unit)
    if metric_words == unit_words:
        return unit
    if all(w in metric_words for w in unit_words):
        return metric
    if all(w in unit_words for w in metric_words):
        return unit
    return f"{unit} ({metric})"


def counted(value: float, metric: str, unit: str) -> str:
    """The target with what it counts: "12 modules passed", "10 songs", "5 km (longest run)"."""
    return with_unit(value, what_counted(metric, unit))
