"""``goaldesk chart`` end to end on a real database file: each kind, unknown goal, bad paths."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from goaldesk.cli import main
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.services import Services, WinService

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def goal_id(service: Services, store: Store) -> int:
    category = service.categories.category_by_key("networking")
    assert category is not None
    today = store.today()
    goal = service.goals.create_goal(
        GoalDraft(
            title="Meet 12 people in my field",
            category_id=category.id,
            start_date=today - timedelta(days=30),
            deadline=today + timedelta(days=60),
            unit="contacts",
            baseline=0.0,
            target=12.0,
        )
    )
    wins = WinService(store)
    for days_ago, value in ((20, 2.0), (10, 4.0), (0, 7.0)):
        before = service.goals.get_goal(goal.id)
        service.progress.add_checkin(goal.id, today - timedelta(days=days_ago), value)
        wins.record_wins_for(before, service.goals.get_goal(goal.id))
    return goal.id


@pytest.mark.parametrize(("kind", "suffix", "magic"), [
    ("progress", "pdf", b"%PDF"),
    ("overview", "svg", b"<?xml"),
    ("wins", "png", b"\x89PNG"),
])
def test_each_kind(
    goal_id: int, db_path: Path, tmp_path: Path, capsys: Capture, kind: str, suffix: str, magic: bytes
) -> None:
    out = tmp_path / f"{kind}.{suffix}"
    status = main(["chart", "--db", str(db_path), "--goal", str(goal_id), "--kind", kind, "--out", str(out)])
    assert status == 0
    assert out.read_bytes().startswith(magic)
    assert str(out) in capsys.readouterr().out


def test_default_kind_is_progress_and_db_before_subcommand(goal_id: int, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.pdf"
    assert main(["--db", str(db_path), "chart", "--goal", str(goal_id), "--out", str(out), "--dark"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_overview_needs_no_goal(goal_id: int, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "overview.pdf"
    assert main(["chart", "--db", str(db_path), "--kind", "overview", "--out", str(out)]) == 0
    assert out.exists()


def test_unknown_goal_exits_2(
    goal_id: int, db_path: Path, tmp_path: Path, capsys: Capture
) -> None:
    out = tmp_path / "chart.pdf"
    status = main(["chart", "--db", str(db_path), "--goal", "4242", "--out", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert "4242" in err and err.startswith("goaldesk: ")
    assert not out.exists()


def test_progress_without_goal_exits_2(db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    assert main(["chart", "--db", str(db_path), "--out", str(tmp_path / "c.pdf")]) == 2
    assert "--goal" in capsys.readouterr().err


def test_unknown_suffix_exits_2(goal_id: int, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    status = main(["chart", "--db", str(db_path), "--goal", str(goal_id), "--out", str(tmp_path / "chart.jpg")])
    assert status == 2
    assert ".pdf, .svg or .png" in capsys.readouterr().err


def test_missing_folder_exits_1(goal_id: int, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "no" / "such" / "chart.pdf"
    status = main(["chart", "--db", str(db_path), "--goal", str(goal_id), "--out", str(out)])
    assert status == 1
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert err.count("\n") == 1  # one clear line, no traceback


def test_unwritable_path_exits_1(goal_id: int, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    if os.geteuid() == 0:
        out = Path("/proc/goaldesk-chart.pdf")  # root ignores permissions; /proc refuses new files
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "chart.pdf"
    status = main(["chart", "--db", str(db_path), "--goal", str(goal_id), "--out", str(out)])
    assert status == 1
    assert "could not be written" in capsys.readouterr().err
