"""The undo command behind the SMART checklist dialog's OK button.

Overrides and an accepted rewritten title land as one command, so a single Undo takes the whole
SMART check back, exactly as it was (the old row, timestamps included).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoCommand

from goaldesk.domain.model import Goal
from goaldesk.ui.common.commands import ServiceCommand, short
from goaldesk.ui.shell.context import AppContext


class ApplySmart(ServiceCommand):
    """Store the user's SMART overrides and, optionally, a rewritten title, reason and deadline for one goal."""

    def __init__(
        self,
        ctx: AppContext,
        goal: Goal,
        overrides: frozenset[str],
        title: str | None = None,
        parent: QUndoCommand | None = None,
        *,
        why: str | None = None,
        deadline: date | None = None,
    ) -> None:
        super().__init__(ctx, f"SMART check “{short(goal.title)}”")
        self.goal_id = goal.id
        self.old = goal.stored()
        self.overrides = frozenset(overrides)
        self.title = title.strip() if title is not None else None
        self.why = " ".join(why.split()) if why is not None else None
        self.deadline = deadline
        self.new: Goal | None = None

    def do(self) -> None:
        if self.new is not None:  # redo: write the exact row the first run produced
            self.ctx.goals.replace_goal(self.new, reason="redo")
            return
        # Snapshot the row as stored now: the Goal handed in may be older than the database.
        self.old = self.ctx.goals.get_goal(self.goal_id).stored()
        wants_title = self.title is not None and self.title != self.old.title
        wants_title |= self.why is not None and self.why != self.old.why
        wants_title |= self.deadline is not None and self.deadline != self.old.deadline
        wants_overrides = self.overrides != self.old.smart_overrides
        if not wants_title and not wants_overrides:
            self.new = self.old
            return
        changes: dict[str, object] = {}
        if wants_title:
            changes["title"] = self.title if self.title is not None else self.old.title
            if self.why is not None:
                changes["why"] = self.why
            if self.deadline is not None:
                changes["deadline"] = self.deadline
        # One write: the rewritten fields and the overrides land together or not at all.
        updated = self.ctx.goals.update_goal(
            self.goal_id, self.old.draft().replace(**changes), reason="SMART rewrite", smart_overrides=self.overrides
        )
        self.new = updated.stored()

    def changed_anything(self) -> bool:
        return self.new is not None and self.new != self.old

    def undo_change(self) -> None:
        self.ctx.goals.replace_goal(self.old)
