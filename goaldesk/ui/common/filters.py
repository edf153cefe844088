"""The shared filter state (search text, category subtree, status, "not yet SMART").

The main window owns one; the goal-list proxy and the board columns both follow it, so the
category tree and the search box filter every view the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal

ALL_STATUSES: frozenset[GoalStatus] = frozenset(GoalStatus)


class FilterState(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.category_ids: frozenset[int] | None = None
        self.statuses: frozenset[GoalStatus] = frozenset({GoalStatus.ACTIVE})
        self.show_archived = False
        self.not_smart_only = False

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self.text:
            self.text = text
            self.changed.emit()

    def set_categories(self, ids: frozenset[int] | None) -> None:
        if ids != self.category_ids:
            self.category_ids = ids
            self.changed.emit()

    def set_statuses(self, statuses: frozenset[GoalStatus]) -> None:
        if statuses != self.statuses:
            self.statuses = statuses
            self.changed.emit()

    def set_show_archived(self, show: bool) -> None:
        if show != self.show_archived:
            self.show_archived = show
            self.changed.emit()

    def set_not_smart_only(self, only: bool) -> None:
        if only != self.not_smart_only:
            self.not_smart_only = only
            self.changed.emit()

    def accepts(self, goal: Goal, search_text: str, smart_score: int | None = None) -> bool:
        """The one rule every view applies; ``search_text`` is the casefolded title + description."""
        if goal.status not in self.statuses:
            return False
        if goal.archived and not self.show_archived:
            return False
        if self.category_ids is not None and goal.category_id not in self.category_ids:
            return False
        if self.not_smart_only and smart_score is not None and smart_score >= 5:
            return False
        return not self.text or self.text in search_text


def search_text(goal: Goal) -> str:
    return f"{goal.title}\n{goal.description}".casefold()
