"""Reading goal wording: numbers written as digits or words, durations and dates, vague words.

The SMART check uses these to tell "within three months" (a deadline) from "per week" (a rate) and
"five client reports" (a measure) from "more reports" (no measure). Everything here is English-only
and pure; callers decide with :func:`looks_english` whether to trust it for a given text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

SCAN_LIMIT = 5_000
"""Only this many characters of a description are read: a pasted 1 MB text must not slow the check."""

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_ALL_WORDS = sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)
_NW = "(?:" + "|".join(_ALL_WORDS) + ")"
NUMBER_WORDS = rf"{_NW}(?:(?:\s+|\s*-\s*)(?:and\s+)?{_NW})*"
"""A run of number words: "five", "twenty-five", "one hundred and twenty"."""

_QUANTITY = (
    rf"(?:\d+(?:\.\d+)?|(?:half\s+an?|an?|{NUMBER_WORDS})\s+dozen|a\s+couple(?:\s+of)?|couple\s+of"
    rf"|a\s+pair\s+of|a\s+few|an?|{NUMBER_WORDS})"
)

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9
_MONTH_RE = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS = [d.lower() for d in calendar.day_name]


def wordset(*chunks: str) -> frozenset[str]:
    """A word list written as running text, which keeps long lists readable."""
    return frozenset(" ".join(chunks).split())


_ENGLISH_HINTS = wordset(
    "the to and my i i'll i'm i'd i've want of for by with will within months weeks month week year "
    "years days learn improve finish complete get be on at per more new this next run read write from "
    "your our is it that become earn lose save start build reach make take"
)
_OTHER_HINTS = wordset(
    # German, Dutch, French, Spanish, Portuguese, Italian function words that English never uses.
    "ich und der das den dem des ein eine einen einer meine meinen mein mich mir nicht ist zu mit bis "
    "für von auf werden möchte jahr jahres monaten wochen ende pro het een ik mijn voor van met maanden "
    "je et le les mon ma mes pour dans avec du une est mois semaines el la los las y que del para con "
    "por mi mis un una en quiero meses semanas eu meu minha uma com voglio il di che mio entro anno"
)


@dataclass(frozen=True)
class Found:
    """A piece of the text: where it is and what it says."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Found) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class NumberFound(Found):
    value: float


@dataclass(frozen=True)
class TimeFound(Found):
    """A deadline read from the wording; ``kind`` is "duration" (in three months) or "date" (by March)."""

    due: date
    kind: str


def normalise(text: str) -> str:
    """Straight apostrophes and plain spaces, so one set of patterns covers pasted text."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-")


def looks_english(text: str) -> bool:
    """True when the English word lists may be applied: mostly ASCII letters and no sign of another language.

    German or Spanish written in Latin letters is caught by common function words ("und", "para"), so
    it gets the same field-based treatment as Japanese or Arabic: never judged vague by an English list.
    """
    sample = text[: SCAN_LIMIT + 1_000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return False
    ascii_share = sum(1 for c in letters if c.isascii()) / len(letters)
    if ascii_share < 0.9:
        return False
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", normalise(sample).lower())
    english = sum(1 for w in words if w in _ENGLISH_HINTS)
    other = sum(1 for w in words if w in _OTHER_HINTS)
    return english >= other


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_number_words(words: str) -> float | None:
    """The value of "twenty-five", "one hundred and two", "a dozen", "a couple of"; None if not a number."""
    text = re.sub(r"\s+", " ", words.lower().replace("-", " ")).strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in ("a", "an"):
        return 1.0
    if text in ("a few",):
        return 3.0
    if re.fullmatch(r"(?:a )?(?:couple|pair)(?: of)?", text):
        return 2.0
    dozen = re.fullmatch(r"(.+) dozen", text)
    if dozen:
        head = dozen.group(1)
        if head in ("a", "an"):
            return 12.0
        if head in ("half a", "half an"):
            return 6.0
        inner = parse_number_words(head)
        return None if inner is None else inner * 12
    total = 0
    current = 0
    seen = False
    for word in text.split(" "):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


_DIGITS_RE = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
_WORDS_RE = re.compile(
    rf"\b(?:(?:half\s+an?|an?|{NUMBER_WORDS})\s+dozen|a\s+couple(?:\s+of)?|a\s+pair\s+of|an?\s+(?:hundred|thousand)"
    rf"|{NUMBER_WORDS})\b",
    re.IGNORECASE,
)
_DOZEN_AFTER_RE = re.compile(r"\s+dozen\b", re.IGNORECASE)


def find_numbers(text: str, *, words: bool = True) -> list[NumberFound]:
    """Every quantity in the text, digits ("5", "5,000", "2.5", "10k") and, if ``words``, number words."""
    found: list[NumberFound] = []
    for match in _DIGITS_RE.finditer(text):
        value = float(match.group().replace(",", ""))
        end = match.end()
        if text[end : end + 1].lower() == "k" and not text[end + 1 : end + 2].isalpha():
            value *= 1_000
            end += 1
        else:
            dozen = _DOZEN_AFTER_RE.match(text, end)
            if dozen:
                value *= 12
                end = dozen.end()
        found.append(NumberFound(match.start(), end, text[match.start() : end], value))
    if words:
        for match in _WORDS_RE.finditer(text):
            parsed = parse_number_words(match.group())
            if parsed is not None and not any(f.overlaps(Found(match.start(), match.end(), "")) for f in found):
                found.append(NumberFound(match.start(), match.end(), match.group(), parsed))
    return sorted(found, key=lambda f: f.start)


_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}

_DURATION_RE = re.compile(
    r"\b(?:(?:no\s+later\s+than|(?:with)?in\s+the\s+(?:next|coming)|(?:over|for|during)\s+the\s+(?:next|coming)"
    r"|in\s+(?:less\s+than|under)|within|inside|in|over|during|for|(?:the\s+)?next|under)\s+)"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|just\s+|less\s+than\s+)?"
    rf"(?P<n>{_QUANTITY})[\s-]+(?P<u>days?|weeks?|fortnights?|months?|quarters?|years?)\b"
    r"|\b(?P<n2>" + _QUANTITY + r")[\s-]+(?P<u2>days?|weeks?|fortnights?|months?|quarters?|years?)"
    r"\s+from\s+(?:now|today)\b",
    re.IGNORECASE,
)
_HALF_RE = re.compile(r"\b(?:in|within)\s+(?:the\s+next\s+)?half\s+a\s+year\b", re.IGNORECASE)
_PERIOD_RE = re.compile(
    r"\b(?:(?:by|before|until|till|in|within|during|for|over|at)\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?"
    r"(?P<which>this|next|current|coming)\s+(?P<u>week|month|quarter|year)\b"
    r"|\b(?:(?:by|before|until|till|at)\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?P<u2>week|month|quarter|year)\b"
    r"|\b(?:(?:by|before|until|till|at)\s+)?(?:the\s+)?(?P<u3>week|month|quarter|year)[\s-]end\b",
    re.IGNORECASE,
)
_MONTH_DATE_RE = re.compile(
    r"\b(?:no\s+later\s+than|not\s+later\s+than|by|before|until|till|in|during|on)\s+"
    r"(?:(?:the\s+)?(?P<part>end|close|middle|start|beginning)\s+of\s+)?"
    r"(?:(?:the\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?P<m>{_MONTH_RE})\b\.?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>(?:19|20|21)\d\d)\b)?",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(
    r"\b(?:no\s+later\s+than|by|before|until|till|in|during)\s+(?:(?:the\s+)?end\s+of\s+)?(?P<y>(?:19|20|21)\d\d)\b(?![-/.]\d)",
    re.IGNORECASE,
)
_ISO_RE = re.compile(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b")
_QUARTER_RE = re.compile(
    r"\b(?:(?:by|before|until|till|in|during)\s+(?:(?:the\s+)?end\s+of\s+)?)?Q(?P<q>[1-4])(?:\s*(?P<y>(?:19|20|21)\d\d))?\b"
)
_WEEKDAY_RE = re.compile(
    r"\b(?P<pre>no\s+later\s+than|by|before|until|till|on|this|next)\s+(?:(?P<pre2>this|next)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_SOON_DAY_RE = re.compile(
    r"\b(?:by\s+)?(?P<w>tomorrow|tonight)\b|\bby\s+(?P<t>today|end\s+of\s+(?:the\s+)?day)\b", re.IGNORECASE
)
UNREADABLE_DATE_RE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
"""Dates like 03/04/2027: day and month order is a guess, so the check asks for 2027-04-03 instead."""


def _period_end(unit: str, today: date, ahead: int) -> date:
    unit = unit.lower()
    if unit == "week":
        return today + timedelta(days=6 - today.weekday() + 7 * ahead)
    if unit == "month":
        first = add_months(today.replace(day=1), ahead)
        return _month_end(first.year, first.month)
    if unit == "quarter":
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last = add_months(quarter_start, 3 * ahead + 2)
        return _month_end(last.year, last.month)
    return date(today.year + ahead, 12, 31)


def _duration_due(quantity: float, unit: str, today: date) -> date:
    unit = unit.lower().rstrip("s")
    if unit in _UNIT_DAYS:
        return today + timedelta(days=round(quantity * _UNIT_DAYS[unit]))
    months = quantity * _UNIT_MONTHS[unit]
    if months == int(months):
        return add_months(today, int(months))
    return today + timedelta(days=round(months * 30.44))


def _month_due(match: re.Match[str], today: date) -> date:
    month = _MONTHS[match.group("m").lower()]
    day_text = match.group("d1") or match.group("d2")
    part = (match.group("part") or "").lower()
    year_text = match.group("y")
    year = int(year_text) if year_text else today.year

    def pick(y: int) -> date:
        last_day = calendar.monthrange(y, month)[1]
        if day_text:
            return date(y, month, max(1, min(int(day_text), last_day)))
        if part in ("start", "beginning"):
            return date(y, month, 1)
        if part == "middle":
            return date(y, month, 15)
        return date(y, month, last_day)

    due = pick(year)
    if not year_text and due < today:
        due = pick(year + 1)
    return due


def find_times(text: str, today: date) -> list[TimeFound]:
    """Every deadline-like phrase, in text order, without overlaps.

    Rates ("per week", "twice a month") are not deadlines and are not matched; "by March" is the next
    March 31 on or after today; "this quarter" is the quarter's last day.
    """
    hits: list[TimeFound] = []

    def add(match: re.Match[str], due: date | None, kind: str) -> None:
        if due is not None:
            hits.append(TimeFound(match.start(), match.end(), match.group(), due, kind))

    for match in _DURATION_RE.finditer(text):
        quantity = parse_number_words(match.group("n") or match.group("n2"))
        unit = match.group("u") or match.group("u2")
        if quantity is not None and 0 < quantity <= 1_000:
            add(match, _duration_due(quantity, unit, today), "duration")
    for match in _HALF_RE.finditer(text):
        add(match, add_months(today, 6), "duration")
    for match in _PERIOD_RE.finditer(text):
        which = (match.group("which") or "this").lower()
        unit = match.group("u") or match.group("u2") or match.group("u3")
        add(match, _period_end(unit, today, 1 if which == "next" else 0), "date")
    for match in _MONTH_DATE_RE.finditer(text):
        add(match, _month_due(match, today), "date")
    for match in _YEAR_RE.finditer(text):
        add(match, date(int(match.group("y")), 12, 31), "date")
    for match in _ISO_RE.finditer(text):
        try:
            due = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        add(match, due, "date")
    for match in _QUARTER_RE.finditer(text):
        quarter = int(match.group("q"))
        year = int(match.group("y")) if match.group("y") else today.year
        due = _month_end(year, 3 * quarter)
        if not match.group("y") and due < today:
            due = _month_end(year + 1, 3 * quarter)
        add(match, due, "date")
    for match in _WEEKDAY_RE.finditer(text):
        wanted = _WEEKDAYS.index(match.group("wd").lower())
        ahead = (wanted - today.weekday()) % 7
        if "next" in (match.group("pre").lower(), (match.group("pre2") or "").lower()) and ahead == 0:
            ahead = 7
        add(match, today + timedelta(days=ahead), "date")
    for match in _SOON_DAY_RE.finditer(text):
        add(match, today + timedelta(days=1 if match.group("w") else 0), "date")
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[TimeFound] = []
    for hit in hits:
        if not any(hit.overlaps(k) for k in kept):
            kept.append(hit)
    return kept


_VAGUE_TIME_RE = re.compile(
    r"\b(?:sooner\s+or\s+later|as\s+soon\s+as\s+(?:possible|i\s+can|we\s+can)|asap|soon|some\s*day|sometime"
    r"|eventually|at\s+some\s+point|one\s+of\s+these\s+days|one\s+fine\s+day"
    r"|one\s+day(?!\s+(?:a|per|each|every)\s+(?:week|month|year))|in\s+(?:the\s+)?future"
    r"|down\s+the\s+road|in\s+due\s+course|when\s+i\s+(?:have|get|find)\s+(?:the\s+)?time)\b",
    re.IGNORECASE,
)
_VAGUE_AMOUNT_RE = re.compile(
    r"\b(?:a\s+lot(?:\s+of)?|lots\s+of|more|some|a\s+few|several|fewer|less|many|much)\b", re.IGNORECASE
)
_RATE_RE = re.compile(
    r"\b(?:per|a|an|each|every)\s+(?:day|week|month|quarter|year)\b|\b(?:daily|weekly|monthly)\b", re.IGNORECASE
)


def find_vague_times(text: str, times: list[TimeFound]) -> list[Found]:
    """ "soon", "someday", "one day"... that are not part of a real duration ("in one day")."""
    out = []
    for match in _VAGUE_TIME_RE.finditer(text):
        hit = Found(match.start(), match.end(), match.group())
        if not any(hit.overlaps(t) for t in times):
            out.append(hit)
    return out


def find_vague_amounts(text: str, skip: list[Found]) -> list[Found]:
    """ "more", "some", "a lot" outside time phrases ("at some point" is a time word, not an amount)."""
    out = []
    for match in _VAGUE_AMOUNT_RE.finditer(text):
        hit = Found(match.start(), match.end(), match.group())
        if not any(hit.overlaps(s) for s in skip):
            out.append(hit)
    return out


def has_rate(text: str) -> bool:
    """ "per week", "every month", "daily": how often, which people mistake for a deadline."""
    return _RATE_RE.search(text) is not None
