"""Starting the desktop app: QApplication, single instance, opening the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from goaldesk import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from goaldesk.store.engine import is_server_target
from goaldesk.store.errors import DamagedDatabase, StoreError
from goaldesk.ui.shell.context import AppContext

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow

_windows: list[QWidget] = []  # keeps open windows alive; a window leaves when it is destroyed (closed)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        from goaldesk.ui.shell.platform_check import xcb_problem

        problem = xcb_problem()  # a clear apt-get line instead of Qt's abort on a missing xcb library
        if problem is not None:
            print(problem, file=sys.stderr)
            raise SystemExit(1)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setOrganizationDomain(ORG_DOMAIN)
    QApplication.setDesktopFileName(APP_ID)
    from goaldesk.ui.common import icons
    from goaldesk.ui.common.i18n import install_plurals

    install_plurals(app)  # "1 goal", "3 goals" from tr("%n goal(s)", "", n)

    QApplication.setWindowIcon(icons.app_icon())
    return app  # type: ignore[return-value]


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


Target = Path | str
"""An SQLite file, or a PostgreSQL server as a libpq URI or ``service=NAME`` (store.engine.is_server_target)."""


def as_target(given: str | Path) -> Target:
    """A server string stays as typed; anything else is a file path (``~`` expanded)."""
    text = str(given).strip() if isinstance(given, str) else str(given)
    return text if is_server_target(text) else Path(text).expanduser()


def open_context(path: Target, settings: QSettings, parent: QWidget | None = None) -> AppContext | None:
    """Open the database, explaining any refusal in a dialog. None when the user gives up.

    A server that cannot be reached, refuses the password or is not GoalDesk's is one message box
    (store.server.connection_problem words it, without the password), never a traceback.
    """
    if isinstance(path, str):
        try:
            return AppContext.open(path, settings)
        except StoreError as exc:
            refuse(parent, exc.message)
            return None
    if not _folder_ready(path, parent):
        return None
    while True:
        try:
            return AppContext.open(path, settings)
        except DamagedDatabase as exc:
            from goaldesk.ui.data.safety import explain_open_error

            if explain_open_error(parent, path, exc) is None:
                return None
        except StoreError as exc:
            refuse(parent, exc.message)
            return None


def refuse(parent: QWidget | None, message: str) -> None:
    """The one message box for a database that cannot be opened."""
    QMessageBox.critical(parent, APP_NAME, message)


def _folder_ready(path: Path, parent: QWidget | None) -> bool:
    """A missing folder (other than GoalDesk's data folder) is created only when the user says so."""
    from goaldesk.store.db import data_folder

    folder = path.parent
    if folder.exists() or folder == data_folder():
        return True
    answer = QMessageBox.question(
        parent, APP_NAME, f"The folder {folder} does not exist.\n\nCreate it and a new database {path.name} in it?"
    )
    return answer == QMessageBox.StandardButton.Yes


def open_window(
    path: str | Path, parent_window: QWidget | None = None, settings: QSettings | None = None
) -> MainWindow | None:
    """A main window on a database file or a server (``postgresql://…``, ``service=NAME``)."""
    from goaldesk.ui.common.theme import apply_saved_appearance
    from goaldesk.ui.shell.main_window import MainWindow

    settings = settings or default_settings()
    apply_saved_appearance(settings)  # Preferences › Appearance, before the first paint
    target = as_target(path)
    ctx = open_context(target, settings, parent_window)
    if ctx is None:
        return None
    if ctx.is_server:
        from goaldesk.ui.data.server_actions import remember_server

        remember_server(settings, str(target))  # without its password, if one was typed
    window = MainWindow(ctx, open_window=open_window)
    window.firstPainted.connect(lambda: _daily_backup(window))
    window.destroyed.connect(ctx.close)
    window.destroyed.connect(lambda _obj=None, w=window: _forget(w))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _windows.append(window)
    from goaldesk.ui.shell.geometry_probe import install_if_asked

    install_if_asked(window)  # test-only, and only when GOALDESK_TEST_GEOMETRY is set
    window.show()
    return window


def _forget(window: QWidget) -> None:
    """A closed (deleted) window leaves the list, so a long session does not keep every window it opened."""
    for i, kept in enumerate(_windows):
        if kept is window:
            del _windows[i]
            return


def open_windows() -> list[QWidget]:
    """The windows open now (File › Open adds one; closing one removes it)."""
    return list(_windows)


def _daily_backup(window: MainWindow) -> None:
    """The start-up backup (at most once a day), after the first paint so it never delays the window."""
    from goaldesk.store.backup import daily_backup

    if window.ctx.is_server:
        return  # the server's admin takes the backups (docs/server.md)
    try:
        daily_backup(window.ctx.db_path)
    except (OSError, StoreError) as exc:
        window.statusBar().showMessage(f"Today's backup could not be made: {exc}", 15000)


def instance_key(target: Target) -> Path:
    """What the single-instance lock is keyed on: the file, or the server as shown (no password)."""
    if isinstance(target, Path):
        return target
    from goaldesk.store.engine import describe_target

    return Path("/goaldesk-server") / describe_target(target).replace("://", "/")


def run_gui(db_path: Target, *, new_instance: bool = False) -> int:
    app = make_application()
    instance = None
    if not new_instance:
        from goaldesk.ui.shell.single_instance import SingleInstance

        instance = SingleInstance(instance_key(db_path))
        if instance.try_hand_over(instance_key(db_path)):
            return 0
    from goaldesk.ui.shell import crash

    if isinstance(db_path, str):
        from goaldesk.store.db import default_database_path

        reporter = crash.install(default_database_path())  # crash.log in the user's data folder
    else:
        reporter = crash.install(db_path)
    window = open_window(db_path)
    if window is None:
        return 1
    QTimer.singleShot(0, reporter.show_previous_fatal)
    if instance is not None:
        instance.listen()
        instance.activationRequested.connect(lambda: _raise(window))
    return app.exec()


def _raise(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
