"""Schema versions and forward migrations.

Every database, new or old, is built by the same path: the frozen version-1 schema, then each
migration in order, each in its own transaction. So a fresh database and an upgraded one are the
same by construction. Add a migration by appending to MIGRATIONS; never edit a released one.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from functools import cache

from peewee import AutoField, BooleanField, Database, ForeignKeyField, Model, SqliteDatabase, TextField

from goaldesk.store.engine import engine_of

SCHEMA_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE category (
    id INTEGER NOT NULL PRIMARY KEY,
    parent_id INTEGER REFERENCES category (id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    key TEXT UNIQUE,
    builtin INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX category_parent_id ON category (parent_id);
CREATE TABLE goal (
    id INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE RESTRICT,
    horizon TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    start_date DATE NOT NULL,
    deadline DATE,
    metric_name TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME
);
CREATE INDEX goal_category_id ON goal (category_id);
CREATE INDEX goal_horizon_position ON goal (horizon, position);
CREATE TABLE checkin (
    id INTEGER NOT NULL PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    on_date DATE NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX checkin_goal_date ON checkin (goal_id, on_date);
CREATE TABLE milestone (
    id INTEGER NOT NULL PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    done_on DATE
);
CREATE INDEX milestone_goal_id ON milestone (goal_id);
INSERT INTO schema_version (version) VALUES (1);
"""


class _GoalRef(Model):
    """Frozen stand-in for the goal table, so the migration does not depend on today's models."""

    id = AutoField()

    class Meta:
        table_name = "goal"


def _v2_reflection_and_identity(db: Database) -> None:
    """Stable goal UUIDs (for import merges), SMART fields, and the reflection tables."""
    from playhouse.migrate import SchemaMigrator, migrate  # only old files need it; keeps start-up light

    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("goal", "uuid", TextField(null=True)),
        migrator.add_column("goal", "metric_kind", TextField(default="cumulative")),
        migrator.add_column("goal", "why", TextField(default="")),
        migrator.add_column("goal", "archived", BooleanField(default=False)),
        migrator.add_column("goal", "smart_overrides", TextField(default="")),
        migrator.add_column(
            "goal",
            "parent_id",
            ForeignKeyField(
                _GoalRef, null=True, on_delete="SET NULL", field=_GoalRef.id, column_name="parent_id"
            ),
        ),
    )
    rows = db.execute_sql("SELECT id FROM goal WHERE uuid IS NULL").fetchall()
    for (goal_id,) in rows:
        db.execute_sql("UPDATE goal SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), goal_id))
    for statement in engine_of(db).ddl(SCHEMA_V2_TABLES).strip().split(";\n"):
        if statement.strip():
            db.execute_sql(statement)


SCHEMA_V2_TABLES = """
CREATE UNIQUE INDEX goal_uuid ON goal (uuid);
CREATE TABLE win (
    id INTEGER NOT NULL PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    on_date DATE NOT NULL,
    kind TEXT NOT NULL,
    what TEXT NOT NULL
);
CREATE INDEX win_goal_id ON win (goal_id);
CREATE TABLE goal_history (
    id INTEGER NOT NULL PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    at DATETIME NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX goal_history_goal_id ON goal_history (goal_id);
CREATE TABLE feedback (
    id INTEGER NOT NULL PRIMARY KEY,
    goal_id INTEGER REFERENCES goal (id) ON DELETE CASCADE,
    on_date DATE NOT NULL,
    source TEXT NOT NULL,
    said TEXT NOT NULL,
    action TEXT NOT NULL DEFAULT '',
    acted_on INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL
);
CREATE INDEX feedback_goal_id ON feedback (goal_id);
CREATE TABLE trait (
    id INTEGER NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    rating INTEGER NOT NULL,
    on_date DATE NOT NULL
);
CREATE TABLE goal_trait (
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    trait_id INTEGER NOT NULL REFERENCES trait (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, trait_id)
);
CREATE INDEX goal_trait_trait_id ON goal_trait (trait_id);
CREATE TABLE app_state (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)
"""



def _v3_drop_position_index(db: Database) -> None:
    """Board moves renumber thousands of positions; keeping an index on them doubled the cost of a move."""
    db.execute_sql("DROP INDEX IF EXISTS goal_horizon_position")


_V4_BUILTIN_COLOURS: dict[str, str] = {
    "skill-development": "#0072b2", "performance": "#d55e00", "leadership": "#e69f00", "educational": "#56b4e9",
    "networking": "#cc79a7", "work-life-balance": "#009e73", "financial": "#f0e442", "health-fitness": "#009e73",
    "relationships": "#cc79a7", "savings-money": "#f0e442", "hobbies-learning": "#56b4e9",
}
"""Frozen copy of ``domain.palette.DEFAULT_COLOURS`` as released with version 4 (a migration never changes)."""


def _v4_category_colour(db: Database) -> None:
    """A colour per goal type (nullable: "no colour"); the built-in types get their default colours."""
    db.execute_sql(engine_of(db).ddl("ALTER TABLE category ADD COLUMN colour TEXT"))
    for key, colour in _V4_BUILTIN_COLOURS.items():
        db.execute_sql("UPDATE category SET colour = ? WHERE key = ? AND builtin = 1", (colour, key))


def _v5_room_for_moves(db: Database) -> None:
    """PostgreSQL only: goal pages keep free space so board moves update positions in place (HOT).

    Pages written before this version fill up as they are rewritten; nothing changes on SQLite.
    """
    engine_of(db).leave_room_for_moves()


SCHEMA_V6 = """
ALTER TABLE goal ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE category ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE trait ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN author TEXT NOT NULL DEFAULT '';
CREATE TABLE goal_share (
    goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    grantee TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (goal_id, grantee)
);
CREATE INDEX goal_share_grantee ON goal_share (grantee)
"""


def _v6_people_and_sharing(db: Database) -> None:
    """Who owns a goal and who it is shared with. On SQLite the columns stay empty (one person, one
    file); on a server each person is a role and row-level security keeps them apart (policies.py)."""
    engine = engine_of(db)
    for statement in engine.ddl(SCHEMA_V6).strip().split(";\n"):
        if statement.strip():
            db.execute_sql(statement)
    engine.separate_people()


def _v7_goal_version(db: Database) -> None:
    """A row version on goals: an editor's save is refused if the goal was saved since it opened."""
    db.execute_sql("ALTER TABLE goal ADD COLUMN version INTEGER NOT NULL DEFAULT 0")


Migration = Callable[[Database], None]

# MIGRATIONS[n] upgrades version n+1 to version n+2.
MIGRATIONS: list[Migration] = [
    _v2_reflection_and_identity, _v3_drop_position_index, _v4_category_colour, _v5_room_for_moves,
    _v6_people_and_sharing, _v7_goal_version,
]
CURRENT_VERSION = 1 + len(MIGRATIONS)


# SQLite's application_id header field marks a file as GoalDesk's ("GDsk"), so another program's
# database is never mistaken for one, even if it happens to have a table called schema_version.
APPLICATION_ID = int.from_bytes(b"GDsk", "big")

Signature = dict[str, frozenset[str]]


def stamp(db: SqliteDatabase) -> None:
    """Write GoalDesk's application_id into the file header (part of the surrounding transaction)."""
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def table_signature(conn: sqlite3.Connection) -> Signature:
    """Every table (SQLite's own excepted) with its set of column names."""
    names = [
        str(row[0])
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {name: frozenset(str(col[1]) for col in conn.execute(f'PRAGMA table_info("{name}")')) for name in names}


@cache
def legacy_signatures() -> dict[int, Signature]:
    """The exact tables and columns of every schema version, built by the same path as a real file.

    Files written before the application_id stamp are recognised by matching one of these.
    """
    db = SqliteDatabase(":memory:")
    db.connect()
    try:
        create_v1(db)
        found = {1: table_signature(db.connection())}
        for version, step in enumerate(MIGRATIONS, start=2):
            with db.atomic():
                step(db)
            found[version] = table_signature(db.connection())
        return found
    finally:
        db.close()


def read_version(db: Database) -> int:
    row = db.execute_sql("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def create_v1(db: Database) -> None:
    with db.atomic():
        for statement in engine_of(db).ddl(SCHEMA_V1).strip().split(";\n"):
            if statement.strip():
                db.execute_sql(statement)


def upgrade(db: Database, before: Callable[[int], None] | None = None) -> list[int]:
    """Apply pending migrations one transaction each; returns the versions reached."""
    reached: list[int] = []
    version = read_version(db)
    while version < CURRENT_VERSION:
        if before is not None:
            before(version)
        step = MIGRATIONS[version - 1]
        # playhouse.migrate rebuilds an SQLite table to add NOT NULL columns; with foreign keys on,
        # dropping the old goal table would cascade-delete every check-in. SQLite's documented procedure:
        # keys off outside the transaction, migrate, check, keys back on (no-ops on PostgreSQL).
        engine = engine_of(db)
        engine.foreign_keys(False)
        try:
            with db.atomic():
                step(db)
                problems = engine.foreign_key_problems()
                if problems:
                    raise RuntimeError(f"migration to version {version + 1} broke references: {problems[:3]}")
                db.execute_sql("UPDATE schema_version SET version = ?", (version + 1,))
        finally:
            engine.foreign_keys(True)
        version += 1
        reached.append(version)
    return reached
