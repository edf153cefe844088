"""Value checks for user input, shared by the service (which refuses) and the editor (which explains)."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
NOTE_MAX = 20_000
UNIT_MAX = 40
METRIC_MAX = 120
CATEGORY_NAME_MAX = 80
# Dates outside this range are typing slips, and near year 1 or 9999 they overflow date arithmetic
# (chart axes, "days left"); the editor and the import both refuse them.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def parse_number(text: str | float | int | None, field: str, label: str) -> float | None:
    """A finite number from user text ("1,5" and "1 000" accepted), None for blank."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise DomainError(f"{label} must be a number.", field)
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
        if not cleaned:
            return None
        if cleaned.count(",") == 1 and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
        try:
            value = float(cleaned)
        except ValueError:
            raise DomainError(f"{label} must be a number, not “{text.strip()[:40]}”.", field) from None
    if not math.isfinite(value):
        raise DomainError(f"{label} must be a finite number.", field)
    return value


def date_problem(value: date | None, field: str, label: str) -> Problem | None:
    """A date outside DATE_MIN..DATE_MAX, as a problem; None when the date is fine or absent."""
    if value is not None and not DATE_MIN <= value <= DATE_MAX:
        return Problem(field, f"{label} must be between {DATE_MIN.year} and {DATE_MAX.year}, not {value.isoformat()}.")
    return None


def hidden_character(text: str) -> str | None:
    """The first control character or byte-order mark in ``text`` (they corrupt terminals and charts)."""
    for char in text:
        if char == "\ufeff" or unicodedata.category(char) == "Cc":
            return char
    return None


def visible(text: str) -> str:
    """``text`` with control characters and byte-order marks shown as escapes, safe for a terminal."""
    return "".join(
        char if char != "\ufeff" and unicodedata.category(char) != "Cc" else f"\\u{ord(char):04x}" for char in text
    )


def title_problems(title: object) -> list[Problem]:
    if not isinstance(title, str):
        return [Problem("title", "The title must be text.")]
    text = title.strip()
    if not text:
        return [Problem("title", "Give the goal a title.")]
    if "\n" in text or "\r" in text:
        return [Problem("title", "The title must be a single line; put details in the description.")]
    hidden = hidden_character(text)
    if hidden is not None:
        code = f"U+{ord(hidden):04X}"
        return [Problem("title", f"The title contains an invisible control character ({code}); remove it.")]
    if len(text) > TITLE_MAX:
        return [
            Problem("title", f"The title is {len(text):,} characters long; keep it to {TITLE_MAX}.")
        ]
    return []


def draft_problems(draft: GoalDraft, *, today: date | None = None, is_new: bool = False) -> list[Problem]:
    """Every problem with a draft, in field order; empty when the draft can be saved.

    A deadline in the past is refused only for a new goal (``is_new``): old goals may run late.
    """
    problems = title_problems(draft.title)
    if len(draft.description) > DESCRIPTION_MAX:
        problems.append(
            Problem("description", f"The description is too long; keep it under {DESCRIPTION_MAX:,} characters.")
        )
    if len(draft.why) > DESCRIPTION_MAX:
        problems.append(Problem("why", "The “why it matters” text is too long."))
    if len(draft.unit) > UNIT_MAX:
        problems.append(Problem("unit", f"Keep the unit to {UNIT_MAX} characters."))
    if len(draft.metric_name) > METRIC_MAX:
        problems.append(Problem("metric_name", f"Keep the metric name to {METRIC_MAX} characters."))
    out_of_range = [
        problem
        for problem in (
            date_problem(draft.start_date, "start_date", "The start date"),
            date_problem(draft.deadline, "deadline", "The deadline"),
        )
        if problem is not None
    ]
    problems.extend(out_of_range)
    if out_of_range:
        return _number_problems(draft, problems)
    if draft.start_date and draft.deadline and draft.deadline < draft.start_date:
        problems.append(Problem("deadline", "The deadline is before the start date."))
    elif is_new and today and draft.deadline and draft.deadline < today:
        problems.append(Problem("deadline", "The deadline is in the past; pick a date from today on."))
    return _number_problems(draft, problems)


def _number_problems(draft: GoalDraft, problems: list[Problem]) -> list[Problem]:
    """Baseline and target: numbers, finite, and a target that differs from where you start."""
    for name, label in (("baseline", "The starting value"), ("target", "The target")):
        value = getattr(draft, name)
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            problems.append(Problem(name, f"{label} must be a number."))
        elif value is not None and not math.isfinite(value):
            problems.append(Problem(name, f"{label} must be a finite number."))
    if not any(p.field in ("baseline", "target") for p in problems):
        if draft.target is not None and draft.target < 0:
            problems.append(Problem("target", "The target cannot be negative."))
        elif draft.target is not None and draft.target == (draft.baseline or 0.0):
            problems.append(Problem("target", "The target must differ from the starting value."))
        elif draft.target is None and draft.baseline is not None:
            problems.append(Problem("target", "Set a target for the starting value to count toward."))
    return problems


def check_draft(draft: GoalDraft, *, today: date | None = None, is_new: bool = False) -> None:
    """Raise the first problem as a DomainError."""
    problems = draft_problems(draft, today=today, is_new=is_new)
    if problems:
        raise DomainError(problems[0].message, problems[0].field)


def check_category_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise DomainError("Give the category a name.", "name")
    text = name.strip()
    if "\n" in text:
        raise DomainError("A category name must be a single line.", "name")
    if len(text) > CATEGORY_NAME_MAX:
        raise DomainError(f"Keep category names to {CATEGORY_NAME_MAX} characters.", "name")
    return text


def check_note(note: object, label: str = "The note") -> str:
    if not isinstance(note, str):
        raise DomainError(f"{label} must be text.", "note")
    if len(note) > NOTE_MAX:
        raise DomainError(f"{label} is too long; keep it under {NOTE_MAX:,} characters.", "note")
    return note


def check_checkin_date(on: object, today: date) -> date:
    """A check-in date: a real date, not in the future, within DATE_MIN..DATE_MAX."""
    if not isinstance(on, date):
        raise DomainError("The check-in date must be a date.", "on")
    if on > today:
        raise DomainError("A check-in cannot be dated in the future.", "on")
    problem = date_problem(on, "on", "The check-in date")
    if problem is not None:
        raise DomainError(problem.message, problem.field)
    return on


def makes_parent_cycle(parents: Mapping[K, K | None], child: K, parent: K | None) -> bool:
    """True when making ``parent`` serve ``child`` would close a loop in the ``parents`` links."""
    seen: set[K] = {child}
    current = parent
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def check_value(value: object, label: str = "The value") -> float:
    number = parse_number(value, "value", label)  # type: ignore[arg-type]
    if number is None:
        raise DomainError(f"{label} is missing.", "value")
    return number
