"""Screenshots of the weekly review and the strengths page, from a seeded temporary database.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/shot_reflection.py``. Dates are fixed
(25 November 2026), so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import Goal, GoalDraft
from goaldesk.domain.reflection import FeedbackSource, TraitKind
from goaldesk.store.base import Change
from goaldesk.store.models import WinRow
from goaldesk.ui.reflection.review_panel import ReviewPanel
from goaldesk.ui.reflection.strengths_page import StrengthsPage
from goaldesk.ui.shell.app import make_application
from goaldesk.ui.shell.context import AppContext

TODAY = date(2026, 11, 25)
OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


def _goal(ctx: AppContext, title: str, key: str, start_days_ago: int, deadline_in: int | None, **kw: object) -> Goal:
    cat = ctx.categories.category_by_key(key)
    assert cat is not None
    draft = GoalDraft(
        title=title, category_id=cat.id, start_date=TODAY - timedelta(days=start_days_ago),
        deadline=None if deadline_in is None else TODAY + timedelta(days=max(deadline_in, 1)), **kw,  # type: ignore[arg-type]
    )
    goal = ctx.goals.create_goal(draft)
    if deadline_in is not None and deadline_in < 1:  # existing goals may run late
        goal = ctx.goals.update_goal(goal.id, goal.draft().replace(deadline=TODAY + timedelta(days=deadline_in)))
    return goal


def seed(ctx: AppContext) -> None:
    """A team lead two months into a plan: some goals moving, one late, one gone quiet."""
    pmp = _goal(ctx, "Earn the PMP certification", "educational", 60, 9, target=35.0, unit="modules",
                horizon=Horizon.LONG)
    talks = _goal(ctx, "Give three talks at team meetings", "skill-development", 40, 12, target=3.0, unit="talks")
    _goal(ctx, "Update my CV and LinkedIn profile", "financial", 30, -3)
    swim = _goal(ctx, "Swim twice a week", "health-fitness", 45, None, target=16.0, unit="sessions")
    mentor = _goal(ctx, "Mentor a junior colleague monthly", "leadership", 50, 90, target=6.0, unit="sessions",
                   horizon=Horizon.LONG)
    home = _goal(ctx, "Leave the office by 18:00 four days a week", "work-life-balance", 20, 40, target=16.0,
                 unit="days")
    g = ctx.progress
    g.add_checkin(pmp.id, TODAY - timedelta(days=2), 21)
    g.add_checkin(talks.id, TODAY - timedelta(days=6), 1)
    g.add_checkin(swim.id, TODAY - timedelta(days=19), 5)
    g.add_checkin(mentor.id, TODAY - timedelta(days=25), 2)
    g.add_checkin(home.id, TODAY - timedelta(days=1), 9)
    svc = ctx.reflection
    svc.add_feedback(talks.id, "Slides had too much text; people read instead of listening.",
                     source=FeedbackSource.MANAGER, on=TODAY - timedelta(days=8),
                     action="Three bullets per slide; rehearse with a timer")
    svc.add_feedback(mentor.id, "Let Sam find the answer before giving it.", source=FeedbackSource.MENTOR,
                     on=TODAY - timedelta(days=12), action="Ask two questions before suggesting anything")
    svc.add_feedback(None, "Clear status updates in the weekly email.", source=FeedbackSource.PEER,
                     on=TODAY - timedelta(days=4))
    with ctx.store.writing([Change("win")]):
        WinRow.create(goal=pmp.id, on=TODAY - timedelta(days=2), kind="progress-50", what="Halfway there!")
        WinRow.create(goal=home.id, on=TODAY - timedelta(days=1), kind="progress-50", what="Halfway there!")
        WinRow.create(goal=talks.id, on=TODAY - timedelta(days=6), kind="milestone", what="Milestone done: First talk")
    ctx.review.mark_reviewed(TODAY - timedelta(days=7))

    excel = svc.add_trait(TraitKind.STRENGTH, "Explaining complex ideas", rating=4, on=TODAY - timedelta(days=50),
                          note="Colleagues ask me to walk them through new tools.")
    svc.link(mentor.id, excel.id)
    org = svc.add_trait(TraitKind.STRENGTH, "Organising projects", rating=5, on=TODAY - timedelta(days=50))
    svc.link(pmp.id, org.id)
    svc.add_trait(TraitKind.STRENGTH, "Excel and data analysis", rating=3, on=TODAY - timedelta(days=50))
    speak = svc.add_trait(TraitKind.WEAKNESS, "Public speaking", rating=4, on=TODAY - timedelta(days=50),
                          note="Nervous with groups larger than five.")
    svc.link(talks.id, speak.id)
    svc.add_trait(TraitKind.WEAKNESS, "Delegating work", rating=3, on=TODAY - timedelta(days=30),
                  note="I keep tasks I should hand over.")
    svc.add_trait(TraitKind.WEAKNESS, "Saying no to extra work", rating=2, on=TODAY - timedelta(days=10))


def main() -> int:
    app = make_application(sys.argv[:1])  # as the app starts: English plurals, icons, names
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        clock = iter(datetime(2026, 11, 25, 8, 0) + timedelta(seconds=i) for i in range(100_000))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext.open(Path(tmp) / "demo.sqlite3", settings, today=lambda: TODAY, now=lambda: next(clock))
        try:
            seed(ctx)
            panel = ReviewPanel(ctx)
            panel.resize(760, 460)
            panel.show()
            app.processEvents()
            panel.grab().save(str(OUT / "review-panel.png"))

            page = StrengthsPage(ctx)
            page.resize(960, 640)
            page.show()
            app.processEvents()
            page.select_trait(ctx.reflection.traits(TraitKind.WEAKNESS)[0].id)
            app.processEvents()
            page.grab().save(str(OUT / "strengths-page.png"))
            panel.close()
            page.close()
        finally:
            ctx.undo_stack.clear()
            ctx.close()
    print(f"saved {OUT / 'review-panel.png'} and {OUT / 'strengths-page.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
