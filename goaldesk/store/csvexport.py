"""CSV exports of goals and check-ins for spreadsheets.

Files are UTF-8 with a byte-order mark (so Excel reads accents and emoji correctly), one header row,
ISO dates. Goals name their type by its path ("Professional / Leadership") and carry their UUID so
the two files can be joined. Goals in the Trash are left out.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) get a leading ``'``, as OWASP recommends against CSV injection; numeric columns
are written as plain numbers and never prefixed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from goaldesk.store.base import Store
from goaldesk.store.convert import date_text, select
from goaldesk.store.services._shared import DERIVED, goal_from_row
from goaldesk.store.services._shared import GOAL_COLUMNS as GOAL_COLUMNS_SQL
from goaldesk.store.transfer.export import CATEGORY_SELECT, category_paths, write_atomically

GOAL_COLUMNS = (
    "uuid", "title", "category", "horizon", "status", "start_date", "deadline", "metric_name", "unit",
    "baseline", "target", "current", "last_checkin", "milestones_done", "milestones_total", "archived",
    "description", "why",
)
CHECKIN_COLUMNS = ("goal_uuid", "goal_title", "on", "value", "unit", "note")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """User text made safe for spreadsheets: a leading ' stops it being read as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number(value: Any) -> str:
    """Numbers without a trailing .0 for whole values, blank for none."""
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _write(path: Path | str, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    target = Path(path).expanduser()
    write_atomically(target, "\ufeff" + buffer.getvalue())
    return target


def _paths(store: Store) -> dict[int, str]:
    paths, _ = category_paths(select(store.db, CATEGORY_SELECT))
    return {cid: " / ".join(path) for cid, path in paths.items()}


def export_goals_csv(store: Store, path: Path | str) -> Path:
    """One row per goal not in the Trash, in board order (long-term first)."""
    paths = _paths(store)
    query = (
        f"SELECT {GOAL_COLUMNS_SQL}, {DERIVED} FROM goal g WHERE g.deleted_at IS NULL "
        "ORDER BY g.horizon DESC, g.position, g.id"
    )
    out = []
    for goal in (goal_from_row(r) for r in select(store.db, query)):
        out.append(
            [
                goal.uuid, _cell(goal.title), _cell(paths.get(goal.category_id, "")), goal.horizon.value,
                goal.status.value, goal.start_date.isoformat(), date_text(goal.deadline) or "",
                _cell(goal.metric_name), _cell(goal.unit), _number(goal.baseline), _number(goal.target),
                _number(goal.current), date_text(goal.last_checkin) or "", str(goal.milestones_done),
                str(goal.milestones_total), "yes" if goal.archived else "no", _cell(goal.description), _cell(goal.why),
            ]
        )
    return _write(path, GOAL_COLUMNS, out)


def export_checkins_csv(store: Store, path: Path | str) -> Path:
    """One row per check-in of a goal not in the Trash, by goal then date."""
    rows = select(
        store.db,
        "SELECT g.uuid, g.title, c.on_date, c.value, g.unit, c.note FROM checkin c JOIN goal g ON g.id = c.goal_id "
        "WHERE g.deleted_at IS NULL ORDER BY g.title, g.uuid, c.on_date, c.id",
    )
    out = [
        [str(r["uuid"]), _cell(r["title"]), date_text(r["on_date"]) or "", _number(r["value"]), _cell(r["unit"]),
         _cell(r["note"])]
        for r in rows
    ]
    return _write(path, CHECKIN_COLUMNS, out)
