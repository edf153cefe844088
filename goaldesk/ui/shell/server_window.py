"""The main window's server parts, in one place: Connect to Server…, sharing, SQLite-only actions, live updates.

On an SQLite file this adds File › Connect to Server… and the (disabled) sharing actions. On a server
it also disables what only a file has (Back Up Now, Restore from Backup: a server's backups are its
admin's job), each with the reason as its tooltip, and starts ``ServerConnection`` (live updates from
other clients, and the read-only mode while the server is away).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from goaldesk.ui.data.server_actions import ServerActions
from goaldesk.ui.reflection.shared_view import SharingActions
from goaldesk.ui.shell.connection import ServerConnection

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerWindow", text)


def file_only_reason() -> str:
    return _tr("A server database is backed up by its admin (pg_dump), not by GoalDesk. "
               "File › Export… saves a copy of your goals that you keep.")


def file_only_actions(window: MainWindow) -> list[QAction]:
    """Actions that need the database to be a file on this computer."""
    data = getattr(window, "data_actions", None)
    return [a for a in (getattr(data, "backup_action", None), getattr(data, "restore_action", None)) if a is not None]


def install_server_parts(window: MainWindow) -> tuple[ServerActions, SharingActions, ServerConnection | None]:
    server_actions = ServerActions(window)
    server_actions.install()
    sharing_actions = SharingActions(window)
    sharing_actions.install()
    if not window.ctx.is_server:
        return server_actions, sharing_actions, None
    for action in file_only_actions(window):
        action.setEnabled(False)
        action.setToolTip(file_only_reason())
        action.setStatusTip(file_only_reason())
    window.file_menu.setToolTipsVisible(True)
    return server_actions, sharing_actions, ServerConnection(window, window.banner)
