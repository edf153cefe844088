"""Killing the app mid-write (SIGKILL) never loses a committed check-in nor damages the file.

A child process adds check-ins one transaction each and reports every committed id; the parent kills
it at random moments. Everything reported must be there afterwards and integrity_check must pass.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")

CHILD = """
import sys
from datetime import date
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

service = Services(Store(open_database(sys.argv[1])))
goal_id = int(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    n += 1
    checkin = service.progress.add_checkin(goal_id, date.today(), n, "x" * (n % 500))
    print(checkin.id, flush=True)
"""

ROUNDS = 20


def test_sigkill_never_loses_committed_checkins(db_path: Path) -> None:
    store = Store(open_database(db_path))
    service = Services(store)
    goal = service.goals.create_goal(GoalDraft(title="Crash test", category_id=service.categories.categories()[1].id))
    store.close()
    rng = random.Random(1234)
    reported: set[int] = set()
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path), str(goal.id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        for line in out.splitlines():
            if line.strip().isdigit():
                reported.add(int(line))
    assert len(reported) > ROUNDS  # the child did get work done between kills
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {int(r[0]) for r in conn.execute("SELECT id FROM checkin")}
    finally:
        conn.close()
    assert reported <= present
    store = Store(open_database(db_path))  # and the app opens it normally
    store.close()
