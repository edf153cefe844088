"""Telling a lost server connection from other errors, without the UI importing the database driver.

A server that goes away surfaces as the driver's error (psycopg's, or peewee's OperationalError /
InterfaceError wrapping it) from whatever read or write met it first. The window turns those into its
"server away" banner (shell/connection.py) and the goal editor keeps the user's draft (goals/stale_edit.py).
"""

from __future__ import annotations

_PSYCOPG_NOT_CONNECTION = ("DataError", "IntegrityError", "ProgrammingError", "NotSupportedError")


def is_connection_error(exc: BaseException | None) -> bool:
    """True for the driver's "connection lost / cannot connect" errors (peewee or psycopg, any link of the chain)."""
    seen = 0
    while exc is not None and seen < 8:
        module = type(exc).__module__ or ""
        name = type(exc).__name__
        if module.startswith("psycopg") and name not in _PSYCOPG_NOT_CONNECTION:
            return True
        if module.startswith("peewee") and name in ("OperationalError", "InterfaceError"):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
