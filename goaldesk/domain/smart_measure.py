"""Measurable: is there a number to track, or a named piece of work that is plainly done or not done?

"A GPA of 3.6", "from a B to an A", "from 60% to 70%" and "$3M" are measures; "3.5 this term" and
"5 Dysfunctions" are not units. "Pass the AWS Solutions Architect exam" has no number, yet it is one
measurable milestone, and the reason says so (the dialog offers to create it).
"""

from __future__ import annotations

import math

from goaldesk.domain.smart_base import Criterion, SmartInput, Verdict, counted, fmt, quote
from goaldesk.domain.smart_reading import Reading
from goaldesk.domain.wording import Found, find_vague_amounts

COMPLETION_NOTE = "it is done or not done: one measurable milestone."


def judge_measurable(inp: SmartInput, reading: Reading) -> Verdict:
    """Measurable from the fields first (target, milestones), then from the wording."""
    if inp.target is not None:
        start = inp.baseline if inp.baseline is not None else 0.0
        if not math.isfinite(inp.target) or inp.target == start:
            return Verdict(
                Criterion.MEASURABLE,
                False,
                (
                    f"The target ({fmt(inp.target)}) is the same as the starting value, so progress cannot be "
                    "measured; set a target that differs from where you start.",
                ),
            )
        reasons = [f"Tracked against a target: {counted(inp.target, inp.metric_name, inp.unit)}."]
        if not inp.unit and not inp.metric_name:
            reasons.append("Name what the number counts (a metric or unit such as “reports” or “kg”).")
        return Verdict(Criterion.MEASURABLE, True, tuple(reasons))
    if inp.milestones_total > 0:
        plural = "milestone" if inp.milestones_total == 1 else "milestones"
        return Verdict(Criterion.MEASURABLE, True, (f"Progress is tracked by {inp.milestones_total} {plural}.",))
    if reading.measures:
        return Verdict(
            Criterion.MEASURABLE,
            True,
            (
                f"The wording has a number to track: {quote(reading.measures[0].text)}. "
                "Set it as the target to chart it.",
            ),
        )
    if reading.completion is not None:
        return Verdict(
            Criterion.MEASURABLE,
            True,
            (
                f"{quote(reading.completion.text)}: {COMPLETION_NOTE} "
                "Add it as a milestone to tick off when it is done.",
            ),
        )
    problems: list[str] = []
    if not reading.english:
        problems.append(
            "Nothing to count yet: set a target number (with a unit) or add milestones. "
            "The automatic wording check reads English only, so numbers in the text are not used."
        )
        return Verdict(Criterion.MEASURABLE, False, tuple(problems))
    if reading.bare_numbers:
        number = reading.bare_numbers[0]
        problems.append(f"The number {quote(number.text)} needs a unit: say {fmt(number.value)} of what.")
    skip: list[Found] = [*reading.times, *reading.vague_times]
    for amount in find_vague_amounts(reading.text, skip)[:1]:
        problems.append(
            f"The wording says {quote(amount.text)} but not how much; put a number on it "
            f"(for example “{'3 more' if amount.text.lower() == 'more' else '3'} …” in "
            f"{quote(reading.core or reading.title)}) or set a target."
        )
    core = (reading.core or reading.title).rstrip(" .!")
    problems.append(
        f"Nothing to count in {quote(core)} yet: add a number with a unit (such as “5 reports” or “4 kg”), "
        "name a piece of work that is done or not done (“pass the … exam”), or add milestones."
    )
    return Verdict(Criterion.MEASURABLE, False, tuple(problems))
