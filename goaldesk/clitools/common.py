"""Helpers shared by the subcommands: opening the database with CLI-style errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from goaldesk.store.base import Store
from goaldesk.store.db import default_database_path, default_database_target, open_database
from goaldesk.store.engine import is_server_target
from goaldesk.store.errors import StoreError
from goaldesk.store.services import Services


class CliError(Exception):
    """Printed to stderr as ``goaldesk: message``; ``status`` becomes the exit code."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def database_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_database_path()


def database_target(args: argparse.Namespace) -> Path | str:
    """--db or GOALDESK_DB or the default: an SQLite file, or a PostgreSQL URI / ``service=NAME`` as given."""
    given = getattr(args, "db", None)
    if given:
        return str(given) if is_server_target(given) else Path(given).expanduser()
    return default_database_target()


def open_target(target: Path | str, *, create_folder: bool = False) -> Store:
    """Open one database (file or server); StoreError becomes CliError(1), a single line, no traceback."""
    try:
        return Store(open_database(target, create_folder=create_folder))
    except StoreError as exc:
        raise CliError(exc.message, 1) from exc


def open_store(args: argparse.Namespace) -> Store:
    """Open the database named by --db / GOALDESK_DB / the default; StoreError becomes CliError(1).

    Only the default data folder is created when missing: a --db or GOALDESK_DB in a folder that does
    not exist is more likely a typo than a wish for a new folder.
    """
    explicit = bool(getattr(args, "db", None) or os.environ.get("GOALDESK_DB"))
    return open_target(database_target(args), create_folder=not explicit)


def open_service(args: argparse.Namespace) -> Services:
    return Services(open_store(args))


def fail(message: str, status: int = 2) -> int:
    print(f"goaldesk: {message}", file=sys.stderr)
    return status
