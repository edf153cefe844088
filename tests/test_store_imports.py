"""Opening a current SQLite database never loads the PostgreSQL driver (100-250 ms of start-up), and a server
still works when the driver was kept out of peewee's import (goaldesk/store/__init__.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pg_cluster import Cluster

SQLITE_ONLY = """
import sys
from pathlib import Path
from pathlib import Path
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
store = Store(open_database(Path(sys.argv[1])))
print(len(Services(store).categories.categories()), "psycopg" in sys.modules)
store.close()
"""

SERVER_FIRST = """
import sys
from pathlib import Path
import goaldesk.store.engine
assert "psycopg" not in sys.modules, "peewee loaded the driver at import"
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
store = Store(open_database(sys.argv[1]))
services = Services(store)
goal = services.goals.create_goal(GoalDraft(title="Over the wire", category_id=services.categories.categories()[1].id))
print([g.title for g in services.goals.list_goals()], "psycopg" in sys.modules)
store.close()
"""


def run(script: str, target: str) -> str:
    done = subprocess.run([sys.executable, "-c", script, target], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_sqlite_database_does_not_load_the_server_driver(tmp_path: Path) -> None:
    # Creating the file runs the migrations (playhouse.migrate imports peewee's PostgreSQL extras, driver
    # and all); every later start, the one people wait for, opens a current file without them.
    database = str(tmp_path / "goals.sqlite3")
    run(SQLITE_ONLY, database)
    assert run(SQLITE_ONLY, database) == "13 False"


def test_a_server_works_when_peewee_was_imported_without_the_driver(pg_server: Cluster, pg_url: str) -> None:
    pytest.importorskip("psycopg")
    assert run(SERVER_FIRST, pg_url) == "['Over the wire'] True"
