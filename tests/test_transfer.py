"""JSON export/import: byte-identical round trips, merges by UUID, and no input that slips through.

The importer must answer any JSON (or non-JSON) with either a complete import or TransferError and
an untouched database; hypothesis feeds it random structures and mutated valid exports.
"""

from __future__ import annotations

import copy
import csv
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaldesk.cli import main as cli_main
from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Change, Store
from goaldesk.store.csvexport import export_checkins_csv, export_goals_csv
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.store.transfer import (
    TransferError,
    dumps,
    export_data,
    export_json,
    import_data,
    import_json,
    loads,
)

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")

STAMP = datetime(2024, 5, 1, 12, 0, 0)
LONG_NOTE = ("Ten thousand characters: ✓ שלום 🎯 " * 400)[:10_000]


def populate(service: Services) -> dict[str, int]:
    """A database using every table, with Unicode, RTL text, emoji and a 10,000-character note."""
    store = service.store
    skill = service.categories.category_by_key("skill-development")
    assert skill is not None and skill.parent_id is not None
    mine = service.categories.create_category("Side projects ✨", skill.parent_id)
    sub = service.categories.create_category("שפות", mine.id)
    service.categories.set_category_colour(mine.id, "#cc79a7")
    today = date.today()
    a = service.goals.create_goal(
        GoalDraft(title="Learn Excel pivots 📊", category_id=skill.id, target=10, metric_name="reports",
                  unit="📄", description="Deeper Excel for a data analyst\nsecond line", why="promotion")
    )
    b = service.goals.create_goal(
        GoalDraft(title="ללמוד עברית", category_id=sub.id, horizon=Horizon.LONG, parent_id=a.id,
                  deadline=today + timedelta(days=90), baseline=1, target=5)
    )
    c = service.goals.create_goal(GoalDraft(title="Old idea", category_id=mine.id))
    service.progress.add_checkin(a.id, today - timedelta(days=3), 2, LONG_NOTE)
    service.progress.add_checkin(a.id, today - timedelta(days=1), 4.5, "😀 mañana")
    service.progress.add_checkin(a.id, today - timedelta(days=1), 4.5, "😀 mañana")  # a true duplicate survives
    service.progress.add_checkin(b.id, today, 2, "")
    service.progress.add_milestone(a.id, "First pivot table", done_on=today)
    service.progress.add_milestone(a.id, "Second one")
    service.goals.update_goal(a.id, service.goals.get_goal(a.id).draft().replace(category_id=mine.id), reason="moved")
    service.categories.rename_category(skill.id, "Skills & Tools")
    service.goals.set_archived([c.id], True)
    service.goals.delete_goal(c.id)
    db = store.db
    db.execute_sql("INSERT INTO win (goal_id, on_date, kind, what) VALUES (?, ?, 'small', 'first report 🎉')",
                   (a.id, today.isoformat()))
    db.execute_sql(
        "INSERT INTO trait (kind, name, note, rating, on_date) VALUES ('strength', 'Public speaking', 'نعم', 4, ?)",
        (today.isoformat(),),
    )
    db.execute_sql("INSERT INTO goal_trait (goal_id, trait_id) VALUES (?, 1)", (a.id,))
    db.execute_sql(
        "INSERT INTO feedback (goal_id, on_date, source, said, action, acted_on, created_at) "
        "VALUES (?, ?, 'Manager', 'Charts were clearer', 'keep going', 1, '2024-04-02 09:30:00')",
        (a.id, today.isoformat()),
    )
    db.execute_sql(
        "INSERT INTO feedback (goal_id, on_date, source, said, created_at) "
        "VALUES (NULL, ?, 'Peer', 'Speak slower', '2024-04-03 10:00:00.250000')",
        (today.isoformat(),),
    )
    store.set_state("last_review", "2024-04-30")
    return {"a": a.id, "b": b.id, "c": c.id}


def fresh(path: Path) -> tuple[Store, Services]:
    store = Store(open_database(path))
    return store, Services(store)


def snapshot(store: Store) -> str:
    return dumps(export_data(store, exported_at=STAMP))


@pytest.fixture
def populated(service: Services) -> Services:
    populate(service)
    return service


def test_round_trip_is_byte_identical(populated: Services, tmp_path: Path) -> None:
    first = export_json(populated.store, tmp_path / "one.json", exported_at=STAMP)
    store2, _ = fresh(tmp_path / "other" / "g.sqlite3")
    try:
        report = import_json(store2, first)
        assert report.created["goals"] == 3
        assert report.created["checkins"] == 4
        second = export_json(store2, tmp_path / "two.json", exported_at=STAMP)
    finally:
        store2.close()
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert "ללמוד עברית" in text and "📊" in text and LONG_NOTE in text  # real UTF-8, not \u escapes
    data = json.loads(text)
    assert data["format"] == "goaldesk-export" and data["version"] == 1
    assert data["exported_at"] == "2024-05-01T12:00:00"


def test_export_covers_every_table(populated: Services) -> None:
    data = export_data(populated.store, exported_at=STAMP)
    goals = {g["title"]: g for g in data["goals"]}
    a = goals["Learn Excel pivots 📊"]
    assert [m["title"] for m in a["milestones"]] == ["First pivot table", "Second one"]
    assert a["wins"][0]["what"] == "first report 🎉"
    assert a["traits"] == [{"kind": "strength", "name": "Public speaking", "on": date.today().isoformat()}]
    moved = [h for h in a["history"] if h["field"] == "category_id"]
    assert moved and moved[0]["old"] == ["Professional", "Skills & Tools"]
    assert goals["ללמוד עברית"]["parent"] == a["uuid"]
    assert goals["Old idea"]["deleted_at"] is not None and goals["Old idea"]["archived"] is True
    assert len(data["feedback"]) == 2 and data["traits"][0]["note"] == "نعم"
    assert data["app_state"] == {"last_review": "2024-04-30"}
    assert ["Professional", "Skills & Tools"] in [c["path"] for c in data["categories"]]


def test_reimport_into_same_database_changes_nothing(populated: Services, tmp_path: Path) -> None:
    before = snapshot(populated.store)
    heard: list[list[Change]] = []
    populated.store.subscribe(heard.append)
    report = import_data(populated.store, json.loads(before))
    assert report.created["goals"] == 0 and report.updated["goals"] == 0 and report.skipped["goals"] == 3
    assert report.skipped["checkins"] == 4 and report.created["checkins"] == 0
    assert snapshot(populated.store) == before
    assert heard == [[Change("all")]]


def test_merge_by_uuid_updates_and_adds(populated: Services, tmp_path: Path) -> None:
    data = export_data(populated.store, exported_at=STAMP)
    store2, service2 = fresh(tmp_path / "two" / "g.sqlite3")
    try:
        category_id = service2.categories.categories()[1].id
        mine = service2.goals.create_goal(GoalDraft(title="Local goal", category_id=category_id))
        import_data(store2, data)
        edited = copy.deepcopy(data)
        goal = next(g for g in edited["goals"] if g["title"] == "Learn Excel pivots 📊")
        goal["title"] = "Learn Excel pivots (renamed)"
        goal["checkins"].append({"on": "2024-01-05", "value": 7.0, "note": "new", "created_at": "2024-01-05T08:00:00"})
        goal["milestones"][1]["done_on"] = "2024-02-01"
        report = import_data(store2, edited)
        assert report.updated["goals"] == 1 and report.skipped["goals"] == 2
        assert report.created["checkins"] == 1 and report.skipped["checkins"] == 4
        assert report.updated["milestones"] == 1
        titles = [g.title for g in service2.goals.list_goals()]
        assert "Learn Excel pivots (renamed)" in titles and "Local goal" in titles
        assert service2.goals.goal_count() == 3  # local goal + two live imported ones (one is in the Trash)
        # Board positions stay a clean 0..n-1 sequence in each column, the local goal first.
        for horizon in Horizon:
            rows = store2.db.execute_sql(
                "SELECT position FROM goal WHERE horizon = ? AND deleted_at IS NULL ORDER BY position",
                (horizon.value,),
            ).fetchall()
            assert [r[0] for r in rows] == list(range(len(rows)))
        assert service2.board.column_ids(Horizon.SHORT)[0] == mine.id
    finally:
        store2.close()


BAD_CASES: list[tuple[str, Any, str]] = [
    ("not an object", [], "file: not an object"),
    ("wrong format", {"format": "other"}, "format:"),
    ("newer version", {"version": 2}, "version: written by a newer GoalDesk"),
    ("deadline", ("goals", 0, "deadline", "31/12/2024"), "goals[0].deadline: not a date"),
    ("bad date", ("goals", 1, "start_date", "2024-02-30"), "goals[1].start_date: not a date"),
    ("horizon", ("goals", 0, "horizon", "medium"), "goals[0].horizon: must be one of"),
    ("value", ("goals", "*", "checkins", 0, "value", "12"), "].checkins[0].value: not a number"),
    ("bool value", ("goals", "*", "checkins", 0, "value", True), "].checkins[0].value: not a number"),
    ("uuid", ("goals", 0, "uuid", "not-a-uuid"), "goals[0].uuid: not a UUID"),
    ("category", ("goals", 0, "category", ["Nowhere"]), "goals[0].category: names a category"),
    ("parent", ("goals", 0, "parent", "00000000-0000-4000-8000-000000000000"), "goals[0].parent: no goal"),
    ("title", ("goals", 0, "title", "two\nlines"), "goals[0].title: must be a single line"),
    ("empty title", ("goals", 0, "title", "  "), "goals[0].title: must not be empty"),
    ("tz", ("goals", 0, "created_at", "2024-01-01T10:00:00+02:00"), "goals[0].created_at: must be a local time"),
    ("huge int", ("goals", 0, "position", 10**30), "goals[0].position: out of range"),
    ("surrogate", ("goals", 0, "why", "\ud800"), "goals[0].why: contains characters"),
    ("trait ref", ("goals", "*", "traits", 0, "name", "Nope"), "].traits[0]: names a trait"),
    ("colour name", ("categories", 1, "colour", "red"), "categories[1].colour: not a colour of the form #rrggbb"),
    ("short colour", ("categories", 1, "colour", "#fff"), "categories[1].colour: not a colour"),
    ("colour number", ("categories", 1, "colour", 0xCC79A7), "categories[1].colour: not a colour"),
]


def _apply(data: dict[str, Any], case: Any) -> dict[str, Any]:
    if isinstance(case, dict):
        return {**data, **case}
    if not isinstance(case, tuple):
        return case  # type: ignore[no-any-return]
    *path, value = case
    node: Any = data
    for i, step in enumerate(path[:-1]):
        if step == "*":  # the first goal that has the list named next
            node = next(g for g in node if g[path[i + 1]])
            continue
        node = node[step]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(("label", "case", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_files_name_the_problem_and_write_nothing(
    populated: Services, label: str, case: Any, message: str
) -> None:
    before = snapshot(populated.store)
    data = _apply(json.loads(before), case)
    with pytest.raises(TransferError) as caught:
        import_data(populated.store, data)
    assert message in caught.value.message
    assert snapshot(populated.store) == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"a": NaN}', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "file:"),
        (b"", "not valid JSON"),
        (b'{"format": "goaldesk-export", "version": 1, "categories": [], "goals": [], "x": Infinity}', "JSON"),
    ],
)
def test_undecodable_files(raw: bytes, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        loads(raw)
    assert message in caught.value.message


def test_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="Could not read"):
        import_json(store, tmp_path / "absent.json")


@pytest.fixture
def scratch() -> Iterator[tuple[Store, str]]:
    """A populated database shared by every hypothesis example of one test (imports that fail leave it as is)."""
    with tempfile.TemporaryDirectory() as folder:
        store, service = fresh(Path(folder) / "g.sqlite3")
        populate(service)
        yield store, snapshot(store)
        store.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_random_json_is_refused_cleanly(scratch: tuple[Store, str], value: Any) -> None:
    store, before = scratch
    with pytest.raises(TransferError):
        import_data(store, value)
    assert snapshot(store) == before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_never_crash(raw: bytes) -> None:
    try:
        loads(raw)
    except TransferError:
        pass


def _locations(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _locations(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _locations(value, (*prefix, index))
    return found


@pytest.fixture
def template() -> Iterator[Path]:
    """A populated database file; each hypothesis example works on its own copy of it."""
    with tempfile.TemporaryDirectory() as folder:
        store, service = fresh(Path(folder) / "g.sqlite3")
        populate(service)
        store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        yield Path(folder) / "g.sqlite3"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_exports_import_fully_or_not_at_all(template: Path, data: st.DataObject) -> None:
    # A fresh copy per example: a successful import changes the data, and the next example must
    # draw its mutations from the same starting document.
    with tempfile.TemporaryDirectory() as folder:
        copy_path = Path(folder) / "g.sqlite3"
        shutil.copyfile(template, copy_path)
        store, _ = fresh(copy_path)
        try:
            _mutate_and_import(store, data)
        finally:
            store.close()


def _mutate_and_import(store: Store, data: st.DataObject) -> None:
    before = snapshot(store)
    doc = json.loads(before)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        locations = _locations(doc)
        where = data.draw(st.sampled_from(locations), label="where")
        parent: Any = doc
        for step in where[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]), label="action")
        if action == "delete":
            del parent[where[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[where[-1]]))
        else:
            parent[where[-1]] = data.draw(json_values, label="value")
    try:
        import_data(store, doc)
    except TransferError:
        assert snapshot(store) == before
    else:
        check = store.db.execute_sql("PRAGMA foreign_key_check").fetchall()
        assert check == []


def test_csv_exports(populated: Services, tmp_path: Path) -> None:
    goals = export_goals_csv(populated.store, tmp_path / "goals.csv")
    checkins = export_checkins_csv(populated.store, tmp_path / "checkins.csv")
    raw = goals.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with goals.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["title"] for r in rows} == {"Learn Excel pivots 📊", "ללמוד עברית"}  # Trash left out
    first = next(r for r in rows if r["title"] == "Learn Excel pivots 📊")
    assert first["category"] == "Professional / Side projects ✨" and first["current"] == "4.5"
    with checkins.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["goal_uuid", "goal_title", "on", "value", "unit", "note"]
    assert len(lines) == 5 and LONG_NOTE in [line[5] for line in lines]
    date.fromisoformat(lines[1][2])


def test_cli_export_and_import(populated: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(populated.store.db.database)  # the file, or the server URI
    out = tmp_path / "all.json"
    assert cli_main(["export", "--db", db, str(out)]) == 0
    assert cli_main(["export", "--db", db, "--what", "checkins", str(tmp_path / "c.csv")]) == 0
    target = tmp_path / "new" / "g.sqlite3"
    target.parent.mkdir()  # the CLI creates a new database, but not a missing folder
    assert cli_main(["import", "--db", str(target), str(out)]) == 0
    assert "goals: 3 added" in capsys.readouterr().out


def test_cli_import_of_bad_file_writes_nothing(
    populated: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(populated.store)
    doc = json.loads(before)
    doc["goals"][-1]["deadline"] = "tomorrow"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert cli_main(["import", "--db", str(populated.store.db.database), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"goals[{len(doc['goals']) - 1}].deadline: not a date" in err and "Traceback" not in err
    assert snapshot(populated.store) == before


def test_type_colours_travel_with_the_file(populated: Services, tmp_path: Path) -> None:
    """Export writes each type's colour; import sets it, a file from before colours leaves them alone."""
    data = export_data(populated.store, exported_at=STAMP)
    by_path = {tuple(c["path"]): c for c in data["categories"]}
    assert by_path[("Professional", "Side projects ✨")]["colour"] == "#cc79a7"
    assert by_path[("Professional",)]["colour"] is None
    assert by_path[("Professional", "Leadership")]["colour"] == "#e69f00"

    store2, service2 = fresh(tmp_path / "other" / "g.sqlite3")
    try:
        leadership = service2.categories.category_by_key("leadership")
        assert leadership is not None
        service2.categories.set_category_colour(leadership.id, "#0072b2")
        older = copy.deepcopy(data)
        for cat in older["categories"]:
            del cat["colour"]  # a file written before colours existed
        import_data(store2, older)
        assert service2.categories.category(leadership.id).colour == "#0072b2"  # kept
        mine = next(c for c in service2.categories.categories() if c.name == "Side projects ✨")
        assert mine.colour is None

        newer = copy.deepcopy(data)
        by_path2 = {tuple(c["path"]): c for c in newer["categories"]}
        by_path2[("Professional", "Side projects ✨")]["colour"] = "#56B4E9"
        by_path2[("Professional", "Leadership")]["colour"] = None  # chosen "No colour" in the other database
        report = import_data(store2, newer)
        assert service2.categories.category(mine.id).colour == "#56b4e9"
        assert service2.categories.category(leadership.id).colour is None
        assert report.updated["categories"] == 2
    finally:
        store2.close()
