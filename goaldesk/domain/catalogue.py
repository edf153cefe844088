"""The built-in goal-type tree, seeded into every new database.

Keys are stable identifiers (kept even when the user renames a type) so later versions and imports
can find the built-in types again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoalType:
    key: str
    name: str
    description: str
    icon: str = ""


@dataclass(frozen=True)
class GoalGroup:
    key: str
    name: str
    description: str
    icon: str
    types: tuple[GoalType, ...]


PROFESSIONAL = GoalGroup(
    key="professional",
    name="Professional",
    description=(
        "Goals about your job and career path: the skills you build, how well you do the work, "
        "the people you lead and meet, and the money you earn. They sit beside your personal goals "
        "and often help them."
    ),
    icon="professional",
    types=(
        GoalType(
            "skill-development",
            "Skill Development",
            "Learning a new skill or sharpening one you already use, such as a software tool, "
            "public speaking or writing. Good skill goals name the skill, how you will practise it "
            "and how you will know you have it.",
        ),
        GoalType(
            "performance",
            "Performance",
            "Doing your current job better in a way someone could measure: more sales, fewer "
            "errors, faster delivery, higher customer ratings. Tie each one to a number you "
            "already track at work.",
        ),
        GoalType(
            "leadership",
            "Leadership",
            "Growing into leading people and decisions: running a project team, mentoring a "
            "junior colleague, chairing a meeting or owning a hard decision. Progress often shows "
            "as new responsibilities taken on.",
        ),
        GoalType(
            "educational",
            "Educational",
            "Formal learning with a clear finish line: a degree, a certification, a course or a "
            "workshop. The deadline is usually the exam or the last module.",
        ),
        GoalType(
            "networking",
            "Networking",
            "Building professional relationships: joining a professional group, attending events, "
            "finding a mentor or keeping in touch with former colleagues. Count the contacts or "
            "events so progress is visible.",
        ),
        GoalType(
            "work-life-balance",
            "Work-Life Balance",
            "Time, boundaries and breaks that keep you from burning out: leaving on time, taking "
            "real lunch breaks, using your holidays. These are goals too, and they protect all the others.",
        ),
        GoalType(
            "financial",
            "Financial",
            "Income and money tied to your career: negotiating a raise, saving for retirement, "
            "starting a side business. Put an amount and a date on each.",
        ),
    ),
)

PERSONAL = GoalGroup(
    key="personal",
    name="Personal",
    description=(
        "Goals about life outside work: health, relationships, savings and hobbies. They are "
        "different from career goals but support them, and they deserve the same care."
    ),
    icon="personal",
    types=(
        GoalType(
            "health-fitness",
            "Health & Fitness",
            "Looking after your body and mind: exercise, sleep, food, stress. A good health goal "
            "is small enough to start this week and measured in sessions, minutes or distance.",
        ),
        GoalType(
            "relationships",
            "Relationships",
            "Time and attention for family and friends: regular calls, shared meals, being "
            "present. Count the moments you plan, not feelings.",
        ),
        GoalType(
            "savings-money",
            "Savings & Money",
            "Personal finances: an emergency fund, paying off a debt, saving for a trip or a home. "
            "An amount, a date and a monthly pace make these easy to follow.",
        ),
        GoalType(
            "hobbies-learning",
            "Hobbies & Learning",
            "Things you do for their own sake: an instrument, a language, a craft, reading. Keep "
            "them light, but give them a target so they do not slip away.",
        ),
    ),
)

GROUPS: tuple[GoalGroup, ...] = (PROFESSIONAL, PERSONAL)


def all_types() -> list[GoalType]:
    """Every built-in leaf type, professional first."""
    return [t for g in GROUPS for t in g.types]


def description_for(key: str) -> str:
    """The help text of a built-in group or type, or an empty string."""
    for group in GROUPS:
        if group.key == key:
            return group.description
        for goal_type in group.types:
            if goal_type.key == key:
                return goal_type.description
    return ""
