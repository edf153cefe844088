"""peewee models of the current schema. The UI never sees these; the service maps them to domain objects."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class BaseModel(Model):
    class Meta:
        database = None
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = IntegerField()

    class Meta:
        table_name = "schema_version"
        primary_key = False


class CategoryRow(BaseModel):
    id = AutoField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT", column_name="parent_id")
    parent_id: int | None
    name = TextField()
    key = TextField(null=True, unique=True)
    builtin = BooleanField(default=False)
    position = IntegerField(default=0)
    description = TextField(default="")
    colour = TextField(null=True)  # "#rrggbb" or NULL (schema version 4)

    class Meta:
        table_name = "category"


class GoalRow(BaseModel):
    id = AutoField()
    uuid = TextField(unique=True)
    title = TextField()
    description = TextField(default="")
    category = ForeignKeyField(CategoryRow, on_delete="RESTRICT", column_name="category_id")
    category_id: int
    horizon = TextField()
    position = IntegerField(default=0)
    status = TextField()
    start_date = DateField()
    deadline = DateField(null=True)
    metric_name = TextField(default="")
    unit = TextField(default="")
    baseline = FloatField(null=True)
    target = FloatField(null=True)
    metric_kind = TextField(default="cumulative")
    why = TextField(default="")
    parent = ForeignKeyField("self", null=True, on_delete="SET NULL", column_name="parent_id")
    archived = BooleanField(default=False)
    smart_overrides = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted_at = DateTimeField(null=True)

    class Meta:
        table_name = "goal"


class CheckInRow(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(GoalRow, on_delete="CASCADE", column_name="goal_id")
    goal_id: int
    on = DateField(column_name="on_date")
    value = FloatField()
    note = TextField(default="")
    created_at = DateTimeField()

    class Meta:
        table_name = "checkin"


class MilestoneRow(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(GoalRow, on_delete="CASCADE", column_name="goal_id")
    goal_id: int
    title = TextField()
    position = IntegerField(default=0)
    done_on = DateField(null=True)

    class Meta:
        table_name = "milestone"


class WinRow(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(GoalRow, on_delete="CASCADE", column_name="goal_id")
    goal_id: int
    on = DateField(column_name="on_date")
    kind = TextField()
    what = TextField()

    class Meta:
        table_name = "win"


class HistoryRow(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(GoalRow, on_delete="CASCADE", column_name="goal_id")
    goal_id: int
    field = TextField()
    old = TextField(null=True)
    new = TextField(null=True)
    at = DateTimeField()
    reason = TextField(default="")

    class Meta:
        table_name = "goal_history"


class FeedbackRow(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(GoalRow, null=True, on_delete="CASCADE", column_name="goal_id")
    on = DateField(column_name="on_date")
    source = TextField()
    said = TextField()
    action = TextField(default="")
    acted_on = BooleanField(default=False)
    created_at = DateTimeField()

    class Meta:
        table_name = "feedback"


class TraitRow(BaseModel):
    """A strength or a weakness from the user's self-assessment."""

    id = AutoField()
    kind = TextField()
    name = TextField()
    note = TextField(default="")
    rating = IntegerField()
    on = DateField(column_name="on_date")

    class Meta:
        table_name = "trait"


class GoalTraitRow(BaseModel):
    goal = ForeignKeyField(GoalRow, on_delete="CASCADE", column_name="goal_id")
    goal_id: int
    trait = ForeignKeyField(TraitRow, on_delete="CASCADE", column_name="trait_id")

    class Meta:
        table_name = "goal_trait"
        primary_key = CompositeKey("goal", "trait")


class AppStateRow(BaseModel):
    """Small per-database facts: last review date, last backup date."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "app_state"


MODELS: tuple[type[BaseModel], ...] = (
    SchemaVersion,
    CategoryRow,
    GoalRow,
    CheckInRow,
    MilestoneRow,
    WinRow,
    HistoryRow,
    FeedbackRow,
    TraitRow,
    GoalTraitRow,
    AppStateRow,
)
