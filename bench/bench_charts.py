"""How long a goal with 5,000 check-ins takes to chart: data to drawn canvas, and data to PDF.

Run: ``.venv/bin/python bench/bench_charts.py``. The data comes from a real SQLite file through
ReportService, so the figures include the query, the running totals and the figure build.
Targets: drawn canvas < 150 ms, PDF < 400 ms (median of 5, after one warm-up).
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from goaldesk.charts import progress_figure
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.models import CheckInRow
from goaldesk.store.services import ReportService, Services

CHECKINS = 5_000
RUNS = 5
CANVAS_TARGET_MS = 150.0
PDF_TARGET_MS = 400.0


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm-up: font cache, first-use imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def seed(store: Store, services: Services) -> int:
    today = store.today()
    first = today - timedelta(days=CHECKINS)  # one check-in a day: 5,000 points drawn
    category = services.categories.category_by_key("performance") or services.categories.categories()[-1]
    goal = services.goals.create_goal(
        GoalDraft(
            title="Close 5,000 support tickets",
            category_id=category.id,
            start_date=first,
            deadline=today + timedelta(days=400),
            unit="tickets",
            baseline=0.0,
            target=float(CHECKINS * 2),
        )
    )
    rows = [
        {"goal": goal.id, "on": first + timedelta(days=i), "value": float(i + 1), "note": "", "created_at": today}
        for i in range(CHECKINS)
    ]
    with store.writing([]):
        for start in range(0, len(rows), 500):
            CheckInRow.insert_many(rows[start:start + 500]).execute()
    return goal.id


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="goaldesk-bench-") as folder:
        store = Store(open_database(Path(folder) / "bench.sqlite3"))
        try:
            services = Services(store)
            reports = ReportService(store)
            goal_id = seed(store, services)

            def to_canvas() -> None:
                FigureCanvasAgg(progress_figure(reports.progress_series(goal_id))).draw()

            def to_pdf() -> None:
                progress_figure(reports.progress_series(goal_id)).savefig(io.BytesIO(), format="pdf")

            series_ms = median_ms(lambda: reports.progress_series(goal_id))
            canvas_ms = median_ms(to_canvas)
            pdf_ms = median_ms(to_pdf)
        finally:
            store.close()
    print(f"progress chart, goal with {CHECKINS:,} check-ins, one a day, median of {RUNS}")
    print(f"  data only (query + totals + forecast): {series_ms:7.1f} ms")
    ok = "ok" if canvas_ms < CANVAS_TARGET_MS else "OVER TARGET"
    print(f"  data -> drawn canvas (Agg):            {canvas_ms:7.1f} ms  (target < {CANVAS_TARGET_MS:.0f} ms: {ok})")
    ok = "ok" if pdf_ms < PDF_TARGET_MS else "OVER TARGET"
    print(f"  data -> PDF:                           {pdf_ms:7.1f} ms  (target < {PDF_TARGET_MS:.0f} ms: {ok})")


if __name__ == "__main__":
    main()
