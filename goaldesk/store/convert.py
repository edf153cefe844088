"""The one place where stored values become Python values and back, and raw rows become named rows.

SQLite hands dates back as text through raw SQL and as ``date`` objects through peewee; every reader in
the store goes through these converters so both forms are accepted the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

Row = dict[str, Any]


def to_date(value: object) -> date | None:
    """A stored date (text, date or datetime); None for NULL or an empty text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_date(value: object) -> date:
    """A stored date that the schema does not allow to be NULL."""
    day = to_date(value)
    if day is None:
        raise ValueError("a required date is missing")
    return day


def to_datetime(value: object) -> datetime | None:
    """A stored date and time (text or datetime); None for NULL or an empty text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def date_text(value: object) -> str | None:
    """A stored date as ISO text (YYYY-MM-DD), None for NULL."""
    day = to_date(value)
    return None if day is None else day.isoformat()


def datetime_text(value: object) -> str | None:
    """A stored date and time as ISO text (with a ``T``), None for NULL."""
    moment = to_datetime(value)
    return None if moment is None else moment.isoformat()


def stored_datetime(text: str | None) -> str | None:
    """The text the services store for a datetime (sqlite3's adapter: ISO with a space)."""
    return None if text is None else str(datetime.fromisoformat(text))


def number(value: object) -> float | None:
    """A stored REAL, None for NULL."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def overrides(value: object) -> list[str]:
    """The stored comma-separated SMART overrides, sorted, without empties or repeats."""
    return sorted({x for x in str(value or "").split(",") if x})


def named(columns: Sequence[str], values: Sequence[Any]) -> Row:
    """One raw row as a dict keyed by column name."""
    return dict(zip(columns, values, strict=True))


def rows(cursor: Any) -> list[Row]:
    """Every row of an executed query as dicts keyed by the query's column names (or aliases)."""
    columns = [d[0] for d in cursor.description]
    return [named(columns, r) for r in cursor.fetchall()]


def first(cursor: Any) -> Row | None:
    """The first row of an executed query as a dict, or None."""
    columns = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return None if row is None else named(columns, row)


def select(db: Any, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    """Run a query and return its rows as dicts."""
    return rows(db.execute_sql(sql, tuple(params)))
