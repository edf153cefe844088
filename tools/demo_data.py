"""Fill a new GoalDesk database with 15 realistic sample goals, for screenshots and for trying the app.

Run it on a path that does not exist yet (or holds an empty database); it says what it made:

    python tools/demo_data.py /tmp/demo.sqlite3
    Made 15 goals, 78 check-ins and 3 milestones in /tmp/demo.sqlite3

A database that already holds goals is refused (exit code 2), so running it twice cannot double the
samples by accident; ``--force`` adds them anyway. ``--today`` dates the samples around another day.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.model import GoalDraft, GoalQuery
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import StoreError
from goaldesk.store.services import Services

EXIT_NOT_EMPTY = 2

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


class Made(NamedTuple):
    """What ``fill`` added (a NamedTuple: the fixtures load this file without registering it as a module)."""

    goals: int
    checkins: int
    milestones: int


def fill(service: Services, today: date) -> Made:
    """Add the sample goals with check-ins and milestones, dated around ``today``."""
    checkins = 0
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
                checkins += 1
        if progress >= 1.0:
            service.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    overdue = service.goals.list_goals()[-1]
    service.goals.replace_goal(overdue.replace(deadline=today - timedelta(days=3)).stored(), reason="sample")
    milestone_goal = service.goals.list_goals()[0]
    milestones = ["Book the exam", "Finish the study guide", "Pass a practice exam"]
    for n, name in enumerate(milestones):
        done_on = today - timedelta(days=20 - 5 * n) if n < 2 else None
        service.progress.add_milestone(milestone_goal.id, name, done_on=done_on)
    return Made(len(SAMPLES), checkins, len(milestones))


def goals_held(service: Services) -> tuple[int, int]:
    """(goals, of which in the Trash) already in the database."""
    trashed = len(service.goals.list_goals(GoalQuery(deleted=True)))
    return service.goals.goal_count() + trashed, trashed


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="demo_data.py",
        description="Fill a new GoalDesk database with 15 sample goals (professional and personal), "
        "their check-ins and milestones, for screenshots and for trying the app.",
        epilog="A database that already holds goals is left alone (exit code 2) unless --force is given.",
    )
    p.add_argument("path", type=Path, metavar="PATH",
                   help="the database file to fill; it is created (with its folder) if it does not exist")
    p.add_argument("--today", type=_day, default=date.today(), metavar="YYYY-MM-DD",
                   help="the day the samples are dated around (default: today)")
    p.add_argument("--force", action="store_true",
                   help="add the samples even if the database already holds goals (they are added again)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        store = Store(open_database(args.path), today=lambda: args.today)
    except StoreError as exc:
        print(f"demo_data.py: cannot open {args.path}: {exc}", file=sys.stderr)
        return 1
    try:
        service = Services(store)
        held, trashed = goals_held(service)
        if held and not args.force:
            where = f" ({trashed:,} in the Trash)" if trashed else ""
            print(
                f"demo_data.py: {args.path} already holds {_plural(held, 'goal')}{where}; nothing was added. "
                "Give a new path, or --force to add the samples anyway.",
                file=sys.stderr,
            )
            return EXIT_NOT_EMPTY
        made = fill(service, args.today)
    finally:
        store.close()
    print(f"Made {_plural(made.goals, 'goal')}, {_plural(made.checkins, 'check-in')} and "
          f"{_plural(made.milestones, 'milestone')} in {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
