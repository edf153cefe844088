"""Strict, headless tests on real SQLite files and real widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from goaldesk.store.base import Store  # noqa: E402
from goaldesk.store.db import open_database  # noqa: E402
from goaldesk.store.service import GoalService  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "goaldesk.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A real, freshly created and migrated database file."""
    s = Store(open_database(db_path))
    yield s
    s.close()


@pytest.fixture
def service(store: Store) -> GoalService:
    return GoalService(store)
