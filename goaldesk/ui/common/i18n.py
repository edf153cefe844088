"""English plural forms for ``tr("%n goal(s)", "", n)``, and the hook other languages will use.

Qt's plural support is the translator's job: ``tr()`` with ``n`` asks the installed translators
for the form that fits ``n``, then puts the number in place of ``%n``. With no translator the
source text shows as written ("3 goal(s)"). English needs only one rule, so instead of a compiled
``.qm`` file that must be regenerated whenever a string changes, a small translator applies it:
"(s)" becomes "" for one and "s" otherwise; "(es)" likewise; "(y|ies)" picks a side. A future
language is a regular ``QTranslator`` loaded from a ``.qm`` file and installed after this one,
which it then takes precedence over.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

_CHOICE = re.compile(r"\((?:(?P<one>[^()|]*)\|)?(?P<many>[^()|]*)\)")


def english_plural(text: str, n: int) -> str:
    """The English form of a plural source text for ``n``: "(s)", "(es)" or "(one|many)" resolved."""

    def pick(match: re.Match[str]) -> str:
        if n == 1:
            return match.group("one") or ""
        return match.group("many")

    return _CHOICE.sub(pick, text)


class EnglishPlurals(QTranslator):
    """Answers only plural requests (``n >= 0``) whose source text has a "(s)"-style choice."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or source is None or "(" not in source:
            return None  # a null string: "not translated here", Qt keeps the source text
        return english_plural(source, n)

    def isEmpty(self) -> bool:
        return False


_installed: list[EnglishPlurals] = []  # Qt does not own a translator: keep it alive here


def install_plurals(app: QCoreApplication) -> None:
    """Install the English plural translator once per application (idempotent)."""
    if any(t.parent() is app for t in _installed):
        return
    translator = EnglishPlurals(app)
    app.installTranslator(translator)
    _installed.append(translator)
