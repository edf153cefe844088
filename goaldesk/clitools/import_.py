"""``goaldesk import FILE.json``: merge a GoalDesk export into the database (all or nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaldesk.clitools.common import CliError, open_store
from goaldesk.store.errors import StoreError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a .json file written by `goaldesk export`")


def run(args: argparse.Namespace) -> int:
    """Validate the file first (so a bad file writes nothing), then import and print a summary."""
    from goaldesk.store.transfer import TransferError, import_data, read_file

    source = Path(args.file).expanduser()
    try:
        data = read_file(source)
    except TransferError as exc:
        raise CliError(f"{source.name}: {exc.message}", 2) from exc
    store = open_store(args)
    try:
        report = import_data(store, data)
    except TransferError as exc:
        raise CliError(f"{source.name}: {exc.message}. Nothing was imported.", 2) from exc
    except StoreError as exc:
        raise CliError(exc.message, 1) from exc
    finally:
        store.close()
    print(f"Imported {source}:")
    print(report.summary())
    return 0
