"""Two clients of one PostgreSQL server: a card moved in one process shows in the other's board model.

The other client is a real second process (its own connection and backend); this process listens
through ``LiveUpdates`` (LISTEN/NOTIFY watched by a ``QSocketNotifier``), with no polling anywhere.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")

OTHER_CLIENT = """
import sys
from goaldesk.domain.enums import Horizon
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

services = Services(Store(open_database(sys.argv[1])))
services.board.move_goals([int(sys.argv[2])], Horizon.LONG)
services.store.close()
"""


@pytest.fixture
def server_ctx(pg_url: str, tmp_path: Path, qapp):  # type: ignore[no-untyped-def]
    from goaldesk.ui.shell.context import AppContext

    context = AppContext(Store(open_database(pg_url)), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    yield context
    context.close()


def _seed(ctx, titles: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    category = ctx.categories.categories()[1].id
    return [ctx.goals.create_goal(GoalDraft(title=t, category_id=category)).id for t in titles]


def test_a_card_moved_in_another_process_appears_within_a_second(server_ctx, pg_url: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.board.board_model import BoardColumnModel
    from goaldesk.ui.common.filters import FilterState
    from goaldesk.ui.common.live_updates import LiveUpdates

    ids = _seed(server_ctx, ["Earn the PMP certification", "Run a 10 km race"])
    filters = FilterState()
    short = BoardColumnModel(server_ctx, filters, Horizon.SHORT)
    long = BoardColumnModel(server_ctx, filters, Horizon.LONG)
    assert short.goal_ids() == ids and long.goal_ids() == []
    live = LiveUpdates(server_ctx.store)

    with qtbot.waitSignal(live.received, timeout=5000) as heard:
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", OTHER_CLIENT, pg_url, str(ids[0])], check=True, timeout=60)
        committed = time.monotonic()
    seen = time.monotonic()
    assert {c.entity for c in heard.args[0]} >= {"board"} or heard.args[0][0].entity == "all"
    assert long.goal_ids() == [ids[0]] and short.goal_ids() == [ids[1]]  # the models reloaded
    assert seen - committed < 1.0, f"heard {seen - committed:.2f} s after the other client exited"
    assert committed > started
    live.stop()


def test_own_commits_are_not_heard_twice(server_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.common.live_updates import LiveUpdates

    live = LiveUpdates(server_ctx.store)
    told: list[object] = []
    server_ctx.notifier.changed.connect(told.append)
    _seed(server_ctx, ["Read twelve books this year"])
    assert len(told) == 1  # the in-process notification
    qtbot.wait(300)  # our own NOTIFY arrives on the feed's socket too, and is skipped
    assert len(told) == 1
    live.stop()


def test_a_server_that_goes_away_is_one_message(server_ctx, pg_url: str, pg_server, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The feed's backend is terminated (as in a server restart): one short message, no traceback."""
    from goaldesk.ui.common.live_updates import LiveUpdates

    live = LiveUpdates(server_ctx.store)
    other = Services(Store(open_database(pg_url)))
    with qtbot.waitSignal(live.lost, timeout=5000) as lost:
        other.store.db.execute_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE query LIKE 'LISTEN%%' AND pid <> pg_backend_pid()"
        )
    other.store.close()
    assert lost.args[0] and "Traceback" not in lost.args[0]
