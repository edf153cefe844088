"""``goaldesk chart``: save a progress, overview or wins chart to PDF, SVG or PNG without opening the app.

Handy for a weekly report or a print shop: the same chart builders as the app, so the file matches the screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from goaldesk.clitools.common import CliError, open_service
from goaldesk.domain.errors import DomainError

KINDS = ("progress", "overview", "wins")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--goal", type=int, metavar="ID", help="goal id (needed for --kind progress)")
    parser.add_argument("--kind", choices=KINDS, default="progress", help="which chart (default: progress)")
    parser.add_argument("--out", required=True, metavar="FILE", help="file to write; .pdf, .svg or .png")
    parser.add_argument("--dark", action="store_true", help="use the dark theme (for screens, not paper)")


def run(args: argparse.Namespace) -> int:
    """Check the arguments before opening anything, so a typo costs nothing; then build and save."""
    from goaldesk.charts import ChartExportError, overview_figure, progress_figure, save_figure, wins_figure
    from goaldesk.charts.render import format_for

    out = Path(args.out).expanduser()
    try:
        format_for(out)
    except ChartExportError as exc:
        raise CliError(str(exc), 2) from exc
    if args.kind == "progress" and args.goal is None:
        raise CliError("Give the goal to chart with --goal ID (see `goaldesk list`).", 2)

    service = open_service(args)
    try:
        reports = service.reports
        if args.kind == "progress":
            try:
                series = reports.progress_series(args.goal)
            except DomainError as exc:
                raise CliError(str(exc), 2) from exc
            fig = progress_figure(series, dark=args.dark, colour=reports.goal_colour(args.goal))
        elif args.kind == "overview":
            fig = overview_figure(reports.overview(), dark=args.dark, type_colours=reports.type_colours())
        else:
            fig = wins_figure(reports.wins_data(), dark=args.dark)
        try:
            written = save_figure(fig, out)
        except ChartExportError as exc:
            raise CliError(str(exc), 1) from exc
    finally:
        service.store.close()
    print(written)
    return 0
