"""The shared core of the services: one database, transactions, and change notification.

Each public write runs in one transaction; listeners hear about it only after the commit, so a
view never shows something the disk does not hold. The UI turns these callbacks into a Qt signal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import Database, DatabaseError

from goaldesk.store.engine import describe_target, engine_of
from goaldesk.store.errors import WriteFailed
from goaldesk.store.models import MODELS


@dataclass(frozen=True)
class Change:
    """What a committed write touched: an entity name and the ids involved (empty = many)."""

    entity: str
    ids: tuple[int, ...] = ()


Listener = Callable[[list[Change]], None]


def _root(exc: BaseException) -> BaseException:
    """The first error of a chain: after SQLITE_FULL, peewee's failing rollback would hide the real cause."""
    while isinstance(exc.__context__, (DatabaseError, sqlite3.DatabaseError)):
        exc = exc.__context__
    return exc


def _friendly(exc: BaseException) -> str:
    exc = _root(exc)
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "The database is read-only here, so the change was not saved. Check the folder's permissions."
    if "full" in text:
        return "The disk is full, so the change was not saved. Free some space and try again."
    if "locked" in text or "busy" in text:
        return "Another program is holding the database, so the change was not saved. Try again in a moment."
    return f"The change could not be saved: {exc}."


class Store:
    """One open database plus its listeners and clock; shared by every service object."""

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.db = db
        self.engine = engine_of(db)
        self.today = today
        self.now = now
        self._listeners: list[Listener] = []
        self._pending: list[Change] | None = None  # changes of the open outermost write, told on commit

    @property
    def path(self) -> Path:
        """The SQLite file; a server database has none (see ``location`` and ``is_server``)."""
        if self.engine.is_server:
            raise AttributeError("a server database has no file path")
        return Path(self.db.database)

    @property
    def is_server(self) -> bool:
        return self.engine.is_server

    @property
    def location(self) -> str:
        """Where the data lives, fit to show: the file's path, or the server without any password."""
        return describe_target(str(self.db.database)) if self.engine.is_server else str(self.db.database)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, changes: list[Change]) -> None:
        """Tell listeners now, or (inside a write) once the outermost transaction has committed."""
        if self._pending is not None:
            self._pending.extend(changes)
            return
        for listener in list(self._listeners):
            listener(changes)

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False):
            yield

    @contextmanager
    def writing(self, changes: list[Change]) -> Iterator[None]:
        """One transaction; on commit, tell listeners what changed. Disk errors become WriteFailed.

        A write inside another one joins it (a savepoint): its changes are told with the outer
        write's, after the one commit, and a failure anywhere rolls the whole write back.
        """
        if self._pending is not None:
            with self.db.atomic():
                yield
            self._pending.extend(changes)
            return
        self._pending = []
        try:
            # The engine takes the write lock up front (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory
            # lock), so a second writer waits instead of acting on positions another one is changing.
            with self.db.bind_ctx(MODELS, bind_refs=False, bind_backrefs=False), self.engine.begin_write():
                yield
                if self.engine.is_server:
                    self.engine.announce([c.entity for c in (*changes, *(self._pending or []))])
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            raise WriteFailed(_friendly(exc)) from exc
        finally:
            pending, self._pending = self._pending or [], None
        told = [*changes, *pending]
        if told:
            self.notify(told)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def get_state(self, key: str) -> str | None:
        row = self.db.execute_sql("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self.writing([Change("state")]):
            self.db.execute_sql(
                "INSERT INTO app_state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
