"""One goal's progress chart: what was done, the steady pace that would meet the deadline, and the forecast.

Seeing the gap between the actual line and the ideal pace is what tells a person to speed up or relax,
so both are always drawn on the same axes, with the deadline marked.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import numpy as np
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from goaldesk.charts.theme import clashes, colour_strip, plain, themed, type_colour
from goaldesk.domain.progress import PaceStatus
from goaldesk.domain.reports import ProgressSeries
from goaldesk.domain.smart_base import score_text

FIGSIZE = (8.0, 4.8)
MARKERS_UP_TO = 60
"""Dots on each check-in only while they can be told apart; thousands of dots would be a smear."""
LABELLED_MILESTONES_UP_TO = 6
MIN_SPAN_DAYS = 14
"""An empty or one-day chart still shows days on its axis, not hours."""


def _day_numbers(days: list[date]) -> np.ndarray:
    return np.array(days, dtype="datetime64[D]")


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, stopping at the calendar's ends (a deadline in 9999 must not crash)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _fmt_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def progress_figure(series: ProgressSeries, *, dark: bool = False, colour: str | None = None) -> Figure:
    """Build (not draw) the progress chart of one goal; works for empty, tiny and huge series.

    ``colour`` is the goal type's ``#rrggbb``: a strip down the left edge, as on its board card, and the
    actual line's colour unless it could be mistaken for the forecast, deadline or milestones.
    """
    with themed(dark) as colours:
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        ax = fig.add_subplot()
        kind_colour = type_colour(colour, dark)
        colour_strip(fig, kind_colour)
        others = (colours.forecast, colours.deadline, colours.milestone)
        line_colour = kind_colour if kind_colour and not clashes(kind_colour, others) else colours.actual
        days = [d for d, _ in series.points]
        values = np.fromiter((v for _, v in series.points), dtype=float, count=len(series.points))
        x = _day_numbers(days)
        baseline = series.baseline if series.baseline is not None else 0.0

        if len(days):
            ax.plot(
                x, values, color=line_colour, label="Actual",
                marker="o" if len(days) <= MARKERS_UP_TO else None, markersize=4, zorder=3,
            )
        if len(series.pace) > 2:
            ax.plot(
                [d for d, _ in series.pace], [v for _, v in series.pace],  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
                color=colours.ideal, linestyle=(0, (1, 2)), linewidth=1.8, label="Ideal pace (plan adjusted)",
                marker="|", markersize=8, zorder=2,
            )
        elif series.has_plan and series.target is not None and series.deadline is not None:
            ax.plot(
                [series.start_date, series.deadline], [baseline, series.target],  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
                color=colours.ideal, linestyle=(0, (1, 2)), linewidth=1.8, label="Ideal pace", zorder=2,
            )
        if series.deadline is not None:
            ax.axvline(
                series.deadline,  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
                color=colours.deadline, linewidth=1.2, linestyle="-", label="Deadline",
            )

        right = max([d for d in (series.deadline, days[-1] if days else None, series.start_date) if d is not None])
        left = min([series.start_date, *(days[:1])])
        right = max(right, _shift(left, MIN_SPAN_DAYS))
        span = (right - left).days
        unfinished = days and series.target is not None and series.status is not PaceStatus.ACHIEVED
        if unfinished and series.forecast is not None and series.target is not None:
            ax.plot(
                [days[-1], series.forecast], [float(values[-1]), series.target],  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
                color=colours.forecast, linestyle="--", linewidth=1.6,
                label=f"Forecast: {_fmt_day(series.forecast)}", zorder=2,
            )
            right = max(right, min(series.forecast, _shift(right, span)))
        elif unfinished:
            ax.text(
                0.01, 0.98, "No finish date at the current pace", transform=ax.transAxes,
                va="top", ha="left", fontsize=9, color=colours.muted_text,
            )

        done = [(title, on) for title, on in series.milestones if on is not None]
        if done:
            m_days = [on for _, on in done]
            if len(days):
                idx = np.searchsorted(x, _day_numbers(m_days), side="right") - 1
                m_values = np.where(idx >= 0, values[np.clip(idx, 0, None)], baseline)
            else:
                m_values = np.full(len(done), baseline)
            ax.plot(
                m_days, m_values,  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
                linestyle="none", marker="D", markersize=7, color=colours.milestone,
                markeredgecolor=colours.milestone, label="Milestones", zorder=4,
            )
            if len(done) <= LABELLED_MILESTONES_UP_TO:
                for (title, on), y in zip(done, m_values, strict=True):
                    ax.annotate(
                        textwrap.shorten(plain(title), 28, placeholder="…"), (on, float(y)), xytext=(4, 6),
                        textcoords="offset points", fontsize=9, color=colours.milestone,
                        bbox={"boxstyle": "round,pad=0.2", "fc": ax.get_facecolor(), "ec": "none", "alpha": 0.85},
                    )
            right = max(right, *m_days)
            left = min(left, *m_days)

        if not days:
            ax.text(
                0.5, 0.5, "No check-ins yet", transform=ax.transAxes, ha="center", va="center",
                fontsize=12, color=colours.muted_text,
            )
        pad = max(1, span // 40)
        ax.set_xlim(_shift(left, -pad), _shift(right, pad))  # type: ignore[arg-type]  # dates: matplotlib's stubs take floats; its date converter takes dates
        locator = AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        if not days and not series.has_plan:
            ax.set_ylim(0, 1)
            ax.set_yticks([])

        heading = f"{plain(series.title)} — {series.status.label}"
        fig.suptitle("\n".join(textwrap.wrap(heading, 70)) or heading, fontweight="bold")
        ax.set_title(
            f"{plain(series.goal_type)} · {series.horizon_label}", loc="left", fontsize=9, color=colours.muted_text
        )
        if series.smart_score is not None:
            ax.set_title(score_text(series.smart_score), loc="right", fontsize=9, color=colours.muted_text)
        ylabel = series.metric_name or ("Progress" if series.unit == "" else "")
        if series.unit and series.unit.casefold() != ylabel.casefold():
            ylabel = f"{ylabel} ({series.unit})" if ylabel else series.unit
        ax.set_ylabel(plain(ylabel))
        if ax.get_legend_handles_labels()[0]:
            fig.legend(loc="outside lower center", ncols=5, frameon=False)
        return fig
