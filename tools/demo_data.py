"""Fill a database with about 15 realistic sample goals (for screenshots and trying the app).

Usage: python tools/demo_data.py PATH [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

# (type key, title, horizon, days from start to deadline, metric, unit, target, kind, progress 0..1, why)
SAMPLES = [
    ("educational", "Earn the PMP certification within six months", Horizon.LONG, 182, "modules", "modules", 12,
     MetricKind.CUMULATIVE, 0.55, "Project management is the next step in my role."),
    ("performance", "Complete five client reports per week", Horizon.SHORT, 90, "client reports", "reports", 65,
     MetricKind.CUMULATIVE, 0.7, "Clients judge us on timely reports."),
    ("skill-development", "Improve my presentation skills within three months", Horizon.SHORT, 91, "talks given",
     "talks", 3, MetricKind.CUMULATIVE, 0.34, "My manager asked me to present more."),
    ("leadership", "Lead the Q3 migration project team", Horizon.LONG, 240, "milestones", "milestones", 6,
     MetricKind.CUMULATIVE, 0.2, "Leading a project is the path to team lead."),
    ("networking", "Attend four industry events this quarter", Horizon.SHORT, 90, "events", "events", 4,
     MetricKind.CUMULATIVE, 0.5, "A wider network opens doors."),
    ("work-life-balance", "Leave work by 6 pm four days a week", Horizon.SHORT, 60, "on-time evenings",
     "evenings", 32, MetricKind.CUMULATIVE, 0.8, "Rested evenings keep me productive."),
    ("financial", "Negotiate a 10% raise at the annual review", Horizon.LONG, 300, "raise", "%", 10,
     MetricKind.CUMULATIVE, 0.0, "Pay should match my new responsibilities."),
    ("skill-development", "Finish the online Python course in two months", Horizon.SHORT, 61, "lessons",
     "lessons", 40, MetricKind.CUMULATIVE, 0.9, "Automating reports saves hours each week."),
    ("leadership", "Mentor a junior colleague through their first project", Horizon.LONG, 200, "sessions",
     "sessions", 24, MetricKind.CUMULATIVE, 0.42, "Mentoring grows my leadership."),
    ("educational", "Complete an Excel data-analysis workshop", Horizon.SHORT, 30, "exercises", "exercises", 20,
     MetricKind.CUMULATIVE, 1.0, "Deeper Excel for my analyst work."),
    ("health-fitness", "Run 5 km without stopping within ten weeks", Horizon.SHORT, 70, "longest run", "km", 5,
     MetricKind.CUMULATIVE, 0.6, "More energy at work and at home."),
    ("relationships", "Call my parents every Sunday", Horizon.LONG, 365, "calls", "calls", 52,
     MetricKind.CUMULATIVE, 0.25, "Family comes first."),
    ("savings-money", "Save 3,000 for an emergency fund by December", Horizon.LONG, 330, "savings", "EUR", 3000,
     MetricKind.CUMULATIVE, 0.38, "A safety net lets me take career risks calmly."),
    ("hobbies-learning", "Learn ten songs on the guitar", Horizon.LONG, 180, "songs", "songs", 10,
     MetricKind.CUMULATIVE, 0.3, "Music helps me unwind."),
    ("performance", "Cut report errors to under two per month", Horizon.SHORT, 45, "", "", None,
     MetricKind.CUMULATIVE, 0.0, ""),
]


def fill(service: Services, today: date) -> None:
    keys = {c.key: c.id for c in service.categories.categories() if c.key}
    for i, (key, title, horizon, days, metric, unit, target, kind, progress, why) in enumerate(SAMPLES):
        start = today - timedelta(days=max(7, days // 3) + i)
        draft = GoalDraft(
            title=title, category_id=keys[key], horizon=horizon, start_date=start,
            deadline=start + timedelta(days=days), metric_name=metric, unit=unit,
            baseline=0.0 if target is not None else None, target=float(target) if target is not None else None,
            metric_kind=kind, why=why,
        )
        deadline = draft.deadline and max(draft.deadline, today)
        goal = service.goals.create_goal(draft.replace(start_date=today, deadline=deadline))
        service.goals.replace_goal(goal.replace(start_date=start, deadline=draft.deadline).stored(), reason="sample")
        if target is not None and progress > 0:
            steps = 6
            elapsed = (today - start).days
            for step in range(1, steps + 1):
                day = start + timedelta(days=elapsed * step // steps)
                service.progress.add_checkin(goal.id, day, round(target * progress * step / steps, 1), "")
        if progress >= 1.0:
            service.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    overdue = service.goals.list_goals()[-1]
    service.goals.replace_goal(overdue.replace(deadline=today - timedelta(days=3)).stored(), reason="sample")
    milestone_goal = service.goals.list_goals()[0]
    for n, name in enumerate(["Book the exam", "Finish the study guide", "Pass a practice exam"]):
        done_on = today - timedelta(days=20 - 5 * n) if n < 2 else None
        service.progress.add_milestone(milestone_goal.id, name, done_on=done_on)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    store = Store(open_database(args.path), today=lambda: args.today)
    fill(Services(store), args.today)
    store.close()


if __name__ == "__main__":
    main()
