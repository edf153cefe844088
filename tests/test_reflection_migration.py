"""A version-1 database (before reflection existed) upgrades with its data intact, and reflection works on it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from goaldesk.domain.reflection import FeedbackSource, TraitKind
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.migrations import CURRENT_VERSION, SCHEMA_V1
from goaldesk.store.services import ReflectionService, ReviewService, Services

TODAY = date(2026, 11, 25)


def make_v1(path: Path) -> None:
    """What GoalDesk 1 wrote: its schema, two goal types, a goal with a deadline and a check-in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA_V1)
        conn.execute("INSERT INTO category (id, name, key, builtin, position) VALUES (1, 'Professional', "
                     "'professional', 1, 0)")
        conn.execute("INSERT INTO category (id, parent_id, name, key, builtin, position) VALUES "
                     "(2, 1, 'Skill Development', 'skill-development', 1, 0)")
        conn.execute("INSERT INTO category (id, name, key, builtin, position) VALUES (3, 'Personal', "
                     "'personal', 1, 1)")
        conn.execute(
            "INSERT INTO goal (id, title, category_id, horizon, position, status, start_date, deadline, "
            "baseline, target, unit, created_at, updated_at) VALUES (1, 'Learn SQL', 2, 'short', 0, 'active', "
            "'2026-10-01', '2026-12-01', 0, 10, 'lessons', '2026-10-01 09:00:00', '2026-10-01 09:00:00')"
        )
        conn.execute("INSERT INTO checkin (goal_id, on_date, value, note, created_at) VALUES "
                     "(1, '2026-10-20', 4, 'four done', '2026-10-20 18:00:00')")
        conn.commit()
    finally:
        conn.close()


def test_v1_upgrades_and_reflection_works(tmp_path: Path) -> None:
    path = tmp_path / "old" / "goaldesk.sqlite3"
    make_v1(path)
    backups: list[int] = []
    store = Store(open_database(path, before_migrate=lambda _p, v: backups.append(v)), today=lambda: TODAY)
    try:
        assert backups == [1]
        assert store.db.execute_sql("SELECT version FROM schema_version").fetchone()[0] == CURRENT_VERSION
        goals = Services(store)
        goal = goals.goals.get_goal(1)
        assert (goal.title, goal.target, goal.current, goal.unit) == ("Learn SQL", 10.0, 4.0, "lessons")
        assert goal.uuid and goal.deadline == date(2026, 12, 1)
        assert [c.note for c in goals.progress.checkins(1)] == ["four done"]

        refl = ReflectionService(store)
        fb = refl.add_feedback(1, "Practise joins more", source=FeedbackSource.MENTOR, action="Do 5 join katas")
        weak = refl.add_trait(TraitKind.WEAKNESS, "SQL joins", rating=4)
        assert refl.weaknesses_without_goals() == [weak]
        refl.link(1, weak.id)
        assert refl.weaknesses_without_goals() == []
        assert refl.traits_for_goal(1) == [weak]

        items = ReviewService(refl.store).review(TODAY)
        assert [g.title for g in items.due_soon] == ["Learn SQL"]  # due 1 December
        assert [g.title for g in items.stale] == ["Learn SQL"]  # last check-in 20 October
        assert items.open_actions == (fb,)
        ReviewService(refl.store).mark_reviewed(TODAY)
        assert ReviewService(refl.store).last_review() == TODAY

        rows = {r.label: r for r in ReviewService(refl.store).balance()}
        assert rows["Professional"].active == 1 and rows["Professional"].mean_progress == 0.4
        assert rows["Personal"].active == 0

        goals.goals.update_goal(1, goal.draft().replace(target=12.0), reason="Added a module")
        assert [(h.field, h.old, h.new, h.reason) for h in goals.history.history(1)] == [
            ("target", "10", "12", "Added a module")
        ]
    finally:
        store.close()

    # Reopening the upgraded file keeps everything and migrates nothing.
    again = Store(open_database(path, before_migrate=lambda _p, v: backups.append(v)))
    try:
        assert backups == [1]
        assert ReflectionService(again).all_feedback()[0].said == "Practise joins more"
        assert ReviewService(again).last_review() == TODAY
    finally:
        again.close()
