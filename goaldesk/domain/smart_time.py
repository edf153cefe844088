"""Deadlines people write in words that the plain date reader misses: school terms, seasons, holidays.

Guides for students, nurses and sales teams write "by the end of the semester", "over the weekend",
"by the end of the second quarter", "during the month of January", "before the new year", "by fall".
:func:`find_deadlines` adds these to :func:`goaldesk.domain.wording.find_times`, so every rule that
asks "by when?" reads the same phrases. Dates are conventions, stated here once:

* a semester or term ends on 20 December or 31 May, whichever comes next; a school year on 30 June;
* "by summer" means the season's start (1 June), "this summer" / "over the summer" its end (31 August);
  spring starts 1 March, fall 1 September, winter 1 December;
* spring break is 15 March, winter break 20 December, summer break 15 June;
* a sprint is two weeks.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from goaldesk.domain.wording import TimeFound, find_times

_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASON_START = {"spring": (3, 1), "summer": (6, 1), "fall": (9, 1), "autumn": (9, 1), "winter": (12, 1)}
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "fall": (11, 30), "autumn": (11, 30), "winter": (2, 28)}
_BREAKS = {"spring": (3, 15), "winter": (12, 20), "christmas": (12, 20), "summer": (6, 15)}
_HOLIDAYS = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's eve": (12, 31), "thanksgiving": (11, 26)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}

_PRE = r"(?:no\s+later\s+than|by|before|until|till|through(?:out)?|in|during|over|for|at|this|within)"
_TERM_RE = re.compile(
    rf"\b(?:{_PRE}\s+)?(?:the\s+)?(?:(?P<part>end|close|rest|remainder)\s+of\s+)?(?:the\s+|this\s+|my\s+|our\s+)?"
    r"(?P<which>this\s+|next\s+|current\s+|coming\s+|spring\s+|fall\s+|autumn\s+)?"
    r"(?P<what>semester|term|school\s+year|academic\s+year|fiscal\s+year|financial\s+year|sprint)\b",
    re.IGNORECASE,
)
_WEEKEND_RE = re.compile(
    r"\b(?:(?:by|before|until|over|during|on|at|for|this|next|coming)\s+)?(?:the\s+)?(?P<next>next\s+|coming\s+|this\s+)?"
    r"weekend\b",
    re.IGNORECASE,
)
_QUARTER_WORDS_RE = re.compile(
    r"\b(?:(?:by|before|until|till|in|during|for|over|through(?:out)?|at)\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+)?"
    r"(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of\s+(?P<y>20\d\d))?",
    re.IGNORECASE,
)
_MONTH_OF_RE = re.compile(
    r"\b(?:(?:in|during|through(?:out)?|for|over|by\s+the\s+end\s+of|before\s+the\s+end\s+of)\s+)?"
    r"(?:the\s+)?month\s+of\s+(?P<m>" + "|".join(_MONTHS) + r")\b"
    r"|\b(?:through(?:out)?|this|for\s+all\s+of|all\s+of)\s+(?P<m2>" + "|".join(_MONTHS) + r")\b",
    re.IGNORECASE,
)
_NEW_YEAR_RE = re.compile(
    r"\b(?:by|before|until|till)\s+(?:the\s+)?(?:new\s+year(?:'s)?(?:\s+eve|\s+day)?|year[\s-]end|end\s+of\s+(?:the\s+)?"
    r"calendar\s+year)\b",
    re.IGNORECASE,
)
_HOLIDAY_RE = re.compile(
    r"\b(?:by|before|until|till|for|at|over)\s+(?:the\s+)?(?P<h>christmas\s+eve|christmas|new\s+year's\s+eve"
    r"|thanksgiving|(?:the\s+)?holidays)\b",
    re.IGNORECASE,
)
_SEASON_RE = re.compile(
    r"\b(?P<pre>by|before|until|till|in|during|over|this|for)\s+(?:the\s+)?(?P<which>next\s+|this\s+|coming\s+)?"
    r"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?P<brk>break|vacation|holidays?))?\b"
    r"|\b(?P<pre2>by|before|until|till|over|during|after)\s+(?:the\s+)?(?P<s2>spring|summer|winter|christmas)\s+"
    r"(?:break|vacation|holidays?)\b",
    re.IGNORECASE,
)
_MID_MONTH_RE = re.compile(
    r"\b(?:by|before|until|till|in)\s+(?P<part>mid|early|late)[\s-](?P<m>" + "|".join(_MONTHS) + r")\b",
    re.IGNORECASE,
)


def _next_on_or_after(today: date, month: int, day: int) -> date:
    """This year's month/day, or next year's once it has passed ("by fall" in November is next fall)."""
    for year in (today.year, today.year + 1):
        due = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if due >= today:
            return due
    return due


def _term_end(today: date, what: str) -> date:
    what = " ".join(what.lower().split())
    if what == "sprint":
        return today + timedelta(days=14)
    if what in ("school year", "academic year"):
        return _next_on_or_after(today, 6, 30)
    if what in ("fiscal year", "financial year"):
        return date(today.year, 12, 31)
    return min(_next_on_or_after(today, 12, 20), _next_on_or_after(today, 5, 31))


def _extra(text: str, today: date) -> list[TimeFound]:
    hits: list[TimeFound] = []

    def add(match: re.Match[str], due: date) -> None:
        hits.append(TimeFound(match.start(), match.end(), match.group().strip(), due, "date"))

    for m in _TERM_RE.finditer(text):
        which = (m.group("which") or "").strip().lower()
        due = _term_end(today, m.group("what"))
        if which == "next":
            sprint = m.group("what").lower() == "sprint"
            due = due + timedelta(days=14) if sprint else _term_end(due + timedelta(1), "term")
        elif which == "spring":
            due = _next_on_or_after(today, 5, 31)
        elif which in ("fall", "autumn"):
            due = _next_on_or_after(today, 12, 20)
        add(m, due)
    for m in _WEEKEND_RE.finditer(text):
        ahead = (6 - today.weekday()) % 7
        if (m.group("next") or "").strip().lower() == "next" or re.match(r"next\b", m.group(), re.I):
            ahead += 7
        add(m, today + timedelta(days=ahead))
    for m in _QUARTER_WORDS_RE.finditer(text):
        quarter = _ORDINAL_QUARTER[m.group("n").lower()]
        if m.group("y"):
            due = date(int(m.group("y")), 3 * quarter, calendar.monthrange(int(m.group("y")), 3 * quarter)[1])
        else:
            due = _next_on_or_after(today, 3 * quarter, 31 if quarter in (1, 4) else 30)
        add(m, due)
    for m in _MONTH_OF_RE.finditer(text):
        month = _MONTHS[(m.group("m") or m.group("m2")).lower()]
        add(m, _next_on_or_after(today, month, 31))
    for m in _NEW_YEAR_RE.finditer(text):
        add(m, date(today.year, 12, 31))
    for m in _HOLIDAY_RE.finditer(text):
        name = " ".join(m.group("h").lower().split())
        name = "christmas" if "holidays" in name else name
        month, day = _HOLIDAYS[name]
        add(m, _next_on_or_after(today, month, day))
    for m in _SEASON_RE.finditer(text):
        season = (m.group("s") or m.group("s2")).lower()
        pre = (m.group("pre") or m.group("pre2") or "").lower()
        if m.group("brk") or m.group("s2"):
            month, day = _BREAKS.get(season, (6, 15))
        elif pre in ("by", "before", "until", "till"):
            month, day = _SEASON_START[season]
        else:
            month, day = _SEASON_END[season]
        add(m, _next_on_or_after(today, month, day))
    for m in _MID_MONTH_RE.finditer(text):
        day = {"early": 10, "mid": 15, "late": 25}[m.group("part").lower()]
        add(m, _next_on_or_after(today, _MONTHS[m.group("m").lower()], day))
    return hits


def find_deadlines(text: str, today: date) -> list[TimeFound]:
    """Every deadline-like phrase, the plain ones and the school, season and holiday ones, in text order.

    Where two readings overlap the longer wins ("by the end of the second quarter" over "by the end").
    """
    hits = [*find_times(text, today), *_extra(text, today)]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[TimeFound] = []
    for hit in hits:
        clash = [k for k in kept if hit.overlaps(k)]
        if not clash:
            kept.append(hit)
        elif all((hit.end - hit.start) > (k.end - k.start) for k in clash):
            kept = [k for k in kept if k not in clash] + [hit]
    return sorted(kept, key=lambda h: h.start)
