"""The SMART check on the labelled corpus: per-criterion table (whole, tuning part, held-out part) and speed.

Run: ``.venv/bin/python bench/bench_smart.py`` (``make bench`` runs it with the other sections).
Definitions of "detected", "kept" and "balanced agreement": docs/smart-check.md. Floors asserted by
tests/test_smart_corpus.py: balanced agreement >= 92%; Specific, Measurable, Time-bound detected
>= 90%; Achievable (unrealistic statements) detected >= 60%.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from goaldesk.domain.smart_eval import CORPUS_TODAY, judge, load_corpus, score, table  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "smart_corpus.jsonl"
FRESH = ROOT / "tests" / "data" / "smart_corpus_fresh.jsonl"
"""39 statements written after tuning, in new wordings; reported, never tuned on, not asserted."""


def main() -> None:
    entries = load_corpus(CORPUS)
    outcomes = [judge(e, CORPUS_TODAY) for e in entries]
    print(f"(judged as of {CORPUS_TODAY}; every fifth statement held out while tuning)")
    print(table(score(outcomes), "whole corpus"))
    print(table(score(o for o in outcomes if not o.entry.holdout), "tuning part"))
    print(table(score(o for o in outcomes if o.entry.holdout), "held-out part"))
    fresh = [judge(e, CORPUS_TODAY) for e in load_corpus(FRESH)]
    print(table(score(fresh), "fresh set (written after tuning; never tuned on)"))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        for entry in entries:
            judge(entry, CORPUS_TODAY)
        times.append((time.perf_counter() - start) * 1000 / len(entries))
    print(f"SMART check per statement                           median {statistics.median(times):7.2f} ms")


if __name__ == "__main__":
    main()
