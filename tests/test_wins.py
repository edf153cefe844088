"""Small wins and chart data from a real SQLite file: thresholds logged once, milestones, newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.domain.progress import PaceStatus
from goaldesk.domain.reports import WIN_KIND_MILESTONE
from goaldesk.store.base import Change, Store
from goaldesk.store.services import ReportService, Services, WinService

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")


def make_goal(service: Services, title: str = "Run 100 km", **fields: object) -> Goal:
    category = service.categories.category_by_key("skill-development")
    assert category is not None
    today = service.store.today()
    values: dict[str, object] = {
        "title": title,
        "category_id": category.id,
        "start_date": today - timedelta(days=30),
        "deadline": today + timedelta(days=30),
        "baseline": 0.0,
        "target": 100.0,
        "unit": "km",
    }
    values.update(fields)
    return service.goals.create_goal(GoalDraft(**values))  # type: ignore[arg-type]


def check_in(service: Services, wins: WinService, goal_id: int, value: float, days_ago: int = 0) -> list[int]:
    before = service.goals.get_goal(goal_id)
    service.progress.add_checkin(goal_id, service.store.today() - timedelta(days=days_ago), value)
    return [w.threshold or 0 for w in wins.record_wins_for(before, service.goals.get_goal(goal_id))]


def test_thresholds_are_logged_once(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service)
    assert check_in(service, wins, goal.id, 10, days_ago=5) == []
    assert check_in(service, wins, goal.id, 30, days_ago=4) == [25]
    assert check_in(service, wins, goal.id, 60, days_ago=3) == [50]
    assert check_in(service, wins, goal.id, 40, days_ago=2) == []  # going backwards crosses nothing
    assert check_in(service, wins, goal.id, 65, days_ago=1) == []  # 50 % again: already celebrated
    assert check_in(service, wins, goal.id, 100) == [75, 100]
    logged = wins.wins(goal.id)
    assert sorted(w.threshold or 0 for w in logged) == [25, 50, 75, 100]
    assert {w.on for w in logged} == {store.today()}
    assert "Halfway" in next(w.what for w in logged if w.threshold == 50)


def test_increment_goal_crosses_thresholds(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service, metric_kind=MetricKind.INCREMENT)
    assert check_in(service, wins, goal.id, 30) == [25]
    assert check_in(service, wins, goal.id, 30) == [50]


def test_listeners_hear_wins_after_commit(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    check_in(service, wins, goal.id, 50)
    assert [Change("win", (goal.id,))] in heard
    heard.clear()
    check_in(service, wins, goal.id, 55)
    assert all(c.entity != "win" for batch in heard for c in batch)


def test_deleted_goal_logs_nothing(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service)
    service.goals.delete_goal(goal.id)
    assert wins.record_wins_for(goal, service.goals.get_goal(goal.id).replace(current=90.0)) == []


def test_milestone_win_once(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service, target=None, baseline=None)
    open_one = service.progress.add_milestone(goal.id, "Draft the plan")
    assert wins.record_milestone_win(open_one) is None
    done_on = store.today() - timedelta(days=3)
    service.progress.update_milestone(replace(open_one, done_on=done_on))
    done = service.progress.milestone(open_one.id)
    win = wins.record_milestone_win(done)
    assert win is not None
    assert (win.kind, win.on, win.threshold) == (WIN_KIND_MILESTONE, done_on, None)
    assert "Draft the plan" in win.what
    assert wins.record_milestone_win(done) is None
    assert len(wins.wins(goal.id)) == 1


def test_wins_newest_first_and_undo(service: Services, store: Store) -> None:
    wins = WinService(store)
    goal = make_goal(service)
    other = make_goal(service, "Read 12 books", target=12.0)
    today = store.today()
    old_ms = service.progress.add_milestone(goal.id, "Buy shoes", done_on=today - timedelta(days=10))
    mid_ms = service.progress.add_milestone(other.id, "Join a club", done_on=today - timedelta(days=5))
    wins.record_milestone_win(mid_ms)
    wins.record_milestone_win(old_ms)
    check_in(service, wins, goal.id, 30)
    everyone = wins.wins()
    assert [w.on for w in everyone] == sorted((w.on for w in everyone), reverse=True)
    assert everyone[0].threshold == 25
    assert [w.what for w in everyone[1:]] == ["Milestone done: Join a club", "Milestone done: Buy shoes"]
    assert [w.goal_id for w in wins.wins(other.id)] == [other.id]

    removed = wins.delete_win(everyone[1].id)
    assert removed == everyone[1]
    assert len(wins.wins()) == 2
    assert wins.delete_win(everyone[1].id) is None
    wins.restore_win(removed)
    assert wins.wins() == everyone
    assert replace(removed) == wins.win(removed.id)


# ---------------------------------------------------------------- ReportService


def test_progress_series(service: Services, store: Store) -> None:
    reports = ReportService(store)
    goal = make_goal(service, metric_kind=MetricKind.INCREMENT, baseline=10.0, target=110.0)
    today = store.today()
    for days_ago, value in ((20, 10.0), (10, 10.0), (10, 5.0), (0, 10.0)):
        service.progress.add_checkin(goal.id, today - timedelta(days=days_ago), value)
    service.progress.add_milestone(goal.id, "First 25 km", done_on=today - timedelta(days=10))
    service.progress.add_milestone(goal.id, "Half marathon")
    series = reports.progress_series(goal.id, smart_score=80)
    assert series.title == "Run 100 km"
    assert series.goal_type == "Skill Development"
    assert series.horizon_label == Horizon.SHORT.label
    assert series.points == (
        (today - timedelta(days=20), 20.0),
        (today - timedelta(days=10), 35.0),
        (today, 45.0),
    )
    assert series.milestones == (("First 25 km", today - timedelta(days=10)), ("Half marathon", None))
    assert series.status is PaceStatus.BEHIND  # 35 % done at half time
    assert series.forecast is not None and series.forecast > today
    assert series.smart_score == 80
    assert series.has_plan


def test_progress_series_unknown_goal(service: Services, store: Store) -> None:
    with pytest.raises(DomainError):
        ReportService(store).progress_series(999)


def test_progress_series_without_checkins(service: Services, store: Store) -> None:
    goal = make_goal(service)
    series = ReportService(store).progress_series(goal.id)
    assert series.points == ()
    assert series.forecast is None
    assert series.status is PaceStatus.BEHIND  # nothing done half-way through the plan


def test_overview(service: Services, store: Store) -> None:
    reports = ReportService(store)
    assert reports.overview().active == 0
    on_pace = make_goal(service, "On pace")
    service.progress.add_checkin(on_pace.id, store.today(), 50)
    make_goal(service, "Behind")  # 0 % at half time
    finance = service.categories.category_by_key("financial")
    assert finance is not None
    make_goal(service, "Save more", category_id=finance.id, horizon=Horizon.LONG, target=None, baseline=None)
    done = make_goal(service, "Done already")
    service.goals.set_status(done.id, GoalStatus.ACHIEVED)  # not active: left out
    gone = make_goal(service, "Gone")
    service.goals.delete_goal(gone.id)

    data = reports.overview()
    assert (data.short_term, data.long_term, data.active) == (2, 1, 3)
    assert (data.on_track, data.behind, data.no_data) == (1, 1, 1)
    by_name = {row.name: row for row in data.by_type}
    assert by_name["Skill Development"].active == 2
    assert by_name["Skill Development"].mean_progress == pytest.approx(0.25)
    assert by_name[finance.name].mean_progress is None


def test_wins_data_skips_trashed_goals(service: Services, store: Store) -> None:
    wins = WinService(store)
    reports = ReportService(store)
    kept = make_goal(service, "Kept")
    trashed = make_goal(service, "Trashed")
    check_in(service, wins, kept.id, 30)
    check_in(service, wins, trashed.id, 60)
    service.goals.delete_goal(trashed.id)
    data = reports.wins_data()
    assert [(title, what) for _, title, what in data.wins] == [("Kept", "A quarter of the way (25%)")]
    assert data.wins[0][0] == store.today()


def test_progress_series_pace_follows_adjusted_plan(store, service) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    from goaldesk.domain.model import GoalDraft
    from goaldesk.store.services import ReportService

    today = date.today()
    cat = service.categories.category_by_key("performance")
    goal = service.goals.create_goal(GoalDraft(title="Close 20 deals", category_id=cat.id, baseline=0, target=20,
                                         deadline=today + timedelta(days=60)))
    reports = ReportService(store)
    assert reports.progress_series(goal.id).pace == ()  # never adjusted: a straight line
    service.goals.update_goal(goal.id, goal.draft().replace(target=30.0), reason="bigger territory")
    pace = reports.progress_series(goal.id).pace
    assert len(pace) == 3 and pace[0] == (goal.start_date, 0.0) and pace[-1][1] == 30.0

    from goaldesk.charts import progress_figure

    fig = progress_figure(reports.progress_series(goal.id))
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert "Ideal pace (plan adjusted)" in labels
