"""Merge: write a validated export into a database, in one transaction (rules: docs/export-format.md).

Categories match by built-in key, else by name path; traits by (kind, name, date); goals by UUID (the
file's fields win); children are added unless an identical one is already there. Every stored row is
read as a dict (``goaldesk.store.convert``) and compared in the form the services store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from goaldesk.store.base import Change, Store
from goaldesk.store.convert import Row, date_text, datetime_text, number, overrides, select, stored_datetime
from goaldesk.store.transfer.common import CategoryPath, ImportReport, Json
from goaldesk.store.transfer.validate import Parsed, check_references, check_rules, read_file, validate

_OFFSET = 1_000_000_000  # temporary board positions for imported goals, renumbered before commit

# The goal columns the file sets, in the order of the INSERT and UPDATE below.
_GOAL_FIELDS = (
    "title", "description", "horizon", "status", "start_date", "deadline", "metric_name", "unit",
    "baseline", "target", "metric_kind", "why", "archived", "smart_overrides", "created_at",
    "updated_at", "deleted_at",
)


def import_json(store: Store, path: Path | str) -> ImportReport:
    """Validate a whole export file, then merge it into the database in one transaction."""
    return import_data(store, read_file(path))


def import_data(store: Store, data: Json) -> ImportReport:
    """Merge decoded export data; see the package docstring and docs/export-format.md for the rules."""
    parsed = validate(data)
    report = ImportReport()
    with store.writing([Change("all")]):
        rows = select(
            store.db, "SELECT g.uuid AS uuid, p.uuid AS parent FROM goal g LEFT JOIN goal p ON p.id = g.parent_id"
        )
        stored_parents = {str(r["uuid"]): None if r["parent"] is None else str(r["parent"]) for r in rows}
        check_references(parsed, set(stored_parents))
        check_rules(parsed, stored_parents, store.today())
        _Importer(store, parsed, report).run()
    return report


def _file_values(g: dict[str, Any]) -> tuple[Any, ...]:
    """A parsed goal's _GOAL_FIELDS as the services store them."""
    return (
        g["title"], g["description"], g["horizon"], g["status"], g["start_date"], g["deadline"],
        g["metric_name"], g["unit"], g["baseline"], g["target"], g["metric_kind"], g["why"],
        int(g["archived"]), ",".join(g["smart_overrides"]), stored_datetime(g["created_at"]),
        stored_datetime(g["updated_at"]), stored_datetime(g["deleted_at"]),
    )


def _stored_values(r: Row) -> tuple[Any, ...]:
    """A stored goal row's _GOAL_FIELDS normalised to the form of ``_file_values``."""
    return (
        r["title"], r["description"] or "", r["horizon"], r["status"], date_text(r["start_date"]),
        date_text(r["deadline"]), r["metric_name"] or "", r["unit"] or "", number(r["baseline"]),
        number(r["target"]), r["metric_kind"] or "cumulative", r["why"] or "", int(r["archived"]),
        ",".join(overrides(r["smart_overrides"])), _when(r["created_at"]), _when(r["updated_at"]),
        _when(r["deleted_at"]),
    )


def _when(value: object) -> str | None:
    """A stored date and time in the form the services store it."""
    return stored_datetime(datetime_text(value))


class _Importer:
    """The write phase of an import; runs inside one transaction."""

    def __init__(self, store: Store, parsed: Parsed, report: ImportReport) -> None:
        self.db = store.db
        self.engine = store.engine
        self.parsed = parsed
        self.report = report
        self.category_ids: dict[CategoryPath, int] = {}
        self.goal_ids: dict[str, int] = {}
        self.trait_ids: dict[tuple[str, str, str], int] = {}

    def sql(self, query: str, params: Iterable[Any] = ()) -> Any:
        return self.db.execute_sql(query, tuple(params))

    def insert(self, query: str, params: Iterable[Any]) -> int:
        """Insert one row and return its new id."""
        return self.engine.insert_returning_id(query, tuple(params))

    def rows(self, query: str) -> list[Row]:
        return select(self.db, query)

    def many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.db.cursor().executemany(self.engine.sql(query), rows)

    def run(self) -> None:
        self.categories()
        self.traits()
        self.goals()
        self.feedback()
        self.app_state()

    # -- categories: matched by built-in key, else by name path (case-insensitive)

    def categories(self) -> None:
        rows = self.rows("SELECT id, parent_id, name, key, colour FROM category")
        by_key = {str(r["key"]): int(r["id"]) for r in rows if r["key"] is not None}
        by_name = {(r["parent_id"], str(r["name"]).casefold()): int(r["id"]) for r in rows}
        names = {int(r["id"]): str(r["name"]) for r in rows}
        parents = {int(r["id"]): r["parent_id"] for r in rows}
        colours = {int(r["id"]): r["colour"] for r in rows}
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
                changed = False
                if names[found] != name and (clash is None or clash == found):
                    self.sql("UPDATE category SET name = ? WHERE id = ?", (name, found))
                    by_name.pop((parents[found], names[found].casefold()), None)
                    by_name[(parents[found], name.casefold())] = found
                    names[found] = name
                    changed = True
                if cat["colour"] is not ... and cat["colour"] != colours[found]:
                    self.sql("UPDATE category SET colour = ? WHERE id = ?", (cat["colour"], found))
                    colours[found] = cat["colour"]
                    changed = True
                counts = self.report.updated if changed else self.report.skipped
                counts["categories"] += 1
                continue
            new_id = self.insert(
                "INSERT INTO category (parent_id, name, key, builtin, position, description, colour) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (parent, name, cat["key"], int(cat["builtin"]), cat["position"], cat["description"],
                 None if cat["colour"] is ... else cat["colour"]),
            )
            self.category_ids[path] = new_id
            by_name[(parent, name.casefold())] = new_id
            names[new_id] = name
            parents[new_id] = parent
            if cat["key"] is not None:
                by_key[cat["key"]] = new_id
            self.report.created["categories"] += 1

    # -- traits: matched by (kind, name, date)

    def traits(self) -> None:
        stored = self.rows("SELECT id, kind, name, on_date, note, rating FROM trait ORDER BY id")
        for r in stored:
            self.trait_ids.setdefault((str(r["kind"]), str(r["name"]), date_text(r["on_date"]) or ""), int(r["id"]))
        current = {int(r["id"]): (str(r["note"] or ""), int(r["rating"])) for r in stored}
        for t in self.parsed.traits:
            key = (t["kind"], t["name"], t["on"])
            found = self.trait_ids.get(key)
            if found is None:
                trait_id = self.insert(
                    "INSERT INTO trait (kind, name, note, rating, on_date) VALUES (?, ?, ?, ?, ?)",
                    (t["kind"], t["name"], t["note"], t["rating"], t["on"]),
                )
                self.trait_ids[key] = trait_id
                current[trait_id] = (t["note"], t["rating"])
                self.report.created["traits"] += 1
            elif current[found] != (t["note"], t["rating"]):
                self.sql("UPDATE trait SET note = ?, rating = ? WHERE id = ?", (t["note"], t["rating"], found))
                current[found] = (t["note"], t["rating"])
                self.report.updated["traits"] += 1
            else:
                self.report.skipped["traits"] += 1

    # -- goals: merged by UUID; the file's fields win, children are added unless already present

    def goals(self) -> None:
        existing: dict[str, Row] = {}
        for r in self.rows(f"SELECT uuid, id, category_id, position, {', '.join(_GOAL_FIELDS)} FROM goal"):
            existing[str(r["uuid"])] = r
            self.goal_ids[str(r["uuid"])] = int(r["id"])
        new_goals = []
        touched: list[tuple[int, dict[str, Any]]] = []
        for g in self.parsed.goals:
            category = self.category_ids[g["category"]]
            values = _file_values(g)
            old = existing.get(g["uuid"])
            if old is None:
                position = g["position"] if g["deleted_at"] else _OFFSET + g["position"]
                new_goals.append(g)
                self.goal_ids[g["uuid"]] = self.insert(
                    "INSERT INTO goal (uuid, category_id, position, title, description, horizon, status, start_date, "
                    "deadline, metric_name, unit, baseline, target, metric_kind, why, archived, smart_overrides, "
                    "created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?)",
                    (g["uuid"], category, position, *values),
                )
                self.report.created["goals"] += 1
                continue
            goal_id = int(old["id"])
            touched.append((goal_id, g))
            if (old["category_id"], *_stored_values(old)) == (category, *values):
                self.report.skipped["goals"] += 1
                continue
            old_horizon, old_deleted = old["horizon"], old["deleted_at"]
            position = int(old["position"])
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
            # COALESCE instead of SQLite's null-safe IS NOT, which PostgreSQL spells differently (ids are >= 1).
            self.sql(
                "UPDATE goal SET parent_id = ? WHERE id = ? AND COALESCE(parent_id, 0) <> COALESCE(?, 0)",
                (parent, self.goal_ids[g["uuid"]], parent),
            )
        self._children(new_goals, touched)
        self._renumber()

    def _history_value(self, value: Any) -> str | None:
        if isinstance(value, tuple):
            return str(self.category_ids[value])
        return value

    def _children(self, new_goals: list[dict[str, Any]], touched: list[tuple[int, dict[str, Any]]]) -> None:
        checkins: list[tuple[Any, ...]] = []
        milestones: list[tuple[Any, ...]] = []
        wins: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        for g in new_goals:
            gid = self.goal_ids[g["uuid"]]
            checkins += [(gid, on, value, note, stored_datetime(at)) for on, value, note, at in g["checkins"]]
            milestones += [(gid, title, pos, done) for title, pos, done in g["milestones"]]
            wins += [(gid, *w) for w in g["wins"]]
            history += [
                (gid, fld, self._history_value(old), self._history_value(new), stored_datetime(at), reason)
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
        self.many("INSERT INTO goal_trait (goal_id, trait_id) VALUES (?, ?) ON CONFLICT DO NOTHING", links)

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
            (int(r["goal_id"]), date_text(r["on_date"]), float(r["value"]), str(r["note"] or ""),
             _when(r["created_at"]))
            for r in self.rows("SELECT goal_id, on_date, value, note, created_at FROM checkin")
        )
        have_wins: Counter[tuple[Any, ...]] = Counter(
            (int(r["goal_id"]), date_text(r["on_date"]), str(r["kind"]), str(r["what"]))
            for r in self.rows("SELECT goal_id, on_date, kind, what FROM win")
        )
        have_history: Counter[tuple[Any, ...]] = Counter(
            (int(r["goal_id"]), str(r["field"]), r["old"], r["new"], _when(r["at"]), str(r["reason"] or ""))
            for r in self.rows("SELECT goal_id, field, old, new, at, reason FROM goal_history")
        )
        have_milestones: dict[tuple[int, str], tuple[int, str | None]] = {}
        for r in self.rows("SELECT goal_id, title, id, done_on FROM milestone ORDER BY id"):
            have_milestones.setdefault((int(r["goal_id"]), str(r["title"])), (int(r["id"]), date_text(r["done_on"])))
        have_links = {
            (int(r["goal_id"]), int(r["trait_id"])) for r in self.rows("SELECT goal_id, trait_id FROM goal_trait")
        }

        def take(have: Counter[tuple[Any, ...]], key: tuple[Any, ...], kind: str, rows: list[tuple[Any, ...]]) -> None:
            if have[key] > 0:
                have[key] -= 1
                self.report.skipped[kind] += 1
            else:
                rows.append(key)
                self.report.created[kind] += 1

        for gid, g in touched:
            for on, value, note, at in g["checkins"]:
                take(have_checkins, (gid, on, value, note, stored_datetime(at)), "checkins", checkins)
            for w in g["wins"]:
                take(have_wins, (gid, *w), "wins", wins)
            for fld, old, new, at, reason in g["history"]:
                key = (gid, fld, self._history_value(old), self._history_value(new), stored_datetime(at), reason)
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
            (None if r["goal_id"] is None else int(r["goal_id"]), date_text(r["on_date"]), str(r["source"]),
             str(r["said"]), str(r["action"] or ""), int(r["acted_on"]), _when(r["created_at"]))
            for r in self.rows("SELECT goal_id, on_date, source, said, action, acted_on, created_at FROM feedback")
        )
        rows = []
        for f in self.parsed.feedback:
            gid = None if f["goal"] is None else self.goal_ids[f["goal"]]
            key = (gid, f["on"], f["source"], f["said"], f["action"], int(f["acted_on"]),
                   stored_datetime(f["created_at"]))
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
            cursor = self.sql("INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", (key, value))
            if cursor.rowcount:
                self.report.created["app_state"] += 1
            else:
                self.report.skipped["app_state"] += 1
