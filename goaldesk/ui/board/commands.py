"""Board commands: moving goals between columns and within one."""

from __future__ import annotations

from collections.abc import Sequence

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
