"""``goaldesk --smoke-test``: prove an installation works end to end, with no window and no user data.

It touches every layer a bundle can break (SQLite + migrations, the service, matplotlib's PDF backend
and its fonts) in a throwaway folder, so a packager can run it on a bare machine.
"""

from __future__ import annotations

import tempfile
import traceback
from datetime import timedelta
from pathlib import Path


def smoke_test() -> int:
    """Make a goal with check-ins in a temporary database, chart it to PDF, print OK; 0 on success, else 1."""
    try:
        from goaldesk.charts import progress_figure, save_figure
        from goaldesk.domain.model import GoalDraft
        from goaldesk.store.base import Store
        from goaldesk.store.db import open_database
        from goaldesk.store.progress import ReportService
        from goaldesk.store.service import GoalService

        with tempfile.TemporaryDirectory(prefix="goaldesk-smoke-") as folder:
            store = Store(open_database(Path(folder) / "smoke.sqlite3"))
            try:
                goals = GoalService(store)
                category = goals.category_by_key("skill-development") or next(
                    c for c in goals.categories() if c.parent_id is not None
                )
                today = store.today()
                goal = goals.create_goal(
                    GoalDraft(
                        title="Smoke test: finish an online course",
                        category_id=category.id,
                        start_date=today - timedelta(days=20),
                        deadline=today + timedelta(days=40),
                        unit="modules",
                        baseline=0.0,
                        target=12.0,
                    )
                )
                for days_ago, value in ((15, 2.0), (8, 4.0), (1, 5.0)):
                    goals.add_checkin(goal.id, today - timedelta(days=days_ago), value)
                series = ReportService(store, goals).progress_series(goal.id)
                if len(series.points) != 3:
                    raise RuntimeError(f"expected 3 points in the progress series, got {len(series.points)}")
                pdf = save_figure(progress_figure(series), Path(folder) / "chart.pdf")
            finally:
                store.close()
            if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
                raise RuntimeError(f"{pdf} is not a PDF file")
    except Exception as exc:
        traceback.print_exc()
        print(f"FAILED: {exc}")
        return 1
    print("OK")
    return 0
