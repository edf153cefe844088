"""``goaldesk smart-check``: human text, JSON, usage errors, and a real subprocess run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from goaldesk.cli import main

PMP = "Improve project management skills by earning the PMP certification within the next 6 months"


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["smart-check", "I'll learn coding soon", "--today", "2026-05-10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SMART score: 1/5")  # "learn coding" is too short to be specific
    assert "[ ] Time-bound" in out
    assert "“soon” is not a deadline" in out
    assert "Suggested wording: Learn coding within 3 months" in out


def test_json_all_five(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "smart-check", PMP,
            "--today", "2026-05-10", "--deadline", "2026-11-10",
            "--target", "1", "--metric", "certification", "--why", "Lead roles need it", "--json",
        ]
    )  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["score"] == 5
    assert all(c["met"] for c in data["criteria"].values())
    assert data["detected"] == {"numbers": [], "duration_days": 184, "deadline": "2026-11-10"}


def test_json_override(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["smart-check", "Learn Python coding soon", "--override", "time-bound", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["criteria"]["time-bound"] == {
        "met": False,
        "overruled": True,
        "reasons": data["criteria"]["time-bound"]["reasons"],
    }
    assert data["score"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--deadline", "2026-13-01"], "--deadline must be a date"),
        (["--deadline", "next week"], "--deadline must be a date"),
        (["--target", "lots"], "--target must be a number"),
        (["--target", "nan"], "--target must be a finite number"),
        (["--baseline", "1..2"], "--baseline must be a number"),
        (["--milestones", "2.5"], "--milestones must be a whole number"),
        (["--today", "yesterday"], "--today must be a date"),
        (["--override", "cheap"], "--override must be one of"),
    ],
)
def test_bad_values_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["smart-check", "Finish the online course", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("goaldesk: ")
    assert message in captured.err


def test_does_not_touch_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "never.sqlite3"
    assert main(["smart-check", "Finish the online course", "--db", str(db)]) == 0
    assert not db.exists()


def test_subprocess_json() -> None:
    exe = Path(sys.executable).with_name("goaldesk")
    result = subprocess.run(
        [str(exe), "smart-check", "complete five client reports per week", "--deadline", "2099-01-31", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["criteria"]["measurable"]["met"] is True
    assert data["criteria"]["time-bound"]["met"] is True
    assert data["detected"]["numbers"] == [5]
