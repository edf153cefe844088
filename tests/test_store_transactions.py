"""Domain rules that hold together are one service call and one transaction (issue 16)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.store.base import Change, Store
from goaldesk.store.services import Services

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")


def make_goal(service: Services, title: str = "Run 100 km") -> Goal:
    category = service.categories.category_by_key("skill-development")
    assert category is not None
    today = service.store.today()
    return service.goals.create_goal(
        GoalDraft(title=title, category_id=category.id, start_date=today - timedelta(days=30),
                  deadline=today + timedelta(days=30), baseline=0.0, target=100.0, unit="km")
    )


def test_nested_writes_are_told_once_after_the_outer_commit(store: Store, service: Services) -> None:
    goal = make_goal(service)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    with store.writing([Change("outer")]):
        service.progress.add_checkin(goal.id, store.today(), 10)
        assert heard == []  # nothing is told before the commit
    assert len(heard) == 1 and Change("outer") in heard[0] and Change("checkin", (goal.id,)) in heard[0]


def test_a_failing_outer_write_rolls_the_inner_one_back(store: Store, service: Services) -> None:
    goal = make_goal(service)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    with pytest.raises(RuntimeError), store.writing([]):
        service.progress.add_checkin(goal.id, store.today(), 10)
        raise RuntimeError("boom")
    assert service.progress.checkins(goal.id) == [] and heard == []


def test_check_in_and_its_wins_are_one_write(store: Store, service: Services) -> None:
    goal = make_goal(service)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    wins = service.progress.with_wins(
        goal.id, lambda: service.progress.add_checkin(goal.id, store.today(), 60) and None
    )
    assert [w.threshold for w in wins] == [25, 50]
    assert len(heard) == 1 and Change("win", (goal.id,)) in heard[0]
    assert [w.id for w in service.wins.wins(goal.id)] == sorted((w.id for w in wins), reverse=True)


def test_a_refused_check_in_logs_no_win(store: Store, service: Services) -> None:
    goal = make_goal(service)
    with pytest.raises(DomainError):
        service.progress.with_wins(
            goal.id, lambda: service.progress.add_checkin(goal.id, store.today() + timedelta(days=3), 60) and None
        )
    assert service.progress.checkins(goal.id) == [] and service.wins.wins(goal.id) == []


def test_replay_restores_and_removes_the_same_wins(store: Store, service: Services) -> None:
    goal = make_goal(service)
    made = {}

    def add() -> None:
        made["c"] = service.progress.add_checkin(goal.id, store.today(), 60)

    wins = service.progress.with_wins(goal.id, add)
    service.progress.replay(lambda: service.progress.delete_checkin(made["c"].id), remove=wins)
    assert service.wins.wins(goal.id) == [] and service.progress.checkins(goal.id) == []
    c = made["c"]
    service.progress.replay(
        lambda: service.progress.add_checkin(c.goal_id, c.on, c.value, c.note, checkin_id=c.id), restore=wins
    )
    assert sorted(w.id for w in service.wins.wins(goal.id)) == sorted(w.id for w in wins)


def test_status_of_many_goals_is_one_write_and_one_undo(store: Store, service: Services) -> None:
    goals = [make_goal(service, f"Goal {i}") for i in range(3)]
    service.goals.set_status(goals[2].id, GoalStatus.ACHIEVED)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    old = service.goals.set_statuses([g.id for g in goals], GoalStatus.ACHIEVED)
    assert [g.id for g in old] == [goals[0].id, goals[1].id]  # the one already achieved is left alone
    assert len(heard) == 1
    assert all(service.goals.get_goal(g.id).status is GoalStatus.ACHIEVED for g in goals)
    service.goals.replace_goals([g.stored() for g in old])
    assert [service.goals.get_goal(g.id).status for g in goals] == [
        GoalStatus.ACTIVE, GoalStatus.ACTIVE, GoalStatus.ACHIEVED
    ]
    assert len(heard) == 2


def test_smart_overrides_with_the_rewrite_in_one_write(store: Store, service: Services) -> None:
    goal = make_goal(service)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    updated = service.goals.update_goal(
        goal.id, goal.draft().replace(title="Run 100 km by June"), reason="SMART rewrite",
        smart_overrides=frozenset({"time_bound"}),
    )
    assert updated.title == "Run 100 km by June" and updated.smart_overrides == {"time_bound"}
    assert len(heard) == 1
    with pytest.raises(DomainError):  # a refused rewrite keeps the overrides out too
        service.goals.update_goal(goal.id, goal.draft().replace(title=" "), smart_overrides=frozenset({"specific"}))
    assert service.goals.get_goal(goal.id).smart_overrides == {"time_bound"}
