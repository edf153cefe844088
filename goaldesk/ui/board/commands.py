"""Board commands: moving goals between columns and within one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import Goal, Placement
from goaldesk.ui.common.commands import ServiceCommand, short
from goaldesk.ui.shell.context import AppContext


class MoveGoals(ServiceCommand):
    """Move goals on the board (other column, or a new place in the same one)."""

    def __init__(self, ctx: AppContext, goals: Sequence[Goal], horizon: Horizon, before_id: int | None) -> None:
        same = all(g.horizon is horizon for g in goals)
        if len(goals) == 1:
            what = f"“{short(goals[0].title)}”"
        else:
            what = f"{len(goals)} goals"
        super().__init__(ctx, f"Reorder {what}" if same else f"Move {what} to {horizon.label}")
        self.ids = [g.id for g in goals]
        self.horizon = horizon
        self.before_id = before_id
        self.old: list[Placement] = []
        self.new: list[Placement] = []

    def do(self) -> None:
        if not self.new:
            self.old = self.ctx.board.move_goals(self.ids, self.horizon, self.before_id)
            self.new = self.ctx.board.placements(self.ids) if self.old else []
        else:
            self.ctx.board.place_goals(self.new)

    def changed_anything(self) -> bool:
        return bool(self.old)

    def undo_change(self) -> None:
        self.ctx.board.place_goals(self.old)


def moved_text(goals: Sequence[Goal], horizon: Horizon, row: int | None, rows: int) -> str:
    """What a screen reader says after a move (the cards moved away from the keyboard focus):
    "Moved “Run 5 km” to Long-term", or "Moved “Run 5 km” to place 2 of 7 in Short-term" within a column."""

    def tr(text: str, n: int = -1) -> str:
        return QCoreApplication.translate("MoveGoals", text, "", n)

    what = f"“{short(goals[0].title)}”" if len(goals) == 1 else tr("%n goal(s)", len(goals))
    if any(g.horizon is not horizon for g in goals):
        return tr("Moved %1 to %2").replace("%1", what).replace("%2", horizon.label)
    text = tr("Moved %1 to place %2 of %3 in %4").replace("%1", what).replace("%2", str((row or 0) + 1))
    return text.replace("%3", str(rows)).replace("%4", horizon.label)
