"""The store services on real SQLite files: every call, every refusal, nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from goaldesk.domain import catalogue
from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft, GoalQuery
from goaldesk.store.base import Change, Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")

TODAY = date.today()


def leaf(service: Services, key: str = "educational") -> int:
    cat = service.categories.category_by_key(key)
    assert cat is not None
    return cat.id


def draft(service: Services, title: str = "Earn the PMP certification", **kw: object) -> GoalDraft:
    base = GoalDraft(title=title, category_id=leaf(service), deadline=TODAY + timedelta(days=180))
    return base.replace(**kw)


def table_dump(store: Store) -> list[tuple[object, ...]]:
    """Every goal row as stored (through the store's own connection, so it works on both engines)."""
    return [tuple(r) for r in store.db.execute_sql("SELECT * FROM goal ORDER BY id").fetchall()]


def test_new_database_has_builtin_tree(service: Services) -> None:
    cats = service.categories.categories()
    groups = [c for c in cats if c.parent_id is None]
    assert [g.name for g in groups] == ["Professional", "Personal"]
    professional = [c.name for c in cats if c.parent_id == groups[0].id]
    assert professional == [
        "Skill Development", "Performance", "Leadership", "Educational", "Networking", "Work-Life Balance",
        "Financial",
    ]
    personal = [c.name for c in cats if c.parent_id == groups[1].id]
    assert personal == ["Health & Fitness", "Relationships", "Savings & Money", "Hobbies & Learning"]
    assert all(c.builtin and len(c.description) > 60 for c in cats)
    assert {t.key for t in catalogue.all_types()} <= {c.key for c in cats}


@pytest.mark.sqlite_only
def test_connection_pragmas(store: Store) -> None:
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_seed_happens_once(db_path: Path) -> None:
    for _ in range(2):
        store = Store(open_database(db_path))
        assert len(Services(store).categories.categories()) == 13
        store.close()


def test_create_and_read_goal(service: Services) -> None:
    goal = service.goals.create_goal(draft(service, "  Earn the PMP certification  ", target=1, unit="exam"))
    assert goal.title == "Earn the PMP certification"
    assert goal.start_date == TODAY and goal.status is GoalStatus.ACTIVE and goal.horizon is Horizon.SHORT
    assert goal.position == 0 and goal.uuid and goal.created_at == goal.updated_at
    assert service.goals.get_goal(goal.id) == goal
    assert service.goals.list_goals() == [goal]


def test_create_appends_to_column(service: Services) -> None:
    ids = [service.goals.create_goal(draft(service, f"Goal number {i}")).id for i in range(3)]
    assert service.board.column_ids(Horizon.SHORT) == ids
    inserted = service.goals.create_goal(draft(service, "At the top"), position=0)
    assert service.board.column_ids(Horizon.SHORT) == [inserted.id, *ids]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": ""}, "title", "title"),
        ({"title": "   \t "}, "title", "title"),
        ({"title": "x" * 201}, "title", "201"),
        ({"title": "two\nlines"}, "title", "single line"),
        ({"start_date": TODAY, "deadline": TODAY - timedelta(days=1)}, "deadline", "before the start"),
        ({"deadline": TODAY - timedelta(days=3)}, "deadline", "past"),
        ({"target": 5.0, "baseline": 5.0}, "target", "differ"),
        ({"target": 0.0}, "target", "differ"),
        ({"target": -3.0}, "target", "negative"),
        ({"target": "lots"}, "target", "number"),
        ({"target": float("nan")}, "target", "finite"),
        ({"category_id": 9999}, "category_id", "no goal type"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    service: Services, db_path: Path, changes: dict[str, object], field: str, words: str
) -> None:
    service.goals.create_goal(draft(service, "An existing goal"))
    before = table_dump(service.store)
    with pytest.raises(DomainError) as info:
        service.goals.create_goal(draft(service).replace(**changes))
    assert info.value.field == field
    assert words in info.value.message
    assert table_dump(service.store) == before


def test_update_goal_records_history(service: Services) -> None:
    goal = service.goals.create_goal(draft(service, target=10))
    updated = service.goals.update_goal(goal.id, goal.draft().replace(title="Earn PMP", target=12.0), reason="scope")
    assert updated.title == "Earn PMP" and updated.target == 12.0
    assert updated.updated_at > goal.updated_at
    fields = [(h.field, h.old, h.new, h.reason) for h in service.history.history(goal.id)]
    assert fields == [("title", "Earn the PMP certification", "Earn PMP", "scope"), ("target", "10", "12", "scope")]


def test_update_refuses_bad_input(service: Services, db_path: Path) -> None:
    goal = service.goals.create_goal(draft(service))
    before = table_dump(service.store)
    with pytest.raises(DomainError):
        service.goals.update_goal(goal.id, goal.draft().replace(title=""))
    with pytest.raises(DomainError):
        service.goals.update_goal(goal.id, goal.draft().replace(parent_id=goal.id))
    assert table_dump(service.store) == before


def test_update_may_keep_a_past_deadline(service: Services, store: Store) -> None:
    goal = service.goals.create_goal(draft(service))
    late = goal.replace(deadline=TODAY - timedelta(days=5), start_date=TODAY - timedelta(days=40))
    service.goals.replace_goal(late.stored())
    edited = service.goals.update_goal(goal.id, service.goals.get_goal(goal.id).draft().replace(title="Still going"))
    assert edited.deadline == TODAY - timedelta(days=5)


def test_horizon_change_moves_to_end_of_other_column(service: Services) -> None:
    a = service.goals.create_goal(draft(service, "First goal"))
    b = service.goals.create_goal(draft(service, "Second goal"))
    c = service.goals.create_goal(draft(service, "Third goal", horizon=Horizon.LONG))
    service.goals.update_goal(a.id, a.draft().replace(horizon=Horizon.LONG))
    assert service.board.column_ids(Horizon.SHORT) == [b.id]
    assert service.board.column_ids(Horizon.LONG) == [c.id, a.id]
    assert service.goals.get_goal(b.id).position == 0


def test_soft_delete_and_restore_exactly(service: Services, db_path: Path) -> None:
    goals = [service.goals.create_goal(draft(service, f"Goal number {i}")) for i in range(3)]
    before = table_dump(service.store)
    old = service.goals.delete_goal(goals[1].id)
    assert service.board.column_ids(Horizon.SHORT) == [goals[0].id, goals[2].id]
    assert [g.id for g in service.goals.list_goals(GoalQuery(deleted=True))] == [goals[1].id]
    service.goals.restore_goals([old.stored()])
    assert table_dump(service.store) == before


def test_restore_from_trash_goes_to_end(service: Services) -> None:
    a = service.goals.create_goal(draft(service, "First goal"))
    b = service.goals.create_goal(draft(service, "Second goal"))
    service.goals.delete_goal(a.id)
    trashed = service.goals.get_goal(a.id)
    service.goals.restore_goal(trashed)
    assert service.board.column_ids(Horizon.SHORT) == [b.id, a.id]


def test_purge_removes_checkins_and_milestones(service: Services, store: Store) -> None:
    goal = service.goals.create_goal(draft(service, target=5))
    service.progress.add_checkin(goal.id, TODAY, 2)
    service.progress.add_milestone(goal.id, "Book the exam")
    service.goals.purge_goal(goal.id)
    assert service.goals.find_goal(goal.id) is None
    assert store.db.execute_sql("SELECT COUNT(*) FROM checkin").fetchone()[0] == 0
    assert store.db.execute_sql("SELECT COUNT(*) FROM milestone").fetchone()[0] == 0


def test_insert_goal_puts_back_exact_row(service: Services, db_path: Path) -> None:
    a = service.goals.create_goal(draft(service, "First goal"))
    service.goals.create_goal(draft(service, "Second goal"))
    before = table_dump(service.store)
    old = service.goals.purge_goal(a.id)
    service.goals.insert_goal(old.stored())
    assert table_dump(service.store) == before


def test_move_goals_between_columns_and_back(service: Services) -> None:
    s = [service.goals.create_goal(draft(service, f"Short goal {i}")).id for i in range(3)]
    long_ = [service.goals.create_goal(draft(service, f"Long goal {i}", horizon=Horizon.LONG)).id for i in range(2)]
    old = service.board.move_goals([s[2], s[0]], Horizon.LONG, before_id=long_[1])
    assert service.board.column_ids(Horizon.LONG) == [long_[0], s[2], s[0], long_[1]]
    assert service.board.column_ids(Horizon.SHORT) == [s[1]]
    assert [h.field for h in service.history.history(s[0])] == ["horizon"]
    service.board.place_goals(old)
    assert service.board.column_ids(Horizon.SHORT) == s
    assert service.board.column_ids(Horizon.LONG) == long_


def test_reorder_within_column_and_noop(service: Services) -> None:
    ids = [service.goals.create_goal(draft(service, f"Goal number {i}")).id for i in range(4)]
    assert service.board.move_goals([ids[3]], Horizon.SHORT, before_id=ids[0])
    assert service.board.column_ids(Horizon.SHORT) == [ids[3], ids[0], ids[1], ids[2]]
    assert service.board.move_goals([ids[0]], Horizon.SHORT, before_id=ids[1]) == []  # already there
    assert service.board.move_goals([ids[1]], Horizon.SHORT, before_id=ids[1]) == []  # onto itself
    assert service.board.move_goals([12345], Horizon.LONG) == []  # unknown id


def test_query_filters(service: Services) -> None:
    career = service.goals.create_goal(draft(service, "Lead the migration team", description="Quarterly project"))
    health = service.goals.create_goal(draft(service, "Run 5 km", category_id=leaf(service, "health-fitness")))
    done = service.goals.create_goal(draft(service, "Finish the Excel course", horizon=Horizon.LONG))
    service.goals.set_status(done.id, GoalStatus.ACHIEVED)
    assert [g.id for g in service.goals.list_goals(GoalQuery(text="QUARTERLY"))] == [career.id]
    personal = service.categories.category_by_key("personal")
    assert personal is not None
    subtree = service.categories.subtree_ids(personal.id)
    assert [g.id for g in service.goals.list_goals(GoalQuery(category_ids=subtree))] == [health.id]
    assert [g.id for g in service.goals.list_goals(GoalQuery(horizon=Horizon.LONG))] == [done.id]
    active = service.goals.list_goals(GoalQuery(statuses=frozenset({GoalStatus.ACTIVE})))
    assert {g.id for g in active} == {career.id, health.id}


def test_checkins_drive_progress(service: Services) -> None:
    goal = service.goals.create_goal(draft(service, target=10, baseline=0))
    first = service.progress.add_checkin(goal.id, TODAY - timedelta(days=2), "4", "good start")
    service.progress.add_checkin(goal.id, TODAY, 6.5)
    assert service.goals.get_goal(goal.id).progress == pytest.approx(0.65)
    old = service.progress.update_checkin(first.replace(value=5.0) if hasattr(first, "replace") else type(first)(
        first.id, first.goal_id, first.on, 5.0, first.note))
    assert old.value == 4.0
    assert [c.value for c in service.progress.checkins(goal.id)] == [5.0, 6.5]
    service.progress.delete_checkin(first.id)
    assert len(service.progress.checkins(goal.id)) == 1


def test_increment_checkins_add_up(service: Services) -> None:
    goal = service.goals.create_goal(draft(service, target=4, metric_kind=MetricKind.INCREMENT))
    for day in range(3):
        service.progress.add_checkin(goal.id, TODAY - timedelta(days=day), 1)
    got = service.goals.get_goal(goal.id)
    assert got.current == 3 and got.progress == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("on", "value", "note", "words"),
    [
        (TODAY + timedelta(days=1), 1, "", "future"),
        (TODAY, "abc", "", "number"),
        (TODAY, "", "", "missing"),
        (TODAY, float("inf"), "", "finite"),
        (TODAY, 1, "x" * 20_001, "too long"),
    ],
)
def test_bad_checkins_refused(service: Services, on: date, value: object, note: str, words: str) -> None:
    goal = service.goals.create_goal(draft(service, target=10))
    with pytest.raises(DomainError, match=words):
        service.progress.add_checkin(goal.id, on, value, note)  # type: ignore[arg-type]
    assert service.progress.checkins(goal.id) == []


def test_milestones(service: Services) -> None:
    goal = service.goals.create_goal(draft(service))
    a = service.progress.add_milestone(goal.id, "Book the exam")
    b = service.progress.add_milestone(goal.id, "Pass a practice test")
    c = service.progress.add_milestone(goal.id, "Read the guide", position=0)
    titles = [m.title for m in service.progress.milestones(goal.id)]
    assert titles == ["Read the guide", "Book the exam", "Pass a practice test"]
    service.progress.update_milestone(type(a)(a.id, a.goal_id, a.title, a.position, TODAY))
    assert service.goals.get_goal(goal.id).progress == pytest.approx(1 / 3)
    service.progress.delete_milestone(c.id)
    assert [(m.title, m.position) for m in service.progress.milestones(goal.id)] == [("Book the exam", 0),
                                                                             ("Pass a practice test", 1)]
    with pytest.raises(DomainError):
        service.progress.add_milestone(goal.id, "  ")
    # ids stay with their milestones through inserts and deletes; each milestone has its own
    assert [m.id for m in service.progress.milestones(goal.id)] == [a.id, b.id] and len({a.id, b.id, c.id}) == 3


def test_categories_create_rename_move_delete(service: Services) -> None:
    professional = service.categories.category_by_key("professional")
    assert professional is not None
    mine = service.categories.create_category("Side projects", professional.id)
    child = service.categories.create_category("Open source", mine.id)
    with pytest.raises(DomainError, match="already"):
        service.categories.create_category("side PROJECTS", professional.id)
    with pytest.raises(DomainError):
        service.categories.create_category("", None)
    with pytest.raises(DomainError, match="80"):
        service.categories.create_category("x" * 81, None)
    service.categories.rename_category(child.id, "Open-source work")
    with pytest.raises(DomainError, match="inside itself"):
        service.categories.move_category(mine.id, child.id)
    with pytest.raises(DomainError, match="Built-in"):
        service.categories.move_category(leaf(service), mine.id)
    goal = service.goals.create_goal(draft(service, category_id=child.id))
    with pytest.raises(DomainError, match="holds 1 goal"):
        service.categories.delete_category(mine.id)
    deletion = service.categories.delete_category(mine.id, reassign_to=leaf(service))
    assert service.goals.get_goal(goal.id).category_id == leaf(service)
    assert {c.name for c in deletion.categories} == {"Side projects", "Open-source work"}
    service.categories.undo_delete_category(deletion)
    assert service.goals.get_goal(goal.id).category_id == child.id
    assert service.categories.category(child.id).parent_id == mine.id
    with pytest.raises(DomainError, match="built in"):
        service.categories.delete_category(leaf(service))


def test_counts_of_active_goals(service: Services) -> None:
    a = service.goals.create_goal(draft(service, "One active goal"))
    b = service.goals.create_goal(draft(service, "Another goal"))
    service.goals.set_status(b.id, GoalStatus.ACHIEVED)
    assert service.categories.active_goal_counts() == {a.category_id: 1}


def test_listeners_hear_after_commit(service: Services, store: Store) -> None:
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    goal = service.goals.create_goal(draft(service))
    assert heard[-1] == [Change("goal", (goal.id,))]
    with pytest.raises(DomainError):
        service.goals.create_goal(draft(service, ""))
    assert len(heard) == 1


def test_unicode_titles_round_trip(service: Services) -> None:
    for title in ("تحسين مهارات العرض", "プレゼンを上達させる 🎤", "Ünïcødé — “quotes”"):
        goal = service.goals.create_goal(draft(service, title))
        assert service.goals.get_goal(goal.id).title == title
