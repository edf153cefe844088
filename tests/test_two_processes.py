"""Two GoalDesk processes on one file, and writes the disk refuses.

The rule: two processes may use the same database at once. WAL lets readers and one writer work
side by side and ``busy_timeout=5000`` makes a writer wait for the other's transaction instead of
failing, so every write lands and the file stays sound. (For a transaction that reads before it
writes, that wait only happens because Store.writing opens its transactions with BEGIN IMMEDIATE.)
When the disk refuses a write (read-only, full), Store.writing raises WriteFailed with a plain
message and the transaction is rolled back.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import ReadOnlyDatabase, WriteFailed
from goaldesk.store.models import CheckInRow, GoalRow
from goaldesk.store.services import Services

WRITER = """
import sys
from datetime import date
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

service = Services(Store(open_database(sys.argv[1])))
goal_id, tag, count, with_goals = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
sys.stdin.readline()  # start together
for n in range(count):
    service.progress.add_checkin(goal_id, date.today(), n, f"{tag}-{n}")
    if with_goals and n % 10 == 0:
        service.goals.create_goal(GoalDraft(title=f"{tag} goal {n}", category_id=service.categories.categories()[1].id))
print("done", flush=True)
"""

COUNT = 150


def run_writers(db_path: Path, with_goals: bool) -> None:
    store = Store(open_database(db_path))
    service = Services(store)
    goal = service.goals.create_goal(GoalDraft(title="Shared", category_id=service.categories.categories()[1].id))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(goal.id), tag, str(COUNT), str(int(with_goals))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("A", "B")
    ]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    # This process keeps writing too, while the two children do.
    for n in range(30):
        service.progress.add_checkin(goal.id, date.today(), n, f"P-{n}")
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    notes = {c.note for c in service.progress.checkins(goal.id)}
    for tag, count in (("A", COUNT), ("B", COUNT), ("P", 30)):
        assert {f"{tag}-{n}" for n in range(count)} <= notes
    assert service.goals.goal_count() == 1 + (2 * (COUNT // 10) if with_goals else 0)
    assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_two_processes_add_checkins_concurrently(db_path: Path) -> None:
    run_writers(db_path, with_goals=False)


def test_two_processes_create_goals_concurrently(db_path: Path) -> None:
    run_writers(db_path, with_goals=True)


def _counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            int(conn.execute("SELECT COUNT(*) FROM goal").fetchone()[0]),
            int(conn.execute("SELECT COUNT(*) FROM checkin").fetchone()[0]),
        )
    finally:
        conn.close()


def test_read_only_database_raises_write_failed(db_path: Path) -> None:
    """Root ignores chmod, so the read-only case is made with SQLite's own read-only mode."""
    store = Store(open_database(db_path))
    service = Services(store)
    goal = service.goals.create_goal(GoalDraft(title="Kept", category_id=service.categories.categories()[1].id))
    store.close()
    before = _counts(db_path)
    ro = Store(SqliteDatabase(f"file:{db_path}?mode=ro", uri=True))
    try:
        with pytest.raises(WriteFailed) as caught, ro.writing([]):
            CheckInRow.create(goal=goal.id, on=date.today(), value=1, note="", created_at=ro.now())
        assert "read-only" in caught.value.message and "not saved" in caught.value.message
    finally:
        ro.close()
    assert _counts(db_path) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_is_refused_as_read_only(db_path: Path) -> None:
    """Refused when opened, with the reason, rather than failing on the first save (mode bits count for root too)."""
    store = Store(open_database(db_path))
    Services(store)
    store.close()
    os.chmod(db_path, 0o400)
    os.chmod(db_path.parent, 0o500)
    try:
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            open_database(db_path)
    finally:
        os.chmod(db_path.parent, 0o700)
        os.chmod(db_path, 0o600)


def test_full_disk_rolls_back_the_whole_write(store: Store, service: Services) -> None:
    """A full disk is simulated by capping the file's size with PRAGMA max_page_count."""
    goal = service.goals.create_goal(GoalDraft(title="Before", category_id=service.categories.categories()[1].id))
    before = _counts(store.path)
    pages = store.db.execute_sql("PRAGMA page_count").fetchone()[0]
    store.db.execute_sql(f"PRAGMA max_page_count = {int(pages) + 1}")
    with pytest.raises(WriteFailed), store.writing([]):
        GoalRow.update(title="half-written").where(GoalRow.id == goal.id).execute()
        for n in range(200):
            CheckInRow.create(goal=goal.id, on=date.today(), value=n, note="x" * 4000, created_at=store.now())
    assert _counts(store.path) == before
    assert service.goals.get_goal(goal.id).title == "Before"
    service.progress.add_checkin(goal.id, date.today(), 1)  # the store is still usable afterwards


def test_full_disk_message_is_clear(store: Store, service: Services) -> None:
    goal = service.goals.create_goal(GoalDraft(title="Before", category_id=service.categories.categories()[1].id))
    pages = store.db.execute_sql("PRAGMA page_count").fetchone()[0]
    store.db.execute_sql(f"PRAGMA max_page_count = {int(pages) + 1}")
    with pytest.raises(WriteFailed) as caught, store.writing([]):
        for n in range(200):
            CheckInRow.create(goal=goal.id, on=date.today(), value=n, note="x" * 4000, created_at=store.now())
    assert "disk is full" in caught.value.message
