"""Names, descriptions and announcements for what the main window builds itself.

A screen reader names a widget from its accessible name, or from a label that sits beside it; the
search box, its clear button, the goal list and the undo list have neither, so they were read as "text",
"button", "table". ``install(window)`` gives them names using the window's public attributes, and says
the search result count ("1 of 15 goals") once the user stops typing, since the count changes away from
the keyboard focus and is otherwise never heard. The features name their own views.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QMainWindow, QToolButton, QUndoView

from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.announce import announce

COUNT_DELAY_MS = 700
"""How long typing must pause before the result count is said: one announcement per word, not per key."""

CLEAR_ACTION = "_q_qlineeditclearaction"
"""Qt's object name for the clear-text action of a QLineEdit with ``setClearButtonEnabled(True)``."""


class _Window(Protocol):
    """The attributes of the main window this module names (MainWindow has them all)."""

    # Read-only members, so a window holding subclasses (GoalFilterProxy, GoalTable) matches.
    @property
    def search(self) -> QLineEdit: ...
    @property
    def table(self) -> QAbstractItemView: ...
    @property
    def undo_view(self) -> QUndoView: ...
    @property
    def count_label(self) -> QLabel: ...
    @property
    def proxy(self) -> QSortFilterProxyModel: ...


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Accessibility", text, "", n)


def count_text(shown: int, total: int) -> str:
    """ "1 of 15 goals", or "15 goals" when nothing is filtered out: what a search leaves."""
    if shown == total:
        return _tr("%n goal(s)", total)
    return _tr("%1 of %n goal(s)", total).replace("%1", f"{shown:,}")


def name_clear_button(search: QLineEdit) -> None:
    """The line edit's clear button is a tool button with no text: give it (and its action) a name."""
    action = search.findChild(QAction, CLEAR_ACTION)
    label = _tr("Clear search")
    if action is not None:
        action.setText(label)
        action.setToolTip(label)
    for button in search.findChildren(QToolButton):
        if action is None or button.defaultAction() is action:
            button.setAccessibleName(label)
            button.setAccessibleDescription(_tr("Empty the search box and show every goal again"))
            button.setToolTip(label)


class CountAnnouncer(QObject):
    """Says the search result count after the user pauses typing."""

    def __init__(self, window: _Window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COUNT_DELAY_MS)
        self.timer.timeout.connect(self.say)
        window.search.textChanged.connect(lambda _text: self.timer.start())

    def text(self) -> str:
        proxy = self.window.proxy
        source = proxy.sourceModel()
        total = source.rowCount() if source is not None else proxy.rowCount()
        return count_text(proxy.rowCount(), total)

    def say(self) -> None:
        self.timer.stop()
        announce(self.window.search, self.text())


def install(window: _Window) -> CountAnnouncer:
    """Name the window's own widgets and start announcing search counts; returns the count announcer.

    Calling it again for the same window changes nothing and returns the same announcer."""
    if isinstance(window, QObject):
        existing = window.findChild(CountAnnouncer)
        if existing is not None:
            return existing
    search = window.search
    search.setAccessibleName(_tr("Search goals"))
    search.setAccessibleDescription(_tr("Shows only the goals whose title or description holds these words (Ctrl+F)"))
    name_clear_button(search)
    window.table.setAccessibleName(_tr("Goals"))
    window.table.setAccessibleDescription(
        _tr("The goals that match the search and filters. Enter edits the current goal, Delete moves it to the Trash")
    )
    window.undo_view.setAccessibleName(_tr("Undo history"))
    window.undo_view.setAccessibleDescription(_tr("Every change since the database was opened; pick one to go back"))
    for view in (window.table, window.undo_view):
        name_scroll_bars(view)
    window.count_label.setAccessibleName(_tr("Goals shown"))
    if isinstance(window, QMainWindow):
        window.menuBar().setAccessibleName(_tr("Menu bar"))
        window.statusBar().setAccessibleName(_tr("Status bar"))
        central = window.centralWidget()
        if central is not None and not central.accessibleName():
            central.setAccessibleName(_tr("Goal types and goals"))
    # Parented to the window, which keeps it alive as long as the search box it listens to.
    return CountAnnouncer(window, window if isinstance(window, QObject) else None)
