"""GoalDesk on a real PostgreSQL server (a throw-away cluster, pg_cluster.py): what is the server's own.

The store and service suites run on both engines through their ``ENGINES`` marks; this module covers
what only a server has: connection failures as one CLI line, the schema checks on open, change
messages (NOTIFY), and five clients moving board cards at once.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from pg_cluster import Cluster
from test_board_concurrency import run_movers

from goaldesk.cli import main as cli_main
from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store import migrations
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.engine import NOTIFY_CHANNEL
from goaldesk.store.errors import NewerSchema, NotADatabase, StoreError
from goaldesk.store.services import Services

# Without psycopg the whole module is skipped with that reason (on CI the pg_server fixture of the
# store suites fails instead, so a missing driver is never passed silently there).
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")


def cli_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the CLI expecting exit status 1 and one line on stderr, and return that line."""
    assert cli_main(list(argv)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


def test_wrong_password_is_one_clear_line(pg_server: Cluster, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_url.replace(pg_cluster_password(), "not-the-password")
    err = cli_error(capsys, "list", "--db", url)
    assert "refused the user name or password" in err and "not-the-password" not in err


def test_unreachable_server_is_one_clear_line(pg_server: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = cli_error(capsys, "list", "--db", pg_server.url("goaldesk", port=port))
    assert "cannot be reached" in err and pg_cluster_password() not in err


def test_missing_database_is_one_clear_line(pg_server: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    err = cli_error(capsys, "list", "--db", pg_server.url("no_such_database"))
    assert "does not exist" in err


def test_goaldesk_db_names_a_server(pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(open_database(pg_url))
    service = Services(store)
    service.goals.create_goal(GoalDraft(title="Served goal", category_id=service.categories.categories()[1].id))
    store.close()
    monkeypatch.setenv("GOALDESK_DB", pg_url)
    assert cli_main(["list"]) == 0
    assert "Served goal" in capsys.readouterr().out


def test_board_moves_update_positions_in_place(pg_url: str) -> None:
    """Goal pages keep free space (fillfactor 50), so most renumbering updates are HOT: no index writes.

    Without it a board move on 10,000 goals took 89 ms on the server; with it 27 ms (bench_server.py).
    """
    store = Store(open_database(pg_url))
    service = Services(store)
    category = service.categories.categories()[1].id
    try:
        options = store.db.execute_sql("SELECT reloptions FROM pg_class WHERE relname = 'goal'").fetchone()[0]
        assert "fillfactor=50" in options
        ids = [service.goals.create_goal(GoalDraft(title=f"Goal {n}", category_id=category)).id for n in range(60)]
        store.db.execute_sql("SELECT pg_stat_force_next_flush()")
        before = store.db.execute_sql(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'goal'").fetchone()
        for n in range(10):
            service.board.move_goals([ids[n]], Horizon.LONG if n % 2 == 0 else Horizon.SHORT, ids[-1 - n])
        store.db.execute_sql("SELECT pg_stat_force_next_flush()")
        after = store.db.execute_sql(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'goal'").fetchone()
        updates, hot = after[0] - before[0], after[1] - before[1]
        assert updates > 100 and hot / updates > 0.9, (updates, hot)
    finally:
        store.close()


def test_schema_is_the_same_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    pg = Store(open_database(pg_url))
    lite = Store(open_database(tmp_path / "g.sqlite3"))
    try:
        assert migrations.read_version(pg.db) == migrations.read_version(lite.db) == migrations.CURRENT_VERSION
        columns = {
            (str(t), str(c))
            for t, c in pg.db.execute_sql(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
            ).fetchall()
        }
        signature = migrations.legacy_signatures()[migrations.CURRENT_VERSION]
        expected = {(t, c) for t, cols in signature.items() for c in cols}
        assert columns == expected
        collations = pg.db.execute_sql(
            "SELECT DISTINCT collation_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = 'text'"
        ).fetchall()
        assert collations == [("C",)]  # text sorts in byte order, as SQLite's BINARY, whatever the locale
        kinds = pg.db.execute_sql(
            "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall()
        assert {k for (k,) in kinds} == {"integer", "text", "date", "timestamp without time zone", "double precision"}
        assert pg.is_server and not lite.is_server
        assert pg_cluster_password() not in pg.location and pg.location.startswith("postgresql://goaldesk@127.0.0.1")
    finally:
        pg.close()
        lite.close()


def test_reopening_keeps_data_and_does_not_migrate_again(pg_url: str) -> None:
    store = Store(open_database(pg_url))
    service = Services(store)
    service.goals.create_goal(GoalDraft(title="Kept", category_id=service.categories.categories()[1].id))
    store.close()
    again = Store(open_database(pg_url))
    try:
        assert [g.title for g in Services(again).goals.list_goals()] == ["Kept"]
        assert len(Services(again).categories.categories()) == 13  # seeded once
    finally:
        again.close()


def test_a_database_of_other_tables_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id SERIAL PRIMARY KEY)")
    with pytest.raises(NotADatabase, match="other tables"):
        open_database(pg_url)
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    assert tables == [("invoices",)]  # nothing was added


def test_a_newer_schema_is_refused(pg_url: str) -> None:
    Store(open_database(pg_url)).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(NewerSchema):
        open_database(pg_url)


def test_every_committed_write_is_announced(pg_url: str) -> None:
    store = Store(open_database(pg_url))
    service = Services(store)
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        goal = service.goals.create_goal(GoalDraft(title="Heard", category_id=service.categories.categories()[1].id))
        service.board.move_goals([goal.id], Horizon.LONG)
        try:
            with store.writing([]):
                store.db.execute_sql("UPDATE goal SET title = 'never' WHERE id = ?", (goal.id,))
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        store.set_state("last_review", "2026-12-01")
        payloads = [n.payload for n in listener.notifies(timeout=1.5, stop_after=4)]
    store.close()
    # One message per committed write, naming the tables when the write names them up front ("*": some
    # change, told to local listeners after the commit); the rolled-back write told nobody.
    assert payloads == ["*", "*", "state"]


def test_five_clients_moving_cards_keep_every_column_numbered(pg_url: str) -> None:
    """5 processes x 500 writes (moves, undo, delete/restore, horizon edits) at once on the server."""
    started = time.perf_counter()
    run_movers(pg_url, 5, 500)
    print(f"5 x 500 concurrent board writes on PostgreSQL: {time.perf_counter() - started:.1f} s")


@pytest.mark.parametrize("engine", ["sqlite", "postgres"], indirect=True)
def test_board_move_timing(service: Services, engine: str) -> None:
    """A committed one-card move among 200 cards (figure printed; generous bound only)."""
    category = service.categories.categories()[1].id
    ids = [service.goals.create_goal(GoalDraft(title=f"Card {n}", category_id=category)).id for n in range(200)]
    times = []
    for n in range(40):
        started = time.perf_counter()
        service.board.move_goals([ids[n]], Horizon.SHORT, ids[(n * 7) % 200] if n % 3 else None)
        times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    print(f"board move on {engine}: median {median:.1f} ms")
    assert median < 250


def pg_cluster_password() -> str:
    import pg_cluster

    return pg_cluster.PASSWORD


def test_store_error_for_connection_hides_password() -> None:
    from goaldesk.store.server import connection_problem

    problem = connection_problem("postgresql://me:s3cret@db.example/goals", OSError("connection refused"))
    assert isinstance(problem, StoreError)
    assert "s3cret" not in problem.message and "postgresql://me@db.example/goals" in problem.message
