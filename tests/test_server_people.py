"""Several people on one PostgreSQL server: row-level security with two real roles, and sharing.

The server admin's SQL is taken from docs/server.md itself and run as written (names and passwords
substituted), so the documentation is what is tested. Anna and Ben are real login roles; Ben also
tries hand-written SQL through ``psql``, which the server must hold to the same rules as GoalDesk.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pg_cluster import Cluster

from goaldesk.domain.enums import Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")

DOCS = Path(__file__).resolve().parents[1] / "docs" / "server.md"


def doc_sql(name: str) -> list[str]:
    """The statements of one ``<!-- sql:NAME -->`` block in docs/server.md."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"<!-- sql:{name} -->\s*```sql\n(.*?)```", text, re.S)
    assert match, f"docs/server.md has no sql:{name} block"
    return [s.strip() for s in match.group(1).split(";") if s.strip()]


@dataclass
class People:
    cluster: Cluster
    dbname: str
    suffix: str

    def url(self, role: str) -> str:
        return f"postgresql://{role}_{self.suffix}:pw-{role}@127.0.0.1:{self.cluster.port}/{self.dbname}"

    def services(self, role: str) -> Services:
        return Services(Store(open_database(self.url(role))))

    def psql(self, role: str, sql: str) -> str:
        """Run SQL through the real psql client as ``role``; stdout and stderr together."""
        done = subprocess.run(
            ["psql", self.url(role), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=0", "-c", sql],
            capture_output=True, text=True, timeout=60,
        )
        return (done.stdout + done.stderr).strip()


def _named(statement: str, suffix: str, dbname: str) -> str:
    for role in ("goaldesk_admin", "goaldesk_people", "anna"):
        statement = re.sub(rf"\b{role}\b", f"{role}_{suffix}", statement)
    statement = re.sub(r"\bDATABASE goaldesk\b", f'DATABASE "{dbname}"', statement)
    return statement.replace("ADMIN_PASSWORD", "pw-goaldesk_admin")


@pytest.fixture(scope="module")
def people(pg_server: Cluster) -> Iterator[People]:
    suffix = uuid.uuid4().hex[:8]
    dbname = f"people_{suffix}"
    for statement in doc_sql("admin-once"):
        pg_server.admin(_named(statement, suffix, dbname))
    for person in ("anna", "ben"):
        for statement in doc_sql("admin-person"):
            sql = _named(statement, suffix, dbname).replace(f"anna_{suffix}", f"{person}_{suffix}")
            pg_server.admin(sql.replace("PERSON_PASSWORD", f"pw-{person}"))
    found = People(pg_server, dbname, suffix)
    Store(open_database(found.url("goaldesk_admin"))).close()  # the admin builds the schema once
    with psycopg.connect(found.url("goaldesk_admin"), autocommit=True) as conn:
        for statement in doc_sql("admin-rights"):
            conn.execute(_named(statement, suffix, dbname))  # type: ignore[arg-type]
    yield found
    pg_server.admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@pytest.fixture(scope="module")
def anna_goal(people: People) -> int:
    anna = people.services("anna")
    category = anna.categories.categories()[1].id
    goal = anna.goals.create_goal(GoalDraft(
        title="Earn the PMP certification", category_id=category, unit="modules", target=12.0,
    ))
    anna.progress.add_checkin(goal.id, anna.store.today(), 3, "first three modules")
    anna.store.close()
    return goal.id


needs_psql = pytest.mark.skipif(shutil.which("psql") is None, reason="the psql client is not installed")


def test_each_person_sees_only_their_own_goals(people: People, anna_goal: int) -> None:
    ben = people.services("ben")
    try:
        category = ben.categories.categories()[1].id  # the built-in goal types are everyone's
        mine = ben.goals.create_goal(GoalDraft(title="Mentor two new colleagues", category_id=category))
        assert [g.title for g in ben.goals.list_goals()] == ["Mentor two new colleagues"]
        assert ben.goals.find_goal(anna_goal) is None
        assert ben.progress.checkins(anna_goal) == []
        assert mine.position == 0  # board positions are numbered per person
    finally:
        ben.store.close()
    anna = people.services("anna")
    try:
        assert [g.title for g in anna.goals.list_goals()] == ["Earn the PMP certification"]
    finally:
        anna.store.close()


@needs_psql
def test_hand_written_sql_cannot_read_change_or_delete_anothers_goals(people: People, anna_goal: int) -> None:
    # RETURNING prints each row a statement touched: an empty answer means it touched none.
    assert people.psql("anna", f"UPDATE goal SET why = 'for my career' WHERE id = {anna_goal} RETURNING id") == str(
        anna_goal)
    assert people.psql("ben", "SELECT count(*) FROM goal WHERE title LIKE 'Earn%'") == "0"
    assert people.psql("ben", "SELECT count(*) FROM checkin") == "0"
    shared_view = "SET goaldesk.view = 'shared'; "
    assert people.psql("ben", f"{shared_view}SELECT count(*) FROM goal WHERE owner <> current_user") == "0"
    assert people.psql("ben", f"UPDATE goal SET title = 'mine now' WHERE id = {anna_goal} RETURNING id") == ""
    assert people.psql("ben", f"UPDATE goal SET owner = current_user WHERE id = {anna_goal} RETURNING id") == ""
    assert people.psql("ben", f"DELETE FROM goal WHERE id = {anna_goal} RETURNING id") == ""
    assert people.psql("ben", "DELETE FROM checkin RETURNING id") == ""
    refused = people.psql(
        "ben", f"INSERT INTO checkin (goal_id, on_date, value, note) VALUES ({anna_goal}, CURRENT_DATE, 99, 'x')")
    assert "row-level security" in refused
    refused = people.psql("ben", f"INSERT INTO goal_share (goal_id, grantee, created_at) "
                                 f"VALUES ({anna_goal}, current_user, now())")
    assert "row-level security" in refused  # nobody can share someone else's goal with themselves
    refused = people.psql("ben", "UPDATE schema_version SET version = 99")
    assert "permission denied" in refused
    # Anna's goal is untouched.
    assert people.psql("anna", f"SELECT title, (SELECT count(*) FROM checkin WHERE goal_id = {anna_goal}) "
                               f"FROM goal WHERE id = {anna_goal}") == "Earn the PMP certification|1"


@needs_psql
def test_a_shared_goal_is_read_only_and_takes_feedback(people: People, anna_goal: int) -> None:
    anna = people.services("anna")
    ben = people.services("ben")
    try:
        with pytest.raises(DomainError, match="no user"):
            anna.sharing.share_goal(anna_goal, "nobody_at_all")
        with pytest.raises(DomainError, match="not shared with you"):
            ben.sharing.add_feedback(anna_goal, "Book the exam date now.")
        anna.sharing.share_goal(anna_goal, f"ben_{people.suffix}")
        assert anna.sharing.shared_with(anna_goal) == [f"ben_{people.suffix}"]

        shared = ben.sharing.shared_with_me()
        assert [(s.goal.title, s.owner) for s in shared] == [("Earn the PMP certification", f"anna_{people.suffix}")]
        assert [c.value for c in ben.sharing.checkins(anna_goal)] == [3.0]
        assert all(g.id != anna_goal for g in ben.goals.list_goals())  # not in Ben's own list or board
        # Read-only, even by hand.
        shared_view = "SET goaldesk.view = 'shared'; "
        assert people.psql("ben", f"{shared_view}UPDATE goal SET title = 'x' WHERE id = {anna_goal} RETURNING id") == ""
        assert people.psql("ben", f"{shared_view}DELETE FROM goal WHERE id = {anna_goal} RETURNING id") == ""
        assert "row-level security" in people.psql(
            "ben", f"INSERT INTO checkin (goal_id, on_date, value, note) VALUES ({anna_goal}, CURRENT_DATE, 9, '')")

        given = ben.sharing.add_feedback(anna_goal, "Book the exam date now.", action="Pick a date")
        assert given.goal_id == anna_goal
        log = anna.reflection.feedback_for_goal(anna_goal)
        assert [(f.said, f.source.value) for f in log] == [("Book the exam date now.", "manager")]
        assert people.psql("anna", f"SELECT author FROM feedback WHERE goal_id = {anna_goal}") == f"ben_{people.suffix}"

        anna.sharing.unshare_goal(anna_goal, f"ben_{people.suffix}")
        assert ben.sharing.shared_with_me() == []
        assert people.psql("ben", "SELECT count(*) FROM feedback") == "0"
    finally:
        anna.store.close()
        ben.store.close()


def test_sharing_on_a_file_says_it_needs_a_server(tmp_path: Path) -> None:
    local = Services(Store(open_database(tmp_path / "one.sqlite3")))
    try:
        category = local.categories.categories()[1].id
        goal = local.goals.create_goal(GoalDraft(title="Run a 10 km race", category_id=category, horizon=Horizon.LONG))
        with pytest.raises(DomainError, match="needs a GoalDesk server"):
            local.sharing.share_goal(goal.id, "ben")
        assert local.sharing.shared_with_me() == [] and local.sharing.shared_with(goal.id) == []
    finally:
        local.store.close()
