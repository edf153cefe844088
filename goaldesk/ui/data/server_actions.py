"""File › Connect to Server…: open a GoalDesk database on a PostgreSQL server, and remember it (never a password).

The user types a libpq connection URI (``postgresql://anna@db.example.org/goaldesk``) or a service name
(``service=goaldesk``, or just ``goaldesk`` for a service in ~/.pg_service.conf). Passwords follow
libpq's rules (~/.pgpass, PGPASSWORD, PGSERVICEFILE); one typed into the URI is used for this
connection only: the recent-servers list in QSettings keeps the string with the password taken out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from goaldesk.store.engine import is_server_target

if TYPE_CHECKING:
    from goaldesk.ui.shell.hooks import WindowHooks

RECENT_KEY = "servers/recent"
RECENT_LIMIT = 8
_KEYWORD_PASSWORD = re.compile(r"""\s*\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S+)""", re.IGNORECASE)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerActions", text)


def strip_password(target: str) -> str:
    """The connection string without any password (URI user info, ``?password=``, or ``password=`` keyword)."""
    text = target.strip()
    if text.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(text)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, hosts = netloc.rsplit("@", 1)
            netloc = f"{userinfo.split(':', 1)[0]}@{hosts}" if userinfo.split(":", 1)[0] else hosts
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"])
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    return _KEYWORD_PASSWORD.sub("", text).strip()


def normalised(typed: str) -> str:
    """What the user typed, as a libpq target: a bare word is a service name (``service=WORD``)."""
    text = typed.strip()
    if text and not is_server_target(text) and re.fullmatch(r"[A-Za-z0-9_.-]+", text):
        return f"service={text}"
    return text


def recent_servers(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    items: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    return [str(v) for v in items if str(v).strip()]


def remember_server(settings: QSettings, target: str) -> None:
    """Put a server first in the recent list, password stripped (GoalDesk never stores one)."""
    safe = strip_password(target)
    if not safe:
        return
    kept = [safe, *[s for s in recent_servers(settings) if s != safe]][:RECENT_LIMIT]
    settings.setValue(RECENT_KEY, kept)
    settings.sync()


class ConnectDialog(QDialog):
    """One field (an editable list of recent servers) and a short word on where passwords come from."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(_tr("Connect to Server"))
        layout = QVBoxLayout(self)
        label = QLabel(_tr("&Server (a PostgreSQL connection URI or a service name):"))
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target.addItems(recent_servers(settings))
        line = self.target.lineEdit()
        assert line is not None
        line.setPlaceholderText("postgresql://anna@db.example.org/goaldesk")
        self.target.setMinimumContentsLength(40)
        self.target.setAccessibleName(_tr("Server"))
        label.setBuddy(self.target)
        layout.addWidget(label)
        layout.addWidget(self.target)
        hint = QLabel(_tr(
            "For example postgresql://anna@db.example.org/goaldesk, or service=goaldesk for a connection named in "
            "~/.pg_service.conf (PGSERVICEFILE). GoalDesk never stores a password: put it in ~/.pgpass or "
            "PGPASSWORD. A password typed here is used for this connection only."
        ))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setObjectName("connectHint")
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_tr("&Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.editTextChanged.connect(self._update_ok)
        self._update_ok()

    def chosen(self) -> str:
        return normalised(self.target.currentText())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(is_server_target(self.chosen()))


class ServerActions:
    """File › Connect to Server…, after Open Database…; the new window replaces this one, as Open does."""

    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.connect_action = QAction(_tr("Connect to &Server…"), window)
        self.connect_action.setStatusTip(_tr("Open a GoalDesk database on a PostgreSQL server"))
        self.connect_action.triggered.connect(lambda _checked=False: self.ask())

    def install(self) -> None:
        menu = self.window.file_menu
        actions = menu.actions()
        opener = next((a for a in actions if a.text() == "&Open Database…"), None)
        after = actions[actions.index(opener) + 1] if opener is not None and opener is not actions[-1] else None
        menu.insertAction(after, self.connect_action) if after is not None else menu.addAction(self.connect_action)

    def ask(self) -> ConnectDialog:
        """The dialog, window-modal and not blocking (the action's slot returns at once); OK connects."""
        dialog = ConnectDialog(self.window.ctx.settings, self.window)

        def finished(code: int) -> None:
            target = dialog.chosen() if code == QDialog.DialogCode.Accepted else None
            dialog.deleteLater()
            if target:
                self.connect_to(target)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def connect_to(self, target: str) -> QWidget | None:
        """A window on the server (a failure is one message box, shown by the opener); this one closes."""
        opener = self.window.open_window
        if opener is None:
            return None
        opened = opener(target, parent_window=self.window, settings=self.window.ctx.settings)
        if opened is not None:
            self.window.close()
        return opened
