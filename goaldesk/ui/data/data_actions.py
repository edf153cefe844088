"""File-menu actions that move data in and out: export, import, backups and restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from goaldesk.store.errors import StoreError

if TYPE_CHECKING:
    from goaldesk.ui.shell.hooks import WindowHooks


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataActions", text)


class DataActions:
    """Adds Export…, Import…, Back Up Now and Restore from Backup… to the window's File menu."""

    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.ctx = window.ctx
        # The file dialogs open without blocking: assistive tech's "press" must return at once (issue 20).
        self.export_action = QAction(_tr("&Export…"), window)
        self.export_action.setStatusTip(_tr("Save all your goals to a JSON file, or goals / check-ins to CSV"))
        self.export_action.triggered.connect(lambda: self.export_to(None))
        self.import_action = QAction(_tr("&Import…"), window)
        self.import_action.setStatusTip(_tr("Merge goals from a GoalDesk JSON export"))
        self.import_action.triggered.connect(lambda: self.import_from(None))
        self.backup_action = QAction(_tr("&Back Up Now"), window)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(_tr("&Restore from Backup…"), window)
        self.restore_action.triggered.connect(self.restore)

    def install(self) -> None:
        menu = self.window.file_menu
        before = self.window.file_menu_extras
        for action in (self.export_action, self.import_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        menu.insertAction(before, self.backup_action)
        menu.insertAction(before, self.restore_action)

    def export_to(self, path: Path | None, what: str = "") -> Path | None:
        """Export to ``path``; with None a file dialog opens (not blocking) and the export follows the pick."""
        from goaldesk.ui.data.safety import choose_export_file, export_dialog

        if path is None:
            choose_export_file(self.window, lambda chosen, kind: self.export_to(chosen, kind))
            return None
        written = export_dialog(self.window, self.ctx.store, path, what)
        if written is not None:
            self.window.statusBar().showMessage(_tr("Exported to {0}").format(written), 6000)
        return written

    def import_from(self, path: Path | None, *, quiet: bool = False) -> bool:
        """Merge an export. A backup is taken first; the import itself cannot be undone.

        With ``path`` None a file dialog opens (not blocking) and the import follows the pick.
        """
        from goaldesk.store.backup import create_backup
        from goaldesk.store.transfer import TransferError, import_json
        from goaldesk.ui.data.safety import choose_import_file, import_dialog

        if path is None:
            choose_import_file(self.window, lambda chosen: self.import_from(chosen))
            return False
        if not self.ctx.is_server:  # a server's backups are its admin's (docs/server.md); the import is one transaction
            try:
                create_backup(self.ctx.db_path, "before-import")
            except (OSError, StoreError) as exc:
                self.ctx.report(
                    StoreError(f"No backup could be taken before the import, so nothing was imported: {exc}"))
                return False
        if quiet:
            try:
                import_json(self.ctx.store, path)
            except TransferError as exc:
                self.ctx.report(exc)
                return False
        elif import_dialog(self.window, self.ctx.store, path) is None:
            return False
        # Earlier commands may refer to rows the import replaced; they cannot be undone safely.
        self.ctx.undo_stack.clear()
        return True

    def back_up_now(self) -> Path | None:
        from goaldesk.store.backup import create_backup

        try:
            path = create_backup(self.ctx.db_path, "manual")
        except (OSError, StoreError) as exc:
            self.ctx.report(StoreError(f"The backup failed: {exc}"))
            return None
        self.window.statusBar().showMessage(_tr("Backup saved: {0}").format(path.name), 6000)
        return path

    def restore(self) -> QWidget:
        """Restore from Backup…: the list of backups, window-modal and not blocking; a confirmed pick restores."""
        from goaldesk.ui.data.safety import open_restore_dialog

        # Restoring closes this window: do it after the dialog's own signal has returned.
        return open_restore_dialog(
            self.window, self.ctx.db_path,
            lambda backup: QTimer.singleShot(0, self.window, lambda: self.restore_from(backup)),
        )

    def restore_from(self, backup: Path) -> QWidget | None:
        """Close this database, restore the backup (the current file is kept as a copy), reopen."""
        from goaldesk.store.backup import restore_backup

        db_path = self.ctx.db_path
        self.window.save_state()
        self.ctx.undo_stack.clear()
        self.ctx.close()
        try:
            restore_backup(db_path, backup)
        except StoreError as exc:
            self.window.show_error(exc.message)
        opener = self.window.open_window
        reopened = None if opener is None else opener(db_path, settings=self.ctx.settings)
        self.window.close()
        return reopened
