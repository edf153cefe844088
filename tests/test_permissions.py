"""Owner-only files: the data folder (0700), the database, its -wal/-shm and backups (0600).

Exports are documents the user names, so they follow the umask, like charts.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from goaldesk.domain.model import GoalDraft
from goaldesk.store.backup import backup_dir, create_backup, daily_backup, restore_backup
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.store.transfer import export_json

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """A permissive umask, so the modes we see come from the code, not from the environment."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_database_and_its_side_files(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "nested" / "goaldesk.sqlite3"
    store = Store(open_database(path))
    service = Services(store)
    service.goals.create_goal(GoalDraft(title="Private", category_id=service.categories.categories()[1].id))
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    assert wal.exists() and shm.exists()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert mode(wal) == 0o600
    assert mode(shm) == 0o600
    store.close()


def test_backups_and_exports_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "goaldesk.sqlite3"
    store = Store(open_database(path))
    Services(store)
    daily = daily_backup(path)
    manual = create_backup(path, "manual")
    exported = export_json(store, tmp_path / "export.json")
    store.close()
    kept = restore_backup(path, manual)
    assert daily is not None
    assert mode(backup_dir(path)) == 0o700
    for item in (daily, manual, kept, path):
        assert mode(item) == 0o600, item
    assert mode(exported) == 0o644  # a document you named: your umask, like charts


def test_existing_wide_backup_folder_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "data" / "goaldesk.sqlite3"
    Store(open_database(path)).close()
    backup_dir(path).mkdir(mode=0o755, parents=True)
    os.chmod(backup_dir(path), 0o755)
    create_backup(path)
    assert mode(backup_dir(path)) == 0o700
