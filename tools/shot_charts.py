"""Render the progress chart and a printed chart page from sample data, for the docs and for a visual check.

Usage: python tools/shot_charts.py [OUT_DIR]   (default: resources/screenshots)
Writes progress-chart.png (the chart as the app draws it, about 1200x700) and, in the temporary folder,
goaldesk-printed-page.png (a page printed through Qt to PDF, then rasterised with ``pdftoppm -r 60``).
Look at both after changing charts. The README's printed-page.png is a page that came out of a real CUPS
queue (cups-pdf), printed from the real app's preview with real input as in tests/gui/test_x11_print.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

TODAY = date(2025, 3, 14)
"""A fixed day, so the pictures only change when the charts do."""


def main(out_dir: Path) -> None:
    from demo_data import fill  # type: ignore[import-not-found]

    from goaldesk.charts import progress_figure
    from goaldesk.store.base import Store
    from goaldesk.store.db import open_database
    from goaldesk.store.services import Services
    from goaldesk.ui.progress.printing import ChartPage, print_to_pdf
    from goaldesk.ui.shell.app import make_application
    from goaldesk.ui.smart.scores import smart_score

    app = make_application([])  # as the app starts: English plurals, icons, names
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(open_database(Path(tmp) / "demo.sqlite3"), today=lambda: TODAY)
        try:
            services = Services(store)
            fill(services, TODAY)
            # The PMP goal (the worked SMART example) with milestones shows every part of the chart.
            goal = next(g for g in services.goals.list_goals() if "PMP" in g.title)
            if not goal.milestones_total:
                steps = ((40, "Book the exam"), (12, "Finish the study guide"), (None, "Pass a mock exam"))
                for days_ago, name in steps:
                    done = None if days_ago is None else TODAY - timedelta(days=days_ago)
                    services.progress.add_milestone(goal.id, name, done_on=done)
                goal = services.goals.get_goal(goal.id)
            series = services.reports.progress_series(goal.id, smart_score(goal, TODAY))
        finally:
            store.close()

        figure = progress_figure(series)
        figure.set_size_inches(12, 7)
        chart_png = out_dir / "progress-chart.png"
        figure.savefig(chart_png, dpi=100)
        print(f"wrote {chart_png}")

        pdf = Path(tmp) / "printed.pdf"
        print_to_pdf(pdf, progress_figure(series), ChartPage.for_series(series, printed_on=TODAY))
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found (install poppler-utils); printed page not rasterised", file=sys.stderr)
            return
        # Not the README's printed-page.png: that one is a real print through CUPS (cups-pdf), see below.
        page_png = Path(tempfile.gettempdir()) / "goaldesk-printed-page.png"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(page_png.with_suffix(""))],
                       check=True)
        print(f"wrote {page_png}")
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots")
