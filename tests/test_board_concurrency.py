"""Several processes moving board cards at once: every column must stay numbered 0..n-1.

Besides moves (and their undo), the processes delete and restore goals and change a goal's horizon in
the editor, the other writes that renumber a column.

move_goals and place_goals read positions and then renumber. Those reads happen inside the BEGIN
IMMEDIATE transaction, so a second process waits for the write lock instead of renumbering from
positions that another process has just changed (which left duplicate and missing positions).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")

MOVER = """
import random, sys
from goaldesk.domain.enums import Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services

service = Services(Store(open_database(sys.argv[1])))
seed, count = int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
ids = [int(r[0]) for r in service.store.db.execute_sql("SELECT id FROM goal").fetchall()]


def step(n):
    horizon = rng.choice([Horizon.SHORT, Horizon.LONG])
    moving = rng.sample(ids, rng.choice([1, 1, 2, 3]))
    before = rng.choice([None, rng.choice(ids)])
    if n % 10 == 9:
        service.board.place_goals(service.board.move_goals(moving, horizon, before))  # a move and its undo
    elif n % 25 == 3:
        service.goals.restore_goal(service.goals.delete_goal(moving[0]))  # delete, then undo
    elif n % 25 == 8:
        service.goals.restore_goals(service.goals.delete_goals(moving))
    elif n % 25 == 13:
        goal = service.goals.get_goal(moving[0])
        other = Horizon.LONG if goal.horizon is Horizon.SHORT else Horizon.SHORT
        service.goals.update_goal(goal.id, goal.draft().replace(horizon=other))  # the editor's horizon change
    else:
        service.board.move_goals(moving, horizon, before)


sys.stdin.readline()  # start together
for n in range(count):
    try:
        step(n)
    except DomainError:
        pass  # e.g. editing a goal another process has just put in the Trash: refused, as in the app
print("done", flush=True)
"""

GOALS = 24
MOVES = 1000


def column_positions(db_target: Path | str) -> dict[str, list[int]]:
    store = Store(open_database(db_target))
    try:
        rows = store.db.execute_sql(
            "SELECT horizon, position FROM goal WHERE deleted_at IS NULL ORDER BY horizon, position"
        ).fetchall()
    finally:
        store.close()
    columns: dict[str, list[int]] = {h.value: [] for h in Horizon}
    for horizon, position in rows:
        columns[str(horizon)].append(int(position))
    return columns


@pytest.mark.parametrize("processes", [2, 3])
def test_concurrent_moves_keep_every_column_numbered(db_target: Path | str, processes: int) -> None:
    run_movers(db_target, processes, MOVES)


def run_movers(db_target: Path | str, processes: int, moves: int) -> None:
    """Seed GOALS cards, let ``processes`` children each make ``moves`` writes at once, check every column."""
    store = Store(open_database(db_target))
    service = Services(store)
    category = service.categories.categories()[1].id
    for n in range(GOALS):
        service.goals.create_goal(GoalDraft(title=f"Card {n}", category_id=category,
                                      horizon=Horizon.SHORT if n % 2 else Horizon.LONG))
    store.close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", MOVER, str(db_target), str(seed), str(moves)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for seed in range(processes)
    ]
    time.sleep(1.0)  # let every child open the file before they start together
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
        assert out.strip() == "done"
    columns = column_positions(db_target)
    assert sum(len(p) for p in columns.values()) == GOALS
    for horizon, positions in columns.items():
        assert positions == list(range(len(positions))), (horizon, positions)
