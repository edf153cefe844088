"""The overview chart: where active goals stand by type, how short- and long-term goals balance, how many are behind.

Balance matters (work should not crowd out the rest), so the three views sit side by side on one page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from matplotlib.figure import Figure

from goaldesk.charts.theme import integer_ticks, plain, themed, type_colour
from goaldesk.domain.reports import OverviewData

FIGSIZE = (10.0, 4.8)


def overview_figure(
    data: OverviewData, *, dark: bool = False, type_colours: Mapping[str, str] | None = None
) -> Figure:
    """Mean progress per goal type, short vs long term counts, on track vs behind counts.

    ``type_colours`` (type name → ``#rrggbb``) colours each type's bar as on the board; a type without
    one keeps the theme's bar colour.
    """
    with themed(dark) as colours:
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        fig.suptitle(f"Active goals: {data.active}", fontweight="bold")
        if data.active == 0:
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(
                0.5, 0.5, "No active goals yet. Add a goal to see the overview.", transform=ax.transAxes,
                ha="center", va="center", fontsize=12, color=colours.muted_text,
            )
            return fig
        by_type_ax, horizon_ax, pace_ax = fig.subplots(1, 3, width_ratios=[2.2, 1, 1.2])

        rows = list(reversed(data.by_type))  # first type at the top of a horizontal bar chart
        names = [textwrap.shorten(plain(r.name), 24, placeholder="…") for r in rows]
        shares = [100.0 * (r.mean_progress or 0.0) for r in rows]
        tints = [type_colour((type_colours or {}).get(r.name), dark) or colours.actual for r in rows]
        bars = by_type_ax.barh(names, shares, color=tints, height=0.6)
        for bar, row in zip(bars, rows, strict=True):
            pct = "no data" if row.mean_progress is None else f"{100 * row.mean_progress:.0f}%"
            by_type_ax.annotate(
                f"{pct} · {row.active} active", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0), textcoords="offset points", va="center", fontsize=9,
            )
        by_type_ax.set_xlim(0, 130)
        by_type_ax.set_xticks([0, 25, 50, 75, 100])
        by_type_ax.set_xlabel("Mean progress (%)")
        by_type_ax.set_title("Progress by goal type", loc="left")
        by_type_ax.grid(axis="y", visible=False)

        horizon_ax.bar(["Short-term", "Long-term"], [data.short_term, data.long_term],
                       color=[colours.actual, colours.milestone], width=0.6)
        horizon_ax.set_title("Short vs long term", loc="left")
        horizon_ax.set_ylabel("Goals")

        labels = ["On track", "Behind"]
        counts = [data.on_track, data.behind]
        pace_tints = [colours.good, colours.bad]
        if data.no_data:
            labels.append("No data")
            counts.append(data.no_data)
            pace_tints.append(colours.neutral)
        pace_ax.bar(labels, counts, color=pace_tints, width=0.6)
        pace_ax.set_title("Pace", loc="left")
        for ax in (horizon_ax, pace_ax):
            integer_ticks(ax)
            ax.grid(axis="x", visible=False)
            for container in ax.containers:
                ax.bar_label(container, fontsize=9, padding=2)
            ax.margins(y=0.15)
        return fig
