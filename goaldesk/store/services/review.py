"""ReviewService: the weekly review (due, overdue, stale, open actions, wins since) and the balance view."""

from __future__ import annotations

from datetime import date

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import GoalQuery
from goaldesk.domain.reflection import REVIEW_DAYS, BalanceRow, ReviewItems, balance_rows, review_items
from goaldesk.domain.reports import Win
from goaldesk.store.base import Store
from goaldesk.store.services.categories import CategoryService
from goaldesk.store.services.goals import GoalService
from goaldesk.store.services.reflection import ReflectionService
from goaldesk.store.services.wins import WinService

LAST_REVIEW_KEY = "last_review"


class ReviewService:
    """What the weekly review shows, when it was last done, and how goals balance across groups."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._goals = GoalService(store)
        self._reflection = ReflectionService(store)

    # ---------------------------------------------------------------- weekly review

    def last_review(self) -> date | None:
        value = self.store.get_state(LAST_REVIEW_KEY)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    def mark_reviewed(self, today: date) -> date | None:
        """Remember the review date (wins after it show next time); returns the previous one."""
        previous = self.last_review()
        self.store.set_state(LAST_REVIEW_KEY, today.isoformat())
        return previous

    def _wins(self) -> list[Win]:
        return WinService(self.store).wins()

    def review(self, today: date, days: int = REVIEW_DAYS) -> ReviewItems:
        """Due within ``days``, overdue, stale (no check-in for ``days``), open actions, wins since the last review."""
        goals = self._goals.list_goals(GoalQuery(statuses=frozenset({GoalStatus.ACTIVE}), include_archived=False))
        live = {g.id for g in self._goals.list_goals()}
        wins = [w for w in self._wins() if w.goal_id in live]
        actions = self._reflection.all_feedback(open_actions_only=True)
        return review_items(goals, actions, wins, today, days=days, since=self.last_review())

    # ---------------------------------------------------------------- balance

    def balance(self) -> list[BalanceRow]:
        """Active goals and mean progress per group (Professional, Personal, …) and per type."""
        goals = self._goals.list_goals(GoalQuery(statuses=frozenset({GoalStatus.ACTIVE}), include_archived=False))
        return balance_rows(goals, CategoryService(self.store).categories())
