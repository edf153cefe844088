"""Small wins per week: making progress visible is what keeps people going."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from goaldesk.charts.theme import integer_ticks, themed
from goaldesk.domain.reports import WinsData

FIGSIZE = (8.0, 4.0)


def week_start(day: date) -> date:
    """Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def wins_per_week(data: WinsData) -> list[tuple[date, int]]:
    """(Monday, wins) for every week from the first win to the last, quiet weeks included as 0."""
    counts = Counter(week_start(on) for on, _, _ in data.wins)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    weeks = (last - first).days // 7 + 1
    return [(first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0)) for i in range(weeks)]


def wins_figure(data: WinsData, *, dark: bool = False) -> Figure:
    """Bars of wins per week, with the total in the title."""
    with themed(dark) as colours:
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        ax = fig.add_subplot()
        total = len(data.wins)
        fig.suptitle(f"Small wins per week ({total} in all)", fontweight="bold")
        weeks = wins_per_week(data)
        if not weeks:
            ax.set_axis_off()
            ax.text(
                0.5, 0.5, "No wins yet. Record a check-in or finish a milestone to log one.",
                transform=ax.transAxes, ha="center", va="center", fontsize=12, color=colours.muted_text,
            )
            return fig
        starts = [w for w, _ in weeks]
        ax.bar(starts, [n for _, n in weeks], width=6, align="edge", color=colours.milestone)  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
        ax.set_ylabel("Wins")
        integer_ticks(ax)
        ax.grid(axis="x", visible=False)
        ax.set_xlim(starts[0] - timedelta(days=3), starts[-1] + timedelta(days=10))  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
        locator = AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        return fig
