"""tools/demo_data.py run as a user runs it: says what it made, refuses a database with goals unless
--force, explains its arguments, and keeps ``fill()`` for the test fixtures."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from goaldesk.domain.model import GoalDraft, GoalQuery
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "demo_data.py"
TODAY = "2026-12-08"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def goal_titles(db: Path) -> list[str]:
    store = Store(open_database(db))
    try:
        return [g.title for g in Services(store).goals.list_goals()]
    finally:
        store.close()


def test_makes_samples_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "new folder" / "demo.sqlite3"
    done = run(db, "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Made 15 goals, 78 check-ins and 3 milestones in {db}\n"
    assert done.stderr == ""
    titles = goal_titles(db)
    assert len(titles) == 15 and "Earn the PMP certification within six months" in titles


def test_refuses_a_database_with_goals_unless_forced(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert run(db, "--today", TODAY).returncode == 0
    again = run(db, "--today", TODAY)
    assert again.returncode == 2
    assert again.stdout == ""
    assert f"{db} already holds 15 goals; nothing was added" in again.stderr
    assert "--force" in again.stderr
    assert len(goal_titles(db)) == 15  # not doubled

    forced = run(db, "--force", "--today", TODAY)
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("Made 15 goals, ")
    assert len(goal_titles(db)) == 30


def test_a_goal_in_the_trash_counts(tmp_path: Path) -> None:
    db = tmp_path / "trash.sqlite3"
    store = Store(open_database(db))
    try:
        service = Services(store)
        goal = service.goals.create_goal(GoalDraft(title="Old idea", category_id=service.categories.categories()[1].id))
        service.goals.delete_goals([goal.id])
        assert service.goals.goal_count() == 0 and service.goals.list_goals(GoalQuery(deleted=True))
    finally:
        store.close()
    refused = run(db)
    assert refused.returncode == 2
    assert "already holds 1 goal (1 in the Trash)" in refused.stderr


def test_help_describes_the_arguments() -> None:
    shown = run("--help")
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    assert "usage: demo_data.py [-h] [--today YYYY-MM-DD] [--force] PATH" in text
    assert "15 sample goals" in text
    assert "PATH the database file to fill; it is created" in text
    assert "--today YYYY-MM-DD the day the samples are dated around" in text
    assert "--force add the samples even if the database already holds goals" in text
    assert "exit code 2" in text


def test_usage_mistakes_are_explained(tmp_path: Path) -> None:
    bad_day = run(tmp_path / "d.sqlite3", "--today", "12/3/2027")
    assert bad_day.returncode == 2
    assert "“12/3/2027” is not a date; write it as YYYY-MM-DD" in bad_day.stderr
    assert not (tmp_path / "d.sqlite3").exists()
    not_db = tmp_path / "notes.txt"
    not_db.write_text("shopping list\n" * 200, encoding="utf-8")
    refused = run(not_db)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"demo_data.py: cannot open {not_db}: ")
    assert not_db.read_text(encoding="utf-8") == "shopping list\n" * 200


def test_fill_keeps_working_for_the_fixtures(tmp_path: Path) -> None:
    from demo import fill_demo

    store = Store(open_database(tmp_path / "fixture.sqlite3"))
    try:
        made = fill_demo(Services(store), date.today())
        assert (made.goals, made.milestones) == (15, 3) and made.checkins > 0
        assert Services(store).goals.goal_count() == 15
    finally:
        store.close()
