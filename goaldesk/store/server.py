"""Opening a GoalDesk database on a PostgreSQL server.

The schema is built and upgraded by the same migrations as an SQLite file. A database is GoalDesk's
when it has the schema_version table; an empty one is set up; one holding other tables is refused.
The SQLite file checks (application_id, quick_check, backups before upgrades, read-only files) have no
counterpart here: the server guards its own integrity and its admin takes the backups (docs/server.md).
Every connection problem becomes one StoreError sentence, never a driver traceback.
"""

from __future__ import annotations

from peewee import DatabaseError, InterfaceError, OperationalError

from goaldesk.store import migrations
from goaldesk.store.engine import GoalDeskPostgresDatabase, describe_target
from goaldesk.store.errors import NewerSchema, NotADatabase, StoreError

# Held (per session) while a client checks and builds the schema, so two first starts do not both build it.
_SETUP_LOCK_KEY = int.from_bytes(b"GDsu", "big")


def connection_problem(target: str, exc: BaseException) -> StoreError:
    """One clear sentence for a server that cannot be reached or refuses us (no password shown)."""
    where = describe_target(target)
    text = str(exc).strip()
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        reason = "the server refused the user name or password (check ~/.pgpass or PGPASSWORD)"
    elif "does not exist" in lowered and "database" in lowered:
        reason = "that database does not exist on the server (ask its admin to create it)"
    elif "service" in lowered and ("not found" in lowered or "definition" in lowered):
        reason = f"the service is not defined ({text.splitlines()[-1].strip()})"
    elif "connection refused" in lowered or "could not connect" in lowered or "timeout" in lowered:
        reason = "the server cannot be reached (is it running, and are host and port right?)"
    else:
        last = [line for line in text.splitlines() if line.strip()]
        reason = last[-1].strip() if last else type(exc).__name__
    return StoreError(f"Cannot connect to {where}: {reason}.")


def _is_driver_error(exc: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.Error)


def open_server_database(target: str) -> GoalDeskPostgresDatabase:
    """Connect, then set up (empty database) or upgrade the GoalDesk schema; refuse what is not ours."""
    try:
        import psycopg  # noqa: F401  (the optional `server` extra)
    except ImportError as exc:
        raise StoreError(
            "Using a PostgreSQL server needs the psycopg package: pip install 'goaldesk[server]'."
        ) from exc
    db = GoalDeskPostgresDatabase(target)
    try:
        db.connect()
    except (OperationalError, InterfaceError, DatabaseError) as exc:
        raise connection_problem(target, exc) from exc
    except Exception as exc:
        if _is_driver_error(exc):
            raise connection_problem(target, exc) from exc
        raise
    try:
        db.execute_sql("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK_KEY,))
        try:
            _set_up(db, target)
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
    except StoreError:
        db.close()
        raise
    except Exception as exc:
        db.close()
        if isinstance(exc, OperationalError) or _is_driver_error(exc):
            raise connection_problem(target, exc) from exc
        raise StoreError(f"Cannot open {describe_target(target)}: {exc}") from exc
    return db


def _set_up(db: GoalDeskPostgresDatabase, target: str) -> None:
    where = describe_target(target)
    tables = set(db.get_tables())
    if "schema_version" not in tables:
        if tables:
            raise NotADatabase(
                f"{where} holds other tables but no GoalDesk schema; use an empty database for GoalDesk. "
                "Nothing was changed."
            )
        migrations.create_v1(db)
    version = migrations.read_version(db)
    if version > migrations.CURRENT_VERSION:
        raise NewerSchema(
            f"{where} was set up by a newer GoalDesk (schema {version}; this version knows "
            f"{migrations.CURRENT_VERSION}). Update GoalDesk to use it; nothing was changed."
        )
    migrations.upgrade(db)
