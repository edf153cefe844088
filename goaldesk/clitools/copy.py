"""``goaldesk copy --from A --to B``: a whole database into an empty one (SQLite and PostgreSQL, any direction)."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaldesk.clitools.common import CliError, open_target
from goaldesk.store.engine import describe_target, is_server_target
from goaldesk.store.errors import StoreError


def _target(text: str) -> Path | str:
    return text if is_server_target(text) else Path(text).expanduser()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", required=True, metavar="A",
                        help="the database to copy: a file, or postgresql://… / service=NAME")
    parser.add_argument("--to", dest="target", required=True, metavar="B",
                        help="an empty (or not yet existing) database: a file, or postgresql://… / service=NAME")


def run(args: argparse.Namespace) -> int:
    """Validate and copy in one transaction on the target; a refusal prints one line and exits non-zero."""
    from goaldesk.store.copy import copy_database
    from goaldesk.store.transfer import TransferError

    source_target, dest_target = _target(args.source), _target(args.target)
    if isinstance(source_target, Path) and not source_target.exists():
        raise CliError(f"{source_target} does not exist; nothing was copied.", 1)
    if str(source_target) == str(dest_target):
        raise CliError("--from and --to name the same database; nothing was copied.")
    source = open_target(source_target)
    try:
        target = open_target(dest_target)
        try:
            report = copy_database(source, target)
        except TransferError as exc:
            message = f"the source does not pass the import checks: {exc.message}. Nothing was copied."
            raise CliError(message, 1) from exc
        except StoreError as exc:
            raise CliError(exc.message, 1) from exc
        finally:
            target.close()
    finally:
        source.close()
    shown = describe_target(dest_target) if isinstance(dest_target, str) else str(dest_target)
    print(f"Copied to {shown}:")
    print(report.summary())
    return 0
