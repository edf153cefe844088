"""The demo goals of tools/demo_data.py, for tests: the same 15 goals a person sees in the screenshots.

tools/ is not a package, so the script is loaded from its file, once.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "demo_data.py"


@cache
def demo_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("goaldesk_demo_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fill_demo(services: Services, today: date) -> Any:
    """Fill an open database with the demo goals; returns what demo_data.fill reports it made."""
    return demo_module().fill(services, today)


def fill_demo_file(db: Path, today: date) -> None:
    """Create (or open) the database file ``db`` and fill it with the demo goals."""
    store = Store(open_database(db))
    try:
        fill_demo(Services(store), today)
    finally:
        store.close()
