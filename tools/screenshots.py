"""Regenerate the README screenshots of the main window (list and board, light and dark) from sample data.

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshots.py  (or `make screenshots`)
Other screenshots have their own scripts: tools/shot_smart_dialog.py, tools/shot_charts.py,
tools/shot_reflection.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_data import fill
from PySide6.QtCore import QSettings

from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
TODAY = date(2026, 11, 25)


def main() -> None:
    from goaldesk.ui.common.theme import apply_appearance
    from goaldesk.ui.shell.app import make_application

    app = make_application([])
    folder = Path(tempfile.mkdtemp(prefix="goaldesk-shots-"))
    db_path = folder / "demo.sqlite3"
    store = Store(open_database(db_path), today=lambda: TODAY)
    fill(Services(store), TODAY)
    store.close()
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for mode, suffix in (("light", ""), ("dark", "-dark")):
        apply_appearance(mode, app)
        written += shoot(app, db_path, folder, suffix)
    print("wrote " + ", ".join(str(p) for p in written))


def shoot(app, db_path: Path, folder: Path, suffix: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """The list (a goal picked, its details beside) and the board, in the current appearance."""
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    settings = QSettings(str(folder / f"settings{suffix}.ini"), QSettings.Format.IniFormat)
    settings.setValue("review/at_startup", False)  # show the goal details, not the weekly review
    ctx = AppContext(Store(open_database(db_path), today=lambda: TODAY), settings)
    window = MainWindow(ctx)
    window.resize(1600, 900)
    window.show()
    settle(app)
    window._after_first_paint()
    pmp = next(g for g in ctx.goals.list_goals() if g.title.startswith("Earn the PMP"))
    window.select_goal(pmp.id)
    settle(app)
    shots = [OUT / f"main-window{suffix}.png", OUT / f"board{suffix}.png"]
    window.grab().save(str(shots[0]))
    window.tabs.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(shots[1]))
    window.close()
    ctx.close()
    return shots


def settle(app) -> None:  # type: ignore[no-untyped-def]
    import time

    end = time.monotonic() + 1.5  # deferred loads, scores and the details panel
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    main()
