"""Validation: decode an export file and check every field and GoalDesk's own rules; nothing is written.

Names the first problem with its location ("goals[3].deadline: not a date"); the rules step lists one
message per bad goal (the same checks as a save in the editor).
"""

from __future__ import annotations

import json
import math
import re
import uuid as uuidlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft
from goaldesk.domain.palette import is_colour
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
from goaldesk.store.transfer.common import FORMAT, VERSION, CategoryPath, Json, TransferError

TEXT_MAX = 100_000
INT_LIMIT = 2**53
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
class Parsed:
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
    colour = obj.get("colour", ...)  # absent (files from before colours): the database keeps its own
    if colour is not ... and colour is not None and not is_colour(colour):
        raise _InvalidError(f"{where}.colour", "not a colour of the form #rrggbb")
    return {
        "colour": colour.lower() if isinstance(colour, str) else colour,
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


def _entries(
    obj: dict[str, Json], key: str, where: str, parse: Callable[[dict[str, Json], str, int], tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Each object of the list ``obj[key]`` (default empty) checked by ``parse(item, its location, index)``."""
    found = []
    for i, item in enumerate(_list(_get(obj, key, where, []), f"{where}.{key}")):
        w = f"{where}.{key}[{i}]"
        found.append(parse(_object(item, w), w, i))
    return found


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
    def checkin(c: dict[str, Json], w: str, _i: int) -> tuple[Any, ...]:
        return (
            _date(_get(c, "on", w, required=True), f"{w}.on"),
            _float(_get(c, "value", w, required=True), f"{w}.value"),
            _text(_get(c, "note", w, ""), f"{w}.note", limit=NOTE_MAX),
            _datetime(_get(c, "created_at", w, required=True), f"{w}.created_at"),
        )

    def milestone(m: dict[str, Json], w: str, i: int) -> tuple[Any, ...]:
        title = _text(_get(m, "title", w, required=True), f"{w}.title", limit=TITLE_MAX, single_line=True, empty=False)
        return (
            title.strip(),
            _int(_get(m, "position", w, i), f"{w}.position", low=0, high=INT_LIMIT),
            _opt_date(_get(m, "done_on", w, None), f"{w}.done_on"),
        )

    def win(x: dict[str, Json], w: str, _i: int) -> tuple[Any, ...]:
        return (
            _date(_get(x, "on", w, required=True), f"{w}.on"),
            _text(_get(x, "kind", w, required=True), f"{w}.kind", limit=80),
            _text(_get(x, "what", w, required=True), f"{w}.what", limit=NOTE_MAX),
        )

    def entry(h: dict[str, Json], w: str, _i: int) -> tuple[Any, ...]:
        fld = _text(_get(h, "field", w, required=True), f"{w}.field", limit=80, single_line=True, empty=False)
        return (
            fld,
            _parse_history_value(_get(h, "old", w, None), f"{w}.old", fld, categories),
            _parse_history_value(_get(h, "new", w, None), f"{w}.new", fld, categories),
            _datetime(_get(h, "at", w, required=True), f"{w}.at"),
            _text(_get(h, "reason", w, ""), f"{w}.reason", limit=NOTE_MAX),
        )

    def trait(t: dict[str, Json], w: str, _i: int) -> tuple[Any, ...]:
        return (
            _text(_get(t, "kind", w, required=True), f"{w}.kind", limit=80),
            _text(_get(t, "name", w, required=True), f"{w}.name", limit=TITLE_MAX),
            _date(_get(t, "on", w, required=True), f"{w}.on"),
        )

    goal.update(
        checkins=_entries(obj, "checkins", where, checkin),
        milestones=_entries(obj, "milestones", where, milestone),
        wins=_entries(obj, "wins", where, win),
        history=_entries(obj, "history", where, entry),
        traits=_entries(obj, "traits", where, trait),
    )
    return goal


def validate(data: Json) -> Parsed:
    """Check every field of a decoded export; raises TransferError naming the first problem."""
    try:
        return _validate(data)
    except _InvalidError as exc:
        raise TransferError(str(exc)) from None


def _validate(data: Json) -> Parsed:
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
    return Parsed(categories, goals, feedback, traits, app_state)


def check_references(parsed: Parsed, known_uuids: set[str]) -> None:
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


def check_rules(parsed: Parsed, stored_parents: dict[str, str | None], today: date) -> None:
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
