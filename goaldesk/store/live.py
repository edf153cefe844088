"""Other clients' commits on a shared PostgreSQL server, heard through LISTEN/NOTIFY.

Every committing write on a server sends ``NOTIFY goaldesk, '<entities>'`` (``PostgresEngine.announce``)
inside its transaction, so the message goes out exactly when the data is visible. A ``ChangeFeed``
holds a second, idle connection that listens on that channel. It does no waiting of its own: the
caller watches ``fileno()`` (the UI with a ``QSocketNotifier``), and calls ``drain()`` when the socket
is readable. No polling loop, and the store stays free of Qt.
"""

from __future__ import annotations

from typing import Any

from goaldesk.store.base import Change, Store
from goaldesk.store.engine import NOTIFY_CHANNEL


class ChangeFeed:
    """The change messages of other clients of one server database, as ``Change`` lists."""

    def __init__(self, conninfo: str, *, ignore_pid: int | None = None) -> None:
        import psycopg

        self._conn: Any = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._ignore_pid = ignore_pid  # our own store's backend: its changes are told in-process already

    @classmethod
    def for_store(cls, store: Store) -> ChangeFeed:
        """A feed on the same server database as ``store``, skipping ``store``'s own messages."""
        if not store.is_server:
            raise ValueError("only a server database has other clients to hear")
        with store.reading():
            pid = int(store.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0])
        return cls(str(store.db.database), ignore_pid=pid)

    def fileno(self) -> int:
        return int(self._conn.pgconn.socket)

    def drain(self) -> list[Change]:
        """The messages that have arrived, without blocking; [] when there are none (or only ours).

        Raises ``psycopg.OperationalError`` when the server went away: the caller decides what to do.
        """
        pgconn = self._conn.pgconn
        pgconn.consume_input()
        entities: set[str] = set()
        while (note := pgconn.notifies()) is not None:
            if self._ignore_pid is not None and note.be_pid == self._ignore_pid:
                continue
            payload = note.extra.decode("utf-8", "replace")
            entities.update(e for e in payload.split(",") if e)
        if "*" in entities:
            return [Change("all")]
        return [Change(entity) for entity in sorted(entities)]

    def close(self) -> None:
        self._conn.close()
