"""Backups: once a day, rotation 7 daily + 4 weekly, listing, migration hook, and a safe restore."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from goaldesk.cli import main as cli_main
from goaldesk.domain.model import GoalDraft
from goaldesk.store import migrations
from goaldesk.store.backup import (
    backup_before_migration,
    backup_dir,
    create_backup,
    daily_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
    rotate,
)
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import StoreError
from goaldesk.store.services import Services


def add_goals(service: Services, count: int) -> None:
    cat = service.categories.categories()[1].id
    for i in range(count):
        service.goals.create_goal(GoalDraft(title=f"Goal {i}", category_id=cat))


def goal_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM goal").fetchone()[0])
    finally:
        conn.close()


def test_backup_of_an_open_database_is_complete(service: Services, db_path: Path) -> None:
    add_goals(service, 3)  # still open, data partly in the WAL
    made = create_backup(db_path)
    assert made.parent == backup_dir(db_path)
    assert made.name.startswith("goaldesk-") and made.name.endswith(".sqlite3")
    assert goal_count(made) == 3
    assert not made.with_name(made.name + "-wal").exists()  # a self-contained single file
    [info] = list_backups(db_path)
    assert info.ok and info.goal_count == 3 and info.path == made


def test_daily_backup_runs_once_a_day(service: Services, db_path: Path) -> None:
    day = date(2024, 3, 4)
    first = daily_backup(db_path, today=day)
    assert first is not None and "20240304" in first.name
    assert daily_backup(db_path, today=day) is None
    assert daily_backup(db_path, today=day + timedelta(days=1)) is not None
    assert len(list_backups(db_path)) == 2


def test_daily_backup_without_database(tmp_path: Path) -> None:
    assert daily_backup(tmp_path / "none.sqlite3") is None


def test_rotation_keeps_seven_days_and_four_weeks(service: Services, db_path: Path) -> None:
    start = date(2024, 1, 1)  # a Monday
    for offset in range(60):
        daily_backup(db_path, today=start + timedelta(days=offset))
    manual = create_backup(db_path, "manual", taken_at=datetime(2023, 1, 1))
    kept = sorted(b.taken_at.date() for b in list_backups(db_path) if b.reason == "")
    last = start + timedelta(days=59)
    daily = [last - timedelta(days=i) for i in range(7)]
    older = [d for d in kept if d not in daily]
    assert set(daily) <= set(kept)
    assert len(older) == 4
    weeks = [d.isocalendar()[:2] for d in older]
    assert len(set(weeks)) == 4  # one per week: the newest of each
    assert all(d.isoweekday() == 7 or d == max(older) for d in older)
    assert manual.exists()  # backups with a reason are never rotated away
    assert rotate(db_path) == []


def test_before_migration_hook(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = SqliteDatabase(str(path))
    db.connect()
    migrations.create_v1(db)
    db.close()
    store = Store(open_database(path, before_migrate=backup_before_migration))
    store.close()
    [info] = list_backups(path)
    assert info.reason == "before-migration-v1" and info.ok
    conn = sqlite3.connect(info.path)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    conn.close()


def test_restore_replaces_live_file_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "data" / "goaldesk.sqlite3"
    store = Store(open_database(path))
    service = Services(store)
    add_goals(service, 2)
    good = create_backup(path, taken_at=datetime(2024, 1, 1, 8))
    add_goals(service, 3)
    store.close()
    path.with_name(path.name + "-wal").write_bytes(b"stale")  # must not be replayed into the restore
    path.with_name(path.name + "-shm").write_bytes(b"stale")
    kept = restore_backup(path, good)
    assert "before-restore" in kept.name and goal_count(kept) == 5
    assert not path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-shm").exists()
    store = Store(open_database(path))
    assert Services(store).goals.goal_count() == 2
    store.close()
    assert not list(path.parent.glob(".*partial"))


def test_restore_of_damaged_file_keeps_its_bytes(service: Services, db_path: Path) -> None:
    add_goals(service, 1)
    good = create_backup(db_path)
    service.store.close()
    junk = b"SQLite format 3\x00" + bytes(range(256)) * 20
    db_path.write_bytes(junk)
    kept = restore_backup(db_path, good)
    assert kept.read_bytes() == junk
    assert goal_count(db_path) == 1


def test_refuses_a_damaged_backup(service: Services, db_path: Path, tmp_path: Path) -> None:
    bad = backup_dir(db_path) / "goaldesk-20240101-000000.sqlite3"
    bad.parent.mkdir(mode=0o700, parents=True)
    bad.write_bytes(b"not a database at all")
    good = create_backup(db_path, taken_at=datetime(2023, 12, 1))
    infos = list_backups(db_path)
    assert [i.ok for i in infos] == [False, True]
    newest = newest_good_backup(db_path)
    assert newest is not None and newest.path == good
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="damaged or unreadable"):
        restore_backup(db_path, bad)
    assert db_path.read_bytes() == before


def test_cli_backup(service: Services, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_goals(service, 2)
    service.store.close()
    assert cli_main(["backup", "--db", str(db_path)]) == 0
    assert "Backed up to" in capsys.readouterr().out
    assert cli_main(["backup", "--db", str(db_path), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "2 goals" in listing and "ok" in listing
    assert cli_main(["backup", "--db", str(db_path), "--restore", "newest"]) == 0
    assert "Restored" in capsys.readouterr().out
    assert cli_main(["backup", "--db", str(db_path), "--restore", str(db_path.parent / "nope")]) == 2
