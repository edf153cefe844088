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
from goaldesk.store.transfer import _category_paths, _date_text, _write_atomically

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
    _write_atomically(target, "\ufeff" + buffer.getvalue())
    return target


def _paths(store: Store) -> dict[int, str]:
    rows = store.db.execute_sql(
        "SELECT id, parent_id, name, key, position, builtin, description FROM category"
    ).fetchall()
    paths, _ = _category_paths(rows)
    return {cid: " / ".join(path) for cid, path in paths.items()}


def export_goals_csv(store: Store, path: Path | str) -> Path:
    """One row per goal not in the Trash, in board order (long-term first)."""
    paths = _paths(store)
    rows = store.db.execute_sql(
        "SELECT g.uuid, g.title, g.category_id, g.horizon, g.status, g.start_date, g.deadline, g.metric_name, "
        "g.unit, g.baseline, g.target, g.metric_kind, "
        "(SELECT c.value FROM checkin c WHERE c.goal_id = g.id ORDER BY c.on_date DESC, c.id DESC LIMIT 1), "
        "(SELECT SUM(c.value) FROM checkin c WHERE c.goal_id = g.id), "
        "(SELECT MAX(c.on_date) FROM checkin c WHERE c.goal_id = g.id), "
        "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id AND m.done_on IS NOT NULL), "
        "(SELECT COUNT(*) FROM milestone m WHERE m.goal_id = g.id), g.archived, g.description, g.why "
        "FROM goal g WHERE g.deleted_at IS NULL ORDER BY g.horizon DESC, g.position, g.id"
    ).fetchall()
    out = []
    for (guuid, title, category_id, horizon, status, start, deadline, metric, unit, baseline, target, kind,
         latest, total, last_on, done, total_ms, archived, description, why) in rows:
        current = latest
        if kind == "increment":
            current = None if total is None else float(baseline or 0.0) + float(total)
        out.append(
            [
                str(guuid), _cell(title), _cell(paths.get(int(category_id), "")), str(horizon), str(status),
                _date_text(start) or "", _date_text(deadline) or "", _cell(metric), _cell(unit),
                _number(baseline), _number(target), _number(current), _date_text(last_on) or "",
                str(int(done)), str(int(total_ms)), "yes" if archived else "no", _cell(description),
                _cell(why),
            ]
        )
    return _write(path, GOAL_COLUMNS, out)


def export_checkins_csv(store: Store, path: Path | str) -> Path:
    """One row per check-in of a goal not in the Trash, by goal then date."""
    rows = store.db.execute_sql(
        "SELECT g.uuid, g.title, c.on_date, c.value, g.unit, c.note FROM checkin c JOIN goal g ON g.id = c.goal_id "
        "WHERE g.deleted_at IS NULL ORDER BY g.title, g.uuid, c.on_date, c.id"
    ).fetchall()
    out = [
        [str(u), _cell(t), _date_text(on) or "", _number(value), _cell(unit), _cell(note)]
        for u, t, on, value, unit, note in rows
    ]
    return _write(path, CHECKIN_COLUMNS, out)
