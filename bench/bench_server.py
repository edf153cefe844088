"""SQLite and PostgreSQL side by side, on the same data (10,000 goals, 100,000 check-ins).

The same generated database is copied to a throw-away PostgreSQL cluster on loopback
(tests/pg_cluster.py; ``goaldesk copy`` does the same), then each figure is taken on both:
- start-up: the real app, from process start to its first paint, on that database;
- list load: the goal model filled with every goal;
- search: one keystroke's re-filter over 10,000 goals (in memory: the engine should not matter);
- board move: a drop on the board until the commit is announced (target < 25 ms on the server).
Figures are printed, not asserted. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_server.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from run import median_ms  # noqa: E402 - beside this file, found through the path set above


def measure(target: str, settings: Path) -> dict[str, float]:
    from PySide6.QtCore import QModelIndex, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from goaldesk.domain.enums import Horizon
    from goaldesk.store.base import Store
    from goaldesk.store.db import open_database
    from goaldesk.ui.board.board_model import BoardColumnModel
    from goaldesk.ui.common.filters import FilterState
    from goaldesk.ui.common.mime import encode_ids
    from goaldesk.ui.goals.goal_model import GoalTableModel
    from goaldesk.ui.goals.goal_proxy import GoalFilterProxy
    from goaldesk.ui.shell.context import AppContext

    app = QApplication.instance() or QApplication([])
    figures: dict[str, float] = {}
    # The real app, from process start to its first paint (GOALDESK_EXIT_AFTER_PAINT), as `make bench`'s
    # start-up line measures it for a file.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOALDESK_EXIT_AFTER_PAINT="1",
               XDG_CONFIG_HOME=str(settings.parent / f"config-{settings.stem}"))
    run = [sys.executable, "-m", "goaldesk", "--db", target, "--new-instance"]

    def start() -> None:
        subprocess.run(run, check=True, timeout=120, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    start()  # the first start may take the daily backup and warms the OS caches
    figures["open"] = median_ms(start)

    ctx = AppContext(Store(open_database(target)), QSettings(str(settings), QSettings.Format.IniFormat))
    model = GoalTableModel(ctx)

    def fill() -> None:
        model.reload()
        model.load_all()

    figures["list"] = median_ms(fill)
    filters = FilterState()
    proxy = GoalFilterProxy(filters)
    proxy.setSourceModel(model)
    keys = []
    for text in ["e", "ex", "exc", "exce", "excel", ""]:
        start = time.perf_counter()
        filters.set_text(text)
        proxy.rowCount()
        keys.append((time.perf_counter() - start) * 1000)
    figures["search"] = statistics.median(keys)

    # Connected before the board's models, so it fires right after the commit (as in bench_board.py);
    # the columns then update after it.
    committed: list[float] = []
    ctx.notifier.changed.connect(lambda _c: committed.append(time.perf_counter()))
    board_filters = FilterState()
    short = BoardColumnModel(ctx, board_filters, Horizon.SHORT)
    long_ = BoardColumnModel(ctx, board_filters, Horizon.LONG)
    moves = []
    for i in range(20):
        source, dest = (short, long_) if i % 2 == 0 else (long_, short)
        gid = source.goal_ids()[(i * 397) % source.rowCount()]
        committed.clear()
        start = time.perf_counter()
        dest.dropMimeData(encode_ids([gid]), Qt.DropAction.MoveAction, (i * 911) % (dest.rowCount() + 1), 0,
                          QModelIndex())
        moves.append((committed[0] - start) * 1000)
        app.processEvents()
    figures["move"] = statistics.median(moves)
    ctx.close()
    return figures


def main() -> None:
    import pg_cluster
    from gen import make_big_database

    from goaldesk.store.base import Store
    from goaldesk.store.copy import copy_database
    from goaldesk.store.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.sqlite3"
        make_big_database(big)
        try:
            cluster = pg_cluster.start()
        except pg_cluster.ClusterUnavailable as exc:
            print(f"PostgreSQL side skipped: {exc}")
            return
        try:
            url = cluster.url(cluster.create_database())
            t0 = time.perf_counter()
            source, target = Store(open_database(big)), Store(open_database(url))
            copy_database(source, target)
            source.close()
            target.close()
            print(f"(copied 10,000 goals and 100,000 check-ins to PostgreSQL in {time.perf_counter() - t0:.1f} s)")
            lite = measure(str(big), folder / "a.ini")
            pg = measure(url, folder / "b.ini")
        finally:
            cluster.stop()
    rows = [
        ("app start-up to first paint", "open", None),
        ("list load, 10,000 goals", "list", None),
        ("search keystroke re-filter", "search", None),
        ("board move, drop -> committed", "move", 25.0),
    ]
    print(f"{'median of 5 (moves: of 20)':40} {'SQLite':>10} {'PostgreSQL':>12} {'ratio':>7}")
    for label, key, target_ms in rows:
        note = ""
        if target_ms is not None:
            note = f"  (server target < {target_ms:.0f} ms: {'met' if pg[key] < target_ms else 'MISSED'})"
        if key == "open":
            note = f"  (target ratio <= 1.5: {'met' if pg[key] <= 1.5 * lite[key] else 'MISSED'})"
        print(f"{label:40} {lite[key]:8.1f} ms {pg[key]:10.1f} ms {pg[key] / lite[key]:6.2f}x{note}")


if __name__ == "__main__":
    main()
