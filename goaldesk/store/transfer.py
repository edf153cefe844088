"""JSON export and import of everything in a GoalDesk database (format: docs/export-format.md).

Rows refer to each other by goal UUID and category name path, never by database ids, so a file can
be merged into any database. The export is deterministic (sorted lists, ``sort_keys``) so that
"export, import into a new database, export again" gives the same bytes apart from ``exported_at``.

Import validates the whole file before touching the database and names the first problem with its
location ("goals[3].deadline: not a date"). It then applies GoalDesk's own rules, the editor's
validation (domain.validation), to every goal: one message per bad record (a target equal to the
start, a deadline before the start, a check-in in the future, a loop of parent links, a control
character in a title, a date outside 1900..2200...). Only then does it write everything in one
transaction. Any JSON input ends either in a complete import or in TransferError with nothing written.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import uuid as uuidlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaldesk import __version__
from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft
from goaldesk.domain.validation import (
    CATEGORY_NAME_MAX,
    DATE_MAX,
    DATE_MIN,
    DESCRIPTION_MAX,
    METRIC_MAX,
    NOTE_MAX,
    TITLE_MAX,
    UNIT_MAX,
    check_checkin_date,
    draft_problems,
    makes_parent_cycle,
    title_problems,
    visible,
)
from goaldesk.store.base import Change, Store
from goaldesk.store.errors import StoreError
from goaldesk.store.files import remove_stale

FORMAT = "goaldesk-export"
VERSION = 1
TEXT_MAX = 100_000
INT_LIMIT = 2**53
_OFFSET = 1_000_000_000  # temporary board positions for imported goals, renumbered before commit
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Json = Any
CategoryPath = tuple[str, ...]


class TransferError(StoreError):
    """The file cannot be imported; the message names the first problem and where it is."""


@dataclass
class ImportReport:
    """What an import did, counted per kind of record ("goals", "checkins", ...)."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line per kind of record, for the CLI and the import dialog."""
        kinds = sorted(k for k in set(self.created) | set(self.updated) | set(self.skipped)
                       if self.created[k] or self.updated[k] or self.skipped[k])
        if not kinds:
            return "The file held nothing to import."
        lines = []
        for kind in kinds:
            lines.append(
                f"{kind}: {self.created[kind]} added, {self.updated[kind]} updated, "
                f"{self.skipped[kind]} already present"
            )
        return "\n".join(lines)


# ------------------------------------------------------------------------------------ value helpers


def _date_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(str(value)[:10]).isoformat()


def _datetime_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return datetime.fromisoformat(str(value)).isoformat()


def _stored_datetime(text: str | None) -> str | None:
    """The text the service stores for a datetime (sqlite3's adapter: ISO with a space)."""
    return None if text is None else str(datetime.fromisoformat(text))


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------ export


def _category_paths(rows: list[tuple[Any, ...]]) -> tuple[dict[int, CategoryPath], list[int]]:
    """Name path of every category, and ids in depth-first order (siblings by position, name)."""
    by_id = {int(r[0]): r for r in rows}
    children: dict[int | None, list[int]] = {}
    for r in rows:
        parent = None if r[1] is None or int(r[1]) not in by_id else int(r[1])
        children.setdefault(parent, []).append(int(r[0]))
    paths: dict[int, CategoryPath] = {}
    order: list[int] = []

    def visit(parent: int | None, prefix: CategoryPath) -> None:
        kids = sorted(children.get(parent, []), key=lambda i: (by_id[i][4], str(by_id[i][2]).casefold(), by_id[i][2]))
        for cid in kids:
            if cid in paths:
                continue
            paths[cid] = (*prefix, str(by_id[cid][2]))
            order.append(cid)
            visit(cid, paths[cid])

    visit(None, ())
    return paths, order


def _sorted(entries: list[dict[str, Json]], key: Callable[[dict[str, Json]], tuple[Any, ...]]) -> list[dict[str, Json]]:
    """Sort by a readable key, ties broken by the whole entry so the order never depends on ids."""
    return sorted(entries, key=lambda e: (key(e), json.dumps(e, sort_keys=True, ensure_ascii=False)))


def export_data(store: Store, *, exported_at: datetime | None = None) -> dict[str, Json]:
    """Everything in the database as a JSON-ready dict (format version 1)."""
    db = store.db
    with db.atomic():  # one read snapshot
        cat_rows = db.execute_sql(
            "SELECT id, parent_id, name, key, position, builtin, description FROM category"
        ).fetchall()
        goal_rows = db.execute_sql(
            "SELECT id, uuid, title, description, category_id, horizon, position, status, start_date, deadline, "
            "metric_name, unit, baseline, target, metric_kind, why, parent_id, archived, smart_overrides, "
            "created_at, updated_at, deleted_at FROM goal"
        ).fetchall()
        checkin_rows = db.execute_sql("SELECT goal_id, on_date, value, note, created_at FROM checkin").fetchall()
        milestone_rows = db.execute_sql("SELECT goal_id, title, position, done_on FROM milestone").fetchall()
        win_rows = db.execute_sql("SELECT goal_id, on_date, kind, what FROM win").fetchall()
        history_rows = db.execute_sql("SELECT goal_id, field, old, new, at, reason FROM goal_history").fetchall()
        feedback_rows = db.execute_sql(
            "SELECT goal_id, on_date, source, said, action, acted_on, created_at FROM feedback"
        ).fetchall()
        trait_rows = db.execute_sql("SELECT id, kind, name, note, rating, on_date FROM trait").fetchall()
        link_rows = db.execute_sql("SELECT goal_id, trait_id FROM goal_trait").fetchall()
        state_rows = db.execute_sql("SELECT key, value FROM app_state").fetchall()
        schema = db.execute_sql("SELECT version FROM schema_version").fetchone()

    paths, order = _category_paths(cat_rows)
    cat_by_id = {int(r[0]): r for r in cat_rows}
    categories = [
        {
            "path": list(paths[cid]),
            "key": cat_by_id[cid][3],
            "position": int(cat_by_id[cid][4]),
            "builtin": bool(cat_by_id[cid][5]),
            "description": str(cat_by_id[cid][6] or ""),
        }
        for cid in order
    ]

    uuid_of = {int(r[0]): str(r[1]) for r in goal_rows}
    children: dict[int, dict[str, list[dict[str, Json]]]] = {
        int(r[0]): {"checkins": [], "milestones": [], "wins": [], "history": [], "traits": []} for r in goal_rows
    }
    for gid, on, value, note, created in checkin_rows:
        children[int(gid)]["checkins"].append(
            {
                "on": _date_text(on),
                "value": float(value),
                "note": str(note or ""),
                "created_at": _datetime_text(created),
            }
        )
    for gid, title, position, done_on in milestone_rows:
        children[int(gid)]["milestones"].append(
            {"title": str(title), "position": int(position), "done_on": _date_text(done_on)}
        )
    for gid, on, kind, what in win_rows:
        children[int(gid)]["wins"].append({"on": _date_text(on), "kind": str(kind), "what": str(what)})
    for gid, fld, old, new, at, reason in history_rows:
        def ref(value: object, fld: str = str(fld)) -> Json:
            if fld == "category_id" and value is not None and str(value).isdigit() and int(str(value)) in paths:
                return list(paths[int(str(value))])
            return None if value is None else str(value)

        children[int(gid)]["history"].append(
            {"field": str(fld), "old": ref(old), "new": ref(new), "at": _datetime_text(at), "reason": str(reason or "")}
        )
    trait_by_id = {int(r[0]): r for r in trait_rows}
    for gid, tid in link_rows:
        t = trait_by_id.get(int(tid))
        if t is not None and int(gid) in children:
            children[int(gid)]["traits"].append({"kind": str(t[1]), "name": str(t[2]), "on": _date_text(t[5])})

    goals = []
    for r in goal_rows:
        (gid, guuid, title, description, category_id, horizon, position, status, start_date, deadline,
         metric_name, unit, baseline, target, metric_kind, why, parent_id, archived, overrides,
         created_at, updated_at, deleted_at) = r
        kids = children[int(gid)]
        goals.append(
            {
                "uuid": str(guuid),
                "title": str(title),
                "description": str(description or ""),
                "category": list(paths.get(int(category_id), ())),
                "horizon": str(horizon),
                "position": int(position),
                "status": str(status),
                "start_date": _date_text(start_date),
                "deadline": _date_text(deadline),
                "metric_name": str(metric_name or ""),
                "unit": str(unit or ""),
                "baseline": _number(baseline),
                "target": _number(target),
                "metric_kind": str(metric_kind or MetricKind.CUMULATIVE.value),
                "why": str(why or ""),
                "parent": None if parent_id is None else uuid_of.get(int(parent_id)),
                "archived": bool(archived),
                "smart_overrides": sorted({x for x in str(overrides or "").split(",") if x}),
                "created_at": _datetime_text(created_at),
                "updated_at": _datetime_text(updated_at),
                "deleted_at": _datetime_text(deleted_at),
                "checkins": _sorted(kids["checkins"], lambda e: (e["on"], e["created_at"])),
                "milestones": _sorted(kids["milestones"], lambda e: (e["position"], e["title"])),
                "wins": _sorted(kids["wins"], lambda e: (e["on"], e["kind"], e["what"])),
                "history": _sorted(kids["history"], lambda e: (e["at"], e["field"])),
                "traits": _sorted(kids["traits"], lambda e: (e["kind"], e["name"], e["on"])),
            }
        )
    goals.sort(key=lambda g: str(g["uuid"]))

    feedback = _sorted(
        [
            {
                "goal": None if gid is None else uuid_of.get(int(gid)),
                "on": _date_text(on),
                "source": str(source),
                "said": str(said),
                "action": str(action or ""),
                "acted_on": bool(acted_on),
                "created_at": _datetime_text(created),
            }
            for gid, on, source, said, action, acted_on, created in feedback_rows
        ],
        lambda e: (e["goal"] or "", e["on"], e["created_at"]),
    )
    traits = _sorted(
        [
            {"kind": str(k), "name": str(n), "note": str(note or ""), "rating": int(rating), "on": _date_text(on)}
            for _, k, n, note, rating, on in trait_rows
        ],
        lambda e: (e["kind"], e["name"], e["on"]),
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (exported_at or store.now()).replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "schema_version": int(schema[0]) if schema else 0,
        "categories": categories,
        "goals": goals,
        "feedback": feedback,
        "traits": traits,
        "app_state": {str(k): str(v) for k, v in state_rows},
    }


def dumps(data: dict[str, Json]) -> str:
    """The canonical text of an export: sorted keys, real UTF-8, one record per line group."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename, so an interrupted export never leaves half a file.

    An export is a document the user names, so it is created like any saved document (mode 0666
    less the umask, as charts are); the temporary name is unique so two exports never collide.
    """
    path = Path(path).expanduser()
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
    try:
        remove_stale(path.parent, f".{path.name}.", ".partial")  # left by an export that was killed
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StoreError(f"Could not write {path}: {exc.strerror or exc}.") from exc


def export_json(store: Store, path: Path | str, *, exported_at: datetime | None = None) -> Path:
    """Write the whole database to ``path`` as a GoalDesk export file; returns the path."""
    target = Path(path).expanduser()
    _write_atomically(target, dumps(export_data(store, exported_at=exported_at)))
    return target


# ------------------------------------------------------------------------------------ validation


class _InvalidError(Exception):
    """Raised inside validation; carries the location and the problem."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


def _text(value: Json, where: str, *, limit: int = TEXT_MAX, single_line: bool = False, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _InvalidError(where, "not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _InvalidError(where, "contains characters that are not valid Unicode") from None
    if len(value) > limit:
        raise _InvalidError(where, f"too long ({len(value):,} characters; at most {limit:,})")
    if single_line and ("\n" in value or "\r" in value):
        raise _InvalidError(where, "must be a single line")
    if not empty and not value.strip():
        raise _InvalidError(where, "must not be empty")
    return value


def _int(value: Json, where: str, *, low: int = -INT_LIMIT, high: int = INT_LIMIT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _InvalidError(where, "not a whole number")
    if not low <= value <= high:
        raise _InvalidError(where, f"out of range ({low} to {high})")
    return value


def _float(value: Json, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _InvalidError(where, "not a number")
    try:
        number = float(value)
    except OverflowError:
        raise _InvalidError(where, "too large") from None
    if not math.isfinite(number):
        raise _InvalidError(where, "not a finite number")
    return number


def _opt_float(value: Json, where: str) -> float | None:
    return None if value is None else _float(value, where)


def _bool(value: Json, where: str) -> bool:
    if not isinstance(value, bool):
        raise _InvalidError(where, "not true or false")
    return value


def _in_range(day: date, where: str) -> None:
    if not DATE_MIN <= day <= DATE_MAX:
        raise _InvalidError(where, f"outside the years {DATE_MIN.year} to {DATE_MAX.year}")


def _date(value: Json, where: str) -> str:
    if not isinstance(value, str) or not _DATE.match(value):
        raise _InvalidError(where, "not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _InvalidError(where, "not a date (YYYY-MM-DD)") from None
    _in_range(day, where)
    return day.isoformat()


def _opt_date(value: Json, where: str) -> str | None:
    return None if value is None else _date(value, where)


def _datetime(value: Json, where: str) -> str:
    if not isinstance(value, str) or len(value) > 40 or not _DATE.match(value[:10]):
        raise _InvalidError(where, "not a date and time (YYYY-MM-DDTHH:MM:SS)")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _InvalidError(where, "not a date and time (YYYY-MM-DDTHH:MM:SS)") from None
    if parsed.tzinfo is not None:
        raise _InvalidError(where, "must be a local time without a time zone")
    _in_range(parsed.date(), where)
    return parsed.isoformat()


def _opt_datetime(value: Json, where: str) -> str | None:
    return None if value is None else _datetime(value, where)


def _enum(value: Json, where: str, allowed: Iterable[str]) -> str:
    choices = sorted(allowed)
    if not isinstance(value, str) or value not in choices:
        raise _InvalidError(where, f"must be one of {', '.join(choices)}")
    return value


def _uuid(value: Json, where: str) -> str:
    if not isinstance(value, str) or len(value) != 36:
        raise _InvalidError(where, "not a UUID")
    try:
        canonical = str(uuidlib.UUID(value))
    except ValueError:
        raise _InvalidError(where, "not a UUID") from None
    if canonical != value.lower():
        raise _InvalidError(where, "not a UUID")
    return canonical


def _object(value: Json, where: str) -> dict[str, Json]:
    if not isinstance(value, dict):
        raise _InvalidError(where, "not an object")
    return value


def _list(value: Json, where: str) -> list[Json]:
    if not isinstance(value, list):
        raise _InvalidError(where, "not a list")
    return value


def _get(obj: dict[str, Json], key: str, where: str, default: Json = ..., *, required: bool = False) -> Json:
    if key in obj:
        return obj[key]
    if required or default is ...:
        raise _InvalidError(f"{where}.{key}", "missing")
    return default


def _path(value: Json, where: str) -> CategoryPath:
    items = _list(value, where)
    if not items:
        raise _InvalidError(where, "empty category path")
    if len(items) > 20:
        raise _InvalidError(where, "category path too deep")
    return tuple(
        _text(name, f"{where}[{i}]", limit=CATEGORY_NAME_MAX, single_line=True, empty=False).strip()
        for i, name in enumerate(items)
    )


@dataclass
class _Parsed:
    categories: list[dict[str, Any]]
    goals: list[dict[str, Any]]
    feedback: list[dict[str, Any]]
    traits: list[dict[str, Any]]
    app_state: dict[str, str]


def _parse_category(raw: Json, where: str) -> dict[str, Any]:
    obj = _object(raw, where)
    key = _get(obj, "key", where, None)
    if key is not None:
        key = _text(key, f"{where}.key", limit=80, single_line=True, empty=False)
    return {
        "path": _path(_get(obj, "path", where, required=True), f"{where}.path"),
        "key": key,
        "position": _int(_get(obj, "position", where, 0), f"{where}.position"),
        "builtin": _bool(_get(obj, "builtin", where, False), f"{where}.builtin"),
        "description": _text(_get(obj, "description", where, ""), f"{where}.description", limit=DESCRIPTION_MAX),
    }


def _parse_history_value(value: Json, where: str, fld: str, categories: set[CategoryPath]) -> Any:
    if value is None:
        return None
    if isinstance(value, list) and fld == "category_id":
        path = _path(value, where)
        if path not in categories:
            raise _InvalidError(where, "names a category that is not in the file's categories")
        return path
    return _text(value, where)


def _parse_goal(raw: Json, where: str, categories: set[CategoryPath]) -> dict[str, Any]:
    obj = _object(raw, where)
    title = _text(_get(obj, "title", where, required=True), f"{where}.title", limit=TITLE_MAX, single_line=True,
                  empty=False)
    category = _path(_get(obj, "category", where, required=True), f"{where}.category")
    if category not in categories:
        raise _InvalidError(f"{where}.category", "names a category that is not in the file's categories")
    overrides = _list(_get(obj, "smart_overrides", where, []), f"{where}.smart_overrides")
    goal: dict[str, Any] = {
        "uuid": _uuid(_get(obj, "uuid", where, required=True), f"{where}.uuid"),
        "title": title.strip(),
        "description": _text(_get(obj, "description", where, ""), f"{where}.description", limit=DESCRIPTION_MAX),
        "category": category,
        "horizon": _enum(_get(obj, "horizon", where, required=True), f"{where}.horizon", (h.value for h in Horizon)),
        "position": _int(_get(obj, "position", where, 0), f"{where}.position", low=0, high=INT_LIMIT),
        "status": _enum(_get(obj, "status", where, "active"), f"{where}.status", (s.value for s in GoalStatus)),
        "start_date": _date(_get(obj, "start_date", where, required=True), f"{where}.start_date"),
        "deadline": _opt_date(_get(obj, "deadline", where, None), f"{where}.deadline"),
        "metric_name": _text(_get(obj, "metric_name", where, ""), f"{where}.metric_name", limit=METRIC_MAX),
        "unit": _text(_get(obj, "unit", where, ""), f"{where}.unit", limit=UNIT_MAX),
        "baseline": _opt_float(_get(obj, "baseline", where, None), f"{where}.baseline"),
        "target": _opt_float(_get(obj, "target", where, None), f"{where}.target"),
        "metric_kind": _enum(
            _get(obj, "metric_kind", where, "cumulative"), f"{where}.metric_kind", (m.value for m in MetricKind)
        ),
        "why": _text(_get(obj, "why", where, ""), f"{where}.why", limit=DESCRIPTION_MAX),
        "parent": None,
        "archived": _bool(_get(obj, "archived", where, False), f"{where}.archived"),
        "smart_overrides": sorted(
            {
                _text(x, f"{where}.smart_overrides[{i}]", limit=40, single_line=True, empty=False).replace(",", "")
                for i, x in enumerate(overrides)
            }
        ),
        "created_at": _datetime(_get(obj, "created_at", where, required=True), f"{where}.created_at"),
        "updated_at": _datetime(_get(obj, "updated_at", where, required=True), f"{where}.updated_at"),
        "deleted_at": _opt_datetime(_get(obj, "deleted_at", where, None), f"{where}.deleted_at"),
    }
    parent = _get(obj, "parent", where, None)
    if parent is not None:
        goal["parent"] = _uuid(parent, f"{where}.parent")
    checkins = []
    for i, item in enumerate(_list(_get(obj, "checkins", where, []), f"{where}.checkins")):
        w = f"{where}.checkins[{i}]"
        c = _object(item, w)
        checkins.append(
            (
                _date(_get(c, "on", w, required=True), f"{w}.on"),
                _float(_get(c, "value", w, required=True), f"{w}.value"),
                _text(_get(c, "note", w, ""), f"{w}.note", limit=NOTE_MAX),
                _datetime(_get(c, "created_at", w, required=True), f"{w}.created_at"),
            )
        )
    milestones = []
    for i, item in enumerate(_list(_get(obj, "milestones", where, []), f"{where}.milestones")):
        w = f"{where}.milestones[{i}]"
        m = _object(item, w)
        milestones.append(
            (
                _text(_get(m, "title", w, required=True), f"{w}.title", limit=TITLE_MAX, single_line=True,
                      empty=False).strip(),
                _int(_get(m, "position", w, i), f"{w}.position", low=0, high=INT_LIMIT),
                _opt_date(_get(m, "done_on", w, None), f"{w}.done_on"),
            )
        )
    wins = []
    for i, item in enumerate(_list(_get(obj, "wins", where, []), f"{where}.wins")):
        w = f"{where}.wins[{i}]"
        x = _object(item, w)
        wins.append(
            (
                _date(_get(x, "on", w, required=True), f"{w}.on"),
                _text(_get(x, "kind", w, required=True), f"{w}.kind", limit=80),
                _text(_get(x, "what", w, required=True), f"{w}.what", limit=NOTE_MAX),
            )
        )
    history = []
    for i, item in enumerate(_list(_get(obj, "history", where, []), f"{where}.history")):
        w = f"{where}.history[{i}]"
        h = _object(item, w)
        fld = _text(_get(h, "field", w, required=True), f"{w}.field", limit=80, single_line=True, empty=False)
        history.append(
            (
                fld,
                _parse_history_value(_get(h, "old", w, None), f"{w}.old", fld, categories),
                _parse_history_value(_get(h, "new", w, None), f"{w}.new", fld, categories),
                _datetime(_get(h, "at", w, required=True), f"{w}.at"),
                _text(_get(h, "reason", w, ""), f"{w}.reason", limit=NOTE_MAX),
            )
        )
    traits = []
    for i, item in enumerate(_list(_get(obj, "traits", where, []), f"{where}.traits")):
        w = f"{where}.traits[{i}]"
        t = _object(item, w)
        traits.append(
            (
                _text(_get(t, "kind", w, required=True), f"{w}.kind", limit=80),
                _text(_get(t, "name", w, required=True), f"{w}.name", limit=TITLE_MAX),
                _date(_get(t, "on", w, required=True), f"{w}.on"),
            )
        )
    goal.update(checkins=checkins, milestones=milestones, wins=wins, history=history, traits=traits)
    return goal


def validate(data: Json) -> _Parsed:
    """Check every field of a decoded export; raises TransferError naming the first problem."""
    try:
        return _validate(data)
    except _InvalidError as exc:
        raise TransferError(str(exc)) from None


def _validate(data: Json) -> _Parsed:
    top = _object(data, "file")
    if top.get("format") != FORMAT:
        raise _InvalidError("format", f"this is not a GoalDesk export (expected \"{FORMAT}\")")
    version = _int(_get(top, "version", "file", required=True), "version")
    if version > VERSION:
        raise _InvalidError("version", f"written by a newer GoalDesk (format {version}; this one reads {VERSION})")
    if version < 1:
        raise _InvalidError("version", "unknown format version")
    if "exported_at" in top:
        _datetime(top["exported_at"], "exported_at")
    categories: list[dict[str, Any]] = []
    seen_paths: set[CategoryPath] = set()
    seen_keys: set[str] = set()
    folded: set[tuple[str, ...]] = set()
    for i, raw in enumerate(_list(_get(top, "categories", "file", required=True), "categories")):
        cat = _parse_category(raw, f"categories[{i}]")
        path = cat["path"]
        fold = tuple(p.casefold() for p in path)
        if fold in folded:
            raise _InvalidError(f"categories[{i}].path", "appears twice")
        if len(path) > 1 and path[:-1] not in seen_paths:
            raise _InvalidError(f"categories[{i}].path", "its parent category must be listed before it")
        if cat["key"] is not None:
            if cat["key"] in seen_keys:
                raise _InvalidError(f"categories[{i}].key", "appears twice")
            seen_keys.add(cat["key"])
        seen_paths.add(path)
        folded.add(fold)
        categories.append(cat)
    goals = [
        _parse_goal(raw, f"goals[{i}]", seen_paths)
        for i, raw in enumerate(_list(_get(top, "goals", "file", required=True), "goals"))
    ]
    uuids: set[str] = set()
    for i, goal in enumerate(goals):
        if goal["uuid"] in uuids:
            raise _InvalidError(f"goals[{i}].uuid", "appears twice")
        uuids.add(goal["uuid"])
    traits = []
    trait_keys: set[tuple[str, str, str]] = set()
    for i, raw in enumerate(_list(_get(top, "traits", "file", []), "traits")):
        w = f"traits[{i}]"
        t = _object(raw, w)
        trait: dict[str, Any] = {
            "kind": _text(_get(t, "kind", w, required=True), f"{w}.kind", limit=80),
            "name": _text(_get(t, "name", w, required=True), f"{w}.name", limit=TITLE_MAX),
            "note": _text(_get(t, "note", w, ""), f"{w}.note", limit=NOTE_MAX),
            "rating": _int(_get(t, "rating", w, required=True), f"{w}.rating", low=-1000, high=1000),
            "on": _date(_get(t, "on", w, required=True), f"{w}.on"),
        }
        trait_keys.add((trait["kind"], trait["name"], trait["on"]))
        traits.append(trait)
    for i, goal in enumerate(goals):
        for j, ref in enumerate(goal["traits"]):
            if ref not in trait_keys:
                raise _InvalidError(f"goals[{i}].traits[{j}]", "names a trait that is not in the file's traits")
    feedback = []
    for i, raw in enumerate(_list(_get(top, "feedback", "file", []), "feedback")):
        w = f"feedback[{i}]"
        f = _object(raw, w)
        goal_ref = _get(f, "goal", w, None)
        feedback.append(
            {
                "goal": None if goal_ref is None else _uuid(goal_ref, f"{w}.goal"),
                "on": _date(_get(f, "on", w, required=True), f"{w}.on"),
                "source": _text(_get(f, "source", w, required=True), f"{w}.source", limit=TITLE_MAX),
                "said": _text(_get(f, "said", w, required=True), f"{w}.said", limit=NOTE_MAX),
                "action": _text(_get(f, "action", w, ""), f"{w}.action", limit=NOTE_MAX),
                "acted_on": _bool(_get(f, "acted_on", w, False), f"{w}.acted_on"),
                "created_at": _datetime(_get(f, "created_at", w, required=True), f"{w}.created_at"),
            }
        )
    state_raw = _object(_get(top, "app_state", "file", {}), "app_state")
    app_state = {
        _text(k, "app_state (a key)", limit=200): _text(v, f"app_state.{k}", limit=NOTE_MAX)
        for k, v in state_raw.items()
    }
    return _Parsed(categories, goals, feedback, traits, app_state)


def _check_references(parsed: _Parsed, known_uuids: set[str]) -> None:
    """Goal references must point at a goal in the file or already in the database."""
    in_file = {g["uuid"] for g in parsed.goals}
    for i, goal in enumerate(parsed.goals):
        if goal["parent"] is not None and goal["parent"] not in in_file and goal["parent"] not in known_uuids:
            raise TransferError(f"goals[{i}].parent: no goal with this UUID in the file or the database")
        if goal["parent"] == goal["uuid"]:
            raise TransferError(f"goals[{i}].parent: a goal cannot serve itself")
    for i, item in enumerate(parsed.feedback):
        if item["goal"] is not None and item["goal"] not in in_file and item["goal"] not in known_uuids:
            raise TransferError(f"feedback[{i}].goal: no goal with this UUID in the file or the database")


MAX_LISTED = 20


def _goal_rule_problem(goal: dict[str, Any], parents: dict[str, str | None], today: date) -> str | None:
    """The first way ``goal`` breaks the editor's rules, or None: the same checks as a save in the app."""
    draft = GoalDraft(
        title=goal["title"], category_id=0, horizon=Horizon(goal["horizon"]), description=goal["description"],
        status=GoalStatus(goal["status"]), start_date=date.fromisoformat(goal["start_date"]),
        deadline=None if goal["deadline"] is None else date.fromisoformat(goal["deadline"]),
        metric_name=goal["metric_name"], unit=goal["unit"], baseline=goal["baseline"], target=goal["target"],
        metric_kind=MetricKind(goal["metric_kind"]), why=goal["why"],
    )
    problems = draft_problems(draft, is_new=False)
    if problems:
        return problems[0].message
    for j, (on, *_rest) in enumerate(goal["checkins"]):
        try:
            check_checkin_date(date.fromisoformat(on), today)
        except DomainError as exc:
            return f"check-in {j + 1} ({on}): {exc.message}"
    for j, (title, *_rest) in enumerate(goal["milestones"]):
        found = title_problems(title)
        if found:
            return f"milestone {j + 1}: {found[0].message.replace('the goal', 'the milestone')}"
    if goal["parent"] is not None and makes_parent_cycle(parents, goal["uuid"], goal["parent"]):
        return "its parent goal serves it in turn (a loop of parent links)"
    return None


def _check_rules(parsed: _Parsed, stored_parents: dict[str, str | None], today: date) -> None:
    """Apply GoalDesk's own rules to every goal; one message per bad goal, nothing written."""
    parents = dict(stored_parents)
    parents.update({g["uuid"]: g["parent"] for g in parsed.goals})
    messages = []
    for i, goal in enumerate(parsed.goals):
        problem = _goal_rule_problem(goal, parents, today)
        if problem is not None:
            messages.append(f"goals[{i}] “{visible(goal['title'])[:60]}”: {problem}")
    if messages:
        shown = messages[:MAX_LISTED]
        if len(messages) > MAX_LISTED:
            shown.append(f"… and {len(messages) - MAX_LISTED} more goals")
        raise TransferError("\n".join(shown))


def read_file(path: Path | str) -> Json:
    """Decode a JSON file; every failure becomes TransferError."""
    path = Path(path).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    return loads(raw)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def loads(raw: bytes | str) -> Json:
    """Decode JSON text (UTF-8, BOM allowed); NaN/Infinity and broken text become TransferError."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise TransferError(f"file: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise TransferError("file: nested too deeply") from None
    except ValueError as exc:
        raise TransferError(f"file: not valid JSON ({exc})") from None


# ------------------------------------------------------------------------------------ import


def import_json(store: Store, path: Path | str) -> ImportReport:
    """Validate a whole export file, then merge it into the database in one transaction."""
    return import_data(store, read_file(path))


def import_data(store: Store, data: Json) -> ImportReport:
    """Merge decoded export data; see the module docstring and docs/export-format.md for the rules."""
    parsed = validate(data)
    report = ImportReport()
    with store.writing([Change("all")]):
        rows = store.db.execute_sql(
            "SELECT g.uuid, p.uuid FROM goal g LEFT JOIN goal p ON p.id = g.parent_id"
        ).fetchall()
        stored_parents = {str(r[0]): None if r[1] is None else str(r[1]) for r in rows}
        _check_references(parsed, set(stored_parents))
        _check_rules(parsed, stored_parents, store.today())
        _Importer(store, parsed, report).run()
    return report


class _Importer:
    """The write phase of an import; runs inside one transaction."""

    def __init__(self, store: Store, parsed: _Parsed, report: ImportReport) -> None:
        self.db = store.db
        self.parsed = parsed
        self.report = report
        self.category_ids: dict[CategoryPath, int] = {}
        self.goal_ids: dict[str, int] = {}
        self.trait_ids: dict[tuple[str, str, str], int] = {}

    def sql(self, query: str, params: Iterable[Any] = ()) -> Any:
        return self.db.execute_sql(query, tuple(params))

    def many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.db.cursor().executemany(query, rows)

    def run(self) -> None:
        self.categories()
        self.traits()
        self.goals()
        self.feedback()
        self.app_state()

    # -- categories: matched by built-in key, else by name path (case-insensitive)

    def categories(self) -> None:
        rows = self.sql("SELECT id, parent_id, name, key FROM category").fetchall()
        by_key = {str(r[3]): int(r[0]) for r in rows if r[3] is not None}
        by_name = {(r[1], str(r[2]).casefold()): int(r[0]) for r in rows}
        names = {int(r[0]): str(r[2]) for r in rows}
        parents = {int(r[0]): r[1] for r in rows}
        for cat in sorted(self.parsed.categories, key=lambda c: len(c["path"])):
            path: CategoryPath = cat["path"]
            parent = self.category_ids[path[:-1]] if len(path) > 1 else None
            name = path[-1]
            found = by_key.get(cat["key"]) if cat["key"] is not None else None
            if found is None:
                found = by_name.get((parent, name.casefold()))
            if found is not None:
                self.category_ids[path] = found
                clash = by_name.get((parents[found], name.casefold()))
                if names[found] != name and (clash is None or clash == found):
                    self.sql("UPDATE category SET name = ? WHERE id = ?", (name, found))
                    by_name.pop((parents[found], names[found].casefold()), None)
                    by_name[(parents[found], name.casefold())] = found
                    names[found] = name
                    self.report.updated["categories"] += 1
                else:
                    self.report.skipped["categories"] += 1
                continue
            cursor = self.sql(
                "INSERT INTO category (parent_id, name, key, builtin, position, description) VALUES (?, ?, ?, ?, ?, ?)",
                (parent, name, cat["key"], int(cat["builtin"]), cat["position"], cat["description"]),
            )
            new_id = int(cursor.lastrowid)
            self.category_ids[path] = new_id
            by_name[(parent, name.casefold())] = new_id
            names[new_id] = name
            parents[new_id] = parent
            if cat["key"] is not None:
                by_key[cat["key"]] = new_id
            self.report.created["categories"] += 1

    # -- traits: matched by (kind, name, date)

    def traits(self) -> None:
        for r in self.sql("SELECT id, kind, name, on_date, note, rating FROM trait ORDER BY id").fetchall():
            self.trait_ids.setdefault((str(r[1]), str(r[2]), _date_text(r[3]) or ""), int(r[0]))
        current = {
            int(r[0]): (str(r[1] or ""), int(r[2])) for r in self.sql("SELECT id, note, rating FROM trait").fetchall()
        }
        for t in self.parsed.traits:
            key = (t["kind"], t["name"], t["on"])
            found = self.trait_ids.get(key)
            if found is None:
                cursor = self.sql(
                    "INSERT INTO trait (kind, name, note, rating, on_date) VALUES (?, ?, ?, ?, ?)",
                    (t["kind"], t["name"], t["note"], t["rating"], t["on"]),
                )
                self.trait_ids[key] = int(cursor.lastrowid)
                current[int(cursor.lastrowid)] = (t["note"], t["rating"])
                self.report.created["traits"] += 1
            elif current[found] != (t["note"], t["rating"]):
                self.sql("UPDATE trait SET note = ?, rating = ? WHERE id = ?", (t["note"], t["rating"], found))
                current[found] = (t["note"], t["rating"])
                self.report.updated["traits"] += 1
            else:
                self.report.skipped["traits"] += 1

    # -- goals: merged by UUID; the file's fields win, children are added unless already present

    _GOAL_FIELDS = (
        "title", "description", "horizon", "status", "start_date", "deadline", "metric_name", "unit",
        "baseline", "target", "metric_kind", "why", "archived", "smart_overrides", "created_at",
        "updated_at", "deleted_at",
    )

    def _goal_values(self, g: dict[str, Any]) -> tuple[Any, ...]:
        return (
            g["title"], g["description"], g["horizon"], g["status"], g["start_date"], g["deadline"],
            g["metric_name"], g["unit"], g["baseline"], g["target"], g["metric_kind"], g["why"],
            int(g["archived"]), ",".join(g["smart_overrides"]), _stored_datetime(g["created_at"]),
            _stored_datetime(g["updated_at"]), _stored_datetime(g["deleted_at"]),
        )

    def goals(self) -> None:
        existing: dict[str, tuple[Any, ...]] = {}
        for r in self.sql(
            "SELECT uuid, id, category_id, position, title, description, horizon, status, start_date, deadline, "
            "metric_name, unit, baseline, target, metric_kind, why, archived, smart_overrides, created_at, "
            "updated_at, deleted_at FROM goal"
        ).fetchall():
            existing[str(r[0])] = tuple(r[1:])
            self.goal_ids[str(r[0])] = int(r[1])
        new_goals = []
        touched: list[tuple[int, dict[str, Any]]] = []
        for g in self.parsed.goals:
            category = self.category_ids[g["category"]]
            values = self._goal_values(g)
            old = existing.get(g["uuid"])
            if old is None:
                position = g["position"] if g["deleted_at"] else _OFFSET + g["position"]
                new_goals.append(g)
                cursor = self.sql(
                    "INSERT INTO goal (uuid, category_id, position, title, description, horizon, status, start_date, "
                    "deadline, metric_name, unit, baseline, target, metric_kind, why, archived, smart_overrides, "
                    "created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?)",
                    (g["uuid"], category, position, *values),
                )
                self.goal_ids[g["uuid"]] = int(cursor.lastrowid)
                self.report.created["goals"] += 1
                continue
            goal_id = int(old[0])
            touched.append((goal_id, g))
            current = (old[1], *self._normalise_stored(old[3:]))
            if current == (category, *values):
                self.report.skipped["goals"] += 1
                continue
            old_horizon, old_deleted = old[5], old[19]
            position = int(old[2])
            if g["deleted_at"] is not None:
                position = g["position"] if old_deleted is None else position
            elif old_deleted is not None or old_horizon != g["horizon"]:
                position = _OFFSET + g["position"]
            self.sql(
                "UPDATE goal SET category_id = ?, position = ?, title = ?, description = ?, horizon = ?, status = ?, "
                "start_date = ?, deadline = ?, metric_name = ?, unit = ?, baseline = ?, target = ?, metric_kind = ?, "
                "why = ?, archived = ?, smart_overrides = ?, created_at = ?, updated_at = ?, deleted_at = ? "
                "WHERE id = ?",
                (category, position, *values, goal_id),
            )
            self.report.updated["goals"] += 1
        for g in self.parsed.goals:
            parent = None if g["parent"] is None else self.goal_ids[g["parent"]]
            self.sql(
                "UPDATE goal SET parent_id = ? WHERE id = ? AND parent_id IS NOT ?",
                (parent, self.goal_ids[g["uuid"]], parent),
            )
        self._children(new_goals, touched)
        self._renumber()

    @staticmethod
    def _normalise_stored(row: tuple[Any, ...]) -> tuple[Any, ...]:
        (title, description, horizon, status, start_date, deadline, metric_name, unit, baseline, target,
         metric_kind, why, archived, overrides, created_at, updated_at, deleted_at) = row
        return (
            title, description or "", horizon, status, _date_text(start_date), _date_text(deadline),
            metric_name or "", unit or "", _number(baseline), _number(target), metric_kind or "cumulative",
            why or "", int(archived), ",".join(sorted({x for x in str(overrides or "").split(",") if x})),
            _stored_datetime(_datetime_text(created_at)), _stored_datetime(_datetime_text(updated_at)),
            _stored_datetime(_datetime_text(deleted_at)),
        )

    def _history_value(self, value: Any) -> str | None:
        if isinstance(value, tuple):
            return str(self.category_ids[value])
        return value  # type: ignore[no-any-return]

    def _children(self, new_goals: list[dict[str, Any]], touched: list[tuple[int, dict[str, Any]]]) -> None:
        checkins: list[tuple[Any, ...]] = []
        milestones: list[tuple[Any, ...]] = []
        wins: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        for g in new_goals:
            gid = self.goal_ids[g["uuid"]]
            checkins += [(gid, on, value, note, _stored_datetime(at)) for on, value, note, at in g["checkins"]]
            milestones += [(gid, title, pos, done) for title, pos, done in g["milestones"]]
            wins += [(gid, *w) for w in g["wins"]]
            history += [
                (gid, fld, self._history_value(old), self._history_value(new), _stored_datetime(at), reason)
                for fld, old, new, at, reason in g["history"]
            ]
            links += [(gid, self.trait_ids[t]) for t in g["traits"]]
        for kind in ("checkins", "milestones", "wins", "history"):
            self.report.created[kind] += sum(len(g[kind]) for g in new_goals)
        self.report.created["goal_traits"] += sum(len(set(g["traits"])) for g in new_goals)
        if touched:
            self._merge_children(touched, checkins, milestones, wins, history, links)
        self.many("INSERT INTO checkin (goal_id, on_date, value, note, created_at) VALUES (?, ?, ?, ?, ?)", checkins)
        self.many("INSERT INTO milestone (goal_id, title, position, done_on) VALUES (?, ?, ?, ?)", milestones)
        self.many("INSERT INTO win (goal_id, on_date, kind, what) VALUES (?, ?, ?, ?)", wins)
        self.many(
            "INSERT INTO goal_history (goal_id, field, old, new, at, reason) VALUES (?, ?, ?, ?, ?, ?)", history
        )
        self.many("INSERT OR IGNORE INTO goal_trait (goal_id, trait_id) VALUES (?, ?)", links)

    def _merge_children(
        self,
        touched: list[tuple[int, dict[str, Any]]],
        checkins: list[tuple[Any, ...]],
        milestones: list[tuple[Any, ...]],
        wins: list[tuple[Any, ...]],
        history: list[tuple[Any, ...]],
        links: list[tuple[Any, ...]],
    ) -> None:
        """Children of goals already in the database: identical ones are skipped, others added."""
        have_checkins: Counter[tuple[Any, ...]] = Counter(
            (int(r[0]), _date_text(r[1]), float(r[2]), str(r[3] or ""), _stored_datetime(_datetime_text(r[4])))
            for r in self.sql("SELECT goal_id, on_date, value, note, created_at FROM checkin").fetchall()
        )
        have_wins: Counter[tuple[Any, ...]] = Counter(
            (int(r[0]), _date_text(r[1]), str(r[2]), str(r[3]))
            for r in self.sql("SELECT goal_id, on_date, kind, what FROM win").fetchall()
        )
        have_history: Counter[tuple[Any, ...]] = Counter(
            (int(r[0]), str(r[1]), r[2], r[3], _stored_datetime(_datetime_text(r[4])), str(r[5] or ""))
            for r in self.sql("SELECT goal_id, field, old, new, at, reason FROM goal_history").fetchall()
        )
        have_milestones: dict[tuple[int, str], tuple[int, str | None]] = {}
        for r in self.sql("SELECT goal_id, title, id, done_on FROM milestone ORDER BY id").fetchall():
            have_milestones.setdefault((int(r[0]), str(r[1])), (int(r[2]), _date_text(r[3])))
        have_links = {(int(r[0]), int(r[1])) for r in self.sql("SELECT goal_id, trait_id FROM goal_trait").fetchall()}

        def take(have: Counter[tuple[Any, ...]], key: tuple[Any, ...], kind: str, rows: list[tuple[Any, ...]]) -> None:
            if have[key] > 0:
                have[key] -= 1
                self.report.skipped[kind] += 1
            else:
                rows.append(key)
                self.report.created[kind] += 1

        for gid, g in touched:
            for on, value, note, at in g["checkins"]:
                take(have_checkins, (gid, on, value, note, _stored_datetime(at)), "checkins", checkins)
            for w in g["wins"]:
                take(have_wins, (gid, *w), "wins", wins)
            for fld, old, new, at, reason in g["history"]:
                key = (gid, fld, self._history_value(old), self._history_value(new), _stored_datetime(at), reason)
                take(have_history, key, "history", history)
            for title, pos, done in g["milestones"]:
                found = have_milestones.get((gid, title))
                if found is None:
                    milestones.append((gid, title, _OFFSET + pos, done))
                    have_milestones[(gid, title)] = (-1, done)
                    self.report.created["milestones"] += 1
                elif done is not None and found[1] is None and found[0] >= 0:
                    self.sql("UPDATE milestone SET done_on = ? WHERE id = ?", (done, found[0]))
                    self.report.updated["milestones"] += 1
                else:
                    self.report.skipped["milestones"] += 1
            for t in g["traits"]:
                link = (gid, self.trait_ids[t])
                if link in have_links:
                    self.report.skipped["goal_traits"] += 1
                else:
                    have_links.add(link)
                    links.append(link)
                    self.report.created["goal_traits"] += 1

    def _renumber(self) -> None:
        """Board and milestone positions back to 0..n-1 in stored order (imported goals go last)."""
        self.sql(
            "UPDATE goal SET position = r.rn FROM (SELECT id, ROW_NUMBER() OVER "
            "(PARTITION BY horizon ORDER BY position, id) - 1 AS rn FROM goal WHERE deleted_at IS NULL) AS r "
            "WHERE goal.id = r.id AND goal.position != r.rn"
        )
        self.sql(
            "UPDATE milestone SET position = r.rn FROM (SELECT id, ROW_NUMBER() OVER "
            "(PARTITION BY goal_id ORDER BY position, id) - 1 AS rn FROM milestone) AS r "
            "WHERE milestone.id = r.id AND milestone.position != r.rn"
        )

    def feedback(self) -> None:
        have: Counter[tuple[Any, ...]] = Counter(
            (None if r[0] is None else int(r[0]), _date_text(r[1]), str(r[2]), str(r[3]), str(r[4] or ""),
             int(r[5]), _stored_datetime(_datetime_text(r[6])))
            for r in self.sql(
                "SELECT goal_id, on_date, source, said, action, acted_on, created_at FROM feedback"
            ).fetchall()
        )
        rows = []
        for f in self.parsed.feedback:
            gid = None if f["goal"] is None else self.goal_ids[f["goal"]]
            key = (gid, f["on"], f["source"], f["said"], f["action"], int(f["acted_on"]),
                   _stored_datetime(f["created_at"]))
            if have[key] > 0:
                have[key] -= 1
                self.report.skipped["feedback"] += 1
            else:
                rows.append(key)
                self.report.created["feedback"] += 1
        self.many(
            "INSERT INTO feedback (goal_id, on_date, source, said, action, acted_on, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def app_state(self) -> None:
        """Keys the database already has are kept (they describe this database); others are added."""
        for key, value in sorted(self.parsed.app_state.items()):
            cursor = self.sql("INSERT OR IGNORE INTO app_state (key, value) VALUES (?, ?)", (key, value))
            if cursor.rowcount:
                self.report.created["app_state"] += 1
            else:
                self.report.skipped["app_state"] += 1
