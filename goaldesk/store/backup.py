"""Backups of the database file, taken with SQLite's online backup API.

A copy made with ``sqlite3.Connection.backup`` is consistent even while the app has the file open
(WAL mode), unlike a plain file copy. Each database has its own folder, ``backups/<file name>/``
beside it (folders 0700, files 0600), so two databases in one folder never see each other's backups;
the files are named ``goaldesk-YYYYMMDD-HHMMSS[-reason].sqlite3``. Each backup is switched to the
rollback-journal mode so it is one self-contained file that can be inspected read-only. A backup is
written under a unique temporary name (mkstemp) and hard-linked to its final name, which fails
rather than replaces when another process took that name in the same second.

Rotation (``rotate``) touches only the automatic daily backups (names without a reason):

* the newest backup of each of the 7 most recent days that have one is kept;
* of the remaining daily backups, the newest one of each of the 4 most recent ISO weeks is kept;
* every other daily backup is deleted.

Backups with a reason (``before-migration-v1``, ``before-restore``, ``manual``) are never deleted
automatically: they are rare and each one marks a moment the user may want to return to.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from goaldesk.store.errors import StoreError
from goaldesk.store.files import (
    create_private,
    fsync_dir,
    fsync_file,
    is_read_only,
    link_into_place,
    private_temp,
    remove_stale,
    sqlite_uri,
)
from goaldesk.store.migrations import APPLICATION_ID

BACKUP_DIR_NAME = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^goaldesk-(\d{8})-(\d{6})(?:-([a-z0-9][a-z0-9-]*))?\.sqlite3$")
_REASON = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore dialog shows it; ``ok`` is False for an unreadable copy."""

    path: Path
    taken_at: datetime
    goal_count: int | None
    ok: bool
    reason: str = ""


_PARTIAL_PREFIX = ".goaldesk-"
_PARTIAL_SUFFIX = ".partial"


def real_path(db_path: Path | str) -> Path:
    """The database file itself: symlinks followed, so backups and restores act on the real file."""
    return Path(db_path).expanduser().resolve()


def backup_dir(db_path: Path | str) -> Path:
    """This database's own backups folder, ``backups/<file name>/`` beside it (not created)."""
    live = real_path(db_path)
    return live.parent / BACKUP_DIR_NAME / live.name


def _ensure_dir(folder: Path) -> Path:
    """Create the folder (and ``backups/`` above it) owner-only; tighten them if wider."""
    for item in (folder.parent, folder):
        item.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix" and (item.stat().st_mode & 0o077):
            os.chmod(item, 0o700)
    return folder


def _parse_name(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return taken, match.group(3) or ""


def _new_name(folder: Path, taken_at: datetime, reason: str) -> Path:
    """A name that does not exist yet; a counter is appended when two backups share a second."""
    stem = f"goaldesk-{taken_at:%Y%m%d-%H%M%S}"
    suffix = f"-{reason}" if reason else ""
    candidate = folder / f"{stem}{suffix}.sqlite3"
    counter = 2
    while candidate.exists():
        extra = f"{suffix}-{counter}" if suffix else f"-{counter}"
        candidate = folder / f"{stem}{extra}.sqlite3"
        counter += 1
    return candidate


def _check_file(path: Path) -> tuple[bool, int | None]:
    """(passes quick_check and looks like GoalDesk, live goal count) without writing to the file."""
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
    except sqlite3.Error:
        return False, None
    try:
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) not in (0, APPLICATION_ID):
            return False, None
        result = conn.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            return False, None
        conn.execute("SELECT version FROM schema_version").fetchone()
        row = conn.execute("SELECT COUNT(*) FROM goal WHERE deleted_at IS NULL").fetchone()
        return True, int(row[0])
    except sqlite3.Error:
        return False, None
    finally:
        conn.close()


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup of ``source`` into ``target`` (a rollback-journal file), flushed to disk."""
    # A writable source is opened normally, so closing it tidies the -wal/-shm a read-only reader leaves.
    src = sqlite3.connect(sqlite_uri(source), uri=True) if is_read_only(source) else sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(target)


def create_backup(db_path: Path | str, reason: str = "", *, taken_at: datetime | None = None) -> Path:
    """Copy the live database into its backups folder with the online backup API; returns the new file.

    The copy is written under a unique temporary name and linked to its final name when complete, so
    a crash never leaves a half-written file that looks like a backup, and concurrent backups never
    share a file. Leftovers of killed runs are removed after an hour. Raises StoreError when the
    source cannot be read.
    """
    source = real_path(db_path)
    if reason and not _REASON.match(reason):
        raise ValueError(f"backup reason must be lowercase letters, digits and dashes: {reason!r}")
    if not source.is_file():
        raise StoreError(f"There is no database at {source} to back up.")
    try:
        folder = _ensure_dir(backup_dir(source))
        for stale_in in (folder, folder.parent):
            remove_stale(stale_in, _PARTIAL_PREFIX, _PARTIAL_SUFFIX)
        temp = private_temp(folder, _PARTIAL_PREFIX, _PARTIAL_SUFFIX)
    except OSError as exc:
        raise StoreError(f"Could not write a backup beside {source}: {exc.strerror or exc}.") from exc
    try:
        _copy_database(source, temp)
        stamp = taken_at or datetime.now()
        for _attempt in range(1000):
            final = _new_name(folder, stamp, reason)
            try:
                link_into_place(temp, final)
                break
            except FileExistsError:
                continue  # another process took this name in the same second; take the next one
        else:
            raise OSError("no free backup name")
        fsync_dir(folder)
    except sqlite3.Error as exc:
        raise StoreError(f"Could not back up {source}: {exc}.") from exc
    except OSError as exc:
        raise StoreError(f"Could not write a backup into {folder}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)
    return final


def _daily_backups(folder: Path) -> list[tuple[datetime, Path]]:
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = _parse_name(path)
            if parsed is not None and (parsed[1] == "" or re.fullmatch(r"\d+", parsed[1])):
                found.append((parsed[0], path))
    return sorted(found, key=lambda item: (item[0], item[1].name), reverse=True)


def rotate(db_path: Path | str) -> list[Path]:
    """Delete the daily backups the rule in the module docstring does not keep; returns them."""
    folder = backup_dir(db_path)
    daily = _daily_backups(folder)
    keep: set[Path] = set()
    days: set[date] = set()
    rest: list[tuple[datetime, Path]] = []
    for taken, path in daily:  # newest first
        day = taken.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(path)
        elif day not in days:
            rest.append((taken, path))
    weeks: set[tuple[int, int]] = set()
    for taken, path in rest:
        week = taken.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(path)
    removed = []
    for _, path in daily:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def daily_backup(db_path: Path | str, today: date | None = None) -> Path | None:
    """Take today's automatic backup unless one exists; then rotate. Call once at startup.

    Returns the new backup, or None when there was nothing to do (no database yet, already backed
    up today). A copy that fails SQLite's check is deleted and None returned, so a damaged database
    never pushes good backups out of the rotation.
    """
    source = Path(db_path).expanduser()
    if not source.is_file() or source.stat().st_size == 0:
        return None
    day = today or date.today()
    if any(taken.date() == day for taken, _ in _daily_backups(backup_dir(source))):
        return None
    taken_at = datetime.combine(day, datetime.now().time().replace(microsecond=0))
    path = create_backup(source, taken_at=taken_at)
    ok, _ = _check_file(path)
    if not ok:
        path.unlink(missing_ok=True)
        return None
    rotate(source)
    return path


def backup_before_migration(db_path: Path, old_version: int) -> None:
    """``open_database(before_migrate=...)`` hook: keep the file as it was before upgrading."""
    create_backup(db_path, f"before-migration-v{int(old_version)}")


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """Every backup beside the database, newest first, each checked read-only."""
    folder = backup_dir(db_path)
    infos = []
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = _parse_name(path)
            if parsed is None or not path.is_file():
                continue
            ok, count = _check_file(path)
            infos.append(BackupInfo(path=path, taken_at=parsed[0], goal_count=count, ok=ok, reason=parsed[1]))
    return sorted(infos, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup that passes the integrity check (a before-restore copy counts too)."""
    return next((info for info in list_backups(db_path) if info.ok), None)


def _copy_current(live: Path, folder: Path, stamp: datetime) -> Path:
    """Keep the file being replaced: a proper backup if readable, else its raw bytes (and journals)."""
    ok, _ = _check_file(live)
    if ok:
        return create_backup(live, "before-restore", taken_at=stamp)
    while True:
        target = _new_name(folder, stamp, "before-restore")
        try:
            create_private(target)
            break
        except FileExistsError:
            continue
    shutil.copyfile(live, target)
    for suffix in ("-wal", "-journal"):
        side = live.with_name(live.name + suffix)
        if side.is_file():
            side_copy = target.with_name(target.name + suffix)
            create_private(side_copy)
            shutil.copyfile(side, side_copy)
    fsync_file(target)
    return target


def _restore_in_place(source: Path, live: Path) -> None:
    """SQLite's backup API from the backup into the open live database: one atomic transaction.

    SQLite's own journal makes the switch crash-safe (the file holds the old or the restored data,
    never a mix), the WAL stays consistent, and a symlinked path is followed by SQLite itself.
    """
    src = sqlite3.connect(sqlite_uri(source), uri=True)
    try:
        dst = sqlite3.connect(str(live), timeout=5.0)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()


def _checkpoint_if_possible(live: Path) -> None:
    """Move a -wal file's committed pages into the database file, when SQLite can read it."""
    if not live.with_name(live.name + "-wal").is_file():
        return
    try:
        conn = sqlite3.connect(str(live), timeout=5.0)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # damaged: its -wal was already copied aside with the before-restore copy


def _restore_by_rename(source: Path, live: Path) -> None:
    """For a missing or unreadable live file: write a complete copy (no -wal) and rename it over.

    The old file's -wal / -journal would be replayed onto the renamed-in copy, so they go first; their
    bytes were already kept with the before-restore copy. The rename itself is atomic.
    """
    folder = live.parent
    prefix = f".{live.name}."
    remove_stale(folder, prefix, ".restoring")
    temp = private_temp(folder, prefix, ".restoring")
    try:
        _copy_database(source, temp)
        _checkpoint_if_possible(live)  # a readable file's -wal is emptied into it before it goes
        for suffix in ("-wal", "-journal"):
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        os.replace(temp, live)
        fsync_dir(folder)
        live.with_name(live.name + "-shm").unlink(missing_ok=True)
    finally:
        temp.unlink(missing_ok=True)


def restore_backup(db_path: Path | str, backup_path: Path | str) -> Path:
    """Replace the live database with a backup; returns the copy kept of the file it replaced.

    The current file (even a damaged one) is kept in the backups folder as
    ``...-before-restore.sqlite3``. A readable live database is then overwritten through SQLite's
    backup API inside one transaction, so at every instant the path holds the old or the restored
    data; a missing or unreadable one is replaced by an atomic rename. Symlinks are followed, so the
    real file is restored. Raises StoreError if the backup itself fails the integrity check.
    """
    live = real_path(db_path)
    source = Path(backup_path).expanduser()
    ok, _ = _check_file(source)
    if not ok:
        raise StoreError(f"The backup {source.name} is damaged or unreadable; choose another one.")
    kept = live
    try:
        folder = _ensure_dir(backup_dir(live))
        if live.exists():
            kept = _copy_current(live, folder, datetime.now())
        readable, _ = _check_file(live) if live.exists() else (False, None)
        if readable:
            try:
                _restore_in_place(source, live)
                return kept
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise
                # e.g. a page-size change a WAL database cannot take: fall back to the rename
        _restore_by_rename(source, live)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Could not restore {source.name}: {exc}. The current file was kept as {kept.name}.") from exc
    return kept
