"""What a goal's wording says, read once per check: deadlines, measures, a named completion, a purpose.

The rules in ``smart_specific``, ``smart_measure`` and ``smart_achievable`` all read this one
:class:`Reading`, so "a GPA of 3.6" is a measure for every rule, and "because I want a promotion"
is a reason (Relevant), never a second goal (Specific).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from goaldesk.domain.smart_time import find_deadlines
from goaldesk.domain.wording import (
    SCAN_LIMIT,
    UNREADABLE_DATE_RE,
    Found,
    NumberFound,
    TimeFound,
    find_numbers,
    find_vague_times,
    looks_english,
    normalise,
    wordset,
)

TITLE_SCAN_LIMIT = 1_000
WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

_STOP_AFTER_NUMBER = wordset(
    "of to the a an and or in on at by for with from is are was were be i it if than as so this next last "
    "until till before after during within over per each every my our your his her their its me us"
)
_LEAD_IN_RE = re.compile(
    r"(?:\bfrom|\bto|\bof|\bat\s+least|\bat\s+most|\bup\s+to|\bmore\s+than|\bless\s+than|\bunder|\bbelow|\babove"
    r"|\bover|\bat\s+or\s+above|\bat\s+or\s+below|\bwith|\bscore|\bgpa|\bof\s+at\s+least)\s*[$€£]?$",
    re.IGNORECASE,
)
_SCALE_AFTER_RE = re.compile(r"\s*(?:(?P<w>million|billion|thousand)\b|(?P<s>[mM]|bn|[bB])(?![\w]))")
_GRADE_RE = re.compile(
    r"\bfrom\s+(?:an?\s+)?[A-F][+-]?\s+to\s+(?:an?\s+)?[A-F][+-]?(?![\w])"
    r"|\b(?:get|earn|receive|achieve|score|make|keep)\s+(?:at\s+least\s+)?(?:an?|straight)\s+[A-F][+-]?s?(?![\w'])",
)
_FREQUENCY_RE = re.compile(
    r"\b(?:once|twice|thrice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?:day|week|month|fortnight|quarter|year)\b"
    r"|\b(?:every|each)\s+(?:other\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|morning"
    r"|evening|night|day|week|month|shift)\b",
    re.IGNORECASE,
)
_MULTIPLIER_RE = re.compile(r"\b(?:double|triple|quadruple|halve|tenfold|\w+-fold|\d+x)\b", re.IGNORECASE)
_ALL_RE = re.compile(
    r"\b(?:eliminate\s+all|zero|every\s+(?!day\b|week\b|month\b|year\b|morning\b|evening\b|night\b|time\b)\w+"
    r"|all\s+(?:of\s+)?(?:my|our|the)\s+\w+|millionaire|billionaire)\b",
    re.IGNORECASE,
)

COMPLETION_VERBS = wordset(
    "complete completing finish finishing pass passing earn earning obtain obtaining gain achieve launch launching "
    "publish publishing ship shipping submit submitting release releasing deploy graduate win run sit take "
    "become get migrate automate rewrite build write read create deliver present give land sign open compete lead "
    "organise organize host attend apply"
)
_ARTIFACTS = wordset(
    "exam test certification certificate certified course degree diploma program programme training "
    "module thesis dissertation draft paper article book novel report app website site feature release version "
    "migration project marathon ultramarathon half-marathon triathlon race 5k 10k challenge license licence audit "
    "documentation docs guide handbook portfolio checklist proposal presentation talk bootcamp apprenticeship "
    "interview mba bsn msn phd doctorate platform system service pipeline tournament competition recital "
    "application cookbook memoir album podcast newsletter offsite workshop webinar conference redesign "
    "accreditation qualification fluent fluency manager director lead leader head ceo cto cfo vp partner "
    "supervisor principal chief millionaire billionaire rep consultant promoted promotion role job"
)
_CONTINUOUS = wordset("read write run take get give build")
"""Completion verbs that also describe a habit ("read more", "run more"): they need an artifact to count."""

_PHRASE_STOPS = wordset("by within before until till in during so because to and this next for after")
_HEDGED = wordset("more some less fewer few lots many several any")
_PURPOSE_RE = re.compile(
    r"(?:,\s*|\s+)(?:so\s+that|so\s+(?:i|we|they|she|he)\s+(?:can|could|will)|because|since\s+(?:i|we|my|our)"
    r"|in\s+order\s+to|as\s+(?:part\s+of|a\s+step\s+toward)|which\s+will|to\s+help\s+(?:me|us))\b"
    r"|,\s*(?:to|and\s+so)\s+(?=[a-z])",
    re.IGNORECASE,
)
_TO_PURPOSE_RE = re.compile(r"\s+to\s+(?P<verb>[a-z]+)\b", re.IGNORECASE)
_PURPOSE_VERBS = wordset(
    "qualify move save recover lower reduce keep build help support prepare get earn make improve protect avoid "
    "free fund pay cover grow retire impress meet stay become show prove boost raise cut increase land open "
    "reach win strengthen develop learn be feel give enable allow unlock secure"
)
_PREAMBLE_RE = re.compile(
    r"^(?:i\s+(?:really\s+)?(?:want|would\s+like|'d\s+like|need|plan|hope|intend|am\s+going|'m\s+going|aim|am\s+aiming"
    r"|'m\s+aiming|am\s+determined|'m\s+determined|commit|am\s+committed|'m\s+committed)\s+to"
    r"|i\s+will|i'll|i\s+should|i\s+must|i\s+can|we\s+will|we'll|we\s+want\s+to|we\s+need\s+to|our\s+goal\s+is\s+to"
    r"|my\s+goal\s+is\s+to|the\s+goal\s+is\s+to|goal:|this\s+year,?\s+i\s+will)\s+",
    re.IGNORECASE,
)
_HEDGE_RE = re.compile(
    r"\b(?:some|a\s+lot(?:\s+of)?|lots\s+of|a\s+few|a\s+bit(?:\s+of)?|a\s+little|several|many|much|plenty\s+of"
    r"|a\s+number\s+of|various|a\s+handful\s+of)\b",
    re.IGNORECASE,
)
_TIME_AS_UNIT = wordset("days day weeks week months month years year hours minutes")


@dataclass(frozen=True)
class Measure(Found):
    """A measure in the wording: a number with its unit, a from-to, a grade, a frequency, a multiplier."""

    kind: str


@dataclass(frozen=True)
class Reading:
    """What the wording says; ``core`` is the title without "I want to" and without its reason clause."""

    english: bool
    title: str
    text: str
    core: str
    times: tuple[TimeFound, ...]
    vague_times: tuple[Found, ...]
    numbers: tuple[NumberFound, ...]
    measures: tuple[Measure, ...]
    bare_numbers: tuple[NumberFound, ...]
    completion: Found | None
    purpose: Found | None
    hedges: tuple[Found, ...]

    @property
    def has_quantity(self) -> bool:
        return bool(self.measures) or bool(self.numbers)


def strip_preamble(title: str) -> str:
    """ "I want to lose weight" is "lose weight": the filler never makes a goal more specific."""
    out = title
    for _ in range(2):
        out = _PREAMBLE_RE.sub("", out).strip()
    return out


def find_purpose(text: str) -> Found | None:
    """The reason clause: "so that …", "because …", "in order to …", ", to move into …", "… by May to qualify …"."""
    match = _PURPOSE_RE.search(text)
    if match:
        start = match.start() + (len(match.group()) - len(match.group().lstrip(", ")))
        return Found(start, len(text), text[start:].strip())
    return None


def _purpose_after_time(text: str, times: list[TimeFound]) -> Found | None:
    """ "… by the end of February to recover lost revenue": a "to" clause straight after a deadline."""
    for t in times:
        match = _TO_PURPOSE_RE.match(text, t.end)
        if match and match.group("verb").lower() in _PURPOSE_VERBS:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            return Found(start, len(text), text[start:].strip())
    return None


def _scaled(text: str, number: NumberFound, money: bool) -> NumberFound:
    """ "$3M" is three million and "1.5 billion" is not 1.5: read the scale written after the digits."""
    match = _SCALE_AFTER_RE.match(text, number.end)
    if not match or number.text.lower().endswith("k"):
        return number
    if match.group("s") and not money:
        return number
    word = (match.group("w") or match.group("s")).lower()
    factor = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}[word]
    return NumberFound(number.start, match.end(), text[number.start : match.end()], number.value * factor)


def _title_case(text: str) -> bool:
    words = [w for w in WORD_RE.findall(text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _measure_for(text: str, number: NumberFound, title_case: bool) -> Measure | None:
    """The number with what it counts ("five client reports", "$500", "20%", "a GPA of 3.6"), or None."""
    head = text[max(0, number.start - 1) : number.start]
    if number.text.lower().endswith("k") or number.value >= 1e6:
        return Measure(number.start, number.end, number.text, "amount")
    if head in ("$", "€", "£", "¥"):
        return Measure(number.start - 1, number.end, text[number.start - 1 : number.end], "money")
    lead = _LEAD_IN_RE.search(text[max(0, number.start - 24) : number.start])
    unit_re = r"(?:\s*|-)(%|[^\W\d_]+(?:[-'][^\W\d_]+)*)(?:\s+([^\W\d_]+))?"
    after = re.match(unit_re, text[number.end : number.end + 60])
    if after and after.group(1) == "%":
        end = number.end + after.end(1)
        return Measure(number.start, end, text[number.start : end], "percent")
    if after and text[number.end : number.end + 1] == "-":  # "15-minute", "30-day", "50,000-word"
        return Measure(number.start, number.end + after.end(1), text[number.start : number.end + after.end(1)], "count")
    word = after.group(1) if after else ""
    if word and word.lower() == "of":
        return Measure(number.start, number.end + after.end(1) if after else number.end, number.text, "count")
    unit_ok = bool(word) and word.lower() not in _STOP_AFTER_NUMBER
    before_word = re.search(r"([^\W\d_]+)\s*$", text[max(0, number.start - 20) : number.start])
    in_title = before_word is not None and before_word.group(1)[:1].isupper()
    in_title = in_title and before_word is not None and number.start > len(before_word.group(1)) + 1
    if unit_ok and word[:1].isupper() and not word.isupper() and (not title_case or in_title) and number.start > 0:
        unit_ok = False  # "Read The 5 Dysfunctions of a Team": a title, not a unit
    if unit_ok and after is not None:
        second = after.group(2)
        end = number.end + (after.end(2) if second and second.lower() not in _STOP_AFTER_NUMBER else after.end(1))
        return Measure(number.start, end, text[number.start : end], "count")
    if lead:
        start = max(0, number.start - 24) + lead.start()
        noun = re.search(r"([^\W\d_]+)\s+$", text[max(0, start - 30) : start])
        if noun and noun.group(1).lower() not in _STOP_AFTER_NUMBER:  # "a GPA of 3.6", not just "of 3.6"
            start -= len(noun.group())
        return Measure(start, number.end, text[start : number.end].strip(), "level")
    return None


def _completion(core: str) -> Found | None:
    """A named piece of work that is done or not done: "pass the AWS exam", "launch the mobile app"."""
    words = list(WORD_RE.finditer(core))
    for index, match in enumerate(words):
        verb = match.group().lower()
        if verb not in COMPLETION_VERBS:
            continue
        nxt = words[index + 1].group().lower() if index + 1 < len(words) else ""
        if verb == "get" and nxt != "promoted" and nxt not in ("certified", "accredited", "licensed"):
            continue
        end = 0
        tail = words[index + 1 : index + 9]
        titled = sum(1 for w in tail if w.group()[:1].isupper()) >= 2  # "read The Five Dysfunctions of a Team"
        for w in tail:
            low = w.group().lower()
            if low in _PHRASE_STOPS:
                break
            if low in _HEDGED:  # "read more books" is a direction, not a piece of work
                end = 0
                break
            named = (w.group().isupper() and len(w.group()) > 1) or (w.group()[0].isupper() and w.start() > 0)
            determined = any(t.group().lower() in ("the", "my", "our", "all", "your") for t in tail[: tail.index(w)])
            artifact = low in _ARTIFACTS or (low.rstrip("s") in _ARTIFACTS and determined)
            if artifact or (named and (verb not in _CONTINUOUS or titled)):
                end = w.end()
        if end:
            return Found(match.start(), end, core[match.start() : end])
    return None


def read(title_text: str, description: str, today: date) -> Reading:
    """Read the title and the first part of the description once, for every rule."""
    title = normalise(title_text[:TITLE_SCAN_LIMIT]).strip()
    text = f"{title}\n{normalise(description[:SCAN_LIMIT])}"
    english = looks_english(text)
    times = find_deadlines(text, today) if english else iso_only(text, today)
    vague = find_vague_times(text, list(times)) if english else []
    dates_like = [Found(m.start(), m.end(), m.group()) for m in UNREADABLE_DATE_RE.finditer(text)]
    skip: list[Found] = [*times, *vague, *dates_like]
    raw = [n for n in find_numbers(text, words=english) if not any(n.overlaps(s) for s in skip)]
    measures: list[Measure] = []
    bare: list[NumberFound] = []
    numbers: list[NumberFound] = []
    core = title
    completion = purpose = None
    hedges: list[Found] = []
    if english:
        title_case = _title_case(title)
        for number in raw:
            money = text[max(0, number.start - 1) : number.start] in ("$", "€", "£", "¥")
            number = _scaled(text, number, money)
            numbers.append(number)
            measure = _measure_for(text, number, title_case)
            if measure is None:
                bare.append(number)
            else:
                measures.append(measure)
        for pattern, kind in ((_GRADE_RE, "grade"), (_FREQUENCY_RE, "frequency"), (_MULTIPLIER_RE, "multiplier"),
                              (_ALL_RE, "all")):  # fmt: skip
            for m in pattern.finditer(text):
                if not any(Found(m.start(), m.end(), "").overlaps(s) for s in (*skip, *measures)):
                    measures.append(Measure(m.start(), m.end(), m.group(), kind))
        purpose = find_purpose(title) or _purpose_after_time(title, [t for t in times if t.end <= len(title)])
        if purpose is None and description.strip():
            found = find_purpose(text[len(title) :])
            purpose = Found(found.start + len(title), found.end + len(title), found.text) if found else None
        core = strip_preamble(title[: purpose.start] if purpose and purpose.start < len(title) else title)
        completion = _completion(core)
        hedges = [Found(m.start(), m.end(), m.group()) for m in _HEDGE_RE.finditer(core)]
        hedges = [h for h in hedges if not any(h.overlaps(s) for s in find_vague_times(core, []))]
    else:
        numbers = raw
    measures.sort(key=lambda m: m.start)
    return Reading(english, title, text, core, tuple(times), tuple(vague), tuple(numbers), tuple(measures),
                   tuple(bare), completion, purpose, tuple(hedges))  # fmt: skip


def iso_only(text: str, today: date) -> list[TimeFound]:
    """Dates written as YYYY-MM-DD are language-neutral, so they count in any language."""
    return [t for t in find_deadlines(text, today) if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", t.text)]
