"""The automatic SMART check: five plain-word verdicts on a goal, each one the user may overrule.

Pure Python so the goal editor, the goal list and ``goaldesk smart-check`` all give the same answer.
The rules read the goal's fields first and its wording second; the wording rules know English only
(see :func:`goaldesk.domain.wording.looks_english`), so other languages are judged on the fields and
are never called vague by an English word list. Each criterion has its own module: Specific in
``smart_specific``, Measurable in ``smart_measure``, Achievable in ``smart_achievable`` (with the
plausible bounds in ``smart_plausible``); this module combines them, judges Relevant and Time-bound,
and drafts a statement from the fields.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from goaldesk.domain.enums import Horizon
from goaldesk.domain.smart_achievable import judge_achievable
from goaldesk.domain.smart_base import Assessment, Criterion, SmartInput, Verdict, fmt, quote, with_unit
from goaldesk.domain.smart_measure import judge_measurable
from goaldesk.domain.smart_reading import TITLE_SCAN_LIMIT, Reading, read, strip_preamble
from goaldesk.domain.smart_specific import VERBS, judge_specific
from goaldesk.domain.smart_time import find_deadlines
from goaldesk.domain.wording import (
    SCAN_LIMIT,
    UNREADABLE_DATE_RE,
    Found,
    find_vague_times,
    has_rate,
    looks_english,
    normalise,
)

__all__ = ["Assessment", "Criterion", "SmartInput", "Verdict", "assess", "rewrite_as_smart"]


def _relevant(inp: SmartInput, reading: Reading) -> Verdict:
    """A category and a reason: the "why this matters" line, or a "so that …" / "to …" clause in the wording."""
    if inp.parent_id is not None:
        return Verdict(Criterion.RELEVANT, True, ("It serves a long-term goal it is linked to.",))
    why = " ".join(inp.why[:SCAN_LIMIT].split())
    if inp.has_category and why:
        return Verdict(Criterion.RELEVANT, True, (f"Filed in a category, and you said why it matters: {quote(why)}.",))
    if inp.has_category and reading.purpose is not None:
        return Verdict(
            Criterion.RELEVANT,
            True,
            (
                f"Filed in a category, and the wording says why it matters: {quote(reading.purpose.text)}. "
                "Copy it into the “why this matters” line to keep it with the goal.",
            ),
        )
    problems = []
    if not why:
        problems.append(
            "Say why this goal matters to your work or life in the “why this matters” line "
            f"(or end {quote(reading.core or reading.title or 'the title')} with “so that …”), "
            "or link it to a long-term goal it serves."
        )
    if not inp.has_category:
        problems.append("Put the goal in a category (for example Skill Development) so it sits with related goals.")
    return Verdict(Criterion.RELEVANT, False, tuple(problems))


def _time_bound(inp: SmartInput, reading: Reading) -> Verdict:
    today = inp.today
    if inp.deadline is not None:
        if inp.deadline < today:
            return Verdict(
                Criterion.TIME_BOUND,
                False,
                (f"The deadline ({inp.deadline}) has passed; set a new date. Adjusting a goal is normal.",),
            )
        return Verdict(Criterion.TIME_BOUND, True, (f"Due {inp.deadline}.",))
    if reading.times:
        first = reading.times[0]
        if first.due < today:
            return Verdict(
                Criterion.TIME_BOUND,
                False,
                (f"The date in the wording ({quote(first.text)}, {first.due}) has passed; set a new one.",),
            )
        return Verdict(
            Criterion.TIME_BOUND,
            True,
            (f"The wording sets a time: {quote(first.text)} (about {first.due}). Put it in the deadline field too.",),
        )
    problems: list[str] = []
    for vague in reading.vague_times[:1]:
        problems.append(f"{quote(vague.text)} is not a deadline; say when, for example “within three months”.")
    unreadable = UNREADABLE_DATE_RE.search(reading.text)
    if unreadable:
        problems.append(
            f"GoalDesk could not tell day from month in {quote(unreadable.group())}; write it as YYYY-MM-DD "
            "or “by March 31”, or use the deadline field."
        )
    if reading.english and has_rate(reading.text):
        problems.append("“Per week” and the like say how often, not by when; add an end date as well.")
    core = (reading.core or reading.title).rstrip(" .!")
    example = f"{core[:1].upper()}{core[1:60]} by {inp.today.year + 1}-03-31" if core else "… by 31 March"
    problems.append(
        f"No deadline in {quote(core or 'the title')}: pick a date, or say when in the wording "
        f"(“within three months”, “by March 31”), for example “{example}”."
    )
    return Verdict(Criterion.TIME_BOUND, False, tuple(problems))


def _normalise_overrides(overrides: Iterable[str]) -> frozenset[Criterion]:
    out = set()
    for item in overrides:
        key = str(item.value if isinstance(item, Criterion) else item).strip().lower().replace("_", "-")
        if key == "timebound":
            key = "time-bound"
        try:
            out.add(Criterion(key))
        except ValueError:
            continue  # an unknown name in stored data is ignored rather than breaking the list view
    return frozenset(out)


def assess(inp: SmartInput, overrides: Iterable[str] = frozenset()) -> Assessment:
    """Judge a goal against the five SMART criteria.

    ``overrides`` names criteria the user judged met themselves ("I judge this achievable"): a failed
    verdict keeps its reasons but is marked overruled and counts toward the score.
    """
    reading = read(inp.title, inp.description, inp.today)
    detected = reading.times[0] if reading.times else None
    due = inp.deadline or (detected.due if detected else None)
    verdicts = [
        judge_specific(inp, reading),
        judge_measurable(inp, reading),
        judge_achievable(inp, reading, due),
        _relevant(inp, reading),
        _time_bound(inp, reading),
    ]
    chosen = _normalise_overrides(overrides)
    final = []
    for v in verdicts:
        if v.criterion in chosen and not v.met:
            v = Verdict(v.criterion, False, (*v.reasons, f"You overruled this: “{v.criterion.override_text}”."), True)
        final.append(v)
    return Assessment(
        verdicts=tuple(final),
        numbers=tuple(n.value for n in reading.numbers),
        duration_days=(detected.due - inp.today).days if detected else None,
        detected_deadline=detected.due if detected else None,
    )


# --- drafting a SMART statement ---------------------------------------------------------------------

_RATE_UNIT_RE = re.compile(r"^(?:per|a|an|each|every)\s+\w+$|^(?:daily|weekly|monthly|yearly)$", re.I)


def rewrite_as_smart(inp: SmartInput) -> str:
    """A suggested SMART statement built from the fields, for the user to edit, not to save as is.

    With a metric: "Complete 5 client reports per week by 2027-03-31". Without one it keeps the
    title and adds the deadline (or a horizon-sized span when there is none).
    """
    title = normalise(inp.title[:TITLE_SCAN_LIMIT]).strip().rstrip(".!")
    english = looks_english(title) if title else True
    if english:
        title = strip_preamble(title)
        times = find_deadlines(title, inp.today)
        cut: list[Found] = [*find_vague_times(title, times), *(times if inp.deadline else [])]
        for piece in sorted(cut, key=lambda f: f.start, reverse=True):
            title = title[: piece.start] + title[piece.end :]
        title = " ".join(title.split()).rstrip(",;:")
    title = title[:1].upper() + title[1:]
    times_left = find_deadlines(title, inp.today) if english else []
    if inp.deadline:
        when = f"by {inp.deadline.isoformat()}"
    elif times_left:
        when = times_left[0].text
    else:
        when = "within 12 months" if inp.horizon is Horizon.LONG else "within 3 months"
    target = inp.target
    metric = inp.metric_name.strip()
    unit = inp.unit.strip()
    target_ok = target is not None and math.isfinite(target) and target != (inp.baseline or 0.0)
    if target is None or not target_ok:
        return f"{title or 'Name the outcome'} {'' if times_left and not inp.deadline else when}".strip()
    if not metric or (target == 1 and metric.lower() in title.lower()):
        # "Earn the PMP certification" already says it better than "Complete 1 certification".
        sentence = title or "Reach the target"
        if not metric:
            sentence = f"{sentence}: reach {with_unit(target, unit)}" if title else f"Reach {with_unit(target, unit)}"
        return f"{sentence} {'' if times_left and not inp.deadline else when}".strip()
    first = title.split(" ", 1)[0].lower() if title else ""
    verb = first.capitalize() if first in VERBS and first not in ("improve", "increase", "reduce") else "Complete"
    if inp.baseline is not None and inp.baseline != 0:
        change = "Increase" if target > inp.baseline else "Reduce"
        sentence = f"{change} {metric} from {fmt(inp.baseline)} to {with_unit(target, unit)}"
    elif not unit or unit.lower() in metric.lower():
        sentence = f"{verb} {fmt(target)} {metric}"
    elif _RATE_UNIT_RE.match(unit):
        sentence = f"{verb} {fmt(target)} {metric} {unit}"
    else:
        sentence = f"Reach {with_unit(target, unit)} of {metric}"
    return f"{sentence} {when}"
