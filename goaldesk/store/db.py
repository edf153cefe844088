"""Opening the database file safely.

Before anything is written we look at the file with a plain connection: a file that is not SQLite,
a SQLite file that is not GoalDesk's, a damaged file or one from a newer GoalDesk is refused and left
byte-for-byte untouched. Only then do we switch on WAL and migrate.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from goaldesk.store import migrations
from goaldesk.store.errors import DamagedDatabase, NewerSchema, NotADatabase, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


def default_database_path() -> Path:
    """The per-user data folder (platformdirs), or GOALDESK_DB when set."""
    override = os.environ.get("GOALDESK_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("GoalDesk", appauthor=False) / "goaldesk.sqlite3"


def _prepare_new_file(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) so SQLite's WAL files inherit owner-only mode."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def inspect(path: Path) -> int | None:
    """Schema version of an existing GoalDesk file, 0 for an empty SQLite file, None if absent.

    Raises a StoreError subclass, without writing anything, when the file must not be opened.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a GoalDesk database file.")
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotADatabase(f"{path} is not a GoalDesk database (it is not an SQLite file). It was left untouched.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabase(f"{path} could not be read ({exc}). It was left untouched.") from exc
    try:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabase(
                f"{path} is damaged ({exc}). It was left untouched; restore a backup to go on."
            ) from exc
        if not tables:
            return 0
        if "schema_version" not in tables:
            raise NotADatabase(f"{path} is an SQLite database, but not a GoalDesk one. It was left untouched.")
        try:
            row = conn.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabase(f"{path} is damaged ({exc}). It was left untouched.") from exc
        version = int(row[0]) if row else 0
        if version > migrations.CURRENT_VERSION:
            raise NewerSchema(
                f"{path} was written by a newer GoalDesk (schema {version}; this version knows "
                f"{migrations.CURRENT_VERSION}). Update GoalDesk to open it; the file was left untouched."
            )
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            result = (str(exc),)
        if not result or result[0] != "ok":
            detail = result[0] if result else "no answer"
            raise DamagedDatabase(
                f"{path} is damaged (integrity check: {str(detail)[:200]}). "
                "It was left untouched; restore a backup to go on."
            )
        return version
    finally:
        conn.close()


def open_database(
    path: Path | str,
    *,
    before_migrate: Callable[[Path, int], None] | None = None,
) -> SqliteDatabase:
    """Open (creating if needed) and migrate a GoalDesk database; refuse what must not be touched.

    ``before_migrate(path, old_version)`` runs once before an existing file is migrated: the backup hook.
    """
    path = Path(path).expanduser()
    version = inspect(path)
    fresh = version in (None, 0)
    if version is None:
        try:
            _prepare_new_file(path)
        except OSError as exc:
            raise StoreError(f"Cannot create the database at {path}: {exc.strerror or exc}.") from exc
        version = 0
    elif version == 0 and stat.S_IMODE(path.stat().st_mode) & 0o077 and os.name == "posix":
        os.chmod(path, 0o600)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        db.connect()
    except Exception as exc:  # peewee wraps sqlite3 errors
        raise StoreError(f"Cannot open {path}: {exc}") from exc
    if version == 0:
        migrations.create_v1(db)
        version = 1

    if before_migrate is not None and not fresh and version < migrations.CURRENT_VERSION:
        before_migrate(path, version)  # one backup of the file as the user had it
    migrations.upgrade(db)
    return db
