"""Strict, headless tests on real SQLite files and real widgets."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Iterator
from pathlib import Path

import pg_cluster
import pytest
from pg_cluster import Cluster

from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services


@pytest.fixture(scope="session")
def qapp(qapp):  # type: ignore[no-untyped-def]
    """pytest-qt's application, with the English plural forms the app installs (make_application)."""
    from goaldesk.ui.common.i18n import install_plurals

    install_plurals(qapp)
    return qapp


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "goaldesk.sqlite3"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself; not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module with ``ENGINES = ("sqlite", "postgres")`` runs its store tests on each engine."""
    engines = getattr(metafunc.module, "ENGINES", None)
    if engines and "engine" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Cluster]:
    """One throw-away PostgreSQL cluster for the session; skipped with the reason if it cannot start
    (failed instead on CI, where these tests must run)."""
    try:
        cluster = pg_cluster.start()
    except pg_cluster.ClusterUnavailable as exc:
        if pg_cluster.required():
            pytest.fail(f"PostgreSQL tests must run here, but {exc}")
        pytest.skip(f"no PostgreSQL test server: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_server: Cluster) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_target(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where the test's database lives: the SQLite file, or a fresh PostgreSQL database's URI."""
    if engine == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return db_path


@pytest.fixture
def store(db_target: Path | str) -> Iterator[Store]:
    """A real, freshly created and migrated database (file, or server database)."""
    s = Store(open_database(db_target))
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
