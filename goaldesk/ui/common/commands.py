"""The undo machinery every feature's commands share: ``ServiceCommand`` and ``run``.

A command holds the old and new state and calls the services only. Dialogs and views build a command and
hand it to ``run``: the first ``do()`` happens before the push, so a refused change (DomainError, disk
error) shows a message and never lands on the undo stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from goaldesk.ui.shell.context import USER_ERRORS, AppContext


def short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


class ServiceCommand(QUndoCommand):
    """Base: ``do``/``undo_change`` talk to the service; errors during undo/redo are reported, not raised."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._done_once = False

    def do(self) -> None:  # first execution and every redo
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError

    def changed_anything(self) -> bool:
        return True

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        try:
            self.do()
        except USER_ERRORS as exc:
            self.setObsolete(True)
            self.ctx.report(exc)

    def undo(self) -> None:
        try:
            self.undo_change()
        except USER_ERRORS as exc:
            self.setObsolete(True)
            self.ctx.report(exc)


def run(ctx: AppContext, command: ServiceCommand) -> bool:
    """Do the command once; push it when it changed something. False (and a message) on refusal."""
    try:
        command.do()
    except USER_ERRORS as exc:
        ctx.report(exc)
        return False
    if not command.changed_anything():
        return False
    ctx.undo_stack.push(command)
    return True
