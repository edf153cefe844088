"""One explicit application context (database, services, undo stack, settings), passed down to widgets.

No globals: tests build as many contexts as they like, each on its own temporary database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from goaldesk.domain.errors import DomainError
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import StoreError
from goaldesk.store.services import (
    ReflectionService,
    ReportService,
    ReviewService,
    Services,
    SharingService,
)
from goaldesk.ui.common.notifier import ServiceNotifier


class WinEvents(QObject):
    """Per-context signal hub: ``logged(list[Win])`` fires when an action earns new wins (not on redo)."""

    logged = Signal(list)


class AppContext(QObject):
    """Everything a widget needs. ``errors`` carries one-sentence messages for the user."""

    errors = Signal(str)

    def __init__(self, store: Store, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._services = Services(store)  # seeds the built-in goal types on a new database
        self.categories = self._services.categories
        self.goals = self._services.goals
        self.board = self._services.board
        self.progress = self._services.progress
        self.history = self._services.history
        self.wins = self._services.wins
        self.notifier = ServiceNotifier(store, self)
        self.undo_stack = QUndoStack(self)
        self.settings = settings
        self.win_events = WinEvents(self)

    @classmethod
    def open(cls, db_path: Path | str, settings: QSettings, **store_args: object) -> AppContext:
        """Open (or create) the database, a file or a server (``postgresql://…``, ``service=NAME``).

        Raises StoreError with a user message (a server that cannot be reached is one sentence too).
        """
        db = open_database(db_path, before_migrate=_backup_hook())
        return cls(Store(db, **store_args), settings)  # type: ignore[arg-type]

    @property
    def db_path(self) -> Path:
        """The SQLite file. A server database has none: StoreError with a sentence, never a crash."""
        if self.store.is_server:
            raise StoreError(
                f"{self.store.location} is a server database, not a file; its admin takes the backups."
            )
        return self.store.path

    @property
    def is_server(self) -> bool:
        return self.store.is_server

    @property
    def location(self) -> str:
        """Where the data lives, fit to show: the file's path, or the server without any password."""
        return self.store.location

    @property
    def sharing(self) -> SharingService:
        """Goals shared with other people (a server only; on a file every change says so)."""
        return self._services.sharing

    def today(self) -> date:
        return self.store.today()

    @property
    def reflection(self) -> ReflectionService:
        """Feedback and traits (created on first use)."""
        return self._services.reflection

    @property
    def review(self) -> ReviewService:
        """The weekly review and the balance view (created on first use)."""
        return self._services.review

    @property
    def reports(self) -> ReportService:
        """Chart data (created on first use)."""
        return self._services.reports

    def report(self, error: BaseException) -> None:
        message = getattr(error, "message", None) or str(error)
        self.errors.emit(message)

    def close(self) -> None:
        self.notifier.detach()
        self.store.close()


def _backup_hook() -> Callable[[Path, int], None]:
    """The backup taken before a migration; imported only when a migration is due."""

    def hook(path: Path, old_version: int) -> None:
        from goaldesk.store.backup import backup_before_migration

        backup_before_migration(path, old_version)

    return hook


USER_ERRORS = (DomainError, StoreError)
