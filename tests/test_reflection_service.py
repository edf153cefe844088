"""Reflection on a real SQLite file: feedback, strengths and weaknesses, review, balance, goal history."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.domain.reflection import FeedbackSource, TraitKind, balance_rows, review_items
from goaldesk.store.base import Change, Store
from goaldesk.store.db import open_database
from goaldesk.store.models import WinRow
from goaldesk.store.services import ReflectionService, ReviewService, Services

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")

TODAY = date(2026, 11, 25)


@pytest.fixture
def fixed(db_target: Path | str) -> Iterator[Store]:
    """A store whose clock says 25 November 2026, so review dates are exact."""
    clock = iter(datetime(2026, 11, 25, 9, 0) + timedelta(seconds=i) for i in range(10_000))
    s = Store(open_database(db_target), today=lambda: TODAY, now=lambda: next(clock))
    yield s
    s.close()


@pytest.fixture
def goals(fixed: Store) -> Services:
    return Services(fixed)


@pytest.fixture
def refl(fixed: Store) -> ReflectionService:
    return ReflectionService(fixed)


def make(goals: Services, title: str, key: str = "skill-development", **fields: object) -> Goal:
    cat = goals.categories.category_by_key(key)
    assert cat is not None
    values: dict[str, object] = {"title": title, "category_id": cat.id, "start_date": TODAY - timedelta(days=5)}
    values.update(fields)
    return goals.goals.create_goal(GoalDraft(**values))  # type: ignore[arg-type]


def count(db_target: Path | str, table: str) -> int:
    """Committed rows, seen through a connection of its own (SQLite file or PostgreSQL URI)."""
    if isinstance(db_target, str):
        import psycopg

        with psycopg.connect(db_target) as pg:
            return int(pg.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    conn = sqlite3.connect(db_target)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def heard(store: Store) -> list[list[Change]]:
    got: list[list[Change]] = []
    store.subscribe(got.append)
    return got


# ---------------------------------------------------------------- feedback


def test_feedback_add_update_delete_restore(refl: ReflectionService, goals: Services, fixed: Store,
                                            db_target: Path | str) -> None:
    goal = make(goals, "Present at the quarterly meeting")
    changes = heard(fixed)
    fb = refl.add_feedback(goal.id, "  Slides were too dense  ", source=FeedbackSource.MANAGER,
                           action="Max three bullets per slide")
    assert changes == [[Change("feedback", (fb.id,))]]
    assert fb.said == "Slides were too dense" and fb.on == TODAY and fb.is_open_action
    general = refl.add_feedback(None, "Good listener in 1:1s", source=FeedbackSource.PEER)
    assert refl.feedback_for_goal(goal.id) == [fb]
    assert {f.id for f in refl.all_feedback()} == {fb.id, general.id}
    assert refl.all_feedback(open_actions_only=True) == [fb]

    old = refl.set_acted_on(fb.id, True)
    assert old.acted_on is False and refl.feedback(fb.id).acted_on is True
    assert refl.all_feedback(open_actions_only=True) == []

    old = refl.update_feedback(refl.feedback(fb.id).replace(said="Too dense", source=FeedbackSource.MENTOR))
    assert old.said == "Slides were too dense"
    assert refl.feedback(fb.id).source is FeedbackSource.MENTOR

    snapshot = refl.delete_feedback(fb.id)
    assert count(db_target, "feedback") == 1
    back = refl.restore_feedback(snapshot)
    assert back == snapshot and count(db_target, "feedback") == 2


def test_feedback_of_trashed_goal_is_hidden_and_refused(refl: ReflectionService, goals: Services) -> None:
    goal = make(goals, "Finish the Python course", key="educational")
    refl.add_feedback(goal.id, "Practise daily")
    goals.goals.delete_goal(goal.id)
    assert refl.all_feedback() == []
    with pytest.raises(DomainError, match="Trash"):
        refl.add_feedback(goal.id, "More tests")


@pytest.mark.parametrize("said", ["", "   \n ", "x" * 20_001])
def test_bad_feedback_is_refused_and_nothing_written(refl: ReflectionService, said: str, db_target: Path | str) -> None:
    with pytest.raises(DomainError) as info:
        refl.add_feedback(None, said)
    assert str(info.value)[0].isupper() and str(info.value).endswith(".")
    assert count(db_target, "feedback") == 0


def test_huge_action_refused_on_update(refl: ReflectionService) -> None:
    fb = refl.add_feedback(None, "Speak up in meetings")
    with pytest.raises(DomainError, match="20,000"):
        refl.update_feedback(fb.replace(action="y" * 20_001))
    assert refl.feedback(fb.id).action == ""


# ---------------------------------------------------------------- traits


def test_traits_and_links(refl: ReflectionService, goals: Services, fixed: Store, db_target: Path | str) -> None:
    speaking = refl.add_trait(TraitKind.WEAKNESS, "Public speaking", rating=4, note="Nervous with big groups")
    excel = refl.add_trait(TraitKind.STRENGTH, "Excel", rating=5)
    delegation = refl.add_trait(TraitKind.WEAKNESS, "Delegation", rating=2)
    assert [t.name for t in refl.traits(TraitKind.WEAKNESS)] == ["Public speaking", "Delegation"]
    assert {t.name for t in refl.weaknesses_without_goals()} == {"Public speaking", "Delegation"}

    goal = make(goals, "Give three talks", target=3.0)
    assert refl.link(goal.id, speaking.id) is True
    assert refl.link(goal.id, speaking.id) is False
    refl.link(goal.id, excel.id)
    assert [g.id for g in refl.goals_for_trait(speaking.id)] == [goal.id]
    assert {t.name for t in refl.traits_for_goal(goal.id)} == {"Public speaking", "Excel"}
    assert [t.name for t in refl.weaknesses_without_goals()] == ["Delegation"]

    # An abandoned or trashed goal no longer addresses the weakness.
    goals.goals.set_status(goal.id, GoalStatus.ABANDONED)
    assert {t.name for t in refl.weaknesses_without_goals()} == {"Public speaking", "Delegation"}
    goals.goals.set_status(goal.id, GoalStatus.ACTIVE)
    assert refl.unlink(goal.id, speaking.id) is True
    assert refl.unlink(goal.id, speaking.id) is False

    old = refl.set_trait_goals(delegation.id, [goal.id])
    assert old == [] and refl.goal_ids_for_trait(delegation.id) == [goal.id]
    deletion = refl.delete_trait(delegation.id)
    assert deletion.goal_ids == (goal.id,) and count(db_target, "goal_trait") == 1
    refl.restore_trait(deletion)
    assert refl.goal_ids_for_trait(delegation.id) == [goal.id]

    before = refl.update_trait(refl.trait(excel.id).replace(rating=4, note="Pivot tables"))
    assert before.rating == 5 and refl.trait(excel.id).rating == 4


@pytest.mark.parametrize("rating", [0, 6, -1, True, 3.5])
def test_bad_rating_refused(refl: ReflectionService, rating: object, db_target: Path | str) -> None:
    with pytest.raises(DomainError, match="1 to 5"):
        refl.add_trait(TraitKind.STRENGTH, "Writing", rating=rating)  # type: ignore[arg-type]
    assert count(db_target, "trait") == 0


def test_bad_trait_text_refused(refl: ReflectionService, db_target: Path | str) -> None:
    with pytest.raises(DomainError, match="name"):
        refl.add_trait(TraitKind.STRENGTH, "  ")
    with pytest.raises(DomainError, match="20,000"):
        refl.add_trait(TraitKind.STRENGTH, "Writing", note="n" * 20_001)
    trait = refl.add_trait(TraitKind.STRENGTH, "Writing")
    with pytest.raises(DomainError):
        refl.update_trait(trait.replace(rating=6))
    assert refl.trait(trait.id).rating == 3 and count(db_target, "trait") == 1


def test_link_to_deleted_or_missing_goal_refused(refl: ReflectionService, goals: Services,
                                                 db_target: Path | str) -> None:
    trait = refl.add_trait(TraitKind.WEAKNESS, "Time management")
    goal = make(goals, "Plan every Monday")
    goals.goals.delete_goal(goal.id)
    with pytest.raises(DomainError, match="Trash"):
        refl.link(goal.id, trait.id)
    with pytest.raises(DomainError, match="no goal"):
        refl.link(9999, trait.id)
    with pytest.raises(DomainError, match="Trash"):
        refl.set_trait_goals(trait.id, [goal.id])
    assert count(db_target, "goal_trait") == 0


# ---------------------------------------------------------------- review


def seed_review(goals: Services, fixed: Store) -> dict[str, Goal]:
    g = {
        "due": make(goals, "Submit PMP application", deadline=TODAY + timedelta(days=10)),
        "due_today": make(goals, "Book the exam", deadline=TODAY),
        "later": make(goals, "Earn the PMP", deadline=TODAY + timedelta(days=15)),
        "overdue": make(goals, "Update my CV", deadline=TODAY + timedelta(days=1)),
        "stale": make(goals, "Run 100 km", key="health-fitness", start_date=TODAY - timedelta(days=40)),
        "fresh": make(goals, "Read 6 books", key="hobbies-learning", start_date=TODAY - timedelta(days=40),
                      target=6.0),
        "achieved": make(goals, "Old goal", deadline=TODAY + timedelta(days=3), start_date=TODAY - timedelta(days=60)),
    }
    # A deadline in the past is allowed for existing goals only.
    goals.goals.update_goal(g["overdue"].id, g["overdue"].draft().replace(deadline=TODAY - timedelta(days=2)))
    goals.progress.add_checkin(g["fresh"].id, TODAY - timedelta(days=3), 2)
    goals.progress.add_checkin(g["stale"].id, TODAY - timedelta(days=14), 20)
    goals.goals.set_status(g["achieved"].id, GoalStatus.ACHIEVED)
    return g


def test_review_items_with_fixed_dates(refl: ReflectionService, goals: Services, fixed: Store) -> None:
    g = seed_review(goals, fixed)
    refl.add_feedback(g["due"].id, "Ask for a reference early", action="Email Dana")
    refl.add_feedback(None, "Nice demo", source=FeedbackSource.CLIENT)
    with fixed.writing([Change("win")]):
        WinRow.create(goal=g["fresh"].id, on=TODAY - timedelta(days=3), kind="progress-25", what="A quarter")
        WinRow.create(goal=g["fresh"].id, on=TODAY - timedelta(days=20), kind="milestone", what="Old win")
    items = ReviewService(refl.store).review(TODAY)
    assert [x.title for x in items.due_soon] == ["Book the exam", "Submit PMP application"]
    assert [x.title for x in items.overdue] == ["Update my CV"]
    assert [x.title for x in items.stale] == ["Run 100 km"]
    assert [f.action for f in items.open_actions] == ["Email Dana"]
    assert [w.what for w in items.wins_since] == ["A quarter"]
    assert items

    assert ReviewService(refl.store).last_review() is None
    assert ReviewService(refl.store).mark_reviewed(TODAY) is None
    assert ReviewService(refl.store).last_review() == TODAY
    assert ReviewService(refl.store).review(TODAY).wins_since == ()
    # A week later, only wins after the review count.
    with fixed.writing([Change("win")]):
        WinRow.create(goal=g["fresh"].id, on=TODAY + timedelta(days=2), kind="progress-50", what="Halfway")
    assert [w.what for w in ReviewService(refl.store).review(TODAY + timedelta(days=7)).wins_since] == ["Halfway"]
    assert ReviewService(refl.store).mark_reviewed(TODAY + timedelta(days=7)) == TODAY


def test_review_empty_database_has_nothing(refl: ReflectionService) -> None:
    assert not ReviewService(refl.store).review(TODAY)


def test_review_items_pure_boundaries(goals: Services) -> None:
    g = make(goals, "Boundary", deadline=TODAY + timedelta(days=14), start_date=TODAY - timedelta(days=13))
    items = review_items([g], [], [], TODAY)
    assert items.due_soon == (g,) and items.stale == ()
    items = review_items([g], [], [], TODAY + timedelta(days=1))
    assert items.stale == (g,)


# ---------------------------------------------------------------- balance


def test_balance(refl: ReflectionService, goals: Services) -> None:
    a = make(goals, "Learn SQL", target=10.0, baseline=0.0)
    goals.progress.add_checkin(a.id, TODAY, 5)
    make(goals, "Lead the retro", key="leadership")
    make(goals, "Leave on time", key="work-life-balance", target=20.0)
    p = make(goals, "Swim weekly", key="health-fitness", target=10.0)
    goals.progress.add_checkin(p.id, TODAY, 10)
    done = make(goals, "Done already", key="health-fitness")
    goals.goals.set_status(done.id, GoalStatus.ACHIEVED)
    rows = {r.label: r for r in ReviewService(refl.store).balance()}
    assert rows["Professional"].active == 3 and rows["Personal"].active == 1
    assert rows["Professional"].share == pytest.approx(0.75)
    assert rows["Professional"].mean_progress == pytest.approx(0.25)  # (0.5 + 0.0) / 2 known
    assert rows["Skill Development"].mean_progress == pytest.approx(0.5)
    assert rows["Leadership"].mean_progress is None
    assert rows["Health & Fitness"].active == 1 and rows["Health & Fitness"].mean_progress == pytest.approx(1.0)
    assert rows["Financial"].active == 0 and rows["Financial"].level == 1
    # A user's own top-level type appears once it holds active goals.
    own = goals.categories.create_category("Community", None)
    assert "Community" not in rows
    goals.goals.create_goal(GoalDraft(title="Volunteer monthly", category_id=own.id))
    rows2 = {r.label: r for r in ReviewService(refl.store).balance()}
    assert rows2["Community"].active == 1 and rows2["Community"].level == 0
    assert balance_rows([], goals.categories.categories())[0].share == 0.0


# ---------------------------------------------------------------- history


def test_history_records_each_field_change_once_and_undo_as_own_entry(goals: Services) -> None:
    goal = make(goals, "Run 5 km", key="health-fitness", target=5.0, deadline=TODAY + timedelta(days=30))
    assert goals.history.history(goal.id) == []
    other = goals.categories.category_by_key("hobbies-learning")
    assert other is not None
    draft = goal.draft().replace(
        title="Run 10 km", target=10.0, deadline=TODAY + timedelta(days=60), horizon=Horizon.LONG,
        category_id=other.id, description="not tracked",
    )
    edited = goals.goals.update_goal(goal.id, draft, reason="Felt easy")
    entries = goals.history.history(goal.id)
    assert sorted(e.field for e in entries) == sorted(["title", "target", "deadline", "horizon", "category_id"])
    assert {e.reason for e in entries} == {"Felt easy"}
    target = next(e for e in entries if e.field == "target")
    assert (target.old, target.new) == ("5", "10")

    # Saving the same draft again records nothing.
    goals.goals.update_goal(goal.id, draft, reason="again")
    assert len(goals.history.history(goal.id)) == 5

    # Undo (replace_goal with the old snapshot) adds its own entries; nothing is removed.
    goals.goals.replace_goal(goal.stored())
    entries = goals.history.history(goal.id)
    assert len(entries) == 10
    undo = [e for e in entries if e.reason == "undo"]
    assert len(undo) == 5
    undo_target = next(e for e in undo if e.field == "target")
    assert (undo_target.old, undo_target.new) == ("10", "5")
    assert entries[:5] == goals.history.history(goal.id)[:5]
    assert edited.title == "Run 10 km"

    goals.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    status = [e for e in goals.history.history(goal.id) if e.field == "status"]
    assert [(e.old, e.new) for e in status] == [("active", "achieved")]
