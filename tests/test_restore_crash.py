"""Restore and backup under real SIGKILLs, symlinks and concurrency (issue 14, point 9).

A kill is delivered by strace's fault injection at a chosen system call (the rename/link that
publishes a file, or the Nth write into the database), so the process dies exactly there, as in a
power cut or an OOM kill. After every kill the database path must hold either the old data or the
restored data, never neither, and the file must pass SQLite's integrity check.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from goaldesk.domain.model import GoalDraft
from goaldesk.store.backup import backup_dir, create_backup, list_backups, restore_backup
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed (CI installs it in .ci/run)")
OLD = {f"old {n}" for n in range(40)}
NEW = {f"new {n}" for n in range(40)}


def titles(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return {str(r[0]) for r in conn.execute("SELECT title FROM goal WHERE deleted_at IS NULL")}
    finally:
        conn.close()


def build(folder: Path) -> tuple[Path, Path]:
    """A live database holding OLD and NEW goals, and a backup holding OLD only."""
    folder.mkdir(parents=True)
    live = folder / "goals.sqlite3"
    store = Store(open_database(live))
    service = Services(store)
    cat = service.categories.categories()[1].id
    for title in sorted(OLD):
        service.goals.create_goal(GoalDraft(title=title, category_id=cat))
    backup = create_backup(live, "manual", taken_at=datetime(2026, 1, 1, 9, 0))
    for title in sorted(NEW):
        service.goals.create_goal(GoalDraft(title=title, category_id=cat))
    store.close()
    return live, backup


def killed_at(syscall: str, when: int, *args: str) -> int:
    """Run ``goaldesk ARGS`` and SIGKILL it on the ``when``-th call of ``syscall``; the exit status."""
    assert STRACE is not None
    result = subprocess.run(
        [STRACE, "-f", "-o", os.devnull, "-e", f"trace={syscall}", "-e", f"inject={syscall}:signal=KILL:when={when}",
         sys.executable, "-m", "goaldesk", *args],
        capture_output=True, text=True, timeout=120,
    )
    if "ptrace" in result.stderr and "Operation not permitted" in result.stderr:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    return result.returncode


def was_killed(status: int) -> bool:
    return status in (-signal.SIGKILL, 128 + signal.SIGKILL)


def hold_open_with_wal(live: Path) -> sqlite3.Connection:
    """Another process's view (the app left open): some NEW goals live only in the -wal file."""
    holder = sqlite3.connect(live)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    holder.execute("UPDATE goal SET deleted_at = '2026-01-01 00:00:00' WHERE title LIKE 'new %'")
    holder.commit()
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    holder.execute("UPDATE goal SET deleted_at = NULL WHERE title LIKE 'new %'")  # only in the -wal
    holder.commit()
    return holder


@needs_strace
@pytest.mark.parametrize(
    ("syscall", "when"),
    [("rename", 1), ("rename", 2), ("link", 1), ("pwrite64", 1), ("pwrite64", 40), ("pwrite64", 90),
     ("pwrite64", 130), ("pwrite64", 145), ("pwrite64", 160), ("fdatasync", 3), ("fdatasync", 8),
     ("fdatasync", 12)],
)
def test_restore_killed_anywhere_leaves_old_or_restored_data(tmp_path: Path, syscall: str, when: int) -> None:
    live, backup = build(tmp_path / "data")
    holder = hold_open_with_wal(live)
    try:
        assert live.with_name(live.name + "-wal").stat().st_size > 0
        status = killed_at(syscall, when, "--db", str(live), "backup", "--restore", str(backup))
        found = titles(live)
        assert found in (OLD | NEW, OLD), f"after a kill at {syscall} #{when}: {len(found)} goals"
        if was_killed(status):
            restore_backup(live, backup)  # and a second attempt completes
            assert titles(live) == OLD
        else:  # fewer calls than ``when``: the restore simply finished
            assert status == 0 and found == OLD
    finally:
        holder.close()
    assert titles(live) == OLD


@needs_strace
def test_restore_of_a_damaged_file_killed_at_the_rename(tmp_path: Path) -> None:
    live, backup = build(tmp_path / "data")
    damaged = b"SQLite format 3\x00" + b"\x13" * 8000
    live.write_bytes(damaged)
    wal = live.with_name(live.name + "-wal")
    status = killed_at("rename", 1, "--db", str(live), "backup", "--restore", str(backup))
    assert was_killed(status)
    assert live.read_bytes() == damaged  # the old file, whole
    assert not wal.exists()
    assert any(p.read_bytes() == damaged for p in backup_dir(live).iterdir() if "before-restore" in p.name)
    restore_backup(live, backup)
    assert titles(live) == OLD
    leftovers = [p.name for p in live.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [] or all(p.endswith(".restoring") for p in leftovers)


@needs_strace
def test_backup_killed_at_publication_leaves_no_false_backup_and_is_cleaned_up(tmp_path: Path) -> None:
    live, _ = build(tmp_path / "data")
    status = killed_at("link", 1, "--db", str(live), "backup")
    assert was_killed(status)
    assert [b.reason for b in list_backups(live)] == ["manual"]  # nothing half-made looks like a backup
    partials = [p for p in backup_dir(live).iterdir() if p.name.endswith(".partial")]
    assert len(partials) == 1
    old = time.time() - 2 * 3600
    os.utime(partials[0], (old, old))
    create_backup(live, "manual")
    assert not partials[0].exists()
    assert sorted(b.reason for b in list_backups(live)) == ["manual", "manual"]
    assert titles(live) == OLD | NEW


def test_restore_through_a_symlink_restores_the_real_file(tmp_path: Path) -> None:
    live, backup = build(tmp_path / "real")
    link = tmp_path / "goals-link.sqlite3"
    link.symlink_to(live)
    restore_backup(link, backup)
    assert link.is_symlink() and link.resolve() == live
    assert titles(live) == OLD
    # the same for a damaged target, which is replaced by a rename
    live.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    restore_backup(link, backup)
    assert link.is_symlink() and titles(live) == OLD


CONCURRENT = """
import sys
from datetime import datetime
from goaldesk.store.backup import create_backup
sys.stdin.readline()
print(create_backup(sys.argv[1], "manual", taken_at=datetime(2026, 5, 5, 5, 5, 5)))
"""


def test_four_backups_in_the_same_second_all_succeed(tmp_path: Path) -> None:
    live, _ = build(tmp_path / "data")
    made: list[str] = []
    for _round in range(5):
        children = [
            subprocess.Popen([sys.executable, "-c", CONCURRENT, str(live)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        time.sleep(0.5)
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err[-1500:]
            made.append(out.strip())
    assert len(set(made)) == 20
    infos = [b for b in list_backups(live) if b.taken_at == datetime(2026, 5, 5, 5, 5, 5)]
    assert len(infos) == 20 and all(b.ok and b.goal_count == 80 for b in infos)
    assert not [p for p in backup_dir(live).iterdir() if p.name.endswith(".partial")]
