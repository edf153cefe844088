"""``goaldesk backup``: take a backup now, list the backups, or restore one."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaldesk.clitools.common import CliError, database_path, database_target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the backups, newest first, with their check")
    group.add_argument(
        "--restore",
        metavar="PATH",
        help="replace the database with this backup ('newest' = newest good one); the current file is kept",
    )


def run(args: argparse.Namespace) -> int:
    """Backups work on the file directly, so a damaged database can still be restored from here."""
    from goaldesk.store.backup import create_backup, list_backups, newest_good_backup, restore_backup
    from goaldesk.store.errors import StoreError

    if isinstance(database_target(args), str):
        raise CliError(
            "Backups of a PostgreSQL database are the server admin's job (pg_dump; see docs/server.md). "
            "`goaldesk export FILE.json` or `goaldesk copy` save a copy of your data.",
            1,
        )
    path = database_path(args)
    try:
        if args.list:
            infos = list_backups(path)
            if not infos:
                print(f"No backups yet beside {path}.")
            for info in infos:
                goals = "?" if info.goal_count is None else str(info.goal_count)
                state = "ok" if info.ok else "DAMAGED"
                print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {goals:>6} goals  {state:<7}  {info.path}")
            return 0
        if args.restore:
            if args.restore == "newest":
                newest = newest_good_backup(path)
                if newest is None:
                    raise CliError(f"There is no good backup beside {path}.", 1)
                chosen = newest.path
            else:
                chosen = Path(args.restore).expanduser()
                if not chosen.is_file():
                    raise CliError(f"There is no backup file at {chosen}.", 2)
            kept = restore_backup(path, chosen)
            print(f"Restored {chosen.name} into {path}.")
            if kept != path:
                print(f"The file it replaced was kept as {kept}.")
            return 0
        if not path.is_file():
            raise CliError(f"There is no database at {path} to back up.", 1)
        made = create_backup(path, "manual")
        print(f"Backed up to {made}")
        return 0
    except StoreError as exc:
        raise CliError(exc.message, 1) from exc
