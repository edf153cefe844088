"""Opening the database file safely.

Before anything is written we look at the file with a read-only connection: a file that is not
SQLite, an SQLite file that is not GoalDesk's, a damaged file, an empty (0-byte) file or one from a
newer GoalDesk is refused and left byte-for-byte untouched, and so is a read-only file or folder
(with that reason). A GoalDesk file is recognised by SQLite's application_id header field; files
written before that stamp existed are recognised by their exact table and column set, backed up and
stamped. A new database is built complete under a temporary name and then linked into place, so a
half-made file never carries the database's name.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, SqliteDatabase

from goaldesk.store import migrations
from goaldesk.store.engine import is_server_target
from goaldesk.store.errors import DamagedDatabase, NewerSchema, NotADatabase, ReadOnlyDatabase, StoreError
from goaldesk.store.files import (
    fsync_dir,
    fsync_file,
    is_read_only,
    link_into_place,
    private_temp,
    remove_stale,
    sqlite_uri,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}
_CREATING = ".creating"


@dataclass(frozen=True)
class FileState:
    """What ``inspect_file`` found: the schema version, and whether the GoalDesk stamp is there yet."""

    version: int
    stamped: bool


def data_folder() -> Path:
    """The per-user data folder (platformdirs); GoalDesk creates it when missing."""
    from platformdirs import user_data_path

    return user_data_path("GoalDesk", appauthor=False)


def default_database_path() -> Path:
    """goaldesk.sqlite3 in the per-user data folder, or GOALDESK_DB when set."""
    override = os.environ.get("GOALDESK_DB")
    if override:
        return Path(override).expanduser()
    return data_folder() / "goaldesk.sqlite3"


def _refuse_read_only(path: Path) -> None:
    """Refuse, with the reason, a read-only file or folder (before SQLite leaves -shm files there)."""
    folder = path.parent
    if is_read_only(folder):
        raise ReadOnlyDatabase(
            f"The folder {folder} is read-only, so GoalDesk could not save anything in {path.name}. "
            "Make the folder writable, or copy the file to a writable folder. Nothing was changed."
        )
    if path.exists() and is_read_only(path):
        raise ReadOnlyDatabase(
            f"{path} is read-only, so GoalDesk could not save your changes. Make it writable "
            "(for example chmod u+w), or open a copy. Nothing was changed."
        )


def _repair_side_files(path: Path) -> None:
    """Make a -wal/-shm left read-only by an older run writable again (it would block every write)."""
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.is_file() and is_read_only(side):
            try:
                os.chmod(side, 0o600)
            except OSError as exc:
                raise ReadOnlyDatabase(
                    f"{side} is read-only and cannot be changed ({exc.strerror or exc}); remove it or make it "
                    "writable. Nothing was changed."
                ) from exc


def inspect_file(path: Path) -> FileState | None:
    """What an existing file holds (None if absent); raises a StoreError subclass, writing nothing,
    when the file must not be opened."""
    if not path.exists():
        return None
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a GoalDesk database file.")
    _refuse_read_only(path)
    wal = path.with_name(path.name + "-wal")
    if path.stat().st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0):
        raise NotADatabase(
            f"{path} is an empty file (0 bytes), not a GoalDesk database. GoalDesk makes a new database only "
            "where no file exists: delete the empty file or choose another name. It was left untouched."
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header and header != SQLITE_MAGIC:
        raise NotADatabase(f"{path} is not a GoalDesk database (it is not an SQLite file). It was left untouched.")
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabase(f"{path} could not be read ({exc}). It was left untouched.") from exc
    try:
        return _inspect_connection(path, conn)
    finally:
        conn.close()


def _inspect_connection(path: Path, conn: sqlite3.Connection) -> FileState:
    not_ours = NotADatabase(f"{path} is an SQLite database, but not a GoalDesk one. It was left untouched.")
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        signature = migrations.table_signature(conn)
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(f"{path} is damaged ({exc}). It was left untouched; restore a backup to go on.") from exc
    stamped = app_id == migrations.APPLICATION_ID
    if app_id not in (0, migrations.APPLICATION_ID):
        raise not_ours
    if not signature:
        if stamped:
            return FileState(0, True)  # created by GoalDesk, killed before its tables were committed
        raise not_ours
    if "schema_version" not in signature:
        raise not_ours
    try:
        row = conn.execute("SELECT version FROM schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if not stamped:
            raise not_ours from exc
        raise DamagedDatabase(f"{path} is damaged ({exc}). It was left untouched.") from exc
    raw = row[0] if row else None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        if not stamped:
            raise not_ours
        raise DamagedDatabase(f"{path} is damaged (its schema version is {raw!r}). It was left untouched.")
    version = raw
    if not stamped and migrations.legacy_signatures().get(version) != signature:
        raise not_ours
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
    return FileState(version, stamped)


def inspect(path: Path) -> int | None:
    """Schema version of an existing GoalDesk file (0: created but empty), None if absent."""
    state = inspect_file(Path(path))
    return None if state is None else state.version


def _build(path: Path) -> None:
    """Create the full current schema, stamped, in a fresh file (one transaction per step)."""
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    db.connect()
    try:
        migrations.create_v1(db)
        migrations.upgrade(db)
        with db.atomic():
            migrations.stamp(db)
    finally:
        db.close()


def _create_new(path: Path, *, create_folder: bool) -> None:
    """Build a new database under a unique temporary name, then link it to ``path`` (never over a file)."""
    folder = path.parent
    if not folder.exists():
        if not create_folder:
            raise StoreError(
                f"The folder {folder} does not exist, so no database was created there. "
                "Create the folder first, or check the path."
            )
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {folder}: {exc.strerror or exc}.") from exc
    _refuse_read_only(path)
    prefix = f".{path.name}."
    for leftover in (_CREATING, _CREATING + "-journal"):  # of a run killed while creating
        remove_stale(folder, prefix, leftover)
    try:
        temp = private_temp(folder, prefix, _CREATING)
    except OSError as exc:
        raise StoreError(f"Cannot create the database at {path}: {exc.strerror or exc}.") from exc
    try:
        _build(temp)
        fsync_file(temp)
        try:
            link_into_place(temp, path)
        except FileExistsError:
            return  # another process created it at the same moment; open theirs
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"Cannot create the database at {path}: {exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)


def _default_backup(path: Path, old_version: int) -> None:
    from goaldesk.store.backup import backup_before_migration

    backup_before_migration(path, old_version)


def default_database_target() -> str | Path:
    """GOALDESK_DB as given when it names a server (a URI or ``service=NAME``), else the default file."""
    override = os.environ.get("GOALDESK_DB")
    if override and is_server_target(override):
        return override
    return default_database_path()


def open_database(
    path: Path | str,
    *,
    before_migrate: Callable[[Path, int], None] | None = None,
    create_folder: bool = True,
) -> Database:
    """Open (creating if needed) and migrate a GoalDesk database; refuse what must not be touched.

    ``path`` is an SQLite file, or a PostgreSQL connection URI / ``service=NAME`` (see store.server).
    Before an existing file is upgraded (or stamped), ``before_migrate(path, old_version)`` runs, by
    default taking a backup in ``backups/``; if it fails, nothing is changed. ``create_folder``
    False refuses a path whose folder does not exist (the command line's rule for --db).
    """
    if isinstance(path, str) and is_server_target(path):
        from goaldesk.store.server import open_server_database

        return open_server_database(path)
    path = Path(path).expanduser()
    state = inspect_file(path)
    if state is None:
        _create_new(path, create_folder=create_folder)
        state = inspect_file(path)
        assert state is not None
    elif state.version > 0 and (state.version < migrations.CURRENT_VERSION or not state.stamped):
        try:
            (before_migrate or _default_backup)(path, state.version)
        except (OSError, sqlite3.Error, StoreError) as exc:
            reason = exc.message if isinstance(exc, StoreError) else str(exc)
            raise StoreError(
                f"{path} needs an upgrade, but the backup taken first failed ({reason}). The file was not changed."
            ) from exc
    _repair_side_files(path)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        if state.version == 0:
            migrations.create_v1(db)
        migrations.upgrade(db)
        if not state.stamped:
            with db.atomic():
                migrations.stamp(db)
    except StoreError:
        db.close()
        raise
    except Exception as exc:  # peewee wraps sqlite3 errors
        db.close()
        raise StoreError(f"Cannot open {path}: {exc}") from exc
    return db
