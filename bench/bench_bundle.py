"""Start-up of the PyInstaller bundle versus running from source, to first painted window.

The app exits 0 right after its first paint when GOALDESK_EXIT_AFTER_PAINT=1, so the wall time of
the whole process is "double-click to usable window" minus the desktop's own launch overhead.
Median of 5 runs after one warm-up (font and matplotlib caches), offscreen, on a fresh database.
Figures are printed, not asserted.

    .venv/bin/python bench/bench_bundle.py        (after `make bundle`)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_EXE = ROOT / "dist" / "GoalDesk" / ("goaldesk.exe" if os.name == "nt" else "goaldesk")
RUNS = 5
TIMEOUT_S = 60.0


def _time_once(command: list[str], env: dict[str, str]) -> float | None:
    """Seconds until the process exits 0, or None if it failed or never exited."""
    start = time.perf_counter()
    try:
        result = subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(f"{command[0]} exited {result.returncode}: {result.stderr.decode(errors='replace')[-500:]}\n")
        return None
    return elapsed


def median_start(command: list[str], workdir: Path, label: str) -> float | None:
    """Median wall time of RUNS starts after one warm-up; None if any run fails."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GOALDESK_EXIT_AFTER_PAINT": "1",
        "MPLCONFIGDIR": str(workdir / "mpl"),
    }
    db = workdir / f"{label}.sqlite3"
    full = [*command, "--db", str(db), "--new-instance"]
    times = []
    for run in range(RUNS + 1):
        elapsed = _time_once(full, env)
        if elapsed is None:
            return None
        if run:  # the first run warms caches and creates the database
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    if not BUNDLE_EXE.is_file():
        print("bundle not built; run make bundle")
        return
    with tempfile.TemporaryDirectory(prefix="goaldesk-bench-") as tmp:
        workdir = Path(tmp)
        bundle = median_start([str(BUNDLE_EXE)], workdir, "bundle")
        source = median_start([sys.executable, "-m", "goaldesk"], workdir, "source")
    if bundle is None or source is None:
        print(
            "start-up to first paint: the app did not exit after its first paint "
            "(does it honour GOALDESK_EXIT_AFTER_PAINT=1?); no figures"
        )
        return
    print(f"start-up to first paint, median of {RUNS} (offscreen):")
    print(f"  bundle  {bundle:6.2f} s   {BUNDLE_EXE.relative_to(ROOT)}")
    print(f"  source  {source:6.2f} s   {Path(sys.executable).name} -m goaldesk")
    print(f"  ratio   {bundle / source:6.2f}  (bundle / source)")


if __name__ == "__main__":
    main()
