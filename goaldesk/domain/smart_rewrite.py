"""The guided "Rewrite as SMART": ask only for what is missing, suggest answers, build one checked sentence.

The dialog (goaldesk/ui/smart/smart_rewrite.py) shows the questions from :func:`plan`, prefilled with
suggestions taken from the wording and from the goal type; :func:`compose` turns the answers into a
statement such as "Lead two client projects as project manager by 30 June 2027, to move into a
senior role", and :func:`check` judges that statement with the same rules, so a draft that still
fails is never offered as SMART.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from goaldesk.domain.enums import Horizon
from goaldesk.domain.smart import assess
from goaldesk.domain.smart_base import Assessment, Criterion, SmartInput, fmt
from goaldesk.domain.smart_reading import WORD_RE, read, strip_preamble
from goaldesk.domain.smart_specific import VERBS


class Step(str, Enum):
    """What the rewrite may ask, in the order it asks."""

    OUTCOME = "outcome"
    AMOUNT = "amount"
    DEADLINE = "deadline"
    WHY = "why"


@dataclass(frozen=True)
class Hint:
    """Suggested answers for one goal type (or one kind of wording)."""

    outcome: str
    amount: float
    unit: str
    days: int
    why: str


HINTS: dict[str, Hint] = {
    "leadership": Hint("Lead client projects as project manager", 2, "client projects", 210, "move into a senior role"),
    "skill-development": Hint("Give presentations to my team", 2, "presentations", 90, "present with confidence"),
    "performance": Hint("Complete client reports each week", 5, "client reports", 91, "keep clients informed"),
    "educational": Hint("Pass the certification exam", 1, "exam", 182, "qualify for the next role"),
    "networking": Hint("Attend industry networking events", 4, "events", 90, "widen my professional network"),
    "work-life-balance": Hint("Leave work by 6 pm on weekdays", 4, "days a week", 60, "stay rested and healthy"),
    "financial": Hint("Save for an emergency fund", 3000, "EUR", 365, "have a safety net"),
    "health-fitness": Hint("Run without stopping", 5, "km", 70, "have more energy"),
}
_WORDING_TYPES: tuple[tuple[str, str], ...] = (
    (r"\bcareer|promot|lead|manag|senior|team\b", "leadership"),
    (r"\bpresent|speak|communicat|skill|writ", "skill-development"),
    (r"\bsales?\b|\bsell|revenue|reports?\b|perform|productiv|quota|clients?\b", "performance"),
    (r"\bexam|course|certif|degree|study|grade|gpa|school|learn", "educational"),
    (r"\bnetwork|mentor|connect|meetup|event", "networking"),
    (r"\bbalance|burnout|overtime|evening|rest\b|sleep", "work-life-balance"),
    (r"\bsav|money|debt|budget|financ|invest|income|salary|spend", "financial"),
    (r"\bweight|fit|run|gym|stamina|health|exercise|walk|swim|muscle", "health-fitness"),
)
_WEIGHT_UNITS = {"kg": "kg", "lb": "lb", "pounds": "pounds"}
_VAGUE_OBJECTS = re.compile(r"^(?:some\s+)?(?:weight|money|debt)$", re.I)
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


@dataclass(frozen=True)
class Answers:
    """The user's answers; empty strings and None mean "not asked" or "left blank"."""

    outcome: str = ""
    amount: float | None = None
    unit: str = ""
    deadline: date | None = None
    why: str = ""


@dataclass(frozen=True)
class Plan:
    """What to ask (only what is missing) and the suggested answers to start from."""

    steps: tuple[Step, ...]
    suggested: Answers
    type_key: str


def type_for(inp: SmartInput, type_key: str | None) -> str:
    """The goal type whose suggestions fit: the category's type, else a guess from the wording."""
    if type_key in HINTS:
        return str(type_key)
    text = f"{inp.title} {inp.description}".lower()
    for pattern, key in _WORDING_TYPES:
        if re.search(pattern, text):
            return key
    return "leadership" if inp.horizon is Horizon.LONG else "skill-development"


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def suggest_deadline(today: date, days: int) -> date:
    """A round date about ``days`` ahead: the end of that month, which people remember."""
    return _month_end(today + timedelta(days=days))


def plan(inp: SmartInput, result: Assessment, type_key: str | None = None) -> Plan:
    """The questions to ask for ``inp`` (given its current ``result``) and suggested answers for each."""
    kind = type_for(inp, type_key)
    hint = HINTS[kind]
    reading = read(inp.title, inp.description, inp.today)
    core = strip_preamble(reading.core or inp.title).strip(" .!")
    for t in reading.times:
        core = core.replace(t.text, " ")
    core = " ".join(core.split()).strip(" ,")
    steps: list[Step] = []
    met = {v.criterion: v.met for v in result.verdicts}
    if not met[Criterion.SPECIFIC]:
        steps.append(Step.OUTCOME)
    if (not met[Criterion.MEASURABLE] or Step.OUTCOME in steps) and not (
        met[Criterion.MEASURABLE] and reading.measures
    ):
        steps.append(Step.AMOUNT)
    if not met[Criterion.TIME_BOUND]:
        steps.append(Step.DEADLINE)
    if not met[Criterion.RELEVANT]:
        steps.append(Step.WHY)
    number = reading.numbers[0].value if reading.numbers else None
    outcome, unit = hint.outcome, hint.unit
    amount: float | None = hint.amount
    if met[Criterion.SPECIFIC] and core:
        outcome, amount, unit = core, (number if number is not None else hint.amount), inp.unit.strip()
    else:
        guess = _from_wording(core, hint, number)
        if guess is not None and _fits(inp, guess):
            outcome, amount, unit = guess.outcome, guess.amount, guess.unit
    if Step.AMOUNT not in steps:
        amount = None
    elif inp.target is not None:
        amount, unit = inp.target, inp.unit.strip() or unit
    deadline = inp.deadline or (reading.times[0].due if reading.times and reading.times[0].due >= inp.today else None)
    if deadline is None:
        days = hint.days if inp.horizon is Horizon.SHORT or hint.days >= 180 else 365
        deadline = suggest_deadline(inp.today, days)
    why = " ".join(inp.why.split()) or (reading.purpose.text if reading.purpose else "") or hint.why
    outcome = outcome[:1].upper() + outcome[1:]
    suggested = Answers(outcome=outcome, amount=amount, unit=unit, deadline=deadline, why=why)
    return Plan(tuple(steps), suggested, kind)


def _fits(inp: SmartInput, answers: Answers) -> bool:
    """Whether an outcome taken from the user's own words becomes Specific and Measurable with a number."""
    statement = compose(replace(answers, deadline=None, why=""))
    result = assess(replace(inp, title=statement, why="", deadline=None))
    return result.verdict(Criterion.SPECIFIC).met and result.verdict(Criterion.MEASURABLE).met


def _long_date(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _amount_words(value: float) -> str:
    if float(value).is_integer() and int(value) in _NUMBER_WORDS:
        return _NUMBER_WORDS[int(value)]
    if float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return fmt(value)


def _with_amount(outcome: str, amount: float | None, unit: str) -> str:
    """Put the number straight after the verb ("Lead two client projects"), or in place of "weight" / "money"."""
    if amount is None or re.search(r"\d", outcome):
        return outcome
    unit = unit.strip()
    short_unit = len(unit) <= 3 or unit.upper() == unit
    count = fmt(amount) if short_unit and abs(amount) < 1000 else _amount_words(amount)
    verb, _, rest = outcome.partition(" ")
    if _VAGUE_OBJECTS.match(rest):
        noun = rest.split()[-1].lower()
        return f"{verb} {count} {unit or noun}".strip() + (" of debt" if noun == "debt" else "")
    if unit and re.search(rf"\b{re.escape(unit)}\b", rest, re.I):
        return f"{verb} {count} {rest}"
    return f"{verb} {count} {unit} {rest}".replace("  ", " ").strip()


_SOFTENERS = re.compile(
    r"\b(?:more|less|fewer|better|some|a\s+lot\s+of|lots\s+of|a\s+few|a\s+bit\s+of|many|several|really)\s*", re.I
)


def _from_wording(core: str, hint: Hint, number: float | None) -> Answers | None:
    """ "Sell more subscriptions" becomes "Sell … subscriptions", "lose weight" becomes "Lose … kg"."""
    stripped = " ".join(_SOFTENERS.sub("", core).split()).strip(" ,.")
    words = stripped.split()
    if len(words) < 2 or words[0].lower() not in VERBS:
        return None
    low = stripped.lower()
    if "weight" in low:
        return Answers(outcome=stripped, amount=number or 5, unit="kg")
    if re.search(r"\b(?:money|debt)\b", low):
        unit = hint.unit if hint.unit.isupper() else "EUR"
        return Answers(outcome=stripped, amount=number or (hint.amount if hint.unit.isupper() else 1000), unit=unit)
    return Answers(outcome=stripped, amount=number or 10, unit="")


def _why_clause(why: str) -> str:
    why = " ".join(why.split()).strip(" .")
    if not why:
        return ""
    lowered = why.lower()
    if lowered.startswith(("so that ", "so i ", "so we ", "because ", "to ", "in order to ")):
        return f", {why[:1].lower()}{why[1:]}"
    first = WORD_RE.findall(lowered)[:1]
    if first and first[0] in ("i", "we", "my", "our", "it", "the", "this", "they", "people", "clients"):
        return f", so that {why}"
    return f", to {why[:1].lower()}{why[1:]}"


def compose(answers: Answers) -> str:
    """One sentence from the answers: outcome with its number, the date, and the reason."""
    outcome = strip_preamble(" ".join(answers.outcome.split())).strip(" .,")
    sentence = _with_amount(outcome, answers.amount, answers.unit) if outcome else ""
    sentence = sentence[:1].upper() + sentence[1:]
    if answers.deadline is not None:
        sentence = f"{sentence} by {_long_date(answers.deadline)}"
    return f"{sentence}{_why_clause(answers.why)}".strip()


@dataclass(frozen=True)
class Draft:
    """A composed statement and the check's verdict on it."""

    statement: str
    result: Assessment
    why: str

    @property
    def failing(self) -> tuple[Criterion, ...]:
        return tuple(v.criterion for v in self.result.verdicts if not v.met)

    @property
    def passes(self) -> bool:
        """True only when every criterion is met by the check itself (no overrule counts here)."""
        return not self.failing


def check(inp: SmartInput, answers: Answers) -> Draft:
    """Compose and judge the statement as the goal's new title, with the answered "why" as its reason."""
    statement = compose(answers)
    why = " ".join(answers.why.split()) or inp.why
    judged = replace(inp, title=statement, why=why, deadline=answers.deadline or inp.deadline)
    return Draft(statement, assess(judged), why)


def default_answers(inp: SmartInput, result: Assessment, type_key: str | None = None) -> Answers:
    """The suggested answers for every question; what a user gets by accepting each suggestion."""
    return plan(inp, result, type_key).suggested


__all__ = ["HINTS", "Answers", "Draft", "Hint", "Plan", "Step", "check", "compose", "plan"]
