"""Errors about the database file itself (as opposed to DomainError, which is about user input)."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database file; the message is for the user, in one or two sentences."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotADatabase(StoreError):
    """The file is not SQLite, or is SQLite but not GoalDesk's."""


class NewerSchema(StoreError):
    """Written by a newer GoalDesk; opening it here could lose data."""


class DamagedDatabase(StoreError):
    """SQLite's integrity check failed; the file is left untouched."""


class WriteFailed(StoreError):
    """The disk refused a write (read-only folder, full disk, locked by another program)."""


class StaleEdit(StoreError):
    """Someone else saved the goal after this editor opened it; saving would overwrite their change.

    ``current`` is the goal as it is now, so the user can reload it or keep theirs as a copy.
    """

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current


class ReadOnlyDatabase(StoreError):
    """The file or its folder is read-only; GoalDesk refuses rather than fail on the first save."""
