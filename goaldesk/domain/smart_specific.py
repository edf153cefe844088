"""Specific: does the title name a result someone else could check, or only a direction?

Published guides fail "improve my communication", "sell more subscriptions", "make some new friends"
and "lose weight": each names an area or a direction, with nothing observable at the end. The rules
read the title's core (without "I want to" and without its reason clause, so a "because …" never
counts as a second goal) and let a number, a named completion or a means ("by earning the PMP")
make a direction concrete.
"""

from __future__ import annotations

import re

from goaldesk.domain.smart_base import Criterion, SmartInput, Verdict, quote
from goaldesk.domain.smart_reading import WORD_RE, Reading
from goaldesk.domain.wording import SCAN_LIMIT, find_numbers, find_vague_times, wordset

VERBS = wordset(
    "learn get lose gain finish complete write read earn build become launch find join start run save pay quit "
    "stop buy publish pass ship hire attend take make visit create develop master improve increase reduce cut "
    "raise negotiate apply speak teach meditate cook sell grow open move double triple hit reach achieve obtain "
    "swim walk present deliver organise organize mentor close collect submit study practise practice"
)
_NOT_CONTENT = wordset(
    "i i'll i'm i'd i've we we'll you my our your me myself want wants would like to will shall should must need "
    "going gonna wanna be get do make have it this that these those things thing stuff something everything a an "
    "the and or of in on at for with by more better some really very just also try trying able lot lots so up "
    "out much well good great is am are"
)
_FILLER = wordset("to a an the my our your of i we at in on for and with")
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
    re.compile(r"\bdo\s+more(?=\s*" + _NO_OBJECT + r"|\s+(?:at|in|for|with|of|on)\b)", re.I),
    re.compile(r"\bimprove(?=\s*" + _NO_OBJECT + r")", re.I),
    re.compile(r"\b(?:be|become)\s+(?:more\s+)?successful\b", re.I),
    re.compile(r"\breach\s+(?:my|your|our)\s+(?:full\s+)?potential\b", re.I),
)
_DIRECTION_RE = re.compile(
    r"\b(?:lose\s+(?:some\s+)?weight|get\s+(?:in(?:to)?\s+shape|fit|healthy|rich|organi[sz]ed|(?:my|our)\s+\w+\s+in\s+order"
    r"|good\s+grades|(?:good|better)\s+marks)|save\s+(?:some\s+)?money|make\s+(?:more\s+)?money|earn\s+more"
    r"|pay\s+(?:down|off)\s+(?:my\s+|our\s+|the\s+)?debts?|spend\s+less|eat\s+(?:healthy|clean|well)"
    r"|stay\s+(?:up\s+to\s+date|on\s+top|fit|healthy|current)|learn\s+about|hit\s+(?:my|our)\s+(?:numbers|targets|goals)"
    r"|do\s+(?:well|better)\s+(?:in|at)|stop\s+wasting|take\s+on\s+more|upsell\s+(?:existing\s+)?customers)\b"
    r"|^(?:exercise|work\s+out|network|travel|read|study)(?:\s+(?:more|less|often|regularly|a\s+lot|harder))?$"
    r"|\blearn\s+(?:a\s+(?:new\s+)?language|new\s+skills)\b",
    re.I,
)
_STATE_RE = re.compile(
    r"^(?:be|stay|feel|remain)\s+(?!in\s+bed\b)(?:\w+ly\s+)?(?P<adj>[a-z-]+)\b(?!\s+(?:by|for)\s)", re.I
)
_AREA_VERB_RE = re.compile(
    r"\b(?P<verb>improve|enhance|boost|strengthen|develop|work\s+on|focus\s+on|build\s+up|upgrade|optimi[sz]e|sharpen"
    r"|polish|refine|reduce|increase|lower|raise|grow|advance|expand|deepen|broaden)\s+(?P<obj>(?:my|our|the|your)?\s*"
    r"[\w'-]+(?:\s+[\w'-]+){0,3})",
    re.I,
)
_BROAD = wordset(
    "communication communications stamina health fitness flexibility care patient clinical leadership time management "
    "balance satisfaction quality code performance security debt technical burnout teamwork pitch grades finances "
    "productivity confidence skills knowledge process processes relationships mindset habits diet sleep writing "
    "career network reputation visibility efficiency morale engagement culture wellbeing well-being endurance "
    "strength spanish french english german language languages presence impact responsibility workflow deployment "
    "work-life collaboration organisation organization sales revenue customer customers service"
)
_COMPARATIVE_RE = re.compile(
    r"\b(?:better|more(?!\s+than\s+\d)|less|fewer|harder|faster|cleaner|healthier|stronger|fitter|happier|smarter"
    r"|bigger|greater|higher|smoother|quicker|clearer|calmer|leaner|richer|wiser|tighter|sharper|earlier)\b",
    re.I,
)
_WORLD_CLASS_RE = re.compile(
    r"\b(?:world[\s-]class|the\s+best|top|great|excellent|amazing|outstanding|perfect)\s+(?:nurse|engineer|manager"
    r"|leader|developer|salesperson|writer|teacher|designer|student|employee|professional|person|parent|friend)\b",
    re.I,
)
_MEANS_RE = re.compile(r"\b(?:by|through|via)\s+\w+ing\b|\bto\s+become\b", re.I)
_DETERMINERS = wordset("the my our your a an this that these those all every each his her their its one")
_NOT_PLURAL = wordset("process business analysis progress fitness wellness status news basics class glass less")


def _quantified(core: str, reading: Reading) -> bool:
    """A number, a grade, a multiplier or a frequency in the title's core turns a direction into a result.

    ``core`` has its time phrases removed: the "six" of "over the next six months" is a date, not a result.
    """
    return any(m.text in core for m in reading.measures) or any(
        n.value >= 2 for n in find_numbers(core) if not n.text[:1].isdigit()
    )


def _unquantified_plural(core: str) -> str | None:
    """ "Upsell existing customers", "learn new skills": a bare plural object with no count."""
    words = WORD_RE.findall(core)
    if len(words) < 2 or words[0].lower() not in VERBS | {"upsell", "refactor", "attend", "meet", "fix"}:
        return None
    phrase = []
    for w in words[1:4]:
        low = w.lower()
        if low in _DETERMINERS or low in ("to", "at", "in", "on", "with", "for", "from", "by", "about", "of"):
            break
        phrase.append(w)
        if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3 and low not in _NOT_PLURAL:
            return " ".join([words[0], *phrase])
    return None


def _example(core: str, add: str) -> str:
    core = core.rstrip(" .!")
    return f"“{core[:1].upper()}{core[1:60]} {add}”"


def judge_specific(inp: SmartInput, reading: Reading) -> Verdict:
    """Specific, with every reason quoting the words it is about and saying how to fix them."""
    title = reading.title
    if not title:
        return Verdict(Criterion.SPECIFIC, False, ("There is no title yet: name the outcome you want to reach.",))
    description_words = len(WORD_RE.findall(inp.description[:SCAN_LIMIT]))
    if not reading.english:
        if len(title.replace(" ", "")) < 4 and description_words == 0:
            return Verdict(
                Criterion.SPECIFIC,
                False,
                ("The title is very short; say what you will have achieved, or describe it below the title.",),
            )
        english_only = "Judged on the fields: the automatic wording check reads English only."
        return Verdict(Criterion.SPECIFIC, True, (english_only,))
    core = reading.core or title
    spans = [*reading.times, *find_vague_times(core, [])]
    bare_core = core
    for t in sorted((t for t in spans if t.text in bare_core), key=lambda t: -len(t.text)):
        bare_core = bare_core.replace(t.text, " ")
    bare_core = " ".join(bare_core.split()).strip(" ,.;")
    words = WORD_RE.findall(bare_core)
    quantified = _quantified(bare_core, reading)
    concrete = quantified or reading.completion is not None or bool(_MEANS_RE.search(core))
    problems: list[str] = []
    content = [w for w in words if w.lower() not in _FILLER]
    for pattern in _VAGUE_RES:
        for match in pattern.finditer(core):
            rest = re.split(r"[.;!?\n]", core[match.end() :], maxsplit=1)[0]
            if _MEANS_RE.search(rest):
                continue
            problems.append(
                f"{quote(match.group())} is vague: it does not say what will be different when you are done. "
                f"Name the result, for example {_example(match.group(), 'by leading one client project')}."
            )
    vague_found = bool(problems)
    short = len(content) < 3 or len(bare_core) < 10
    if short and not vague_found and description_words < 6 and not (quantified and len(content) >= 2):
        problems.append(
            f"{quote(bare_core or title)} is too short to say what you will achieve: name the result someone could "
            f"check, for example {_example(bare_core or title, '— what, how much, for whom')}."
        )
    if not concrete and not vague_found:
        direction = _DIRECTION_RE.search(bare_core)
        if direction:
            hint = "by 5 kg" if "weight" in direction.group().lower() else "to a number you can check"
            problems.append(
                f"{quote(direction.group())} says which way to go, not where to stop: put the result in it, "
                f"for example {_example(direction.group(), hint)}."
            )
        state = _STATE_RE.search(bare_core)
        if state and not direction:
            problems.append(
                f"{quote(state.group())} describes a state, not a result you could point to: say what you will do "
                f"that shows it, for example “… twice a week for the next two months”."
            )
        for match in _AREA_VERB_RE.finditer(bare_core):
            obj_words = [w.lower() for w in WORD_RE.findall(match.group("obj"))]
            named_skill = obj_words and obj_words[-1] == "skills" and not any(w in _BROAD for w in obj_words[:-1])
            if not named_skill:
                problems.append(
                    f"{quote(match.group())} names an area, not a result: say what you will be able to do or show, "
                    f"for example {_example(match.group(), 'by giving two talks at the team meeting')}."
                )
                break
        comparative = _COMPARATIVE_RE.search(bare_core)
        if comparative and not any(quote(comparative.group()) in p for p in problems):
            problems.append(
                f"“{comparative.group()}” compares with nothing: {comparative.group()} than what, and by how much? "
                f"Put a number on it, for example {_example(bare_core, '— from 2 to 4 a week')}."
            )
        for hedge in reading.hedges[:1]:
            problems.append(
                f"{quote(hedge.text)} hedges the amount: say how many, for example "
                f"{_example(bare_core.replace(hedge.text, '3', 1), '')[:-2]}”."
            )
        plural = _unquantified_plural(bare_core)
        if plural and not problems:
            problems.append(
                f"{quote(plural)} does not say how many or which ones: name them or count them, for example "
                f"{_example(plural.split(' ', 1)[0] + ' 5 ' + plural.split(' ', 1)[1], '')[:-2]}”."
            )
        ambition = _WORLD_CLASS_RE.search(bare_core)
        if ambition:
            problems.append(
                f"{quote(ambition.group())} is a label, not a result: say what a world-class result would be, "
                "for example a rating, a certification or a count you could check."
            )
    content_words = [w for w in words if w.lower() not in _NOT_CONTENT and not w.isdigit()]
    if not problems and len(content_words) < 2 and not quantified:
        problems.append("The title does not name an outcome yet; say what you will do and to what.")
    problems.extend(several_goals(core))
    if problems:
        return Verdict(Criterion.SPECIFIC, False, tuple(dict.fromkeys(problems)))
    reasons = ["Names a concrete outcome."]
    if reading.completion is not None:
        reasons = [f"Names a concrete outcome: {quote(reading.completion.text)}."]
    return Verdict(Criterion.SPECIFIC, True, tuple(reasons))


def several_goals(title: str) -> list[str]:
    """Two goals in one title make both harder to track; "and" between two verb phrases is the tell."""
    split_hint = "Split it into separate goals, or make a long-term goal with short-term steps."
    found: list[str] = []
    if re.search(r"\band\s+also\b|\bas\s+well\s+as\s+(?:to\s+)?(?:" + "|".join(VERBS) + r")\b", title, re.I):
        found.append(f"This looks like more than one goal. {split_hint}")
    elif re.search(r"\S\s*;\s+\S", title):
        found.append(f"The semicolon joins more than one goal. {split_hint}")
    if found:
        return found
    words = [(m.group().lower(), m.start()) for m in WORD_RE.finditer(title)]
    for index, (word, _start) in enumerate(words):
        if word != "and" or index == 0:
            continue
        after = [w for w, _ in words[index + 1 : index + 4]]
        while after and after[0] in ("then", "to", "also"):
            after = after[1:]
        if len(after) < 2 or after[0] not in VERBS:
            continue
        previous = words[index - 1][0]
        if previous in VERBS:  # "read and write Spanish": one skill, not two goals
            continue
        if any(w in VERBS for w, _ in words[:index]):
            first = next(w for w, _ in words[:index] if w in VERBS)
            found.append(f"“{first} … and {after[0]} …” joins two goals in one. {split_hint}")
            break
    return list(dict.fromkeys(found))
