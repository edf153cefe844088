"""Data safety, round two (issue 14): what attacking the store found, each pinned by a test.

Real files in tmp_path, real SQLite, the real command line (in-process ``goaldesk.cli.main``).
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from goaldesk.cli import main as cli_main
from goaldesk.domain.model import GoalDraft
from goaldesk.store import migrations
from goaldesk.store.backup import (
    backup_dir,
    create_backup,
    daily_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from goaldesk.store.base import Store
from goaldesk.store.csvexport import export_checkins_csv, export_goals_csv
from goaldesk.store.db import open_database
from goaldesk.store.errors import NotADatabase, ReadOnlyDatabase, StoreError
from goaldesk.store.services import Services
from goaldesk.store.transfer import export_json

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def make_database(path: Path, *titles: str) -> None:
    store = Store(open_database(path))
    service = Services(store)
    for title in titles:
        service.goals.create_goal(GoalDraft(title=title, category_id=service.categories.categories()[1].id))
    store.close()


def titles_in(path: Path) -> list[str]:
    store = Store(open_database(path))
    try:
        return sorted(g.title for g in Services(store).goals.list_goals())
    finally:
        store.close()


def application_id(path: Path) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


def build_version_1(path: Path) -> None:
    """A database as GoalDesk schema version 1 wrote it (no application_id), with one goal."""
    conn = sqlite3.connect(path)
    conn.executescript(migrations.SCHEMA_V1)
    conn.execute("INSERT INTO category (id, name, key, builtin, position) VALUES (1, 'Work', 'professional', 1, 0)")
    conn.execute(
        "INSERT INTO goal (id, title, category_id, horizon, position, status, start_date, created_at, updated_at) "
        "VALUES (1, 'Old goal', 1, 'short', 0, 'active', '2025-01-01', '2025-01-01 10:00:00', '2025-01-01 10:00:00')"
    )
    conn.commit()
    conn.close()


@pytest.fixture(autouse=True)
def default_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# ---------------------------------------------------------------- 1. names that are not URI-safe

AWKWARD = [
    ("dir #2", "g #1.sqlite3"),
    ("a?b", "what?.sqlite3"),
    ("x%20y", "Q1%20goals.sqlite3"),
    ("space folder", "my goals.sqlite3"),
    ("Ordner ü", "Zielé 目標 ✓.sqlite3"),
]


@pytest.mark.parametrize(("folder", "name"), AWKWARD)
def test_awkward_names_open_again_and_back_up_for_real(
    tmp_path: Path, folder: str, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    where = tmp_path / folder
    where.mkdir()
    monkeypatch.chdir(where)
    assert cli_main(["--db", name, "list"]) == 0  # creates it
    make_database(where / name, "Survives")
    assert cli_main(["--db", name, "list"]) == 0  # the second run used to end in a traceback
    assert "Survives" in capsys.readouterr().out
    assert cli_main(["--db", name, "backup"]) == 0
    [made] = list_backups(where / name)
    assert made.ok and made.goal_count == 1  # not an empty database
    assert sorted(p.name for p in where.iterdir()) == sorted([name, "backups"])  # no stray "g " file
    assert titles_in(where / name) == ["Survives"]


def test_healthy_file_with_percent_twenty_in_its_name_opens(tmp_path: Path) -> None:
    path = tmp_path / "Q1%20goals.sqlite3"
    make_database(path, "Quarter")
    (tmp_path / "Q1 goals.sqlite3").write_bytes(b"decoy, must not be read")
    assert titles_in(path) == ["Quarter"]


# ---------------------------------------------------------------- 2. positive recognition


@pytest.mark.parametrize("version", [3, None, "three"], ids=["int", "empty-table", "text"])
def test_other_programs_schema_version_table_is_refused_untouched(tmp_path: Path, version: object) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version)")
    if version is not None:
        conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    os.chmod(path, 0o644)
    before = digest(path)
    with pytest.raises(NotADatabase, match="not a GoalDesk one"):
        open_database(path)
    assert cli_main(["--db", str(path), "list"]) == 1
    assert digest(path) == before
    assert mode(path) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_new_file_carries_the_goaldesk_application_id(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    make_database(path)
    assert application_id(path) == migrations.APPLICATION_ID == int.from_bytes(b"GDsk", "big")


def test_unstamped_goaldesk_file_is_backed_up_then_stamped(tmp_path: Path) -> None:
    path = tmp_path / "before-stamp.sqlite3"
    make_database(path, "Written before the stamp")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    assert titles_in(path) == ["Written before the stamp"]
    assert application_id(path) == migrations.APPLICATION_ID
    [kept] = list_backups(path)
    assert kept.ok and kept.reason == f"before-migration-v{migrations.CURRENT_VERSION}"
    assert application_id(kept.path) == 0  # the file as it was


# ---------------------------------------------------------------- 3. backups per database


def test_databases_in_one_folder_never_share_backups(tmp_path: Path) -> None:
    work, other = tmp_path / "work.sqlite3", tmp_path / "other.sqlite3"
    make_database(work, "Work goal")
    make_database(other, "Other goal")
    day = date(2026, 3, 2)
    assert daily_backup(work, today=day) is not None
    assert daily_backup(other, today=day) is not None  # the once-a-day rule counts only its own file
    create_backup(other, "manual", taken_at=datetime(2030, 1, 1))  # other's newest is newer than work's
    assert [b.goal_count for b in list_backups(work)] == [1]
    assert all(b.path.parent == backup_dir(work) for b in list_backups(work))
    newest = newest_good_backup(work)
    assert newest is not None
    make_database(work, "Work goal 2")
    restore_backup(work, newest.path)
    assert titles_in(work) == ["Work goal"]


@pytest.mark.gui
def test_damaged_file_dialog_never_offers_another_databases_backup(qtbot: object, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from goaldesk.store.errors import DamagedDatabase
    from goaldesk.ui.data import safety

    work, other = tmp_path / "work.sqlite3", tmp_path / "other.sqlite3"
    make_database(other, "Other goal")
    create_backup(other, "manual")
    work.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(work)
    shown: list[str] = []

    def pick(box: QMessageBox) -> object:
        shown.append(box.informativeText())
        return next(b for b in box.buttons() if b.text() == "Quit")

    assert safety.explain_open_error(None, work, caught.value, pick=pick) is None
    assert "no good backup" in shown[0]


# ---------------------------------------------------------------- 5. CSV injection


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    store = Store(open_database(path))
    service = Services(store)
    cat = service.categories.categories()[1].id
    risky = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)"]
    for title in risky:
        service.goals.create_goal(GoalDraft(title=title, category_id=cat, description="\t=cmd", baseline=-5, target=10))
    goal = service.goals.create_goal(GoalDraft(title="Plain", category_id=cat, target=3))
    service.progress.add_checkin(goal.id, date.today(), -1.5, "\r=1+1")
    export_goals_csv(store, tmp_path / "goals.csv")
    export_checkins_csv(store, tmp_path / "checkins.csv")
    store.close()
    with (tmp_path / "goals.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["title"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == sorted(["'" + t for t in risky] + ["Plain"])
    for title in risky:
        assert rows["'" + title]["description"] == "'\t=cmd"
        assert rows["'" + title]["baseline"] == "-5"  # numbers stay numbers
    with (tmp_path / "checkins.csv").open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["note"] == "'\r=1+1" and row["value"] == "-1.5"


# ---------------------------------------------------------------- 7. read-only files and folders


@posix_only
def test_read_only_file_is_refused_as_read_only_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.sqlite3"
    make_database(path, "Mine")
    os.chmod(path, 0o400)
    before = digest(path)
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        open_database(path)
    assert cli_main(["--db", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "damaged" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite3"]  # no -shm left behind
    assert digest(path) == before and mode(path) == 0o400


@posix_only
def test_read_only_folder_is_not_called_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "g.sqlite3"
    make_database(path, "Mine")
    os.chmod(folder, 0o555)
    try:
        assert cli_main(["--db", str(path), "list"]) == 1
        err = capsys.readouterr().err
        assert "folder" in err and "read-only" in err and "damaged" not in err
        assert cli_main(["--db", str(folder / "new.sqlite3"), "list"]) == 1
        assert "read-only" in capsys.readouterr().err
    finally:
        os.chmod(folder, 0o700)
    assert sorted(p.name for p in folder.iterdir()) == ["g.sqlite3"]


@posix_only
def test_stale_read_only_shm_no_longer_blocks_writes(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite3"
    make_database(path, "Mine")
    shm = path.with_name(path.name + "-shm")
    fd = os.open(shm, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)  # what a 0400 database left behind
    os.write(fd, b"\x00" * 32768)
    os.close(fd)
    store = Store(open_database(path))
    assert mode(shm) & 0o200  # for a real user, a 0400 -shm made every write fail ("readonly")
    service = Services(store)
    service.goals.create_goal(GoalDraft(title="Saved", category_id=service.categories.categories()[1].id))
    store.close()
    assert titles_in(path) == ["Mine", "Saved"]


# ---------------------------------------------------------------- 8. backup before every upgrade


def test_cli_upgrade_takes_the_promised_backup_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v1.sqlite3"
    build_version_1(path)
    before = digest(path)
    assert cli_main(["--db", str(path), "list"]) == 0
    assert "Old goal" in capsys.readouterr().out
    [kept] = list_backups(path)
    assert kept.ok and kept.reason == "before-migration-v1"
    conn = sqlite3.connect(kept.path.as_uri() + "?mode=ro", uri=True)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    conn.close()
    assert digest(path) != before  # and the live file was upgraded


def test_no_upgrade_when_the_backup_cannot_be_taken(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    build_version_1(path)
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    before = digest(path)
    with pytest.raises(StoreError, match="backup"):
        open_database(path)
    assert digest(path) == before


# ---------------------------------------------------------------- 10. smaller points


def test_cli_refuses_a_db_in_a_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "goals.sqlite3"
    assert cli_main(["--db", str(missing), "list"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_cli_refuses_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert cli_main(["--db", str(path), "list"]) == 1
    assert "empty file" in capsys.readouterr().err
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite3"]


@posix_only
def test_files_you_save_by_name_follow_your_umask_like_charts(tmp_path: Path) -> None:
    """One rule (README): exports, CSV and charts are ordinary documents; GoalDesk's own files are 0600."""
    from goaldesk.charts import save_figure
    from goaldesk.charts.overview import overview_figure
    from goaldesk.store.services import ReportService

    path = tmp_path / "data" / "g.sqlite3"
    store = Store(open_database(path))
    Services(store)  # seeds the goal types
    written = [
        export_json(store, tmp_path / "all.json"),
        export_goals_csv(store, tmp_path / "goals.csv"),
        save_figure(overview_figure(ReportService(store).overview()), tmp_path / "chart.pdf"),
    ]
    store.close()
    assert [mode(p) for p in written] == [0o644, 0o644, 0o644]
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


@pytest.mark.gui
@pytest.mark.parametrize("create", [False, True], ids=["declined", "accepted"])
def test_app_asks_before_creating_a_missing_folder(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create: bool
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from goaldesk.ui.shell import app

    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if create else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    path = tmp_path / "new folder" / "goals.sqlite3"
    ctx = app.open_context(path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert asked and "does not exist" in asked[0]
    if create:
        assert ctx is not None and path.is_file()
        ctx.close()
    else:
        assert ctx is None and not path.parent.exists()
