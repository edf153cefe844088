"""Plausible bounds for what a goal's wording asks, judged before there is any progress data.

Each rule reads one common kind of goal (body weight, running, reading, money, growth, fluency,
career steps, extreme-ambition phrases), works out the rate it needs over the span to its deadline,
and, when that rate is beyond what guides call realistic, returns a reason that quotes the words and
suggests a realistic target or date. The bounds are deliberately generous: a flag means "rarely
done", never "impossible", and the user can overrule it.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from goaldesk.domain.smart_base import fmt, quote
from goaldesk.domain.smart_reading import Reading

KG_PER_WEEK = 1.0
"""Health guides put a safe, lasting weight loss at 0.5-1 kg (1-2 lb) a week."""
MUSCLE_KG_PER_WEEK = 0.25
RUN_KM_PER_WEEK = 160.0
BOOKS_PER_WEEK = 3.0
SAVE_SHARE_OF_INCOME = 0.5
CLIENTS_PER_WEEK = 25.0
RACE_WEEKS = {"ultramarathon": 16, "ultra-marathon": 16, "ultra": 16, "marathon": 12, "half marathon": 6}

_LB = 0.4536
_NUM = r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)"
_MASS = r"(?P<u>kg|kilos?|kilograms?|pounds?|lbs?)"
_WEIGHT_RE = re.compile(rf"\b(?:lose|drop|shed|cut)\s+(?:about\s+)?{_NUM}\s*{_MASS}\b", re.I)
_MUSCLE_RE = re.compile(rf"\bgain\s+{_NUM}\s*{_MASS}\s+of\s+(?:lean\s+)?muscle\b", re.I)
_RACE_RE = re.compile(
    r"\b(?:run|finish|complete|do|race)\s+(?:a|an|my\s+first|the|one|my)?\s*(?P<e>ultra[\s-]?marathon|half[\s-]marathon"
    r"|marathon)\b",
    re.I,
)
_VOLUME_RE = re.compile(
    rf"\brun\s+{_NUM}\s*(?P<u>km|kilometres|kilometers|miles|mi)\s+(?:a|per|each|every)\s+week\b", re.I
)
_BOOKS_RE = re.compile(rf"\bread\s+{_NUM}\s+(?:\w+\s+)?books\b", re.I)
_MONEY = r"[$€£]\s?(?P<{}>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<{}>k|m|million|bn|billion)?\b"
_INCOME_RE = re.compile(
    r"\b(?:salary|income|earnings)\s+of\s+" + _MONEY.format("i", "is")
    + r"|" + _MONEY.format("i2", "is2") + r"\s+(?:a\s+year\s+)?(?:salary|income)\b",
    re.I,
)
_AMOUNT_RE = re.compile(
    r"\b(?P<verb>save|pay\s+off|pay\s+down|put\s+away|invest|earn|make|net)\s+(?:up\s+)?(?:an?\s+extra\s+)?"
    + _MONEY.format("a", "as"),
    re.I,
)
_MULTIPLIER_RE = re.compile(r"\b(?P<w>double|triple|quadruple|tenfold|(?P<f>\d+)-?fold|(?P<x>\d+)x)\b", re.I)
_PERCENT_RE = re.compile(
    r"\b(?P<verb>grow|increase|raise|boost|lift|improve|reduce|cut|lower|decrease|drop)\b[^.;]{0,60}?\bby\s+"
    r"(?P<p>\d+(?:\.\d+)?)\s?%",
    re.I,
)
_FROM_TO_RE = re.compile(
    r"\bfrom\s+[$€£]?(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<as>k)?%?\s*(?:\w+\s+)?to\s+[$€£]?"
    r"(?P<b>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<bs>k)?",
    re.I,
)
_GPA_RE = re.compile(r"\bGPA\s+from\s+(?P<a>\d(?:\.\d+)?)\s+to\s+(?P<b>\d(?:\.\d+)?)", re.I)
_AMBITION_RE = re.compile(
    r"\b(?:world[\s-]class|world[\s-]famous|famous|best\s+in\s+the\s+(?:world|industry|country|market)"
    r"|(?:number\s+one|#1|no\.\s?1|top(?:-\w+)?)\s+(?:[\w-]+\s+){0,2}in\s+the\s+(?:world|industry|country|market)"
    r"|billionaire)\b",
    re.I,
)
_MILLIONAIRE_RE = re.compile(r"\bmillionaire\b", re.I)
_FLUENT_RE = re.compile(r"\bfluent(?:ly)?\b", re.I)
_MASTER_RE = re.compile(r"\bmaster\s+(?:[\w-]+\s+){0,2}[\w-]+", re.I)
_TOP_ROLE_RE = re.compile(
    r"\b(?:become|be\s+named|be\s+appointed|get\s+promoted\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:ceo|cto|cfo|coo|president"
    r"|head\s+of\s+\w+|chief\s+\w+|vp|vice\s+president|director)\b",
    re.I,
)
_SCOPE_RE = re.compile(
    r"\b(?:entire|whole|across\s+all|(?:hospital|company|organi[sz]ation|department|team|site)-wide|eliminate\s+all)\b",
    re.I,
)
_CLIENTS_RE = re.compile(rf"\b{_NUM}\s+(?:new\s+)?(?:[\w-]+\s+)?(?:clients|customers|accounts|deals|contracts)\b", re.I)


def _value(number: str, scale: str | None = None) -> float:
    value = float(number.replace(",", ""))
    factor = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}.get((scale or "").lower(), 1.0)
    return value * factor


def _kg(value: float, unit: str) -> float:
    return value if unit.lower().startswith("k") else value * _LB


def _span_text(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 120:
        return f"about {round(days / 7)} weeks"
    return f"about {round(days / 30.44)} months"


def _by(today: date, days: float) -> str:
    return (today + timedelta(days=math.ceil(days))).isoformat()


def implausible(reading: Reading, today: date, due: date | None) -> list[str]:
    """Reasons the wording asks for more than is plausible by ``due``; empty when nothing looks out of reach."""
    text = reading.core or reading.title
    days = max((due - today).days, 1) if due is not None and due >= today else None
    weeks = max(days or 0, 7) / 7
    out: list[str] = []
    ambition = _AMBITION_RE.search(text)
    if ambition:
        out.append(
            f"{quote(ambition.group())} is an extreme ambition: few people anywhere reach it, and no plan can promise "
            "it. Keep it as a long-term vision and set a step you control, for example a rating, a certificate or a "
            "count you can reach by the deadline."
        )
    if days is not None:
        out.extend(_rates(text, today, days, weeks))
    return out


def _rates(text: str, today: date, days: int, weeks: float) -> list[str]:
    out: list[str] = []
    span = _span_text(days)
    m = _WEIGHT_RE.search(text)
    if m:
        kg = _kg(_value(m.group("n")), m.group("u"))
        if kg / weeks > KG_PER_WEEK:
            unit = "kg" if m.group("u").lower().startswith("k") else "lb"
            per_week = kg / weeks if unit == "kg" else kg / weeks / _LB
            fair = KG_PER_WEEK * weeks if unit == "kg" else KG_PER_WEEK * weeks / _LB
            out.append(
                f"{quote(m.group())} in {span} is about {fmt(round(per_week, 1))} {unit} a week; health guides put a "
                f"safe pace at 0.5–1 kg (1–2 lb) a week. Aim for about {fmt(max(1, round(fair)))} {unit} by then, "
                f"or give it until about {_by(today, kg / KG_PER_WEEK * 7)}."
            )
    m = _MUSCLE_RE.search(text)
    if m:
        kg = _kg(_value(m.group("n")), m.group("u"))
        if kg / weeks > MUSCLE_KG_PER_WEEK:
            out.append(
                f"{quote(m.group())} in {span} is far above the 1–2 kg of muscle a month that even beginners gain. "
                f"Aim for about {fmt(max(1, round(MUSCLE_KG_PER_WEEK * weeks)))} kg by then, or give it until about "
                f"{_by(today, kg / MUSCLE_KG_PER_WEEK * 7)}."
            )
    m = _RACE_RE.search(text)
    if m:
        event = " ".join(m.group("e").lower().replace("-", " ").split())
        event = "ultramarathon" if event.startswith("ultra") else event
        need = RACE_WEEKS.get(event, 12)
        if days < need * 7:
            out.append(
                f"{quote(m.group())} in {span}: training plans for a {event} take about {need} weeks or more. "
                f"Pick a race after {_by(today, need * 7)}, or a shorter distance first."
            )
    m = _VOLUME_RE.search(text)
    if m:
        km = _value(m.group("n")) * (1.609 if m.group("u").lower().startswith("mi") else 1.0)
        if km > RUN_KM_PER_WEEK:
            out.append(
                f"{quote(m.group())} is more than most professional runners cover ({fmt(RUN_KM_PER_WEEK)} km a week is "
                "already elite). Build up by about 10% a week from what you run now."
            )
    m = _BOOKS_RE.search(text)
    if m:
        books = _value(m.group("n"))
        if books / weeks > BOOKS_PER_WEEK:
            out.append(
                f"{quote(m.group())} in {span} is about {fmt(round(books / weeks, 1))} books a week. Aim for about "
                f"{fmt(max(1, round(BOOKS_PER_WEEK * weeks / 2)))} by then, or give it until about "
                f"{_by(today, books / BOOKS_PER_WEEK * 7 * 2)}."
            )
    out.extend(_money(text, today, days))
    out.extend(_growth(text, days, span))
    m = _GPA_RE.search(text)
    if m and float(m.group("b")) - float(m.group("a")) > 1.0 and days < 200:
        out.append(
            f"{quote(m.group())} in {span}: one term's grades move a cumulative GPA by a few tenths at most. "
            "Aim for about half a point this term."
        )
    m = _FLUENT_RE.search(text)
    if m and days < 365:
        out.append(
            f"{quote(m.group())} in {span}: reaching fluency takes most learners a year or more of steady practice. "
            "Set a level you can test instead, for example “pass the A2 exam” or “hold a 10-minute conversation”."
        )
    m = _MASTER_RE.search(text)
    if m and days < 90:
        out.append(
            f"{quote(m.group())} in {span}: mastery takes months. Name a part you can finish in that time, for "
            "example one chapter or one kind of problem."
        )
    m = _TOP_ROLE_RE.search(text)
    if m and days < 365:
        out.append(
            f"{quote(m.group())} in {span} is rarely within reach: roles this senior usually take years. Aim first "
            "at a step you control, for example “lead one project” or “take on one direct report”."
        )
    m = _SCOPE_RE.search(text)
    if m and days <= 14:
        out.append(
            f"{quote(m.group())} in {span}: changes on this scale take longer than two weeks. Pick one part to "
            "finish by then, or move the deadline."
        )
    m = _CLIENTS_RE.search(text)
    if m and _value(m.group("n")) / weeks > CLIENTS_PER_WEEK:
        out.append(
            f"{quote(m.group())} in {span} is about {fmt(round(_value(m.group('n')) / weeks))} a week. Check it "
            "against what your pipeline has produced so far, and set a number close to that."
        )
    if _MILLIONAIRE_RE.search(text) and days < 5 * 365:
        out.append(
            f"“millionaire” in {span}: wealth on that scale rarely comes that fast. Set a savings or income target "
            "you can reach by the deadline."
        )
    return out


def _money(text: str, today: date, days: int) -> list[str]:
    out: list[str] = []
    amount = _AMOUNT_RE.search(text)
    if amount is None:
        return out
    value = _value(amount.group("a"), amount.group("as"))
    income_match = _INCOME_RE.search(text)
    years = max(days, 30) / 365
    if income_match:
        income = _value(income_match.group("i") or income_match.group("i2"),
                        income_match.group("is") or income_match.group("is2"))  # fmt: skip
        if income > 0 and value > SAVE_SHARE_OF_INCOME * income * years and amount.group("verb").lower() not in (
            "earn", "make",
        ):  # fmt: skip
            out.append(
                f"{quote(amount.group())} over {_span_text(days)} is more than half of the "
                f"{quote(income_match.group())} you will earn in that time. Aim for about "
                f"{round(0.2 * income * years, -2):,.0f} (a fifth of it), or give it more time."
            )
    elif value >= 1e6 and days < 365 and amount.group("verb").lower() in ("earn", "make", "save", "net"):
        out.append(
            f"{quote(amount.group())} in {_span_text(days)} is far beyond what almost anyone earns in that time. "
            "Set an income or savings target that fits your pay and the span."
        )
    return out


def _growth(text: str, days: int, span: str) -> list[str]:
    factor = None
    phrase = ""
    m = _MULTIPLIER_RE.search(text)
    if m:
        word = m.group("w").lower()
        factor = {"double": 2.0, "triple": 3.0, "quadruple": 4.0, "tenfold": 10.0}.get(word)
        if factor is None:
            factor = float(m.group("f") or m.group("x") or 1)
        phrase = m.group()
    p = _PERCENT_RE.search(text)
    if factor is None and p:
        pct = float(p.group("p"))
        down = p.group("verb").lower() in ("reduce", "cut", "lower", "decrease", "drop")
        phrase = p.group()
        if down:
            if pct >= 75 and days < 90:
                return [
                    f"{quote(phrase)} in {span}: cuts that deep rarely happen that fast. Aim for about a quarter "
                    "of it by then, or give it a year."
                ]
            return []
        factor = 1 + pct / 100
    if factor is None:
        return []
    if (factor >= 2 and days < 180) or (factor >= 4 and days < 365):
        return [
            f"{quote(phrase)} in {span} asks for about {fmt(round(factor, 1))} times the starting level; growth "
            "like that usually takes a year or more. Aim for about 10–20% in that time, or give it longer."
        ]
    return []
