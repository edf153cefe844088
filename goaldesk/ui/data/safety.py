"""Dialogs for data safety: restoring backups, explaining a file that cannot be opened, export/import.

These widgets never hold the database open while replacing it: the caller closes its Store, calls
the function here, then reopens the path returned. Message boxes go through ``_present`` so that
tests (and future non-modal variants) can replace how a box is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.store.backup import BackupInfo, list_backups, newest_good_backup, restore_backup
from goaldesk.store.base import Store
from goaldesk.store.errors import StoreError
from goaldesk.store.transfer import ImportReport, TransferError, import_json

EXPORT_JSON_FILTER = "GoalDesk export (*.json)"
EXPORT_GOALS_FILTER = "Goals for spreadsheets (*.csv)"
EXPORT_CHECKINS_FILTER = "Check-ins for spreadsheets (*.csv)"

def _tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


_REASONS = {
    "": "Daily",
    "manual": "Manual",
    "before-restore": "Before a restore",
}


def _present(box: QMessageBox) -> int:
    """Show a message box modally; tests replace this to answer without blocking."""
    return int(box.exec())


def _message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = "") -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setInformativeText(detail)
    try:
        _present(box)
    finally:
        box.deleteLater()  # one box per message: none left behind on the window


def reason_label(reason: str) -> str:
    """What kind of backup a file is, in words."""
    if reason.startswith("before-migration"):
        return "Before an upgrade"
    return _REASONS.get(reason, "Daily" if reason.isdigit() else reason.replace("-", " ").capitalize())


def _confirm_restore(parent: QWidget, info: BackupInfo) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Restore backup"),
        _tr("Replace your goals with the backup from {0}?").format(f"{info.taken_at:%d %B %Y, %H:%M}"),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(_tr("Your current file is kept in the backups folder, so this can be undone."))
    restore = box.addButton(_tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    try:
        _present(box)
        return box.clickedButton() is restore
    finally:
        box.deleteLater()


class RestoreBackupDialog(QDialog):
    """Lists the backups (date, goal count, check) and returns the one the user confirms.

    ``confirm(info) -> bool`` asks before accepting; the default is a question box.
    """

    def __init__(
        self,
        parent: QWidget | None,
        db_path: Path,
        *,
        confirm: Callable[[BackupInfo], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Restore a backup"))
        self.db_path = Path(db_path)
        self._confirm = confirm or (lambda info: _confirm_restore(self, info))
        self.backups: list[BackupInfo] = list_backups(self.db_path)
        self.chosen: Path | None = None

        layout = QVBoxLayout(self)
        intro = QLabel(_tr(
            "GoalDesk backs up your goals once a day and before upgrades. "
            "Pick the copy to go back to; your current file is kept too."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), 4, self)
        self.table.setHorizontalHeaderLabels([_tr("Taken"), _tr("Goals"), _tr("Check"), _tr("Kind")])
        self.table.setAccessibleName(_tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for row, info in enumerate(self.backups):
            cells = [
                f"{info.taken_at:%Y-%m-%d %H:%M}",
                "?" if info.goal_count is None else str(info.goal_count),
                "OK" if info.ok else "Damaged",
                reason_label(info.reason),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if not info.ok:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        layout.addWidget(self.table)
        self.empty_label = QLabel(_tr("There are no backups yet."))
        self.empty_label.setVisible(not self.backups)
        layout.addWidget(self.empty_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button: QPushButton = self.buttons.addButton(
            _tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(560, 360)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.backups[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.ok)

    def accept(self) -> None:
        """Accept only a good backup the user confirmed."""
        info = self.selected()
        if info is None or not info.ok or not self._confirm(info):
            return
        self.chosen = info.path
        super().accept()


def open_restore_dialog(parent: QWidget | None, db_path: Path, chosen: Callable[[Path], object]) -> RestoreBackupDialog:
    """The restore dialog, window-modal and not blocking; ``chosen(path)`` gets the confirmed backup.

    The dialog is deleted once closed. The caller then restores the backup.
    """
    dialog = RestoreBackupDialog(parent, db_path)

    def finished(code: int) -> None:
        path = dialog.chosen if code == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        if path is not None:
            chosen(path)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def _default_pick(box: QMessageBox) -> QAbstractButton | None:
    _present(box)
    return box.clickedButton()


def explain_open_error(
    parent: QWidget | None,
    db_path: Path,
    error: StoreError,
    *,
    pick: Callable[[QMessageBox], QAbstractButton | None] | None = None,
) -> Path | None:
    """Say why the database cannot be opened and offer the newest good backup.

    Returns the database path to reopen after a restore, or None when the user quits. The damaged
    file is never modified: the restore keeps a byte-for-byte copy of it beside the backups.
    ``pick(box)`` shows the box and returns the clicked button (tests answer without blocking).
    """
    db_path = Path(db_path)
    newest = newest_good_backup(db_path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("GoalDesk cannot open your goals")
    box.setText(error.message)
    restore: QPushButton | None = None
    if newest is not None:
        box.setInformativeText(
            f"Your file was not changed. The newest good backup is from {newest.taken_at:%d %B %Y, %H:%M}"
            f" ({newest.goal_count} goals). Restoring it keeps a copy of the current file."
        )
        restore = box.addButton("Restore newest good backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("Your file was not changed. There is no good backup to restore.")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or quit_button)
    clicked = (pick or _default_pick)(box)
    box.deleteLater()
    if restore is None or clicked is not restore or newest is None:
        return None
    try:
        restore_backup(db_path, newest.path)
    except StoreError as exc:
        _message(parent, QMessageBox.Icon.Critical, "Restore failed", exc.message)
        return None
    return db_path


def choose_export_file(parent: QWidget | None, chosen: Callable[[Path, str], object]) -> QFileDialog:
    """File > Export's file dialog, window-modal and not blocking: ``chosen(path, what)`` once a file is picked.

    ``what`` is "goals" or "checkins" for a .csv file; the suffix follows the chosen file type.
    """
    dialog = QFileDialog(
        parent, _tr("Export goals"), str(Path.home() / "goaldesk-export.json"),
        ";;".join((EXPORT_JSON_FILTER, EXPORT_GOALS_FILTER, EXPORT_CHECKINS_FILTER)),
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)

    def picked(name: str) -> None:
        if not name:
            return
        path, what, chosen_filter = Path(name), "", dialog.selectedNameFilter()
        if chosen_filter == EXPORT_JSON_FILTER:
            path = path if path.suffix.lower() == ".json" else path.with_suffix(".json")
        else:
            path = path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")
            what = "checkins" if chosen_filter == EXPORT_CHECKINS_FILTER else "goals"
        chosen(path, what)

    dialog.fileSelected.connect(picked)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def choose_import_file(parent: QWidget | None, chosen: Callable[[Path], object]) -> QFileDialog:
    """File > Import's file dialog, window-modal and not blocking: ``chosen(path)`` once a file is picked."""
    dialog = QFileDialog(parent, _tr("Import goals"), str(Path.home()), EXPORT_JSON_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)) if name else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def export_dialog(parent: QWidget | None, store: Store, path: Path, what: str = "") -> Path | None:
    """File > Export once the file is known: everything as JSON, or goals / check-ins as CSV; the file written.

    ``what`` is "goals" or "checkins" for a .csv path.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            from goaldesk.store.csvexport import export_checkins_csv, export_goals_csv

            (export_checkins_csv if what == "checkins" else export_goals_csv)(store, path)
        else:
            from goaldesk.store.transfer import export_json

            export_json(store, path)
    except StoreError as exc:
        _message(parent, QMessageBox.Icon.Warning, _tr("Export failed"), exc.message)
        return None
    return path


def import_dialog(parent: QWidget | None, store: Store, path: Path) -> ImportReport | None:
    """File > Import once the file is known: merge a GoalDesk JSON export; a bad file is explained, nothing written."""
    try:
        report = import_json(store, path)
    except TransferError as exc:
        _message(
            parent,
            QMessageBox.Icon.Warning,
            _tr("Import failed"),
            _tr("{0} cannot be imported, so nothing was changed.").format(Path(path).name),
            exc.message,
        )
        return None
    except StoreError as exc:
        _message(parent, QMessageBox.Icon.Warning, _tr("Import failed"), exc.message)
        return None
    _message(parent, QMessageBox.Icon.Information, _tr("Import finished"), _tr("Imported {0}.").format(Path(path).name),
             report.summary())
    return report
