"""Counts read as English, through Qt's plural-aware tr(), and no "(s)" creeps back into the UI."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from goaldesk.ui.common.i18n import english_plural

ROOT = Path(__file__).resolve().parents[1]
DOCSTRING = re.compile(r"^[rRbBuU]?(\"\"\"|''')")


def test_tr_with_n_gives_english_singular_and_plural(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    assert label.tr("%n thing(s) to look at", "", 1) == "1 thing to look at"
    assert label.tr("%n thing(s) to look at", "", 3) == "3 things to look at"
    assert label.tr("%n thing(s) to look at", "", 0) == "0 things to look at"
    assert QCoreApplication.translate("Trash", "Delete %n goal(s) for good?", "", 2) == "Delete 2 goals for good?"


def test_irregular_plurals_and_plain_text_are_left_alone(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    assert label.tr("%n categor(y|ies)", "", 1) == "1 category"
    assert label.tr("%n categor(y|ies)", "", 5) == "5 categories"
    assert label.tr("%n box(es)", "", 2) == "2 boxes"
    # A string without n is never touched, brackets and all.
    assert label.tr("Notes (optional)") == "Notes (optional)"
    assert english_plural("(s)", 1) == ""


def hand_made_plural(text: str, calls: list[str]) -> bool:
    """A string (not a docstring) with "(s)" that is not the text of a tr()/translate() call."""
    if DOCSTRING.match(text) or not re.search(r"[a-z]\((s|es)\)", text):
        return False
    return not (calls and (calls[-1].endswith("tr") or calls[-1] == "translate"))


def test_no_hand_made_plurals_left_in_the_app() -> None:
    """A count shown as "3 goal(s)" is the bug this module fixes: every "(s)" in the UI goes through
    tr() with n. Allowed only inside a tr()/translate() call that passes the count."""
    offenders = []
    for path in sorted((ROOT / "goaldesk").rglob("*.py")):
        if path.name == "resources_rc.py":
            continue
        calls: list[str] = []  # the name before each open bracket: inside tr(...) or translate(...)?
        previous = ""
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                text = token.string
                if token.type == tokenize.OP and text in "([{":
                    calls.append(previous)
                elif token.type == tokenize.OP and text in ")]}" and calls:
                    calls.pop()
                elif token.type == tokenize.STRING and hand_made_plural(text, calls):
                    offenders.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {text[:80]}")
                if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                    previous = text
    assert offenders == []
