"""GoalDesk benchmarks: prints figures (medians), asserts nothing. Run with `make bench`.

Each section is also runnable alone; bench_*.py modules beside this file add their own sections.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

FLOOR_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class W(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)
app = QApplication(sys.argv[:1])
w = W(); w.resize(1280, 800); w.show()
app.exec()
"""


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["GOALDESK_EXIT_AFTER_PAINT"] = "1"
    return e


def run_process(args: list[str]) -> None:
    subprocess.run(args, check=True, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def startup(big_db: Path, settings_dir: Path) -> None:
    os.environ["XDG_CONFIG_HOME"] = str(settings_dir)
    floor = median_ms(lambda: run_process([sys.executable, "-c", FLOOR_SCRIPT]))
    cmd = [sys.executable, "-m", "goaldesk", "--db", str(big_db), "--new-instance"]
    run_process(cmd)  # first start of the day may take the daily backup; measure the usual start
    app = median_ms(lambda: run_process(cmd))
    print(f"start-up floor (empty QMainWindow, first paint)   median {floor:7.0f} ms")
    print(f"GoalDesk start-up, 10,000 goals / 100,000 check-ins median {app:7.0f} ms")
    print(f"ratio GoalDesk / floor                               {app / floor:7.2f}  (target <= 1.5)")
    chart_warm_up(big_db, settings_dir)


def probe(big_db: Path, settings_dir: Path, mode: str) -> dict[str, float]:
    """One run of chart_warm_probe.py (the real window, not stopped at the first paint)."""
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e.pop("GOALDESK_EXIT_AFTER_PAINT", None)
    args = [sys.executable, str(HERE / "chart_warm_probe.py"), str(big_db), str(settings_dir / f"{mode}.ini"), mode]
    done = subprocess.run(args, check=True, env=e, capture_output=True, text=True, timeout=180)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def chart_warm_up(big_db: Path, settings_dir: Path, runs: int = 3) -> None:
    """What warming matplotlib after the first paint costs (GUI stalls) and saves (the first chart).

    The start-up lines above stop at the first paint, before the warm-up starts, so they are unchanged.
    """
    results = {mode: [probe(big_db, settings_dir, mode) for _ in range(runs)] for mode in ("warm", "off", "cold")}

    def med(mode: str, key: str) -> float:
        return statistics.median(float(r[key]) for r in results[mode])

    print(f"charts ready after first paint (background import)   median {med('warm', 'ready_ms'):7.0f} ms")
    print(f"longest GUI stall, 3 s after first paint, warm-up on median {med('warm', 'stall_ms'):7.0f} ms")
    print(f"  same, warm-up off                                  median {med('off', 'stall_ms'):7.0f} ms")
    print(f"first chart on the GUI thread, cold (old way)        median {med('cold', 'first_chart_ms'):7.0f} ms")
    print(f"first chart on the GUI thread, after warm-up         median {med('warm', 'first_chart_ms'):7.0f} ms")


def list_model(big_db: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from goaldesk.ui.common.filters import FilterState
    from goaldesk.ui.goals.goal_model import GoalTableModel
    from goaldesk.ui.goals.goal_proxy import GoalFilterProxy
    from goaldesk.ui.shell.context import AppContext

    _app = QApplication.instance() or QApplication([])
    settings = QSettings(str(big_db.parent / "bench.ini"), QSettings.Format.IniFormat)
    ctx = AppContext.open(big_db, settings)
    model = GoalTableModel(ctx)

    def fill_all() -> None:
        model.reload()
        model.load_all()  # the window loads all but the first screenful after its first paint

    fill = median_ms(fill_all)
    assert model.rowCount() == 10_000
    filters = FilterState()
    filters.set_statuses(frozenset(filters.statuses) | {s for s in filters.statuses})
    proxy = GoalFilterProxy(filters)
    proxy.setSourceModel(model)
    proxy.rowCount()
    keys = ["e", "ex", "exc", "exce", "excel", "excel ", "excel #1"]
    times = []
    for _ in range(3):
        for text in [*keys, "excel", "exc", "e", ""]:
            start = time.perf_counter()
            filters.set_text(text)
            proxy.rowCount()
            times.append((time.perf_counter() - start) * 1000)
    proxy.sort(3)
    sorted_times = []
    for text in ["r", "re", "rep", ""]:
        start = time.perf_counter()
        filters.set_text(text)
        proxy.rowCount()
        sorted_times.append((time.perf_counter() - start) * 1000)
    print(f"goal model fill, 10,000 goals                      median {fill:7.1f} ms  (target < 250)")
    keystroke = statistics.median(times)
    print(f"search keystroke re-filter, 10,000 goals           median {keystroke:7.1f} ms  (target < 30)")
    print(f"  same, with the list sorted by deadline           median {statistics.median(sorted_times):7.1f} ms")
    ctx.close()


def extra_sections() -> list[tuple[str, Callable[[], None]]]:
    found = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            found.append((path.stem, module.main))
    return found


def main() -> None:
    from gen import make_big_database

    only = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.sqlite3"
        t0 = time.perf_counter()
        make_big_database(big)
        print(f"(generated 10,000 goals and 100,000 check-ins in {time.perf_counter() - t0:.1f} s)")
        if not only or "startup" in only:
            print("\n== Start-up ==")
            startup(big, Path(tmp))
        elif "charts-warm" in only:
            print("\n== Chart warm-up ==")
            chart_warm_up(big, Path(tmp))
        if not only or "list" in only:
            print("\n== Goal list ==")
            list_model(big)
    for name, fn in extra_sections():
        if only and name not in only:
            continue
        print(f"\n== {name} ==")
        try:
            fn()
        except Exception as exc:  # a broken section must not hide the others
            print(f"{name} failed: {exc!r}")


if __name__ == "__main__":
    main()
