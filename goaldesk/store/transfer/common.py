"""What export, validation and merge share: the format's name and version, the errors and the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from goaldesk.store.errors import StoreError

FORMAT = "goaldesk-export"
VERSION = 1

Json = Any
CategoryPath = tuple[str, ...]


class TransferError(StoreError):
    """The file cannot be imported; the message names the first problem and where it is."""


@dataclass
class ImportReport:
    """What an import did, counted per kind of record ("goals", "checkins", ...)."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line per kind of record, for the CLI and the import dialog."""
        kinds = sorted(k for k in set(self.created) | set(self.updated) | set(self.skipped)
                       if self.created[k] or self.updated[k] or self.skipped[k])
        if not kinds:
            return "The file held nothing to import."
        lines = []
        for kind in kinds:
            lines.append(
                f"{kind}: {self.created[kind]} added, {self.updated[kind]} updated, "
                f"{self.skipped[kind]} already present"
            )
        return "\n".join(lines)
