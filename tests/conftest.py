"""Strict, headless tests on real SQLite files and real widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Iterator
from pathlib import Path

import pytest

from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services


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
def service(store: Store) -> Services:
    return Services(store)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def ctx(db_path: Path, settings_path: Path, qapp):  # type: ignore[no-untyped-def]
    """A real application context: temporary database, temporary settings file, fresh undo stack."""
    from PySide6.QtCore import QSettings

    from goaldesk.ui.shell.context import AppContext

    context = AppContext.open(db_path, QSettings(str(settings_path), QSettings.Format.IniFormat))
    yield context
    context.undo_stack.clear()
    context.close()
