"""Board move latency on 10,000 goals: from a drop (dropMimeData) to the commit being announced.

Prints two medians of 20 moves: "committed" (our slot on the notifier, connected before the board's
models, so it fires right after the commit) and "board updated" (dropMimeData returned: both columns
have applied the change). Target: committed < 15 ms. Figures are printed, not asserted.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_board.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication

from goaldesk.domain.enums import Horizon
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_view import BoardView
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.mime import encode_ids
from goaldesk.ui.shell.context import AppContext

GOALS = 10_000
MOVES = 20
TARGET_MS = 15.0


def bulk_insert(ctx: AppContext, count: int) -> None:
    """Half short-term, half long-term, inserted with one executemany (the services would take minutes)."""
    cat = ctx.categories.category_by_key("skill-development")
    assert cat is not None
    now = datetime(2025, 3, 10, 12, 0).isoformat(sep=" ")
    rows = []
    for i in range(count):
        horizon = Horizon.SHORT if i % 2 == 0 else Horizon.LONG
        rows.append(
            (str(uuid.uuid4()), f"Goal {i:05d}", cat.id, horizon.value, i // 2, "active", "2025-03-01",
             "2025-09-01", 10.0, "cumulative", "", 0, "", now, now)
        )
    with ctx.store.db.atomic():
        ctx.store.db.cursor().executemany(
            "INSERT INTO goal (uuid, title, category_id, horizon, position, status, start_date, deadline, "
            "target, metric_kind, why, archived, smart_overrides, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="goaldesk-bench-"))
    store = Store(open_database(folder / "bench.sqlite3"), today=lambda: date(2025, 3, 10))
    ctx = AppContext(store, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    bulk_insert(ctx, GOALS)

    committed_at: list[float] = []
    ctx.notifier.changed.connect(lambda _changes: committed_at.append(time.perf_counter()))

    t0 = time.perf_counter()
    filters = FilterState()
    board = BoardView(ctx, filters)
    board.resize(1000, 700)
    board.show()
    app.processEvents()
    build_ms = (time.perf_counter() - t0) * 1000

    short, long_ = board.models[Horizon.SHORT], board.models[Horizon.LONG]
    to_commit: list[float] = []
    to_board: list[float] = []
    for i in range(MOVES):
        source, target = (short, long_) if i % 2 == 0 else (long_, short)
        gid = source.goal_ids()[(i * 397) % source.rowCount()]
        row = (i * 911) % (target.rowCount() + 1)
        committed_at.clear()
        start = time.perf_counter()
        target.dropMimeData(encode_ids([gid]), Qt.DropAction.MoveAction, row, 0, QModelIndex())
        end = time.perf_counter()
        assert committed_at, "the move was not committed"
        to_commit.append((committed_at[0] - start) * 1000)
        to_board.append((end - start) * 1000)
        app.processEvents()
    assert short.rowCount() + long_.rowCount() == GOALS

    # The same kind of move through the service alone, no board listening: what the SQL costs.
    board.close()
    for model in (short, long_, board.achieved_model):
        ctx.notifier.changed.disconnect(model._on_changed)
    service_only: list[float] = []
    for i in range(MOVES):
        horizon = Horizon.LONG if i % 2 == 0 else Horizon.SHORT
        column = ctx.board.column_ids(horizon.other())
        gid = column[(i * 397) % len(column)]
        target_ids = ctx.board.column_ids(horizon)
        before = target_ids[(i * 911) % len(target_ids)]
        start = time.perf_counter()
        ctx.board.move_goals([gid], horizon, before)
        service_only.append((time.perf_counter() - start) * 1000)

    commit = statistics.median(to_commit)
    print(f"board of {GOALS:,} goals built and shown in {build_ms:.0f} ms")
    print(
        f"move, drop -> committed: median {commit:.1f} ms over {MOVES} moves "
        f"(target < {TARGET_MS:.0f} ms: {'met' if commit < TARGET_MS else 'MISSED'})"
    )
    print(f"move, drop -> both columns updated: median {statistics.median(to_board):.1f} ms")
    print(f"BoardService.move_goals alone (dense positions renumbered in SQL): "
          f"median {statistics.median(service_only):.1f} ms")
    board.deleteLater()
    del board, short, long_
    app.processEvents()
    ctx.close()


if __name__ == "__main__":
    main()
