"""``goaldesk copy``: a whole database between SQLite and PostgreSQL, validated, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_transfer import STAMP, populate

from goaldesk.cli import main as cli_main
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.store.transfer import dumps, export_data


def snapshot(target: Path | str) -> str:
    store = Store(open_database(target))
    try:
        return dumps(export_data(store, exported_at=STAMP))
    finally:
        store.close()


def test_sqlite_to_postgres_to_sqlite_gives_the_same_export(
    service: Services, db_path: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(service)
    service.store.close()
    original = snapshot(db_path)
    back = tmp_path / "back" / "g.sqlite3"
    back.parent.mkdir()
    assert cli_main(["copy", "--from", str(db_path), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "goals: 3 added" in out and "goaldesk-test-secret" not in out
    assert snapshot(pg_url) == original
    assert cli_main(["copy", "--from", pg_url, "--to", str(back)]) == 0
    assert snapshot(back) == original


def test_copy_into_a_database_with_goals_is_refused_and_writes_nothing(
    service: Services, db_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(service)
    service.store.close()
    target = Store(open_database(pg_url))
    other = Services(target)
    other.goals.create_goal(GoalDraft(title="Mine", category_id=other.categories.categories()[1].id))
    target.close()
    before = snapshot(pg_url)
    assert cli_main(["copy", "--from", str(db_path), "--to", pg_url]) == 1
    err = capsys.readouterr().err
    assert "empty" in err and "Traceback" not in err
    assert snapshot(pg_url) == before


def test_copy_needs_an_existing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["copy", "--from", str(tmp_path / "none.sqlite3"), "--to", str(tmp_path / "b.sqlite3")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "b.sqlite3").exists()


def test_copy_to_an_unreachable_server_is_one_line(
    service: Services, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service.store.close()
    assert cli_main(["copy", "--from", str(db_path), "--to", "postgresql://nobody@127.0.0.1:1/goaldesk"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("goaldesk: Cannot connect to postgresql://nobody@127.0.0.1:1/goaldesk")
    assert "Traceback" not in err
