"""Achievable: the pace the check-ins show, and, before there are any, plausible bounds for the wording.

Guides call "lose 20 kg in three weeks", "triple our monthly sales by Friday" and "become a
billionaire this year" unrealistic. Without progress data the check compares the rate the wording
asks for with plausible bounds for common units (body weight a week, running distance, books a week,
money against a stated income, growth against the span) and flags extreme-ambition phrases. Every
flag gives its reason and a realistic alternative; the user can still overrule it.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from goaldesk.domain.enums import Horizon, MetricKind
from goaldesk.domain.smart_base import Criterion, SmartInput, Verdict, fmt, quote, with_unit
from goaldesk.domain.smart_plausible import implausible
from goaldesk.domain.smart_reading import Reading

PACE_FACTOR = 3.0
"""Required pace above this many times the achieved pace is judged out of reach."""
MIN_PACE_DAYS = 7
LONG_TERM_MIN_DAYS = 30
BIG_STEP_MIN_DAYS = 90

BIG_STEP_RE = re.compile(
    r"\b(?:promot(?:ed|ion)|(?:become|be|get)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:manager|director|team\s+lead(?:er)?|head"
    r"|vp|vice\s+president|partner|cto|ceo|principal|executive)|(?:change|switch)\s+(?:careers?|industr(?:y|ies)|fields?)"
    r"|career\s+change|degree|phd|doctorate|mba)\b",
    re.I,
)


def _totals(inp: SmartInput) -> list[tuple[date, float]]:
    """Check-ins as running totals, whatever the metric kind, so pace is one subtraction."""
    if inp.metric_kind is MetricKind.INCREMENT:
        running = inp.baseline or 0.0
        out = []
        for on, value in inp.checkins:
            running += value
            out.append((on, running))
        return out
    return list(inp.checkins)


def _per_week(per_day: float, unit: str) -> str:
    return f"{per_day * 7:.3g} {unit}".strip() + " a week"


def judge_achievable(inp: SmartInput, reading: Reading, due: date | None) -> Verdict:
    """The pace so far against what the deadline needs; before any data, plausible bounds for the wording."""
    problems: list[str] = []
    notes: list[str] = []
    today = inp.today
    start = inp.start_date or today
    if due is not None and due >= today:
        window = (due - min(start, today)).days if inp.start_date else (due - today).days
        if inp.horizon is Horizon.LONG and window < LONG_TERM_MIN_DAYS:
            problems.append(
                f"This is a long-term goal due in {window} days; long-term goals take months. "
                "Move the deadline out, or make it a short-term goal."
            )
        elif reading.english and window < BIG_STEP_MIN_DAYS:
            big = BIG_STEP_RE.search(reading.title)
            if big:
                problems.append(
                    f"{quote(big.group())} in {window} days is rarely within reach: steps this big usually take "
                    "several months. Give it more time, or aim first at a step you control "
                    "(for example “lead one project”)."
                )
    if reading.english and not problems:
        problems.extend(implausible(reading, today, due))
    pace_judged = False
    totals = _totals(inp)
    if inp.target is not None and math.isfinite(inp.target):
        origin = inp.baseline if inp.baseline is not None else 0.0
        direction = 1.0 if inp.target > origin else -1.0 if inp.target < origin else 0.0
        if direction and len(totals) >= 2 and (totals[-1][0] - totals[0][0]).days >= MIN_PACE_DAYS:
            pace_judged = True
            span = (totals[-1][0] - totals[0][0]).days
            achieved = (totals[-1][1] - totals[0][1]) * direction / span
            remaining = (inp.target - totals[-1][1]) * direction
            unit = inp.unit or inp.metric_name
            if remaining <= 0:
                notes.append("Your check-ins show the target is already reached.")
            elif due is None:
                if achieved > 0:
                    eta = today + timedelta(days=math.ceil(remaining / achieved))
                    notes.append(f"At your pace ({_per_week(achieved, unit)}) you would reach the target around {eta}.")
                else:
                    notes.append("No deadline, so the pace cannot be compared with one.")
            elif due <= today:
                notes.append("The deadline has passed, so the pace cannot be judged; set a new date.")
            else:
                days_left = (due - today).days
                required = remaining / days_left
                if achieved <= 0:
                    problems.append(
                        f"Check-ins over {span} days show no progress toward the target, and "
                        f"{with_unit(remaining, unit)} are still to go by {due}. Plan smaller steps, lower the "
                        "target, or move the deadline."
                    )
                elif required > PACE_FACTOR * achieved:
                    eta = today + timedelta(days=math.ceil(remaining / achieved))
                    problems.append(
                        f"To reach {fmt(inp.target)} by {due} you need about {_per_week(required, unit)}, but your "
                        f"check-ins show about {_per_week(achieved, unit)} ({required / achieved:.1f} times "
                        f"slower). Move the deadline to around {eta}, or lower the target."
                    )
                else:
                    notes.append(
                        f"Your pace ({_per_week(achieved, unit)}) is in reach of the "
                        f"{_per_week(required, unit)} the deadline needs."
                    )
    if problems:
        return Verdict(Criterion.ACHIEVABLE, False, tuple(problems))
    if not pace_judged:
        if inp.checkins:
            notes.append(
                "Not enough progress data yet (two check-ins at least a week apart, toward a target); "
                "judged achievable by default."
            )
        else:
            notes.append(
                "No progress data yet; judged achievable by default. After a few check-ins over a week or more, "
                "GoalDesk compares your pace with what the deadline needs."
            )
        if reading.english:
            notes.append(
                "Nothing in the wording is beyond plausible bounds (body weight, running, reading, money, growth "
                "for the time given, or an extreme ambition)."
            )
    return Verdict(Criterion.ACHIEVABLE, True, tuple(notes))

