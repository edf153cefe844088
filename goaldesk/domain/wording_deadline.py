"""The deadline a goal's wording names ("within 6 months", "by June"), to offer in the editor.

The SMART check already reads a time frame from the title and description; the editor uses the same
reading so that the date it offers is the one the check would count. Counted from the goal's start
date: "within 6 months" of a goal that starts on 1 March means 1 September.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from goaldesk.domain.smart_reading import read


@dataclass(frozen=True)
class WordedDeadline:
    """A date the wording means, and the words that say it (for the offer's tooltip)."""

    due: date
    words: str


def deadline_in_wording(title: str, description: str, start: date) -> WordedDeadline | None:
    """The first time frame in the title (then the description), counted from ``start``; None if there is none."""
    if not title.strip() and not description.strip():
        return None
    reading = read(title, description, start)
    if not reading.times:
        return None
    found = reading.times[0]
    return WordedDeadline(found.due, " ".join(found.text.split()))


def offer_deadline(worded: WordedDeadline | None, current: date | None) -> date | None:
    """The date to offer: the wording's, unless the deadline already is that date."""
    if worded is None or worded.due == current:
        return None
    return worded.due
