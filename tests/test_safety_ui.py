"""The safety dialogs, driven without blocking: restore list, damaged-file explanation, export/import."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from goaldesk.domain.model import GoalDraft
from goaldesk.store.backup import BackupInfo, backup_dir, create_backup
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import DamagedDatabase
from goaldesk.store.services import Services
from goaldesk.ui.data import safety

pytestmark = pytest.mark.gui


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes are recorded instead of shown."""
    shown: list[QMessageBox] = []

    def present(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(safety, "_present", present)
    return shown


def make_backups(db_path: Path) -> tuple[Path, Path]:
    store = Store(open_database(db_path))
    service = Services(store)
    cat = service.categories.categories()[1].id
    service.goals.create_goal(GoalDraft(title="One", category_id=cat))
    older = create_backup(db_path, taken_at=datetime(2024, 1, 1, 9, 0))
    service.goals.create_goal(GoalDraft(title="Two", category_id=cat))
    newer = create_backup(db_path, "manual", taken_at=datetime(2024, 1, 2, 9, 0))
    store.close()
    bad = backup_dir(db_path) / "goaldesk-20240103-090000.sqlite3"
    bad.write_bytes(b"junk")
    return older, newer


def test_dialog_lists_backups_and_returns_confirmed_choice(qtbot: QtBot, db_path: Path) -> None:
    older, _ = make_backups(db_path)
    asked: list[BackupInfo] = []
    dialog = safety.RestoreBackupDialog(None, db_path, confirm=lambda info: asked.append(info) or True)
    qtbot.addWidget(dialog)
    dialog.open()
    table = dialog.table
    assert table.rowCount() == 3
    assert [table.item(r, 2).text() for r in range(3)] == ["Damaged", "OK", "OK"]
    assert [table.item(r, 1).text() for r in range(3)] == ["?", "2", "1"]
    assert table.item(1, 3).text() == "Manual" and table.item(2, 3).text() == "Daily"
    assert not dialog.restore_button.isEnabled()
    dialog.select_row(0)  # the damaged one cannot be chosen
    assert not dialog.restore_button.isEnabled()
    dialog.select_row(2)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == older and asked[0].path == older


def test_dialog_stays_open_when_not_confirmed(qtbot: QtBot, db_path: Path) -> None:
    make_backups(db_path)
    dialog = safety.RestoreBackupDialog(None, db_path, confirm=lambda info: False)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.select_row(1)
    dialog.restore_button.click()
    assert dialog.isVisible() and dialog.chosen is None


def test_default_confirmation_asks(qtbot: QtBot, db_path: Path, boxes: list[QMessageBox]) -> None:
    make_backups(db_path)
    dialog = safety.RestoreBackupDialog(None, db_path)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.select_row(1)
    dialog.restore_button.click()  # the recorded box was not answered with Restore
    assert boxes and "Replace your goals" in boxes[0].text()
    assert dialog.chosen is None


def test_explain_open_error_restores_newest_good_backup(qtbot: QtBot, db_path: Path) -> None:
    make_backups(db_path)
    damaged = b"SQLite format 3\x00" + b"\x13" * 4000
    db_path.write_bytes(damaged)
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(db_path)
    seen: list[QMessageBox] = []

    def pick_restore(box: QMessageBox) -> object:
        seen.append(box)
        return next(b for b in box.buttons() if b.text() == "Restore newest good backup")

    reopened = safety.explain_open_error(None, db_path, caught.value, pick=pick_restore)
    assert reopened == db_path
    assert "untouched" in seen[0].text() and "not changed" in seen[0].informativeText()
    kept = [p for p in backup_dir(db_path).iterdir() if "before-restore" in p.name]
    assert kept and kept[0].read_bytes() == damaged
    store = Store(open_database(db_path))
    assert Services(store).goals.goal_count() == 2
    store.close()


def test_explain_open_error_quit_leaves_file(qtbot: QtBot, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = db_path.read_bytes()
    error = DamagedDatabase(f"{db_path} is damaged. It was left untouched.")

    def pick_quit(box: QMessageBox) -> object:
        assert "no good backup" in box.informativeText()
        return next(b for b in box.buttons() if b.text() == "Quit")

    assert safety.explain_open_error(None, db_path, error, pick=pick_quit) is None
    assert db_path.read_bytes() == before


def test_export_and_import_helpers(
    qtbot: QtBot, service: Services, tmp_path: Path, boxes: list[QMessageBox]
) -> None:
    service.goals.create_goal(GoalDraft(title="Exported 🎯", category_id=service.categories.categories()[1].id))
    written = safety.export_dialog(None, service.store, tmp_path / "all.json")
    assert written is not None and "Exported 🎯" in written.read_text(encoding="utf-8")
    csv_path = safety.export_dialog(None, service.store, tmp_path / "c.csv", what="checkins")
    assert csv_path is not None and csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    other = Store(open_database(tmp_path / "other" / "g.sqlite3"))
    try:
        Services(other)
        report = safety.import_dialog(None, other, written)
        assert report is not None and report.created["goals"] == 1
        assert boxes[-1].windowTitle() == "Import finished"
        broken = tmp_path / "broken.json"
        data = json.loads(written.read_text(encoding="utf-8"))
        data["goals"][0]["horizon"] = "someday"
        broken.write_text(json.dumps(data), encoding="utf-8")
        assert safety.import_dialog(None, other, broken) is None
        assert boxes[-1].windowTitle() == "Import failed"
        assert "goals[0].horizon" in boxes[-1].informativeText()
    finally:
        other.close()
    shutil.rmtree(tmp_path / "other")
