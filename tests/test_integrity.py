"""A damaged database is refused with a clear message, left byte-identical, and can be restored."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from goaldesk.domain.model import GoalDraft
from goaldesk.store.backup import create_backup, newest_good_backup, restore_backup
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import DamagedDatabase
from goaldesk.store.services import Services

GOALS = 40


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    """A closed, checkpointed database with enough rows to fill many table b-tree pages."""
    path = tmp_path / "data" / "goaldesk.sqlite3"
    store = Store(open_database(path))
    service = Services(store)
    cat = service.categories.categories()[1].id
    for i in range(GOALS):
        goal = service.goals.create_goal(GoalDraft(title=f"Goal {i}", category_id=cat, description="d" * 300))
        for day in range(1, 6):
            service.progress.add_checkin(goal.id, date(2024, 1, day), day, "note " * 40)
    create_backup(path)
    store.close()
    assert not path.with_name(path.name + "-wal").exists()
    return path


def leaf_pages(path: Path) -> tuple[list[int], int]:
    """Page numbers (1-based) of table b-tree leaf pages, which hold the rows, and the page size."""
    conn = sqlite3.connect(path)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    data = path.read_bytes()
    pages = [n + 1 for n in range(1, len(data) // page_size) if data[n * page_size] == 0x0D]
    return pages, page_size


def damage(path: Path, how: str) -> None:
    pages, page_size = leaf_pages(path)
    assert len(pages) > 10
    data = bytearray(path.read_bytes())
    for page in pages[len(pages) // 3 :: max(1, len(pages) // 4)]:
        start = (page - 1) * page_size
        if how == "page-type":
            data[start] = 0x07  # not a valid b-tree page type
        elif how == "cell-pointers":
            data[start + 8 : start + 16] = b"\xff\xf0" * 4  # cells pointing past the page end
        elif how == "cell-count":
            data[start + 3 : start + 5] = b"\x7f\xff"  # far more cells than the page can hold
        elif how == "middle":
            middle = start + page_size // 2
            data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
            data[start + 8 : start + 10] = (page_size + 3).to_bytes(2, "big")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["page-type", "cell-pointers", "cell-count", "middle"])
def test_damaged_file_is_refused_and_untouched(populated: Path, how: str) -> None:
    damaged = populated.with_name("copy.sqlite3")
    shutil.copyfile(populated, damaged)
    damage(damaged, how)
    digest = sha256(damaged)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(damaged)
    message = caught.value.message
    assert "damaged" in message and "untouched" in message and "restore a backup" in message
    assert sha256(damaged) == digest


def test_restore_newest_good_backup_after_damage(populated: Path) -> None:
    damage(populated, "page-type")
    digest = sha256(populated)
    with pytest.raises(DamagedDatabase):
        open_database(populated)
    newest = newest_good_backup(populated)
    assert newest is not None and newest.goal_count == GOALS
    kept = restore_backup(populated, newest.path)
    assert sha256(kept) == digest  # the damaged file was kept, byte for byte
    store = Store(open_database(populated))
    try:
        service = Services(store)
        assert service.goals.goal_count() == GOALS
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
