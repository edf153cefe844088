"""Saving a goal edit that may be stale: someone else saved the goal after this editor opened it.

Each goal has a row version; a save names the version the editor opened (``expected_version``) and the
store refuses it with ``StaleEdit`` if the goal was saved since (another window, another computer). The
user then chooses, never a silent overwrite:

- **Reload**: take the goal as it is now into the editor (their change stays; the user's draft goes);
- **Save as Copy**: keep both: the user's draft becomes a new goal (one undo step);
- **Cancel**: back to the editor with the user's draft, nothing saved.

A save that fails because the server is away keeps the draft too: the editor opens again with it and
the reason. ``save_checked`` does all of it and says what the caller (the goal actions) should do next.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from goaldesk.domain.model import DRAFT_FIELDS, Goal, GoalDraft
from goaldesk.store.errors import StaleEdit, StoreError
from goaldesk.ui.common.commands import run, short
from goaldesk.ui.common.server_errors import is_connection_error
from goaldesk.ui.goals.commands import CreateGoal, EditGoal
from goaldesk.ui.shell.context import USER_ERRORS, AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaleEdit", text)


class Choice(Enum):
    RELOAD = "reload"
    COPY = "copy"
    CANCEL = "cancel"


@dataclass(frozen=True)
class SaveOutcome:
    """What happened, and what the editor should do: close (``saved``) or open again on ``reopen``."""

    saved: bool
    reopen: Goal | None = None  # the goal as it is now (Reload), or the user's draft kept (Cancel, server away)
    copy: Goal | None = None  # the new goal made by Save as Copy


class CheckedEdit(EditGoal):
    """EditGoal that names the version the editor opened: a stale save raises StaleEdit, nothing written."""

    def do(self) -> None:
        if self.new is None:
            updated = self.ctx.goals.update_goal(
                self.old.id, self.draft, reason=self.reason, smart_overrides=self.overrides,
                expected_version=self.old.version,
            )
            self.new = updated.stored()
        else:
            super().do()


def with_draft(goal: Goal, draft: GoalDraft) -> Goal:
    """The goal with the user's unsaved fields, and still the version they opened (for the editor to reopen)."""
    return dataclasses.replace(goal, **{name: getattr(draft, name) for name in DRAFT_FIELDS})


def ask_stale(parent: QWidget | None, stale: StaleEdit, draft: GoalDraft) -> Choice:
    """The choice, in one box: Reload, Save as Copy, or Cancel (back to the editor)."""
    current = stale.current
    title = current.title if isinstance(current, Goal) else draft.title
    box = QMessageBox(parent)
    box.setObjectName("staleEditQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Goal Changed Elsewhere"))
    box.setText(_tr("“{0}” was changed elsewhere (another window or computer) after you opened it. "
                    "Saving now would overwrite that change.").format(short(title, 60)))
    box.setInformativeText(_tr("Reload takes the goal as it is now into the editor. Save as Copy keeps both: "
                               "your version becomes a new goal."))
    reload = box.addButton(_tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
    reload.setObjectName("reloadButton")
    copy = box.addButton(_tr("Save as &Copy"), QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyButton")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reload)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is reload:
        return Choice.RELOAD
    if clicked is copy:
        return Choice.COPY
    return Choice.CANCEL


def save_checked(
    parent: QWidget | None,
    ctx: AppContext,
    goal: Goal,
    draft: GoalDraft,
    *,
    reason: str = "",
    overrides: frozenset[str] | None = None,
    ask: Callable[[QWidget | None, StaleEdit, GoalDraft], Choice] = ask_stale,
) -> SaveOutcome:
    """Save an edit of ``goal`` (as the editor opened it) as one undo step, never over someone else's save."""
    command = CheckedEdit(ctx, goal, draft, reason=reason, overrides=overrides)
    try:
        command.do()
    except StaleEdit as stale:
        return _resolve(parent, ctx, goal, draft, stale, overrides, ask)
    except USER_ERRORS as exc:
        ctx.report(exc)
        return SaveOutcome(False, reopen=with_draft(goal, draft))
    except Exception as exc:
        if not (ctx.is_server and is_connection_error(exc)):
            raise
        ctx.report(StoreError(_tr("The server cannot be reached, so your edit was not saved. It is still in the "
                                  "editor: save again once the server is back.")))
        return SaveOutcome(False, reopen=with_draft(goal, draft))
    if command.changed_anything():
        ctx.undo_stack.push(command)
    return SaveOutcome(True)


def _resolve(
    parent: QWidget | None, ctx: AppContext, goal: Goal, draft: GoalDraft, stale: StaleEdit,
    overrides: frozenset[str] | None, ask: Callable[[QWidget | None, StaleEdit, GoalDraft], Choice],
) -> SaveOutcome:
    choice = ask(parent, stale, draft)
    current = stale.current if isinstance(stale.current, Goal) else ctx.goals.find_goal(goal.id)
    if choice is Choice.RELOAD and current is not None:
        return SaveOutcome(False, reopen=current)
    if choice is Choice.COPY:
        create = CreateGoal(ctx, draft, overrides=overrides)
        if run(ctx, create) and create.goal is not None:
            return SaveOutcome(True, copy=create.goal)
    return SaveOutcome(False, reopen=with_draft(goal, draft))
