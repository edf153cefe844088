"""Import applies GoalDesk's own rules (the editor's validation), not only the JSON types.

A file that breaks them is refused with one message per bad goal and nothing written; and data
that older versions let in (control characters, a leading U+FEFF, dates near year 1 or 9999) no
longer breaks `goaldesk list` or the charts.
"""

from __future__ import annotations

import copy
import sqlite3
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from goaldesk.cli import main as cli_main
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.services import Services
from goaldesk.store.transfer import TransferError, export_data, import_data

# The store tests run on SQLite and on a throw-away PostgreSQL server (conftest.py, pg_cluster.py).
ENGINES = ("sqlite", "postgres")

TODAY = date.today()


def goal(title: str = "Run 100 km", **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uuid": str(uuid.uuid4()), "title": title, "category": ["Professional"], "horizon": "short",
        "start_date": "2026-01-01", "created_at": "2026-01-01T10:00:00", "updated_at": "2026-01-01T10:00:00",
        "target": 100, "baseline": 0,
    }
    record.update(fields)
    return record


def export_with(*goals: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "goaldesk-export", "version": 1,
        "categories": [{"path": ["Professional"], "key": "professional", "builtin": True}],
        "goals": list(goals),
    }


def snapshot(service: Services) -> Any:
    data = export_data(service.store)
    data.pop("exported_at", None)
    return data


BAD_GOALS = {
    "negative target": (goal(target=-5), "target cannot be negative"),
    "target equals start": (goal(baseline=7, target=7), "must differ from the starting value"),
    "deadline before start": (goal(deadline="2025-12-01"), "deadline is before the start date"),
    "future check-in": (
        goal(checkins=[{"on": (TODAY + timedelta(days=3)).isoformat(), "value": 1,
                        "created_at": "2026-01-02T10:00:00"}]),
        "cannot be dated in the future",
    ),
    "ESC in title": (goal("Run \x1b[31m100 km"), "control character (U+001B)"),
    "BEL in title": (goal("Ding\x07"), "control character (U+0007)"),
    "NUL in title": (goal("Nul\x00l"), "control character (U+0000)"),
    "BOM first": (goal("\ufeffHidden mark"), "control character (U+FEFF)"),
    "year 1": (goal(start_date="0001-01-02"), "outside the years 1900 to 2200"),
    "year 9999": (goal(deadline="9999-12-30"), "outside the years 1900 to 2200"),
}


@pytest.mark.parametrize("case", sorted(BAD_GOALS))
def test_a_goal_the_editor_would_refuse_is_refused_and_nothing_written(service: Services, case: str) -> None:
    bad, expected = BAD_GOALS[case]
    before = snapshot(service)
    with pytest.raises(TransferError) as caught:
        import_data(service.store, export_with(goal("Fine goal"), copy.deepcopy(bad)))
    assert expected in caught.value.message
    assert caught.value.message.startswith("goals[1]")
    assert snapshot(service) == before


def test_one_message_per_bad_goal(service: Services) -> None:
    before = snapshot(service)
    with pytest.raises(TransferError) as caught:
        import_data(service.store, export_with(goal(target=-1), goal("Good"), goal(deadline="2025-01-01")))
    lines = caught.value.message.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["goals[0]", "goals[2]"]
    assert snapshot(service) == before


def test_parent_loops_are_refused_in_the_file_and_against_the_database(service: Services) -> None:
    a, b = goal("A"), goal("B")
    a["parent"], b["parent"] = b["uuid"], a["uuid"]
    with pytest.raises(TransferError, match="loop of parent links"):
        import_data(service.store, export_with(a, b))
    # a goal already in the database whose parent is in the file, and the file points back at it
    cat = service.categories.categories()[1].id
    parent = service.goals.create_goal(GoalDraft(title="Stored parent", category_id=cat))
    child = service.goals.create_goal(GoalDraft(title="Stored child", category_id=cat, parent_id=parent.id))
    before = snapshot(service)
    looping = goal("Stored parent", uuid=parent.uuid, parent=child.uuid)
    with pytest.raises(TransferError, match="loop of parent links"):
        import_data(service.store, export_with(looping))
    assert snapshot(service) == before


def test_the_editor_refuses_the_same_things(service: Services) -> None:
    cat = service.categories.categories()[1].id
    with pytest.raises(DomainError, match="1900"):
        service.goals.create_goal(GoalDraft(title="Far", category_id=cat, start_date=date(1, 1, 2)))
    with pytest.raises(DomainError, match="control character"):
        service.goals.create_goal(GoalDraft(title="Bell\x07", category_id=cat))
    a = service.goals.create_goal(GoalDraft(title="A", category_id=cat))
    b = service.goals.create_goal(GoalDraft(title="B", category_id=cat, parent_id=a.id))
    with pytest.raises(DomainError, match="already serves"):
        service.goals.update_goal(a.id, a.draft().replace(parent_id=b.id))


def test_old_bad_data_no_longer_breaks_list_or_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows older versions let in, written straight into the file: every view must survive them."""
    path = tmp_path / "old.sqlite3"
    store = Store(open_database(path))
    service = Services(store)
    cat = service.categories.categories()[1].id
    ids = [service.goals.create_goal(GoalDraft(title=f"G{n}", category_id=cat, target=10)).id for n in range(3)]
    service.progress.add_checkin(ids[0], TODAY, 3)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE goal SET title = ? WHERE id = ?", ("\ufeffBOM first", ids[0]))
    conn.execute("UPDATE goal SET title = ?, start_date = '0001-01-02', deadline = '9999-12-30' WHERE id = ?",
                 ("Ring \x07 \x1b[2J", ids[1]))
    conn.execute("UPDATE goal SET start_date = '0001-01-01', deadline = '0001-01-03' WHERE id = ?", (ids[2],))
    conn.commit()
    conn.close()
    assert cli_main(["--db", str(path), "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\ufeff" not in out
    assert "\\u001b" in out and "\\ufeff" in out
    for goal_id in ids:
        for suffix in ("pdf", "svg", "png"):
            target = tmp_path / f"g{goal_id}.{suffix}"
            assert cli_main(["--db", str(path), "chart", "--goal", str(goal_id), "--out", str(target)]) == 0
            assert target.stat().st_size > 0
