"""Export: everything in a database as a deterministic JSON document (format: docs/export-format.md).

Rows are read as dicts (``goaldesk.store.convert``) and written with the one set of converters, so a
stored date or time always comes out in the same ISO form.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from goaldesk import __version__
from goaldesk.domain.enums import MetricKind
from goaldesk.domain.palette import is_colour
from goaldesk.store.base import Store
from goaldesk.store.convert import Row, date_text, datetime_text, number, overrides, select
from goaldesk.store.errors import StoreError
from goaldesk.store.files import remove_stale
from goaldesk.store.transfer.common import FORMAT, VERSION, CategoryPath, Json

CATEGORY_SELECT = "SELECT id, parent_id, name, key, position, builtin, description, colour FROM category"


def category_paths(rows: list[Row]) -> tuple[dict[int, CategoryPath], list[int]]:
    """Name path of every category (CATEGORY_SELECT rows), and ids depth-first (siblings by position, name)."""
    by_id = {int(r["id"]): r for r in rows}
    children: dict[int | None, list[int]] = {}
    for r in rows:
        parent = None if r["parent_id"] is None or int(r["parent_id"]) not in by_id else int(r["parent_id"])
        children.setdefault(parent, []).append(int(r["id"]))
    paths: dict[int, CategoryPath] = {}
    order: list[int] = []

    def visit(parent: int | None, prefix: CategoryPath) -> None:
        def key(i: int) -> tuple[Any, ...]:
            return (by_id[i]["position"], str(by_id[i]["name"]).casefold(), by_id[i]["name"])

        for cid in sorted(children.get(parent, []), key=key):
            if cid in paths:
                continue
            paths[cid] = (*prefix, str(by_id[cid]["name"]))
            order.append(cid)
            visit(cid, paths[cid])

    visit(None, ())
    return paths, order


def _colour(value: object) -> str | None:
    """A stored colour as ``#rrggbb`` (lower case), None for none or anything unreadable."""
    return str(value).lower() if is_colour(value) else None


def _sorted(entries: list[dict[str, Json]], key: Callable[[dict[str, Json]], tuple[Any, ...]]) -> list[dict[str, Json]]:
    """Sort by a readable key, ties broken by the whole entry so the order never depends on ids."""
    return sorted(entries, key=lambda e: (key(e), json.dumps(e, sort_keys=True, ensure_ascii=False)))


def _children(db: Any, paths: dict[int, CategoryPath], goal_ids: list[int]) -> dict[int, dict[str, list[Json]]]:
    """Each goal's check-ins, milestones, wins, history and trait references, as export entries."""
    children: dict[int, dict[str, list[Json]]] = {
        gid: {"checkins": [], "milestones": [], "wins": [], "history": [], "traits": []} for gid in goal_ids
    }
    for r in select(db, "SELECT goal_id, on_date, value, note, created_at FROM checkin"):
        children[int(r["goal_id"])]["checkins"].append(
            {
                "on": date_text(r["on_date"]),
                "value": float(r["value"]),
                "note": str(r["note"] or ""),
                "created_at": datetime_text(r["created_at"]),
            }
        )
    for r in select(db, "SELECT goal_id, title, position, done_on FROM milestone"):
        children[int(r["goal_id"])]["milestones"].append(
            {"title": str(r["title"]), "position": int(r["position"]), "done_on": date_text(r["done_on"])}
        )
    for r in select(db, "SELECT goal_id, on_date, kind, what FROM win"):
        children[int(r["goal_id"])]["wins"].append(
            {"on": date_text(r["on_date"]), "kind": str(r["kind"]), "what": str(r["what"])}
        )
    for r in select(db, "SELECT goal_id, field, old, new, at, reason FROM goal_history"):
        fld = str(r["field"])

        def ref(value: object, fld: str = fld) -> Json:
            if fld == "category_id" and value is not None and str(value).isdigit() and int(str(value)) in paths:
                return list(paths[int(str(value))])
            return None if value is None else str(value)

        children[int(r["goal_id"])]["history"].append(
            {"field": fld, "old": ref(r["old"]), "new": ref(r["new"]), "at": datetime_text(r["at"]),
             "reason": str(r["reason"] or "")}
        )
    traits = {int(t["id"]): t for t in select(db, "SELECT id, kind, name, on_date FROM trait")}
    for r in select(db, "SELECT goal_id, trait_id FROM goal_trait"):
        t = traits.get(int(r["trait_id"]))
        if t is not None and int(r["goal_id"]) in children:
            children[int(r["goal_id"])]["traits"].append(
                {"kind": str(t["kind"]), "name": str(t["name"]), "on": date_text(t["on_date"])}
            )
    return children


def _goal(r: Row, paths: dict[int, CategoryPath], uuid_of: dict[int, str], kids: dict[str, list[Json]]) -> Json:
    return {
        "uuid": str(r["uuid"]),
        "title": str(r["title"]),
        "description": str(r["description"] or ""),
        "category": list(paths.get(int(r["category_id"]), ())),
        "horizon": str(r["horizon"]),
        "position": int(r["position"]),
        "status": str(r["status"]),
        "start_date": date_text(r["start_date"]),
        "deadline": date_text(r["deadline"]),
        "metric_name": str(r["metric_name"] or ""),
        "unit": str(r["unit"] or ""),
        "baseline": number(r["baseline"]),
        "target": number(r["target"]),
        "metric_kind": str(r["metric_kind"] or MetricKind.CUMULATIVE.value),
        "why": str(r["why"] or ""),
        "parent": None if r["parent_id"] is None else uuid_of.get(int(r["parent_id"])),
        "archived": bool(r["archived"]),
        "smart_overrides": overrides(r["smart_overrides"]),
        "created_at": datetime_text(r["created_at"]),
        "updated_at": datetime_text(r["updated_at"]),
        "deleted_at": datetime_text(r["deleted_at"]),
        "checkins": _sorted(kids["checkins"], lambda e: (e["on"], e["created_at"])),
        "milestones": _sorted(kids["milestones"], lambda e: (e["position"], e["title"])),
        "wins": _sorted(kids["wins"], lambda e: (e["on"], e["kind"], e["what"])),
        "history": _sorted(kids["history"], lambda e: (e["at"], e["field"])),
        "traits": _sorted(kids["traits"], lambda e: (e["kind"], e["name"], e["on"])),
    }


def export_data(store: Store, *, exported_at: datetime | None = None) -> dict[str, Json]:
    """Everything in the database as a JSON-ready dict (format version 1)."""
    db = store.db
    with db.atomic():  # one read snapshot
        cat_rows = select(db, CATEGORY_SELECT)
        goal_rows = select(
            db,
            "SELECT id, uuid, title, description, category_id, horizon, position, status, start_date, deadline, "
            "metric_name, unit, baseline, target, metric_kind, why, parent_id, archived, smart_overrides, "
            "created_at, updated_at, deleted_at FROM goal",
        )
        paths, order = category_paths(cat_rows)
        children = _children(db, paths, [int(r["id"]) for r in goal_rows])
        feedback_rows = select(db, "SELECT goal_id, on_date, source, said, action, acted_on, created_at FROM feedback")
        trait_rows = select(db, "SELECT id, kind, name, note, rating, on_date FROM trait")
        state_rows = select(db, "SELECT key, value FROM app_state")
        schema = select(db, "SELECT version FROM schema_version")

    cat_by_id = {int(r["id"]): r for r in cat_rows}
    categories = [
        {
            "path": list(paths[cid]),
            "key": cat_by_id[cid]["key"],
            "position": int(cat_by_id[cid]["position"]),
            "builtin": bool(cat_by_id[cid]["builtin"]),
            "description": str(cat_by_id[cid]["description"] or ""),
            "colour": _colour(cat_by_id[cid]["colour"]),
        }
        for cid in order
    ]
    uuid_of = {int(r["id"]): str(r["uuid"]) for r in goal_rows}
    goals = [_goal(r, paths, uuid_of, children[int(r["id"])]) for r in goal_rows]
    goals.sort(key=lambda g: str(g["uuid"]))
    feedback = _sorted(
        [
            {
                "goal": None if r["goal_id"] is None else uuid_of.get(int(r["goal_id"])),
                "on": date_text(r["on_date"]),
                "source": str(r["source"]),
                "said": str(r["said"]),
                "action": str(r["action"] or ""),
                "acted_on": bool(r["acted_on"]),
                "created_at": datetime_text(r["created_at"]),
            }
            for r in feedback_rows
        ],
        lambda e: (e["goal"] or "", e["on"], e["created_at"]),
    )
    traits = _sorted(
        [
            {"kind": str(r["kind"]), "name": str(r["name"]), "note": str(r["note"] or ""), "rating": int(r["rating"]),
             "on": date_text(r["on_date"])}
            for r in trait_rows
        ],
        lambda e: (e["kind"], e["name"], e["on"]),
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (exported_at or store.now()).replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "schema_version": int(schema[0]["version"]) if schema else 0,
        "categories": categories,
        "goals": goals,
        "feedback": feedback,
        "traits": traits,
        "app_state": {str(r["key"]): str(r["value"]) for r in state_rows},
    }


def dumps(data: dict[str, Json]) -> str:
    """The canonical text of an export: sorted keys, real UTF-8, one record per line group."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def write_atomically(path: Path, text: str) -> None:
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
    write_atomically(target, dumps(export_data(store, exported_at=exported_at)))
    return target
