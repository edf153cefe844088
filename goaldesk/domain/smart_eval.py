"""Scoring the SMART check against a labelled corpus of goal statements (tests and ``make bench``).

The corpus (tests/data/smart_corpus.jsonl) says, per statement, which criteria a published-guide
reading would call met. Here the checker reads each statement as a bare title, in a category, with
no fields filled in, on a fixed day, so the figures never drift with the calendar.

Definitions (also in docs/smart-check.md):

* *SMART-from-text*: Specific, Measurable, Achievable and Time-bound all met (Relevant needs a "why",
  which a bare statement rarely has, so it is scored separately).
* *Balanced agreement*: the mean of two recalls on that overall verdict: the share of SMART statements
  the checker calls SMART-from-text, and the share of vague statements it does not.
* *Detected*, per criterion: among statements whose criterion is labelled missing, the share the
  checker marks not met. *Kept*: among those labelled met, the share it marks met.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from goaldesk.domain.smart import Criterion, SmartInput, assess

CORPUS_TODAY = date(2026, 12, 2)
"""The day every corpus statement is judged on: "by March" must always mean the same March."""

CRITERIA: tuple[tuple[str, Criterion], ...] = (
    ("specific", Criterion.SPECIFIC),
    ("measurable", Criterion.MEASURABLE),
    ("achievable", Criterion.ACHIEVABLE),
    ("time_bound", Criterion.TIME_BOUND),
    ("relevant", Criterion.RELEVANT),
)


@dataclass(frozen=True)
class Entry:
    """One labelled statement; ``relevant`` is None when the statement gives no reason."""

    id: int
    group: str
    text: str
    expected: dict[str, bool | None]
    smart: bool
    note: str
    holdout: bool


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    got: dict[str, bool]

    @property
    def smart(self) -> bool:
        return all(self.got[key] for key in ("specific", "measurable", "achievable", "time_bound"))


def load_corpus(path: Path) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        entries.append(
            Entry(
                id=int(row["id"]),
                group=str(row["group"]),
                text=str(row["text"]),
                expected={key: row.get(key) for key, _ in CRITERIA},
                smart=bool(row["smart"]),
                note=str(row.get("note", "")),
                holdout=bool(row.get("holdout", False)),
            )
        )
    return entries


def judge(entry: Entry, today: date = CORPUS_TODAY) -> Outcome:
    result = assess(SmartInput(entry.text, today=today))
    return Outcome(entry, {key: result.verdict(c).met for key, c in CRITERIA})


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass(frozen=True)
class Scores:
    """The corpus figures; shares are 0..1, or None when no statement falls in that group."""

    n: int
    smart_recall: float | None
    vague_recall: float | None
    detected: dict[str, float | None]
    kept: dict[str, float | None]
    counts: dict[str, tuple[int, int]]

    @property
    def balanced_agreement(self) -> float:
        parts = [p for p in (self.smart_recall, self.vague_recall) if p is not None]
        return sum(parts) / len(parts) if parts else 0.0


def score(outcomes: Iterable[Outcome]) -> Scores:
    items = list(outcomes)
    smart = [o for o in items if o.entry.smart]
    vague = [o for o in items if not o.entry.smart]
    detected: dict[str, float | None] = {}
    kept: dict[str, float | None] = {}
    counts: dict[str, tuple[int, int]] = {}
    for key, _ in CRITERIA:
        missing = [o for o in items if o.entry.expected[key] is False]
        met = [o for o in items if o.entry.expected[key] is True]
        detected[key] = _share(sum(1 for o in missing if not o.got[key]), len(missing))
        kept[key] = _share(sum(1 for o in met if o.got[key]), len(met))
        counts[key] = (len(missing), len(met))
    return Scores(
        n=len(items),
        smart_recall=_share(sum(1 for o in smart if o.smart), len(smart)),
        vague_recall=_share(sum(1 for o in vague if not o.smart), len(vague)),
        detected=detected,
        kept=kept,
        counts=counts,
    )


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def table(scores: Scores, title: str) -> str:
    """The per-criterion table ``make bench`` prints."""
    lines = [
        f"{title} ({scores.n} statements)",
        f"  {'criterion':<11} {'missing':>7} {'detected':>9} {'met':>5} {'kept':>7}",
    ]
    for key, _ in CRITERIA:
        missing, met = scores.counts[key]
        lines.append(
            f"  {key:<11} {missing:>7} {_pct(scores.detected[key]):>9} {met:>5} {_pct(scores.kept[key]):>7}"
        )
    lines.append(
        f"  SMART recall {_pct(scores.smart_recall)}   vague recall {_pct(scores.vague_recall)}   "
        f"balanced agreement {_pct(scores.balanced_agreement)}"
    )
    return "\n".join(lines)
