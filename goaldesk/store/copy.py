"""Copying a whole GoalDesk database into an empty one, between SQLite and PostgreSQL in either direction.

It is the JSON export and import without the file: the source is exported, the export is validated
like any import, and written into the target in one transaction, so the copy is all or nothing and
"SQLite -> PostgreSQL -> SQLite" gives the same export. A target that already holds goals, traits,
feedback or goal types of its own is refused: copying is not merging (``goaldesk import`` merges).
"""

from __future__ import annotations

from goaldesk.store.base import Store
from goaldesk.store.errors import StoreError
from goaldesk.store.transfer import ImportReport, export_data, import_data

_OWN_ROWS = (
    ("goal", "SELECT COUNT(*) FROM goal"),
    ("trait", "SELECT COUNT(*) FROM trait"),
    ("feedback", "SELECT COUNT(*) FROM feedback"),
    ("goal type", "SELECT COUNT(*) FROM category WHERE key IS NULL"),
)


def is_empty(store: Store) -> bool:
    """No goals, traits, feedback or user-made goal types (the built-in goal types do not count)."""
    return all(int(store.db.execute_sql(sql).fetchone()[0]) == 0 for _, sql in _OWN_ROWS)


def copy_database(source: Store, target: Store) -> ImportReport:
    """Copy everything from ``source`` into the empty ``target``; raises StoreError (target empty) or
    TransferError (the source does not pass the import's validation), writing nothing in either case."""
    from goaldesk.store.services import Services

    data = export_data(source)
    with target.writing([]):  # one transaction: the check, the built-in goal types and the import
        if not is_empty(target):
            raise StoreError(
                f"{target.location} already holds goals or goal types of its own; copy only into an empty "
                "database (use `goaldesk import` to merge). Nothing was copied."
            )
        Services(target)  # the built-in goal types, as the app would make them on first use
        return import_data(target, data)
