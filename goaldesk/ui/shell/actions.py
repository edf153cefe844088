"""The main window's own actions, menus, toolbar and context menus (features add theirs with ``install()``)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMenu, QMessageBox, QToolBar, QWidget

from goaldesk import APP_NAME, SUMMARY, __version__
from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.templates import TEMPLATES
from goaldesk.ui.common import icons

if TYPE_CHECKING:
    from goaldesk.ui.shell.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _action(
    w: MainWindow, text: str, slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, icon: str | None = None, tip: str = "",
) -> QAction:
    action = QAction(_tr(text), w)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon:
        action.setIcon(icons.icon(icon))
    if tip:
        action.setStatusTip(_tr(tip))
        action.setToolTip(_tr(tip))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def show_about(w: MainWindow) -> QMessageBox:
    """Help > About, window-modal and not blocking (QMessageBox.about would run its own loop in the slot)."""
    box = QMessageBox(QMessageBox.Icon.Information, _tr("About {0}").format(APP_NAME),
                      _tr("<h3>{0} {1}</h3><p>{2}.</p><p>Your data: <code>{3}</code></p>").format(
                          APP_NAME, __version__, SUMMARY, html.escape(w.ctx.location)),
                      QMessageBox.StandardButton.Ok, w)
    icon = box.windowIcon()  # the application's icon, as QMessageBox.about shows it
    box.setIconPixmap(icon.pixmap(icon.actualSize(QSize(64, 64))))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def choose_database(w: MainWindow) -> QFileDialog:
    """File > Open Database…: the file dialog, window-modal and not blocking; the pick opens in a new window."""
    dialog = QFileDialog(w, _tr("Open or Create a GoalDesk Database"), str(w.open_folder()),
                         _tr("GoalDesk databases (*.sqlite3 *.db);;All files (*)"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)

    def picked(path: str) -> None:
        if path and w.open_window is not None and w.open_window(path, parent_window=w) is not None:
            w.close()

    dialog.fileSelected.connect(picked)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def build_actions(w: MainWindow) -> None:
    """The window's own actions. Every dialog they open is window-modal through ``open()``, never ``exec()``:
    an action's slot returns at once, so assistive tech's "press" on it is answered (issue 20)."""
    w.new_action = _action(w, "&New Goal…", w.goals.new_goal, QKeySequence.StandardKey.New, "new-goal",
                           "Write down a new goal")
    w.template_action = _action(w, "New Goal from &Template", lambda: None, None, None)
    template_menu = QMenu(w)
    for template in TEMPLATES:
        act = template_menu.addAction("&" + template.title.replace("&", "&&"))  # first letter: the mnemonic
        act.triggered.connect(lambda _c=False, t=template: w.goals.new_goal(template=t))
    w.template_action.setMenu(template_menu)
    w.template_menu = template_menu
    w.open_action = _action(w, "&Open Database…", lambda: choose_database(w), QKeySequence.StandardKey.Open)
    w.quit_action = _action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    w.undo_action = w.ctx.undo_stack.createUndoAction(w, _tr("&Undo"))
    w.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    w.redo_action = w.ctx.undo_stack.createRedoAction(w, _tr("&Redo"))
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
    w.show_archived_action = QAction(_tr("Show &Archived Goals"), w, checkable=True)
    w.show_archived_action.toggled.connect(w.filters.set_show_archived)
    w.not_smart_action = QAction(_tr("Only Goals &Not Yet SMART"), w, checkable=True)
    w.not_smart_action.toggled.connect(w.filters.set_not_smart_only)
    w.smart_action = _action(w, "S&MART Check…", w.goals.smart_check_selected, "Ctrl+K", "smart-check",
                             "Check the selected goal against the SMART criteria")
    w.about_action = _action(w, "&About", lambda: show_about(w))
    w.about_action.setText(_tr("&About {0}").format(APP_NAME))
    w.list_tab_action = _action(w, "&List", lambda: w.selection.focus_tab(0), "Ctrl+1", "list")
    w.board_tab_action = _action(w, "&Board", lambda: w.selection.focus_tab(1), "Ctrl+2", "board")
    w.addActions([w.find_action])


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    bar.setAccessibleName(_tr("Menu bar"))
    w.file_menu = bar.addMenu(_tr("&File"))
    w.file_menu.addAction(w.new_action)
    w.file_menu.addAction(w.template_action)
    w.file_menu.addSeparator()
    w.file_menu.addAction(w.open_action)
    w.file_menu.addSeparator()
    w.file_menu_extras = w.file_menu.addSeparator()
    w.file_menu.addAction(w.quit_action)
    w.edit_menu = bar.addMenu(_tr("&Edit"))
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
    w.view_menu = bar.addMenu(_tr("&View"))
    w.view_menu.addAction(w.list_tab_action)
    w.view_menu.addAction(w.board_tab_action)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.show_archived_action)
    w.view_menu.addAction(w.not_smart_action)
    w.view_menu.addSeparator()
    details = w.details_dock.toggleViewAction()
    details.setText(_tr("Goal &Details"))  # the dock's title, with a mnemonic for the menu
    w.view_menu.addAction(details)
    w.view_menu.addAction(w.undo_view_action)
    w.help_menu = bar.addMenu(_tr("&Help"))
    w.help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> None:
    w.toolbar = QToolBar(_tr("Main"))
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
