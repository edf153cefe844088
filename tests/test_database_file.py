"""Opening files: refusals leave them byte-for-byte untouched; old versions migrate with data intact."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from goaldesk.store import migrations
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import NewerSchema, NotADatabase
from goaldesk.store.services import Services


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my shopping list\n" * 100)
    before = digest(path)
    with pytest.raises(NotADatabase, match="not an SQLite file"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatabase, match="not a GoalDesk one"):
        open_database(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    store = Store(open_database(path))
    store.db.execute_sql("UPDATE schema_version SET version = ?", (migrations.CURRENT_VERSION + 5,))
    store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = digest(path)
    with pytest.raises(NewerSchema, match="newer GoalDesk"):
        open_database(path)
    assert digest(path) == before


def test_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    """A 0-byte file might be someone's truncated data: GoalDesk creates databases only where no file is."""
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with pytest.raises(NotADatabase, match="empty file"):
        open_database(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite3"]


def build_version_1(path: Path) -> None:
    """A database exactly as GoalDesk 0.1 schema version 1 wrote it, with data."""
    conn = sqlite3.connect(path)
    conn.executescript(migrations.SCHEMA_V1)
    conn.execute(
        "INSERT INTO category (id, name, key, builtin, position) VALUES (1, 'Professional', 'professional', 1, 0)"
    )
    conn.execute(
        "INSERT INTO category (id, parent_id, name, key, builtin, position) "
        "VALUES (2, 1, 'Educational', 'educational', 1, 0)"
    )
    conn.execute(
        "INSERT INTO goal (id, title, description, category_id, horizon, position, status, start_date, deadline, "
        "metric_name, unit, baseline, target, created_at, updated_at) VALUES "
        "(1, 'Earn PMP', 'six months', 2, 'long', 0, 'active', '2026-01-01', '2026-07-01', 'exam', 'exam', 0, 1, "
        "'2026-01-01 10:00:00', '2026-01-02 10:00:00')"
    )
    conn.execute("INSERT INTO checkin (goal_id, on_date, value, note, created_at) VALUES "
                 "(1, '2026-02-01', 0.5, 'half way', '2026-02-01 09:00:00')")
    conn.execute("INSERT INTO milestone (goal_id, title, position, done_on) VALUES (1, 'Book exam', 0, '2026-03-01')")
    conn.commit()
    conn.close()


def test_version_1_file_upgrades_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    build_version_1(path)
    calls: list[int] = []
    store = Store(open_database(path, before_migrate=lambda p, v: calls.append(v)))
    assert calls == [1]  # one backup hook call, before the first step
    assert migrations.read_version(store.db) == migrations.CURRENT_VERSION
    service = Services(store)
    goal = service.goals.get_goal(1)
    assert (goal.title, goal.description, goal.target, goal.deadline.isoformat()) == (
        "Earn PMP", "six months", 1.0, "2026-07-01")
    assert goal.uuid and len(goal.uuid) == 36
    assert goal.current == 0.5 and goal.milestones_done == 1
    assert [c.note for c in service.progress.checkins(1)] == ["half way"]
    assert [c.name for c in service.categories.categories()] == ["Professional", "Educational"]  # not re-seeded
    assert store.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    store.close()


def test_cli_refuses_non_database_with_exit_status(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 500)
    before = digest(path)
    result = subprocess.run(
        [sys.executable, "-m", "goaldesk", "list", "--db", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "not a GoalDesk database" in result.stderr
    assert digest(path) == before


def test_version_and_help() -> None:
    from goaldesk import __version__

    out = subprocess.run([sys.executable, "-m", "goaldesk", "--version"], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == f"GoalDesk {__version__}"
    out = subprocess.run([sys.executable, "-m", "goaldesk", "--help"], capture_output=True, text=True, timeout=60)
    assert "--db PATH" in out.stdout and "list" in out.stdout
