"""The store's services, one per aggregate, all sharing one ``Store`` (connection, transactions, listeners).

- ``categories``: the goal-type tree            - ``goals``: goals, their edits, status, Trash
- ``board``: columns and card positions         - ``progress``: check-ins, milestones and the wins they earn
- ``history``: the append-only change log        - ``wins``: small wins (logged by ``progress``)
- ``reflection``: feedback and traits            - ``review``: weekly review and balance
- ``reports``: chart data (read-only)          - ``sharing``: goals shared with other people (server)

``Services`` bundles them for one store: the CLI, scripts and tests use it; the UI's AppContext holds one.
"""

from __future__ import annotations

from functools import cached_property

from goaldesk.store.base import Store
from goaldesk.store.services.board import BoardService
from goaldesk.store.services.categories import CategoryDeletion, CategoryService
from goaldesk.store.services.goals import GoalService
from goaldesk.store.services.history import HistoryEntry, HistoryService
from goaldesk.store.services.progress import ProgressService
from goaldesk.store.services.reflection import ReflectionService, TraitDeletion
from goaldesk.store.services.reports import ReportService
from goaldesk.store.services.review import ReviewService
from goaldesk.store.services.sharing import SharedGoal, SharingService
from goaldesk.store.services.wins import WinService

__all__ = [
    "BoardService", "CategoryDeletion", "CategoryService", "GoalService", "HistoryEntry", "HistoryService",
    "ProgressService", "ReflectionService", "ReportService", "ReviewService", "Services", "SharedGoal",
    "SharingService", "TraitDeletion", "WinService",
]


class Services:
    """Every service over one store. A new database gets its built-in goal types here."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.categories = CategoryService(store)
        self.categories.seed_categories()
        self.goals = GoalService(store)
        self.board = BoardService(store)
        self.progress = ProgressService(store)
        self.history = HistoryService(store)
        self.wins: WinService = self.progress.wins

    @cached_property
    def reflection(self) -> ReflectionService:
        return ReflectionService(self.store)

    @cached_property
    def review(self) -> ReviewService:
        return ReviewService(self.store)

    @cached_property
    def reports(self) -> ReportService:
        return ReportService(self.store)

    @cached_property
    def sharing(self) -> SharingService:
        return SharingService(self.store)
