"""Regenerate the README screenshots of the main window (list and board) from sample data.

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
    from goaldesk.ui.shell.app import make_application
    from goaldesk.ui.shell.context import AppContext
    from goaldesk.ui.shell.main_window import MainWindow

    app = make_application([])
    folder = Path(tempfile.mkdtemp(prefix="goaldesk-shots-"))
    db_path = folder / "demo.sqlite3"
    store = Store(open_database(db_path), today=lambda: TODAY)
    fill(Services(store), TODAY)
    store.close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("review/at_startup", False)  # show the goal details, not the weekly review
    ctx = AppContext(Store(open_database(db_path), today=lambda: TODAY), settings)
    window = MainWindow(ctx)
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    window._after_first_paint()
    window.table.selectRow(1)
    for _ in range(5):
        app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT / "main-window.png"))
    window.tabs.setCurrentIndex(1)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(OUT / "board.png"))
    print(f"wrote {OUT / 'main-window.png'} and {OUT / 'board.png'}")
    window.close()
    ctx.close()


if __name__ == "__main__":
    main()
