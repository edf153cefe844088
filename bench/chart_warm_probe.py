"""One start of the main window, measuring what the chart warm-up costs and saves (run by bench/run.py).

Usage: chart_warm_probe.py DB SETTINGS MODE, MODE one of
  warm  - as shipped: first paint, then matplotlib loads on a background thread;
  off   - the warm-up disabled (what start-up was before it), for the GUI-stall baseline;
  cold  - the warm-up disabled, and the first chart built on the GUI thread right after the first paint.
Prints one line of JSON: ms from first paint to charts ready, the longest gap between 10 ms GUI-thread
ticks in the 3 s after the first paint (a stall the user would feel), and the GUI thread's time for the
first chart.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

WATCH_S = 3.0


def main() -> None:
    db, settings, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    from goaldesk.ui.progress import chart_warm
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    if mode in ("off", "cold"):
        chart_warm.WARMER.start = lambda: False  # type: ignore[method-assign]
    ctx = AppContext.open(db, QSettings(settings, QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    result: dict[str, float | None] = {"ready_ms": None, "stall_ms": 0.0, "first_chart_ms": None}
    ticks: list[float] = []
    painted: list[float] = []

    def tick() -> None:
        now = time.perf_counter()
        ticks.append(now)
        if mode == "warm" and result["ready_ms"] is None and chart_warm.WARMER.done():
            result["ready_ms"] = (now - painted[0]) * 1000
        if now - painted[0] > WATCH_S and (mode != "warm" or result["ready_ms"] is not None):
            timer.stop()
            finish()

    def first_chart() -> None:
        if mode == "cold":  # what the first chart cost before: import and draw on the GUI thread
            start = time.perf_counter()
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            from goaldesk.ui.progress.chart_panel import ChartKind, build_chart

            figure, _ = build_chart(ctx, ChartKind.OVERVIEW, 0)
            FigureCanvasQTAgg(figure).draw()
            result["first_chart_ms"] = (time.perf_counter() - start) * 1000
        elif mode == "warm":
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            from goaldesk.ui.progress.chart_fit import fit_figure
            from goaldesk.ui.progress.chart_panel import ChartKind, build_chart

            start = time.perf_counter()
            figure, _ = build_chart(ctx, ChartKind.OVERVIEW, 0)
            canvas = FigureCanvasQTAgg(figure)
            figure.set_size_inches(4.0, 5.0)
            fit_figure(figure)
            canvas.draw()
            result["first_chart_ms"] = (time.perf_counter() - start) * 1000

    def finish() -> None:
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        result["stall_ms"] = max(gaps, default=0.0) * 1000
        first_chart()
        print(json.dumps(result))
        app.quit()

    def on_paint() -> None:
        painted.append(time.perf_counter())
        timer.start()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    window.firstPainted.connect(on_paint)
    window.show()
    app.exec()
    ctx.close()


if __name__ == "__main__":
    main()
