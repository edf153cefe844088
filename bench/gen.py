"""Generate a large GoalDesk database fast (bulk SQL in one transaction), for benchmarks."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from goaldesk.store.db import open_database
from goaldesk.store.migrations import read_version


def make_big_database(path: Path, goals: int = 10_000, checkins: int = 100_000, seed: int = 7) -> Path:
    """A migrated database with ``goals`` goals spread over the built-in types and ``checkins`` check-ins."""
    rng = random.Random(seed)
    db = open_database(path)
    assert read_version(db) >= 2
    from goaldesk.store.base import Store
    from goaldesk.store.services import Services

    service = Services(Store(db))
    leaf_ids = [c.id for c in service.categories.categories() if c.parent_id is not None]
    today = date.today()
    now = datetime.now()
    words = ["Learn", "Improve", "Finish", "Lead", "Save", "Attend", "Run", "Write", "Earn", "Mentor"]
    things = ["Excel", "reports", "PMP exam", "team project", "budget", "events", "5 km", "blog posts", "course"]
    with db.atomic():
        positions = {"short": 0, "long": 0}
        rows = []
        for i in range(goals):
            horizon = "short" if i % 3 else "long"
            start = today - timedelta(days=rng.randint(10, 200))
            rows.append((
                i + 1, str(uuid.UUID(int=rng.getrandbits(128))), f"{rng.choice(words)} {rng.choice(things)} #{i}",
                "generated goal for benchmarks", rng.choice(leaf_ids), horizon, positions[horizon],
                "active" if i % 7 else "achieved", start.isoformat(),
                (start + timedelta(days=rng.randint(30, 400))).isoformat(), "units", "units", 0.0, 100.0,
                "cumulative", "", 0, "", now, now,
            ))
            positions[horizon] += 1
        db.execute_sql("SELECT 1")
        db.cursor().executemany(
            "INSERT INTO goal (id, uuid, title, description, category_id, horizon, position, status, start_date, "
            "deadline, metric_name, unit, baseline, target, metric_kind, why, archived, smart_overrides, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        per_goal = max(1, checkins // max(1, goals))
        crow = []
        for n in range(checkins):
            goal_id = (n // per_goal) % goals + 1
            crow.append((goal_id, (today - timedelta(days=(n % per_goal) * 3)).isoformat(), float(n % 100), "", now))
        db.cursor().executemany(
            "INSERT INTO checkin (goal_id, on_date, value, note, created_at) VALUES (?,?,?,?,?)", crow
        )
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path
