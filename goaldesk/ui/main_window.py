"""The main window: goal-type tree (left), List and Board tabs (centre), goal details (right dock)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from goaldesk import APP_NAME, SUMMARY, __version__
from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import Goal
from goaldesk.domain.templates import TEMPLATES
from goaldesk.ui import icons, roles
from goaldesk.ui.commands import CreateGoal, DeleteGoals, EditGoal, SetArchived, SetStatuses, run
from goaldesk.ui.context import AppContext
from goaldesk.ui.delegates import ProgressDelegate
from goaldesk.ui.filters import ALL_STATUSES, FilterState
from goaldesk.ui.goal_model import Column, GoalTableModel
from goaldesk.ui.goal_proxy import GoalFilterProxy

if TYPE_CHECKING:
    from goaldesk.ui.goal_editor import GoalEditor

STATUS_FILTERS: tuple[tuple[str, frozenset[GoalStatus]], ...] = (
    ("Active", frozenset({GoalStatus.ACTIVE})),
    ("Achieved", frozenset({GoalStatus.ACHIEVED})),
    ("Abandoned", frozenset({GoalStatus.ABANDONED})),
    ("All", ALL_STATUSES),
)


class GoalTable(QTableView):
    """The list view: Enter edits, Delete moves to the Trash, drags goal ids onto the type tree."""

    activatedGoal = Signal(int)
    deleteRequested = Signal()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedGoal.emit(int(self.currentIndex().data(roles.GoalIdRole)))
            return
        if event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    goalSelected = Signal(int)  # 0 when nothing is selected
    firstPainted = Signal()  # start-up work that can wait listens to this

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._painted = False
        self.setWindowTitle(f"{APP_NAME} — {ctx.db_path.name}")
        self.filters = FilterState(self)
        self.model = GoalTableModel(ctx, self)
        self.proxy = GoalFilterProxy(self.filters, self)
        self.proxy.setSourceModel(self.model)

        self._build_actions()
        self._build_central()
        self._build_docks()
        self._build_menus()
        self._build_toolbar()
        self._install_extras()
        self.statusBar().addPermanentWidget(QLabel(f"Database: {ctx.db_path}"))
        ctx.errors.connect(self.show_error)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.loadingChanged.connect(lambda _loading: self._update_count())
        self._update_empty_state()
        self.resize(1440, 860)
        self.restore_state()

    # ------------------------------------------------------------------ building

    def _action(self, text: str, slot, shortcut=None, icon: str | None = None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(icons.icon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New Goal…", self.new_goal, QKeySequence.StandardKey.New, "new-goal",
                                       "Write down a new goal")
        self.template_action = self._action("New Goal from &Template", lambda: None, None, None)
        template_menu = QMenu(self)
        for template in TEMPLATES:
            act = template_menu.addAction(template.title)
            act.triggered.connect(lambda _c=False, t=template: self.new_goal(template=t))
        self.template_action.setMenu(template_menu)
        self.template_menu = template_menu
        self.open_action = self._action("&Open Database…", self.open_database, QKeySequence.StandardKey.Open)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.edit_action = self._action("&Edit Goal…", self.edit_selected, None, None, "Edit the selected goal")
        self.delete_action = self._action("&Delete", self.delete_selected, None, "trash",
                                          "Move the selected goals to the Trash")
        self.achieved_action = self._action("Mark &Achieved", lambda: self.set_selected_status(GoalStatus.ACHIEVED),
                                            "Ctrl+Return")
        self.abandon_action = self._action("Mark A&bandoned", lambda: self.set_selected_status(GoalStatus.ABANDONED))
        self.reactivate_action = self._action("Mark A&ctive", lambda: self.set_selected_status(GoalStatus.ACTIVE))
        self.archive_action = self._action("Arc&hive", lambda: self.archive_selected(True), None, None,
                                           "Hide achieved goals from the default view without losing them")
        self.unarchive_action = self._action("U&narchive", lambda: self.archive_selected(False))
        self.trash_action = self._action("&Trash…", self.show_trash, None, "trash")
        self.find_action = self._action("&Find", self.focus_search, QKeySequence.StandardKey.Find)
        self.undo_view_action = self._action("Undo &History", self.show_undo_history, "Ctrl+Shift+H")
        self.show_archived_action = QAction("Show &Archived Goals", self, checkable=True)
        self.show_archived_action.toggled.connect(self.filters.set_show_archived)
        self.not_smart_action = QAction("Only Goals &Not Yet SMART", self, checkable=True)
        self.not_smart_action.toggled.connect(self.filters.set_not_smart_only)
        self.smart_action = self._action("S&MART Check…", self.smart_check_selected, "Ctrl+K", "smart-check",
                                         "Check the selected goal against the SMART criteria")
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)
        self.list_tab_action = self._action("&List", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1", "list")
        self.board_tab_action = self._action("&Board", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2", "board")
        self.addActions([self.find_action])

    def _build_central(self) -> None:
        self.table = GoalTable()
        self.table.setModel(self.proxy)
        # No sort until the user asks: the stored order, and no 10,000-row sort at start-up.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((Column.TYPE, 130), (Column.HORIZON, 85), (Column.DEADLINE, 175),
                           (Column.PROGRESS, 100), (Column.SMART, 60), (Column.STATUS, 80)):
            header.resizeSection(col, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.doubleClicked.connect(lambda index: self.edit_goal(int(index.data(roles.GoalIdRole))))
        self.table.activatedGoal.connect(self.edit_goal)
        self.table.deleteRequested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._on_list_selection)

        self.status_combo = QComboBox()
        for label, _statuses in STATUS_FILTERS:
            self.status_combo.addItem(label)
        self.status_combo.setToolTip("Show goals with this status")
        self.status_combo.currentIndexChanged.connect(lambda i: self.filters.set_statuses(STATUS_FILTERS[i][1]))
        self.count_label = QLabel()
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        bar = QHBoxLayout()
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status_combo)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(4, 4, 4, 4)
        list_layout.addLayout(bar)
        list_layout.addWidget(self.table)

        self.empty_page = QWidget()
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.addStretch(1)
        hello = QLabel(
            "<h2>Create your first goal</h2><p>Write down something you want to achieve, at work or in life."
            "<br>GoalDesk helps you make it Specific, Measurable, Achievable, Relevant and Time-bound,"
            "<br>and track your progress toward it.</p>"
        )
        hello.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hello.setTextFormat(Qt.TextFormat.RichText)
        empty_layout.addWidget(hello)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.first_goal_button = QPushButton("New Goal…")
        self.first_goal_button.clicked.connect(lambda: self.new_goal())
        template_button = QPushButton("From a Template")
        template_button.setMenu(self.template_menu)
        buttons.addWidget(self.first_goal_button)
        buttons.addWidget(template_button)
        buttons.addStretch(1)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty_page)
        self.list_stack.addWidget(list_page)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.list_stack, "List")
        self.board: QWidget = QLabel("Loading the board…")
        self.tabs.addTab(self.board, "Board")
        self.tabs.currentChanged.connect(self._ensure_board)

        self.category_panel = self._make_category_panel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.category_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([210, 900])
        self.splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.splitter)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search goals (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(280)
        self.search.textChanged.connect(self.filters.set_text)

    def _ensure_board(self, index: int) -> None:
        """Build the board the first time its tab is shown (it is not needed for the first paint)."""
        if index != 1 or not isinstance(self.board, QLabel):
            return
        board = self._make_board()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, board, "Board")
        self.tabs.setCurrentIndex(1)
        self.tabs.blockSignals(False)
        self.board.deleteLater()
        self.board = board

    def _make_board(self) -> QWidget:
        from goaldesk.ui.board_view import BoardView

        board = BoardView(self.ctx, self.filters, self)
        board.editRequested.connect(self.edit_goal)
        if hasattr(board, "newGoalRequested"):
            board.newGoalRequested.connect(lambda title, horizon: self.new_goal(title=title, horizon=horizon))
        if hasattr(board, "selectionChangedTo"):
            board.selectionChangedTo.connect(self._select_goal)
        for view in [*getattr(board, "views", {}).values(), getattr(board, "achieved_view", None)]:
            if view is not None:
                view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                view.customContextMenuRequested.connect(lambda pos, v=view: self._board_menu(v, pos))
        return board

    def _board_menu(self, view, pos) -> None:  # type: ignore[no-untyped-def]
        self.board_menu(view, pos).popup(view.viewport().mapToGlobal(pos))

    def board_menu(self, view, pos) -> QMenu:  # type: ignore[no-untyped-def]
        """Right-click on a card: the same goal actions as the list, plus moving between columns."""
        menu = QMenu(self)
        menu.addAction(self.new_action)
        if view.indexAt(pos).isValid():
            menu.addAction(self.edit_action)
            menu.addAction(self.smart_action)
            checkin = getattr(self.progress_actions, "add_checkin_action", None)
            if checkin is not None:
                menu.addAction(checkin)
            move = getattr(self.board, "move_other_action", None)
            if move is not None:
                menu.addAction(move)
            menu.addSeparator()
            menu.addAction(self.achieved_action)
            menu.addAction(self.abandon_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        return menu

    def _make_category_panel(self) -> QWidget:
        from goaldesk.ui.category_view import CategoryPanel

        return CategoryPanel(self.ctx, self.filters, self)

    def _build_docks(self) -> None:
        self._details: QWidget | None = None
        self.details_dock = QDockWidget("Goal Details", self)
        self.details_dock.setObjectName("detailsDock")
        placeholder = QLabel("Select a goal to see its details.")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.details_dock.setWidget(placeholder)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.undo_view = QUndoView(self.ctx.undo_stack)
        self.undo_view.setEmptyLabel("<original state>")
        self.undo_dock = QDockWidget("Undo History", self)
        self.undo_dock.setObjectName("undoDock")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()

    @property
    def details(self) -> QWidget:
        """The goal details panel, built on first use (it is not needed for the first paint)."""
        if self._details is None:
            self._details = self._make_details()
            old = self.details_dock.widget()
            self.details_dock.setWidget(self._details)
            if old is not None:
                old.deleteLater()
            goal = self.current_goal()
            if goal is not None and hasattr(self._details, "show_goal"):
                self._details.show_goal(goal.id)
        return self._details

    def _make_details(self) -> QWidget:
        from goaldesk.ui.details import GoalDetails

        details = GoalDetails(self.ctx, self)
        self.goalSelected.connect(details.show_goal)
        return details

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.template_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.file_menu_extras = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.edit_action)
        self.edit_menu.addAction(self.smart_action)
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addSeparator()
        for action in (self.achieved_action, self.abandon_action, self.reactivate_action,
                       self.archive_action, self.unarchive_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.trash_action)
        self.edit_menu.addAction(self.find_action)
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.list_tab_action)
        self.view_menu.addAction(self.board_tab_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_archived_action)
        self.view_menu.addAction(self.not_smart_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.details_dock.toggleViewAction())
        self.view_menu.addAction(self.undo_view_action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.new_action)
        self.toolbar.addAction(self.smart_action)
        self.toolbar_extras = self.toolbar.addSeparator()
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.search)

    def _install_extras(self) -> None:
        """Feature modules add their own actions to the menus and toolbar."""
        from goaldesk.ui.data_actions import DataActions

        self.data_actions = DataActions(self)
        self.data_actions.install()
        from goaldesk.ui.reflection_actions import ReflectionActions

        self.reflection_actions = ReflectionActions(self)
        self.reflection_actions.install()
        from goaldesk.ui.progress_actions import ProgressActions

        self.progress_actions = ProgressActions(self)
        self.progress_actions.install()

    # ------------------------------------------------------------------ state

    def restore_state(self) -> None:
        s = self.ctx.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:  # first start: a narrow details dock leaves room for the list
            QTimer.singleShot(0, lambda: self.resizeDocks([self.details_dock], [330], Qt.Orientation.Horizontal))
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = s.value("list/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
        tab = s.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(str(tab)))
        except (TypeError, ValueError):
            pass

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("list/header", self.table.horizontalHeader().saveState())
        s.setValue("window/tab", self.tabs.currentIndex())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if os.environ.get("GOALDESK_EXIT_AFTER_PAINT"):  # start-up benchmark: stop at the first paint
                QTimer.singleShot(0, QApplication.quit)
                return
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Work the first paint need not wait for: the rest of a big list, SMART scores, details."""
        self.model.start_background_load()
        self.model.enable_scores()
        self.details  # noqa: B018 - builds the panel
        self.firstPainted.emit()

    def _update_empty_state(self) -> None:
        self.list_stack.setCurrentIndex(0 if self.model.rowCount() == 0 else 1)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{shown} of {total} goals" if shown != total else f"{total} goals"
        if self.model.loading:
            text = f"Loading goals… {total:,} so far"
        self.count_label.setText(text)

    # ------------------------------------------------------------------ selection

    def selected_goals(self) -> list[Goal]:
        if self.tabs.currentIndex() == 1 and hasattr(self.board, "selected_goal_ids"):
            return [g for g in (self.ctx.goals.find_goal(i) for i in self.board.selected_goal_ids()) if g]
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(roles.GoalRole) for r in rows]

    def current_goal(self) -> Goal | None:
        goals = self.selected_goals()
        return goals[0] if goals else None

    def _on_list_selection(self) -> None:
        goal = self.current_goal()
        self._select_goal(goal.id if goal else 0)

    def _select_goal(self, goal_id: int) -> None:
        self.goalSelected.emit(goal_id)

    def reveal_goal(self, goal_id: int) -> None:
        """Show a goal wherever it is: clear filters that hide it, switch to the list, select it."""
        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None or goal.is_deleted:
            return
        self.search.clear()
        self.filters_show(goal)
        if goal.archived:
            self.show_archived_action.setChecked(True)
        if self.filters.category_ids is not None and goal.category_id not in self.filters.category_ids:
            panel = self.category_panel
            if hasattr(panel, "select_category"):
                panel.select_category(0)
            else:
                self.filters.set_categories(None)
        self.model.load_all()
        self.tabs.setCurrentIndex(0)
        self.select_goal(goal_id)

    def select_goal(self, goal_id: int) -> None:
        row = self.model.row_of(goal_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    # ------------------------------------------------------------------ actions

    def _table_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        menu.addAction(self.new_action)
        if self.table.indexAt(pos).isValid():
            menu.addAction(self.edit_action)
            menu.addAction(self.smart_action)
            menu.addSeparator()
            menu.addAction(self.achieved_action)
            menu.addAction(self.abandon_action)
            menu.addAction(self.reactivate_action)
            menu.addAction(self.archive_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def make_editor(self, goal: Goal | None = None, **kwargs) -> GoalEditor:  # type: ignore[no-untyped-def]
        from goaldesk.ui.goal_editor import GoalEditor  # the editor is not needed for the first paint

        categories = self.ctx.categories.categories()
        if goal is None and "category_id" not in kwargs and self.filters.category_ids:
            leafs = [c.id for c in categories if c.id in self.filters.category_ids]
            if leafs:
                kwargs["category_id"] = leafs[0]
        editor = GoalEditor(categories, self.ctx.today(), goal=goal, parent=self, **kwargs)
        editor.smartRequested.connect(lambda: self.smart_from_editor(editor))
        return editor

    def smart_from_editor(self, editor: GoalEditor) -> None:
        """The SMART dialog on the editor's live fields; its choices are saved with the editor's OK."""
        from goaldesk.ui.smart_dialog import SmartDialog

        dialog = SmartDialog.for_editor(self.ctx, editor, parent=editor)
        if editor.pending_overrides is not None:
            dialog._overrides = set(editor.pending_overrides)
            dialog.refresh()
        dialog.titleChosen.connect(editor.set_title)
        if dialog.exec() == SmartDialog.DialogCode.Accepted:
            editor.pending_overrides = dialog.chosen_overrides()
        dialog.deleteLater()

    def smart_check(self, goal_id: int) -> bool:
        """Open the SMART dialog for a stored goal; OK saves overrides and title as one undo step."""
        from goaldesk.ui.smart_dialog import SmartDialog

        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return False
        dialog = SmartDialog(self.ctx, goal=goal, parent=self)
        accepted = dialog.exec() == SmartDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def smart_check_selected(self) -> None:
        goal = self.current_goal()
        if goal is None:
            self.statusBar().showMessage("Select a goal to check it against SMART.", 4000)
            return
        self.smart_check(goal.id)


    def new_goal(self, **kwargs) -> bool:  # type: ignore[no-untyped-def]
        editor = self.make_editor(None, **kwargs)
        if editor.exec() != editor.DialogCode.Accepted:
            return False
        return self.create_from_editor(editor)

    def create_from_editor(self, editor: GoalEditor) -> bool:
        draft = editor.draft()
        if draft is None:
            return False
        command = CreateGoal(self.ctx, draft, overrides=editor.pending_overrides)
        if not run(self.ctx, command):
            return False
        if command.goal is not None:
            self.filters_show(command.goal)
            self.select_goal(command.goal.id)
        return True

    def filters_show(self, goal: Goal) -> None:
        """Make sure a goal just created is visible (status filter, search)."""
        if goal.status not in self.filters.statuses:
            self.status_combo.setCurrentIndex(len(STATUS_FILTERS) - 1)

    def edit_goal(self, goal_id: int) -> bool:
        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return False
        editor = self.make_editor(goal)
        if editor.exec() != editor.DialogCode.Accepted:
            return False
        return self.save_from_editor(editor, goal)

    def save_from_editor(self, editor: GoalEditor, goal: Goal, reason: str | None = None) -> bool:
        """Save the editor as one undoable edit; a changed target or deadline asks why (optional)."""
        draft = editor.draft()
        if draft is None:
            return False
        if reason is None:
            from goaldesk.ui.history_view import ask_reason, needs_reason

            reason = ask_reason(self, goal, draft) if needs_reason(goal, draft) else ""
            if reason is None:  # cancelled: nothing is saved
                return False
        return run(self.ctx, EditGoal(self.ctx, goal, draft, reason=reason, overrides=editor.pending_overrides))

    def edit_selected(self) -> None:
        goal = self.current_goal()
        if goal is not None:
            self.edit_goal(goal.id)

    def delete_selected(self) -> bool:
        goals = self.selected_goals()
        if not goals:
            return False
        ok = run(self.ctx, DeleteGoals(self.ctx, goals))
        if ok:
            undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
            self.statusBar().showMessage(f"Moved {len(goals)} goal(s) to the Trash. Undo with {undo_keys}.", 5000)
        return ok

    def set_selected_status(self, status: GoalStatus) -> None:
        goals = [g for g in self.selected_goals() if g.status is not status]
        if goals:
            run(self.ctx, SetStatuses(self.ctx, goals, status))

    def archive_selected(self, archived: bool) -> None:
        goals = [g for g in self.selected_goals() if g.archived != archived]
        if goals:
            run(self.ctx, SetArchived(self.ctx, goals, archived))

    def show_trash(self) -> None:
        from goaldesk.ui.trash import TrashDialog

        dialog = TrashDialog(self.ctx, self)
        dialog.exec()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_undo_history(self) -> None:
        self.undo_dock.show()
        self.undo_dock.raise_()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>{SUMMARY}.</p>"
            f"<p>Your data: <code>{self.ctx.db_path}</code></p>",
        )

    def open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, "Open or Create a GoalDesk Database", str(self.ctx.db_path.parent),
            "GoalDesk databases (*.sqlite3 *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            from goaldesk.ui.app import open_window

            if open_window(path, parent_window=self) is not None:
                self.close()

    def show_error(self, message: str) -> None:
        """One-sentence refusals from the services; plain text, since they may quote the user's words."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

