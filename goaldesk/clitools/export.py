"""``goaldesk export FILE``: the whole database as JSON, or goals / check-ins as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaldesk.clitools.common import CliError, open_store
from goaldesk.store.errors import StoreError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="where to write: FILE.json (everything) or FILE.csv")
    parser.add_argument(
        "--what",
        choices=("goals", "checkins"),
        default="goals",
        help="for a .csv file: which table to write (default: goals)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the export; the format follows the file's extension."""
    target = Path(args.file).expanduser()
    suffix = target.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise CliError(f"{target.name}: name the file .json (everything) or .csv (goals or check-ins).")
    if not target.parent.is_dir():
        raise CliError(f"The folder {target.parent} does not exist.")
    store = open_store(args)
    try:
        if suffix == ".json":
            from goaldesk.store.transfer import export_json

            export_json(store, target)
            what = "everything"
        else:
            from goaldesk.store.csvexport import export_checkins_csv, export_goals_csv

            if args.what == "checkins":
                export_checkins_csv(store, target)
            else:
                export_goals_csv(store, target)
            what = "check-ins" if args.what == "checkins" else "goals"
    except StoreError as exc:
        raise CliError(exc.message, 1) from exc
    finally:
        store.close()
    print(f"Exported {what} to {target}")
    return 0
