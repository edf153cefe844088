"""The main window's own actions, menus, toolbar and context menus (features add theirs with ``install()``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QToolBar, QWidget

from goaldesk import APP_NAME
from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.templates import TEMPLATES
from goaldesk.ui.common import icons

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow


def _action(
    w: MainWindow, text: str, slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, icon: str | None = None, tip: str = "",
) -> QAction:
    action = QAction(text, w)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon:
        action.setIcon(icons.icon(icon))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(w: MainWindow) -> None:
    w.new_action = _action(w, "&New Goal…", w.goals.new_goal, QKeySequence.StandardKey.New, "new-goal",
                           "Write down a new goal")
    w.template_action = _action(w, "New Goal from &Template", lambda: None, None, None)
    template_menu = QMenu(w)
    for template in TEMPLATES:
        act = template_menu.addAction(template.title)
        act.triggered.connect(lambda _c=False, t=template: w.goals.new_goal(template=t))
    w.template_action.setMenu(template_menu)
    w.template_menu = template_menu
    w.open_action = _action(w, "&Open Database…", w.open_database, QKeySequence.StandardKey.Open)
    w.quit_action = _action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    w.undo_action = w.ctx.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    w.redo_action = w.ctx.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
    w.edit_action = _action(w, "&Edit Goal…", w.goals.edit_selected, None, None, "Edit the selected goal")
    w.delete_action = _action(w, "&Delete", w.goals.delete_selected, None, "trash",
                              "Move the selected goals to the Trash")
    w.achieved_action = _action(w, "Mark &Achieved", lambda: w.goals.set_selected_status(GoalStatus.ACHIEVED),
                                "Ctrl+Return")
    w.abandon_action = _action(w, "Mark A&bandoned", lambda: w.goals.set_selected_status(GoalStatus.ABANDONED))
    w.reactivate_action = _action(w, "Mark A&ctive", lambda: w.goals.set_selected_status(GoalStatus.ACTIVE))
    w.archive_action = _action(w, "Arc&hive", lambda: w.goals.archive_selected(True), None, None,
                               "Hide achieved goals from the default view without losing them")
    w.unarchive_action = _action(w, "U&narchive", lambda: w.goals.archive_selected(False))
    w.trash_action = _action(w, "&Trash…", w.goals.show_trash, None, "trash")
    w.find_action = _action(w, "&Find", w.focus_search, QKeySequence.StandardKey.Find)
    w.undo_view_action = _action(w, "Undo &History", w.show_undo_history, "Ctrl+Shift+H")
    w.show_archived_action = QAction("Show &Archived Goals", w, checkable=True)
    w.show_archived_action.toggled.connect(w.filters.set_show_archived)
    w.not_smart_action = QAction("Only Goals &Not Yet SMART", w, checkable=True)
    w.not_smart_action.toggled.connect(w.filters.set_not_smart_only)
    w.smart_action = _action(w, "S&MART Check…", w.goals.smart_check_selected, "Ctrl+K", "smart-check",
                             "Check the selected goal against the SMART criteria")
    w.about_action = _action(w, f"&About {APP_NAME}", w.show_about)
    w.list_tab_action = _action(w, "&List", lambda: w.selection.focus_tab(0), "Ctrl+1", "list")
    w.board_tab_action = _action(w, "&Board", lambda: w.selection.focus_tab(1), "Ctrl+2", "board")
    w.addActions([w.find_action])


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    w.file_menu = bar.addMenu("&File")
    w.file_menu.addAction(w.new_action)
    w.file_menu.addAction(w.template_action)
    w.file_menu.addSeparator()
    w.file_menu.addAction(w.open_action)
    w.file_menu.addSeparator()
    w.file_menu_extras = w.file_menu.addSeparator()
    w.file_menu.addAction(w.quit_action)
    w.edit_menu = bar.addMenu("&Edit")
    w.edit_menu.addAction(w.undo_action)
    w.edit_menu.addAction(w.redo_action)
    w.edit_menu.addSeparator()
    w.edit_menu.addAction(w.edit_action)
    w.edit_menu.addAction(w.smart_action)
    w.edit_menu.addAction(w.delete_action)
    w.edit_menu.addSeparator()
    for action in (w.achieved_action, w.abandon_action, w.reactivate_action,
                   w.archive_action, w.unarchive_action):
        w.edit_menu.addAction(action)
    w.edit_menu.addSeparator()
    w.edit_menu.addAction(w.trash_action)
    w.edit_menu.addAction(w.find_action)
    w.view_menu = bar.addMenu("&View")
    w.view_menu.addAction(w.list_tab_action)
    w.view_menu.addAction(w.board_tab_action)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.show_archived_action)
    w.view_menu.addAction(w.not_smart_action)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.details_dock.toggleViewAction())
    w.view_menu.addAction(w.undo_view_action)
    w.help_menu = bar.addMenu("&Help")
    w.help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> None:
    w.toolbar = QToolBar("Main")
    w.toolbar.setObjectName("mainToolbar")
    w.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    w.addToolBar(w.toolbar)
    w.toolbar.addAction(w.new_action)
    w.toolbar.addAction(w.smart_action)
    w.toolbar_extras = w.toolbar.addSeparator()
    spacer = QWidget()
    spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                         spacer.sizePolicy().verticalPolicy().Preferred)
    w.toolbar.addWidget(spacer)
    w.toolbar.addWidget(w.search)


def table_menu(w: MainWindow, pos: QPoint) -> None:
    menu = QMenu(w)
    menu.addAction(w.new_action)
    if w.table.indexAt(pos).isValid():
        menu.addAction(w.edit_action)
        menu.addAction(w.smart_action)
        menu.addSeparator()
        menu.addAction(w.achieved_action)
        menu.addAction(w.abandon_action)
        menu.addAction(w.reactivate_action)
        menu.addAction(w.archive_action)
        menu.addSeparator()
        menu.addAction(w.delete_action)
    menu.popup(w.table.viewport().mapToGlobal(pos))


def show_board_menu(w: MainWindow, view: QAbstractItemView, pos: QPoint) -> None:
    board_menu(w, view, pos).popup(view.viewport().mapToGlobal(pos))


def board_menu(w: MainWindow, view: QAbstractItemView, pos: QPoint) -> QMenu:
    """Right-click on a card: the same goal actions as the list, plus moving between columns."""
    menu = QMenu(w)
    menu.addAction(w.new_action)
    if view.indexAt(pos).isValid():
        menu.addAction(w.edit_action)
        menu.addAction(w.smart_action)
        checkin = getattr(w.progress_actions, "add_checkin_action", None)
        if checkin is not None:
            menu.addAction(checkin)
        move = getattr(w.board, "move_other_action", None)
        if move is not None:
            menu.addAction(move)
        menu.addSeparator()
        menu.addAction(w.achieved_action)
        menu.addAction(w.abandon_action)
        menu.addSeparator()
        menu.addAction(w.delete_action)
    return menu
