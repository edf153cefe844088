"""What differs between SQLite and PostgreSQL, in one place; nothing above the store knows which it has.

The services write SQLite-style SQL (``?`` parameters, INTEGER booleans); the PostgreSQL database class
below translates parameters and sends Python booleans as integers, so the same statements and the same
schema text run on both engines. The engine objects hold the few things that cannot be translated:
how a write transaction takes its lock, the foreign-key dance around migrations, and change messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee
from peewee import Database, PostgresqlDatabase, SqliteDatabase

# Any transaction that writes takes this lock first (released at commit or rollback), so reads that a
# write depends on (board positions, sibling names) are serialized as SQLite's BEGIN IMMEDIATE does.
WRITE_LOCK_KEY = int.from_bytes(b"GDsk", "big")
NOTIFY_CHANNEL = "goaldesk"

_SCHEMES = ("postgresql://", "postgres://")
# libpq's keyword form starts with one of its keywords; a file name such as "a=b.sqlite3" does not count.
_KEYWORD = re.compile(r"^\s*(service|host|hostaddr|port|dbname|user|passfile|sslmode|application_name)\s*=")


def is_server_target(target: object) -> bool:
    """True for a libpq connection URI or keyword string (``service=NAME``), False for a file path."""
    text = str(target)
    return text.startswith(_SCHEMES) or bool(_KEYWORD.match(text))


def describe_target(target: str) -> str:
    """A connection string fit to show: user, host, port, database or service, never a password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(target)
    except Exception:  # a malformed string: show nothing of it rather than risk a password
        return "the PostgreSQL server"
    if parts.get("service") and not parts.get("host"):
        return f"service {parts['service']}"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    name = parts.get("dbname") or ""
    return f"postgresql://{user}{host}{port}/{name}"


def _translate(sql: str) -> str:
    """SQLite-style SQL for psycopg: ``?`` becomes ``%s`` and a literal ``%`` is doubled.

    The store's SQL never puts a ``?`` inside a string literal, so every ``?`` is a parameter.
    """
    if "?" not in sql:
        return sql
    return sql.replace("%", "%%").replace("?", "%s")


class GoalDeskPostgresDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database over psycopg 3, speaking the services' SQLite-style SQL.

    ``database`` is the libpq connection string (URI, ``service=NAME`` or keywords); libpq reads
    passwords from ~/.pgpass or PGPASSWORD and services from PGSERVICEFILE.
    """

    # Migrations add columns through peewee fields: booleans as INTEGER 0/1 and text in byte order, as in
    # the schema text (see PostgresEngine.ddl).
    field_types = {**PostgresqlDatabase.field_types, "BOOL": "INTEGER", "TEXT": 'TEXT COLLATE "C"'}  # noqa: RUF012

    def __init__(self, conninfo: str, **kwargs: Any) -> None:
        _hand_driver_to_peewee()
        super().__init__(conninfo, prefer_psycopg3=True, **kwargs)

    def _connect(self) -> Any:
        import psycopg

        conn = psycopg.connect(self.database, autocommit=True, connect_timeout=10)
        _send_booleans_as_integers(conn)
        return conn

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        return super().execute_sql(_translate(sql), params)

    def execute(self, query: Any, **context_options: Any) -> Any:
        ctx = self.get_sql_context(**context_options)
        sql, params = ctx.sql(query).query()
        return PostgresqlDatabase.execute_sql(self, sql, params)  # peewee's own SQL: already %s


def _hand_driver_to_peewee() -> None:
    """Give peewee the psycopg 3 names it would have bound at import (hidden then: store/__init__.py)."""
    if vars(peewee).get("psycopg") is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    # The module globals peewee's PostgreSQL code reads, as peewee's own import would have set them.
    names = {"psycopg": psycopg, "TransactionStatus": TransactionStatus, "Json_pg3": Json, "Jsonb_pg3": Jsonb}
    for name, value in names.items():
        setattr(peewee, name, value)


def _send_booleans_as_integers(conn: Any) -> None:
    """Booleans are INTEGER 0/1 on both engines (SQLite has no other), so Python bools go out as 0/1."""
    from psycopg.adapt import Dumper
    from psycopg.postgres import types

    class BoolAsInt(Dumper):
        oid = types["int4"].oid

        def dump(self, obj: bool) -> bytes:
            return b"1" if obj else b"0"

    conn.adapters.register_dumper(bool, BoolAsInt)


class Engine:
    """The engine-specific parts of the store. Subclasses: SqliteEngine, PostgresEngine."""

    name = "?"
    is_server = False

    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def begin_write(self) -> Iterator[None]:
        """The outermost write transaction, holding the lock that serializes writers."""
        raise NotImplementedError
        yield

    def announce(self, entities: list[str]) -> None:
        """Inside a committing write: tell other clients what changed (PostgreSQL only)."""

    def sql(self, sql: str) -> str:
        """A services-style statement as this engine's driver wants it (for raw cursors)."""
        return sql

    def ddl(self, schema: str) -> str:
        """The schema text (SQLite dialect) for this engine."""
        return schema

    def insert_returning_id(self, sql: str, params: tuple[Any, ...]) -> int:
        """Run one INSERT (services-style SQL) and return the new row's id."""
        return int(self.db.execute_sql(sql, params).lastrowid)

    def foreign_keys(self, on: bool) -> None:
        """Switch foreign-key enforcement (outside a transaction), around migrations."""

    def leave_room_for_moves(self) -> None:
        """Table storage tuned for board moves, which rewrite the positions of thousands of goals."""

    def separate_people(self) -> None:
        """Owners, defaults and row-level security for several people on one server (policies.py)."""

    def foreign_key_problems(self) -> list[Any]:
        """Rows breaking a reference (checked before a migration commits)."""
        return []


class SqliteEngine(Engine):
    name = "sqlite"

    @contextmanager
    def begin_write(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout) instead
        # of failing when its read-then-write transaction meets a concurrent commit.
        with self.db.atomic("IMMEDIATE"):
            yield

    def foreign_keys(self, on: bool) -> None:
        self.db.execute_sql(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")

    def foreign_key_problems(self) -> list[Any]:
        return list(self.db.execute_sql("PRAGMA foreign_key_check").fetchall())


_PG_TYPES = (
    (re.compile(r"\bINTEGER NOT NULL PRIMARY KEY\b"), "SERIAL PRIMARY KEY"),
    (re.compile(r"\bDATETIME\b"), "TIMESTAMP"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    # Byte order, as SQLite's BINARY collation, whatever locale the server's database was made with.
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
)


class PostgresEngine(Engine):
    name = "postgres"
    is_server = True

    @contextmanager
    def begin_write(self) -> Iterator[None]:
        with self.db.atomic():
            self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            yield

    def announce(self, entities: list[str]) -> None:
        payload = ",".join(sorted(set(entities))) or "*"
        self.db.execute_sql("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, payload))

    def sql(self, sql: str) -> str:
        return _translate(sql)

    def leave_room_for_moves(self) -> None:
        # A renumbering UPDATE writes a new version of every shifted row. With free space on each page
        # (fillfactor), and no index on position, PostgreSQL keeps the new version on the same page and
        # skips every index (a HOT update): a move on 10,000 goals went from 89 to 27 ms.
        self.db.execute_sql("ALTER TABLE goal SET (fillfactor = 50)")

    def separate_people(self) -> None:
        from goaldesk.store.policies import statements

        for statement in statements():
            self.db.execute_sql(statement)

    def insert_returning_id(self, sql: str, params: tuple[Any, ...]) -> int:
        return int(self.db.execute_sql(f"{sql} RETURNING id", params).fetchone()[0])

    def ddl(self, schema: str) -> str:
        for pattern, replacement in _PG_TYPES:
            schema = pattern.sub(replacement, schema)
        return schema


def engine_of(db: Database) -> Engine:
    """The engine object for an open peewee database."""
    if isinstance(db, PostgresqlDatabase):
        return PostgresEngine(db)
    if isinstance(db, SqliteDatabase):
        return SqliteEngine(db)
    raise TypeError(f"GoalDesk does not support {type(db).__name__}")
