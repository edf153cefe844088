"""Goal-type colours in the store, on SQLite and PostgreSQL: defaults, changes, the schema step that added them."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import Database, SqliteDatabase

from goaldesk.domain import catalogue, palette
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft
from goaldesk.store import migrations
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

ENGINES = ("sqlite", "postgres")


def test_new_database_gives_built_in_types_their_colours(service: Services) -> None:
    cats = {c.key: c for c in service.categories.categories() if c.key}
    assert cats["leadership"].colour == "#e69f00"
    assert cats["skill-development"].colour == "#0072b2"
    assert cats["professional"].colour is None and cats["personal"].colour is None  # groups: none
    professional = {cats[t.key].colour for t in catalogue.PROFESSIONAL.types}
    assert len(professional) == 7  # every professional type its own colour
    assert all(palette.is_colour(c.colour) for c in cats.values() if c.parent_id is not None)
    mine = service.categories.create_category("Side projects", None)
    assert mine.colour is None
    assert service.categories.colours() == {c.id: c.colour for c in service.categories.categories() if c.colour}


def test_set_colour_normalises_refuses_and_returns_the_old_one(service: Services) -> None:
    mine = service.categories.create_category("Side projects", None)
    old = service.categories.set_category_colour(mine.id, "#CC79A7")
    assert old.colour is None
    assert service.categories.category(mine.id).colour == "#cc79a7"
    for bad in ("red", "#fff", "#12345g", "cc79a7", "#cc79a7 "):
        with pytest.raises(DomainError):
            service.categories.set_category_colour(mine.id, bad)
    assert service.categories.category(mine.id).colour == "#cc79a7"
    assert service.categories.set_category_colour(mine.id, None).colour == "#cc79a7"
    assert service.categories.category(mine.id).colour is None


def test_deleting_and_undoing_keeps_the_colour(service: Services) -> None:
    parent = service.categories.create_category("Side projects", None)
    child = service.categories.create_category("Garden", parent.id)
    service.categories.set_category_colour(child.id, "#009e73")
    goal = service.goals.create_goal(GoalDraft(title="Plant tomatoes", category_id=child.id))
    deletion = service.categories.delete_category(parent.id, reassign_to=service.categories.categories()[1].id)
    service.categories.undo_delete_category(deletion)
    assert service.categories.category(child.id).colour == "#009e73"
    assert service.goals.get_goal(goal.id).category_id == child.id


def _raw(target: Path | str) -> Database:
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        db: Database = SqliteDatabase(str(target))
    else:
        from goaldesk.store.engine import GoalDeskPostgresDatabase

        db = GoalDeskPostgresDatabase(target)
    db.connect()
    return db


def test_a_version_3_database_moves_forward_with_colours(db_target: Path | str) -> None:
    """What GoalDesk wrote before colours: its types gain a colour column, built-in ones their defaults."""
    db = _raw(db_target)
    try:
        migrations.create_v1(db)
        with db.atomic():
            for step in migrations.MIGRATIONS[:2]:
                step(db)
            db.execute_sql("UPDATE schema_version SET version = 3")
            if isinstance(db, SqliteDatabase):
                migrations.stamp(db)
            for row in [(1, None, "Professional", "professional"), (2, 1, "Leading people", "leadership"),
                        (3, 1, "My own", None)]:
                db.execute_sql(
                    "INSERT INTO category (id, parent_id, name, key, builtin, position) VALUES (?, ?, ?, ?, ?, 0)",
                    (*row, 0 if row[3] is None else 1),
                )
    finally:
        db.close()
    kept: list[int] = []
    if isinstance(db_target, Path):
        store = Store(open_database(db_target, before_migrate=lambda _p, v: kept.append(v)))
    else:
        store = Store(open_database(db_target))
    try:
        assert migrations.read_version(store.db) == migrations.CURRENT_VERSION >= 4
        cats = {c.id: c for c in Services(store).categories.categories()}
        assert cats[2].name == "Leading people" and cats[2].colour == palette.DEFAULT_COLOURS["leadership"]
        assert cats[1].colour is None and cats[3].colour is None
        Services(store).categories.set_category_colour(3, "#56b4e9")
        assert Services(store).categories.category(3).colour == "#56b4e9"
    finally:
        store.close()
    assert kept in ([], [3])


def test_frozen_migration_defaults_match_the_palette() -> None:
    assert migrations._V4_BUILTIN_COLOURS == palette.DEFAULT_COLOURS
    assert set(palette.DEFAULT_COLOURS.values()) <= {s.hex for s in palette.SWATCHES}


def test_colours_stay_visible_on_light_and_dark() -> None:
    for swatch in palette.SWATCHES:
        for background in ("#ffffff", "#1f2125", "#2b2d31"):
            shown = palette.visible_on(swatch.hex, background)
            assert palette.contrast(shown, background) >= palette.MIN_CONTRAST
    assert palette.visible_on("#0072b2", "#ffffff") == "#0072b2"  # a colour that is visible is left alone
    assert palette.visible_on("#f0e442", "#ffffff") != "#f0e442"  # yellow on white gets darker
    assert palette.swatch_name("#E69F00") == "Orange" and palette.swatch_name(None) == "No colour"
