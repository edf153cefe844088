"""The automatic SMART check: five plain-word verdicts on a goal, each one the user may overrule.

Pure Python so the goal editor, the goal list and ``goaldesk smart-check`` all give the same answer.
The rules read the goal's fields first and its wording second; the wording rules know English only
(see :func:`goaldesk.domain.wording.looks_english`), so other languages are judged on the fields and
are never called vague by an English word list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from goaldesk.domain.enums import Horizon, MetricKind
from goaldesk.domain.model import CheckIn, Goal, GoalDraft
from goaldesk.domain.wording import (
    SCAN_LIMIT,
    UNREADABLE_DATE_RE,
    Found,
    NumberFound,
    TimeFound,
    find_numbers,
    find_times,
    find_vague_amounts,
    find_vague_times,
    has_rate,
    looks_english,
    normalise,
    wordset,
)

TITLE_SCAN_LIMIT = 1_000
PACE_FACTOR = 3.0
"""Required pace above this many times the achieved pace is judged out of reach."""
MIN_PACE_DAYS = 7
LONG_TERM_MIN_DAYS = 30
BIG_STEP_MIN_DAYS = 90


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
        lines = [f"SMART score: {self.score}/5"]
        for v in self.verdicts:
            mark = "[x]" if v.met else "[~]" if v.overruled else "[ ]"
            note = f" (overruled: {v.criterion.override_text})" if v.overruled else ""
            lines.append(f"{mark} {v.criterion.label}{note}")
            lines.extend(f"    - {reason}" for reason in v.reasons)
        return "\n".join(lines)


# --- reading the wording ----------------------------------------------------------------------------

_VERBS = wordset(
    "learn get lose gain finish complete write read earn build become launch find join start run save pay quit "
    "stop buy publish pass ship hire attend take make visit create develop master improve increase reduce cut "
    "raise negotiate apply speak teach meditate cook sell grow open move double triple hit reach achieve obtain "
    "swim walk present deliver organise organize"
)
_NOT_CONTENT = wordset(
    "i i'll i'm i'd i've we we'll you my our your me myself want wants would like to will shall should must need "
    "going gonna wanna be get do make have it this that these those things thing stuff something everything a an "
    "the and or of in on at for with by more better some really very just also try trying able lot lots so up "
    "out much well good great is am are"
)
_NO_OBJECT = (
    r"(?:$|[.,;:!?)]|(?:myself|yourself|ourselves|things|stuff|everything|it|overall|generally|in\s+general"
    r"|a\s+lot|at\s+work|at\s+my\s+job|in\s+(?:my|the|your)\s+(?:job|work|career|life|role)|as\s+a\s+person"
    r"|professionally|personally|this\s+year|soon|someday)\b)"
)
_VAGUE_RES = (
    re.compile(
        r"\b(?:grow|advance|progress|develop|move\s+(?:up|forward))\s+(?:in|with(?:in)?)\s+(?:my|your|our|the)?\s*"
        r"(?:career|job|role|work|life|company)\b",
        re.I,
    ),
    re.compile(r"\b(?:grow|develop)\s+(?:professionally|personally|as\s+a\s+(?:person|professional))\b", re.I),
    re.compile(r"\badvance\s+(?:my|your|our)\s+career\b", re.I),
    re.compile(
        r"\b(?:get|be|become|do)\s+better"
        r"(?!\s+(?:at|in|with)\s+(?!(?:things|stuff|everything|life|work|my\s+job|it)\b)\w)",
        re.I,
    ),
    re.compile(r"\bdo\s+more(?=\s*" + _NO_OBJECT + r"|\s+(?:at|in|for|with|of|on)\b)", re.I),
    re.compile(r"\bimprove(?=\s*" + _NO_OBJECT + r")", re.I),
    re.compile(r"\b(?:be|become)\s+(?:more\s+)?successful\b", re.I),
    re.compile(r"\breach\s+(?:my|your|our)\s+(?:full\s+)?potential\b", re.I),
)
_OBJECT_NEEDED_RE = re.compile(r"\b(?:improve|(?:get|be|become|do)\s+better|do\s+more)\b", re.I)
_MEANS_RE = re.compile(r"\b(?:by|through|via)\s+\w+ing\b|\bto\s+become\b", re.I)
_BIG_STEP_RE = re.compile(
    r"\b(?:promot(?:ed|ion)|(?:become|be|get)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:manager|director|team\s+lead(?:er)?|head"
    r"|vp|vice\s+president|partner|cto|ceo|principal|executive)|(?:change|switch)\s+(?:careers?|industr(?:y|ies)|fields?)"
    r"|career\s+change|degree|phd|doctorate|mba)\b",
    re.I,
)
_STOP_AFTER_NUMBER = wordset("of to the a an and or in on at by for with from is are was were be i it if than as so")
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class _Reading:
    """What the wording says, computed once per assessment."""

    english: bool
    title: str
    text: str
    times: tuple[TimeFound, ...]
    vague_times: tuple[Found, ...]
    numbers: tuple[NumberFound, ...]
    measures: tuple[Found, ...]
    bare_numbers: tuple[NumberFound, ...]


def _read(inp: SmartInput) -> _Reading:
    title = normalise(inp.title[:TITLE_SCAN_LIMIT]).strip()
    text = f"{title}\n{normalise(inp.description[:SCAN_LIMIT])}"
    english = looks_english(text)
    times = tuple(find_times(text, inp.today)) if english else tuple(_iso_only(text, inp.today))
    vague = tuple(find_vague_times(text, list(times))) if english else ()
    dates_like = [Found(m.start(), m.end(), m.group()) for m in UNREADABLE_DATE_RE.finditer(text)]
    skip: list[Found] = [*times, *vague, *dates_like]
    numbers = tuple(n for n in find_numbers(text, words=english) if not any(n.overlaps(s) for s in skip))
    measures: list[Found] = []
    bare: list[NumberFound] = []
    if english:
        for number in numbers:
            phrase = _measure_phrase(text, number)
            if phrase is None:
                bare.append(number)
            else:
                measures.append(phrase)
    return _Reading(english, title, text, times, vague, numbers, tuple(measures), tuple(bare))


def _iso_only(text: str, today: date) -> list[TimeFound]:
    """Dates written as YYYY-MM-DD are language-neutral, so they count in any language."""
    return [t for t in find_times(text, today) if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", t.text)]


def _measure_phrase(text: str, number: NumberFound) -> Found | None:
    """The number with its unit ("five client reports", "$500", "20%"), or None when no unit follows."""
    before = text[max(0, number.start - 1) : number.start]
    if number.text.lower().endswith("k"):  # "10k", "save 5k": the k implies the unit
        return number
    if before in ("$", "€", "£", "¥"):
        return Found(number.start - 1, number.end, text[number.start - 1 : number.end])
    after = re.match(r"\s*(%|[^\W\d_]+(?:[-'][^\W\d_]+)*)(?:\s+([^\W\d_]+))?", text[number.end : number.end + 60])
    if not after:
        return None
    word = after.group(1)
    if word != "%" and word.lower() in _STOP_AFTER_NUMBER:
        return None
    second = after.group(2)
    end = number.end + (after.end(2) if second and second.lower() not in _STOP_AFTER_NUMBER else after.end(1))
    return Found(number.start, end, text[number.start : end])


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _fmt(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


def _with_unit(value: float, unit: str) -> str:
    return f"{_fmt(value)} {unit}".strip()


# --- the five rules ---------------------------------------------------------------------------------


def _specific(inp: SmartInput, reading: _Reading) -> Verdict:
    title = reading.title
    if not title:
        return Verdict(Criterion.SPECIFIC, False, ("There is no title yet: name the outcome you want to reach.",))
    description_words = len(_WORD_RE.findall(inp.description[:SCAN_LIMIT]))
    if not reading.english:
        if len(title.replace(" ", "")) < 4 and description_words == 0:
            return Verdict(
                Criterion.SPECIFIC,
                False,
                ("The title is very short; say what you will have achieved, or describe it below the title.",),
            )
        return Verdict(
            Criterion.SPECIFIC,
            True,
            ("Judged on the fields: the automatic wording check reads English only.",),
        )
    problems: list[str] = []
    words = _WORD_RE.findall(title)
    short = len(words) < 3 or len(title) < 12
    if short and description_words < 6:
        problems.append(
            f"{_quote(title)} is too short to say what you will achieve; name the result, for example "
            "“Give a 10-minute talk at the team meeting”."
        )
    for pattern in _VAGUE_RES:
        for match in pattern.finditer(title):
            rest = re.split(r"[.;!?\n]", title[match.end() :], maxsplit=1)[0]
            if _MEANS_RE.search(rest):
                continue
            problems.append(
                f"{_quote(match.group())} is vague: it does not say what will be different when you are done. "
                "Name the result, for example “improve my presentation skills” or “lead one client project”."
            )
    times = find_times(title, inp.today)
    spans: list[Found] = [*times, *find_vague_times(title, times)]
    for match in _OBJECT_NEEDED_RE.finditer(title):
        # "improve within three months": the verb runs straight into a time phrase, so it has no object.
        gap = re.match(r"\s*", title[match.end() :])
        follows = match.end() + (gap.end() if gap else 0)
        if any(span.start == follows for span in spans):
            problems.append(
                f"{_quote(match.group())} needs an object: say what will improve, for example "
                "“improve my presentation skills”; it is vague as it stands."
            )
    content = [w for w in words if w.lower() not in _NOT_CONTENT and not w.isdigit()]
    if not short and not problems and len(content) < 2:
        problems.append("The title does not name an outcome yet; say what you will do and to what.")
    problems.extend(_several_goals(title))
    if problems:
        return Verdict(Criterion.SPECIFIC, False, tuple(dict.fromkeys(problems)))
    return Verdict(Criterion.SPECIFIC, True, ("Names a concrete outcome.",))


def _several_goals(title: str) -> list[str]:
    """Two goals in one title make both harder to track; "and" between two verb phrases is the tell."""
    split_hint = "Split it into separate goals, or make a long-term goal with short-term steps."
    found: list[str] = []
    if re.search(r"\band\s+also\b|\bas\s+well\s+as\s+(?:to\s+)?(?:" + "|".join(_VERBS) + r")\b", title, re.I):
        found.append(f"This looks like more than one goal. {split_hint}")
    elif re.search(r"\S\s*;\s+\S", title):
        found.append(f"The semicolon joins more than one goal. {split_hint}")
    if found:
        return found
    words = [(m.group().lower(), m.start()) for m in _WORD_RE.finditer(title)]
    for index, (word, _start) in enumerate(words):
        if word != "and" or index == 0 or index + 2 >= len(words) + 1:
            continue
        after = [w for w, _ in words[index + 1 : index + 4]]
        while after and after[0] in ("then", "to", "also"):
            after = after[1:]
        if len(after) < 2 or after[0] not in _VERBS:
            continue
        previous = words[index - 1][0]
        if previous in _VERBS:  # "read and write Spanish": one skill, not two goals
            continue
        if any(w in _VERBS for w, _ in words[:index]):
            found.append(f"“… and {after[0]} …” joins two goals in one. {split_hint}")
            break
    return list(dict.fromkeys(found))


def _measurable(inp: SmartInput, reading: _Reading) -> Verdict:
    if inp.target is not None:
        start = inp.baseline if inp.baseline is not None else 0.0
        if not math.isfinite(inp.target) or inp.target == start:
            return Verdict(
                Criterion.MEASURABLE,
                False,
                (
                    f"The target ({_fmt(inp.target)}) is the same as the starting value, so progress cannot be "
                    "measured; set a target that differs from where you start.",
                ),
            )
        what = " ".join(filter(None, (inp.metric_name.strip(), inp.unit.strip())))
        reasons = [f"Tracked against a target: {_with_unit(inp.target, what)}."]
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
                f"The wording has a number to track: {_quote(reading.measures[0].text)}. "
                "Set it as the target to chart it.",
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
        problems.append(f"The number {_quote(number.text)} needs a unit: say {_fmt(number.value)} of what.")
    skip: list[Found] = [*reading.times, *reading.vague_times]
    for amount in find_vague_amounts(reading.text, skip)[:1]:
        problems.append(
            f"The wording says {_quote(amount.text)} but not how much; put a number on it "
            "(for example “3 more clients”) or set a target."
        )
    problems.append(
        "Nothing to count yet: set a target number with a unit (such as 5 “reports”), "
        "put the number in the title, or add milestones."
    )
    return Verdict(Criterion.MEASURABLE, False, tuple(problems))


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


def _achievable(inp: SmartInput, reading: _Reading, due: date | None) -> Verdict:
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
            big = _BIG_STEP_RE.search(reading.title)
            if big:
                problems.append(
                    f"{_quote(big.group())} in {window} days is rarely within reach: steps this big usually take "
                    "several months. Give it more time, or aim first at a step you control "
                    "(for example “lead one project”)."
                )
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
                        f"{_with_unit(remaining, unit)} are still to go by {due}. Plan smaller steps, lower the "
                        "target, or move the deadline."
                    )
                elif required > PACE_FACTOR * achieved:
                    eta = today + timedelta(days=math.ceil(remaining / achieved))
                    problems.append(
                        f"To reach {_fmt(inp.target)} by {due} you need about {_per_week(required, unit)}, but your "
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
    return Verdict(Criterion.ACHIEVABLE, True, tuple(notes))


def _relevant(inp: SmartInput) -> Verdict:
    if inp.parent_id is not None:
        return Verdict(Criterion.RELEVANT, True, ("It serves a long-term goal it is linked to.",))
    why = " ".join(inp.why[:SCAN_LIMIT].split())
    if inp.has_category and why:
        return Verdict(Criterion.RELEVANT, True, (f"Filed in a category, and you said why it matters: {_quote(why)}.",))
    problems = []
    if not why:
        problems.append(
            "Say why this goal matters to your work or life in the “why this matters” line, "
            "or link it to a long-term goal it serves."
        )
    if not inp.has_category:
        problems.append("Put the goal in a category (for example Skill Development) so it sits with related goals.")
    return Verdict(Criterion.RELEVANT, False, tuple(problems))


def _time_bound(inp: SmartInput, reading: _Reading) -> Verdict:
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
                (f"The date in the wording ({_quote(first.text)}, {first.due}) has passed; set a new one.",),
            )
        return Verdict(
            Criterion.TIME_BOUND,
            True,
            (f"The wording sets a time: {_quote(first.text)} (about {first.due}). Put it in the deadline field too.",),
        )
    problems: list[str] = []
    for vague in reading.vague_times[:1]:
        problems.append(f"{_quote(vague.text)} is not a deadline; say when, for example “within three months”.")
    unreadable = UNREADABLE_DATE_RE.search(reading.text)
    if unreadable:
        problems.append(
            f"GoalDesk could not tell day from month in {_quote(unreadable.group())}; write it as YYYY-MM-DD "
            "or “by March 31”, or use the deadline field."
        )
    if reading.english and has_rate(reading.text):
        problems.append("“Per week” and the like say how often, not by when; add an end date as well.")
    problems.append("No deadline: pick a date, or say when in the wording (“within three months”, “by March 31”).")
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
    reading = _read(inp)
    detected = reading.times[0] if reading.times else None
    due = inp.deadline or (detected.due if detected else None)
    verdicts = [
        _specific(inp, reading),
        _measurable(inp, reading),
        _achievable(inp, reading, due),
        _relevant(inp),
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

_PREAMBLE_RE = re.compile(
    r"^(?:i\s+(?:really\s+)?(?:want|would\s+like|'d\s+like|need|plan|hope|intend|am\s+going|'m\s+going)\s+to"
    r"|i\s+will|i'll|i\s+should|i\s+must|we\s+will|we'll|my\s+goal\s+is\s+to|goal:)\s+",
    re.I,
)
_RATE_UNIT_RE = re.compile(r"^(?:per|a|an|each|every)\s+\w+$|^(?:daily|weekly|monthly|yearly)$", re.I)


def rewrite_as_smart(inp: SmartInput) -> str:
    """A suggested SMART statement built from the fields, for the user to edit, not to save as is.

    With a metric: "Complete 5 client reports per week by 2027-03-31". Without one it keeps the
    title and adds the deadline (or a horizon-sized span when there is none).
    """
    title = normalise(inp.title[:TITLE_SCAN_LIMIT]).strip().rstrip(".!")
    english = looks_english(title) if title else True
    if english:
        title = _PREAMBLE_RE.sub("", title)
        times = find_times(title, inp.today)
        cut: list[Found] = [*find_vague_times(title, times), *(times if inp.deadline else [])]
        for piece in sorted(cut, key=lambda f: f.start, reverse=True):
            title = title[: piece.start] + title[piece.end :]
        title = " ".join(title.split()).rstrip(",;:")
    title = title[:1].upper() + title[1:]
    times_left = find_times(title, inp.today) if english else []
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
            sentence = f"{sentence}: reach {_with_unit(target, unit)}" if title else f"Reach {_with_unit(target, unit)}"
        return f"{sentence} {'' if times_left and not inp.deadline else when}".strip()
    first = title.split(" ", 1)[0].lower() if title else ""
    verb = first.capitalize() if first in _VERBS and first not in ("improve", "increase", "reduce") else "Complete"
    if inp.baseline is not None and inp.baseline != 0:
        change = "Increase" if target > inp.baseline else "Reduce"
        sentence = f"{change} {metric} from {_fmt(inp.baseline)} to {_with_unit(target, unit)}"
    elif not unit or unit.lower() in metric.lower():
        sentence = f"{verb} {_fmt(target)} {metric}"
    elif _RATE_UNIT_RE.match(unit):
        sentence = f"{verb} {_fmt(target)} {metric} {unit}"
    else:
        sentence = f"Reach {_with_unit(target, unit)} of {metric}"
    return f"{sentence} {when}"
