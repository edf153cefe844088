"""The ``goaldesk`` command: starts the app, or runs a subcommand headless.

Heavy modules (Qt, matplotlib) are imported only by the path that needs them, so
``goaldesk --version`` and the subcommands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from goaldesk import APP_NAME, SUMMARY, __version__
from goaldesk.clitools import SUBCOMMANDS
from goaldesk.clitools.common import CliError, database_path, database_target, fail


def _load(module_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"goaldesk.clitools.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"goaldesk.clitools.{module_name}":
            raise
        return None


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named on the line, if any (the first word that is not an option or its value)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token == "--db":
            skip = True
            continue
        if not token.startswith("-"):
            return token
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s module is imported to add its arguments."""
    parser = argparse.ArgumentParser(
        prog="goaldesk",
        description=f"{APP_NAME}: {SUMMARY}. Without a subcommand, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file to use, or a PostgreSQL server as postgresql://… or service=NAME; "
        "default: GOALDESK_DB, else goaldesk.sqlite3 in your data folder",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check an installation: make a goal in a temporary database, render a chart to PDF, print OK",
    )
    parser.add_argument("--new-instance", action="store_true", help="do not hand over to a running GoalDesk")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in SUBCOMMANDS:
        child = sub.add_parser(name, help=help_text, description=help_text)
        child.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file to use")
        if name == command:
            module = _load(module_name)
            if module is None:
                child.set_defaults(handler=lambda _args, n=name: fail(f"'{n}' is not available in this build."))
            else:
                module.add_arguments(child)
                child.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(words))
    args = parser.parse_args(words)
    try:
        if args.smoke_test:
            from goaldesk.smoke import smoke_test

            return smoke_test()
        handler = getattr(args, "handler", None)
        if handler is not None:
            return int(handler(args))
        from goaldesk.ui.shell.app import run_gui

        # A file, or a server (postgresql://… or service=NAME, from --db or GOALDESK_DB); the window says
        # in one message box if a server cannot be reached.
        target = database_target(args)
        return run_gui(target if isinstance(target, str) else database_path(args), new_instance=args.new_instance)
    except CliError as exc:
        return fail(str(exc), exc.status)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `goaldesk list | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
