"""Start-up of the PyInstaller bundle versus running from source, to first painted window.

The app exits 0 right after its first paint when GOALDESK_EXIT_AFTER_PAINT=1, so the wall time of
the whole process is "double-click to usable window" minus the desktop's own launch overhead.
Median of 5 runs after one warm-up (font and matplotlib caches), offscreen, on a fresh database.
Figures are printed, not asserted. When the .deb is installed (/opt/goaldesk/goaldesk exists), its
start-up is measured too, beside the source's: the target is at most 1.3x the source.

    .venv/bin/python bench/bench_bundle.py        (after `make bundle`; `make deb` + apt-get install)
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
DEB_EXE = Path("/opt/goaldesk/goaldesk")
DEB_TARGET_RATIO = 1.3
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
    has_bundle, has_deb = BUNDLE_EXE.is_file(), DEB_EXE.is_file()
    if not has_bundle and not has_deb:
        print("bundle not built (make bundle) and no .deb installed (make deb; apt-get install ./dist/goaldesk_*.deb)")
        return
    with tempfile.TemporaryDirectory(prefix="goaldesk-bench-") as tmp:
        workdir = Path(tmp)
        source = median_start([sys.executable, "-m", "goaldesk"], workdir, "source")
        bundle = median_start([str(BUNDLE_EXE)], workdir, "bundle") if has_bundle else None
        deb = median_start([str(DEB_EXE)], workdir, "deb") if has_deb else None
    if source is None or (has_bundle and bundle is None) or (has_deb and deb is None):
        print(
            "start-up to first paint: the app did not exit after its first paint "
            "(does it honour GOALDESK_EXIT_AFTER_PAINT=1?); no figures"
        )
        return
    print(f"start-up to first paint, median of {RUNS} (offscreen):")
    print(f"  source  {source:6.2f} s   {Path(sys.executable).name} -m goaldesk")
    if bundle is not None:
        print(f"  bundle  {bundle:6.2f} s   {BUNDLE_EXE.relative_to(ROOT)}   ratio {bundle / source:.2f}")
    else:
        print("  bundle     -     not built (make bundle)")
    if deb is not None:
        verdict = "ok" if deb / source <= DEB_TARGET_RATIO else f"ABOVE the {DEB_TARGET_RATIO}x target"
        print(f"  .deb    {deb:6.2f} s   {DEB_EXE}   ratio {deb / source:.2f} ({verdict})")
    else:
        print(f"  .deb       -     not installed ({DEB_EXE} missing)")


if __name__ == "__main__":
    main()
