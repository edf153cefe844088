"""Benchmark JSON export and import on a large database: 10,000 goals and 100,000 check-ins.

Targets: export < 3 s, import into a fresh database < 6 s. Run: ``python bench/bench_transfer.py``.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.store.transfer import export_json, import_json

GOALS = 10_000
CHECKINS = 100_000
ROUNDS = 3


def build(path: Path) -> Store:
    """Bulk-insert the rows with plain SQL in one transaction (the service is too slow for this)."""
    store = Store(open_database(path))
    service = Services(store)
    categories = [c.id for c in service.categories.categories() if c.parent_id is not None]
    rng = random.Random(7)
    now = datetime(2024, 6, 1, 12, 0)
    start = date(2024, 1, 1)
    goals = []
    for i in range(GOALS):
        horizon = "short" if i % 3 else "long"
        goals.append(
            (str(uuid.UUID(int=rng.getrandbits(128), version=4)), f"Goal {i} ✓", "Some description",
             rng.choice(categories), horizon, i, "active", start.isoformat(), None, "reports", "", 0.0, 100.0,
             "cumulative", "", 0, "", str(now), str(now))
        )
    with store.db.atomic():
        store.db.cursor().executemany(
            "INSERT INTO goal (uuid, title, description, category_id, horizon, position, status, start_date, "
            "deadline, metric_name, unit, baseline, target, metric_kind, why, archived, smart_overrides, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            goals,
        )
        store.db.execute_sql(
            "UPDATE goal SET position = r.rn FROM (SELECT id, ROW_NUMBER() OVER "
            "(PARTITION BY horizon ORDER BY id) - 1 AS rn FROM goal) AS r WHERE goal.id = r.id"
        )
        ids = [int(r[0]) for r in store.db.execute_sql("SELECT id FROM goal").fetchall()]
        store.db.cursor().executemany(
            "INSERT INTO checkin (goal_id, on_date, value, note, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (ids[n % GOALS], (start + timedelta(days=n % 150)).isoformat(), float(n % 97), "note 📈",
                 str(now + timedelta(seconds=n)))
                for n in range(CHECKINS)
            ],
        )
    return store


def timed(action: object) -> float:
    begin = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - begin


def main() -> None:
    """Build the database, then time export and import (median of three) and print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        begin = time.perf_counter()
        store = build(root / "big" / "goaldesk.sqlite3")
        print(f"built {GOALS:,} goals and {CHECKINS:,} check-ins in {time.perf_counter() - begin:.2f} s")
        export_path = root / "export.json"
        exports = [timed(lambda: export_json(store, export_path)) for _ in range(ROUNDS)]
        store.close()
        size = export_path.stat().st_size / 1e6
        imports = []
        for n in range(ROUNDS):
            target = Store(open_database(root / f"fresh{n}" / "goaldesk.sqlite3"))
            Services(target)
            imports.append(timed(lambda target=target: import_json(target, export_path)))  # type: ignore[misc]
            target.close()
        export_s, import_s = statistics.median(exports), statistics.median(imports)
        print(f"export: median {export_s:.2f} s of {ROUNDS} ({size:.1f} MB)  target < 3 s  "
              f"{'OK' if export_s < 3 else 'SLOW'}")
        print(f"import: median {import_s:.2f} s of {ROUNDS}  target < 6 s  {'OK' if import_s < 6 else 'SLOW'}")


if __name__ == "__main__":
    main()
