"""SMART-shaped example goals offered by "New Goal from Template", one or more per goal type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from goaldesk.domain.enums import Horizon, MetricKind


@dataclass(frozen=True)
class GoalTemplate:
    type_key: str
    title: str
    description: str
    why: str
    horizon: Horizon
    days: int
    metric_name: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    metric_kind: MetricKind = MetricKind.CUMULATIVE

    def deadline(self, today: date) -> date:
        return today + timedelta(days=self.days)


TEMPLATES: tuple[GoalTemplate, ...] = (
    GoalTemplate(
        "educational",
        "Earn the PMP certification within six months",
        "Study the PMBOK guide, take two practice exams and sit the PMP exam.",
        "Project management is the next step in my role.",
        Horizon.LONG,
        182,
        "certification",
        "exam passed",
        0,
        1,
    ),
    GoalTemplate(
        "performance",
        "Complete five client reports per week for the next quarter",
        "Block two mornings a week for report writing.",
        "Timely reports are what my clients judge us on.",
        Horizon.SHORT,
        91,
        "client reports",
        "reports",
        0,
        65,
        MetricKind.INCREMENT,
    ),
    GoalTemplate(
        "skill-development",
        "Give a 15-minute presentation to my team within three months",
        "Prepare with a colleague, rehearse twice, ask for feedback afterwards.",
        "Presenting clearly is a skill my manager asked me to build.",
        Horizon.SHORT,
        91,
        "presentations given",
        "presentations",
        0,
        1,
    ),
    GoalTemplate(
        "networking",
        "Attend four industry networking events this quarter",
        "Meetups, a conference and one alumni evening; follow up with two people each time.",
        "A wider network opens doors to my next role.",
        Horizon.SHORT,
        90,
        "events attended",
        "events",
        0,
        4,
        MetricKind.INCREMENT,
    ),
    GoalTemplate(
        "leadership",
        "Mentor a junior colleague through their first project by June",
        "Weekly 30-minute check-ins; agree goals together in the first session.",
        "Mentoring is how I grow into a team-lead role.",
        Horizon.LONG,
        200,
        "mentoring sessions",
        "sessions",
        0,
        24,
        MetricKind.INCREMENT,
    ),
    GoalTemplate(
        "work-life-balance",
        "Leave work by 6 pm four days a week for the next two months",
        "Set an end-of-day alarm and plan the next day before leaving.",
        "Rested evenings keep me productive and healthy.",
        Horizon.SHORT,
        60,
        "on-time evenings",
        "evenings",
        0,
        32,
        MetricKind.INCREMENT,
    ),
    GoalTemplate(
        "financial",
        "Save 3,000 for an emergency fund by the end of next year",
        "Automatic transfer on payday into a separate account.",
        "A safety net lets me take career risks calmly.",
        Horizon.LONG,
        400,
        "savings",
        "EUR",
        0,
        3000,
    ),
    GoalTemplate(
        "health-fitness",
        "Run 5 km without stopping within ten weeks",
        "Follow a couch-to-5k plan, three sessions a week.",
        "More energy at work and at home.",
        Horizon.SHORT,
        70,
        "longest run",
        "km",
        0,
        5,
    ),
)
