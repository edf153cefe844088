"""The main window: goal-type tree (left), List and Board tabs (centre), goal details (right dock)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from goaldesk import APP_NAME
from goaldesk.domain.model import Goal
from goaldesk.ui.common import roles
from goaldesk.ui.common.delegates import ProgressDelegate
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.goals.goal_actions import GoalActions
from goaldesk.ui.goals.goal_model import Column, GoalTableModel
from goaldesk.ui.goals.goal_proxy import GoalFilterProxy
from goaldesk.ui.goals.table_view import STATUS_FILTERS, GoalTable
from goaldesk.ui.shell import accessibility, actions
from goaldesk.ui.shell.connection import ServerBanner, ServerConnection
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.hooks import WindowHooks, WindowOpener
from goaldesk.ui.shell.panes import PaneNavigator
from goaldesk.ui.shell.selection import GoalSelection
from goaldesk.ui.shell.window_fit import ColumnFitter, ElidedLabel, ToolbarFitter, open_size, restore_geometry

# The list's columns besides the title, most useful first: a narrow list hides them from the end.
COLUMN_PRIORITY = (Column.PROGRESS, Column.DEADLINE, Column.TYPE, Column.SMART, Column.STATUS, Column.HORIZON)
# Their widths at most (the content decides below that), before the user resizes them.
DEFAULT_WIDTHS: dict[int, int] = {Column.TYPE: 130, Column.HORIZON: 85, Column.DEADLINE: 175, Column.PROGRESS: 100,
                  Column.SMART: 60, Column.STATUS: 80}


class MainWindow(WindowHooks):
    """Composes the features: builds their views and action groups and hands them ``WindowHooks`` (itself)."""

    # Built by shell.actions.build_actions (menus and toolbar: build_menus, build_toolbar).
    new_action: QAction
    template_action: QAction
    template_menu: QMenu
    open_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    edit_action: QAction
    delete_action: QAction
    achieved_action: QAction
    abandon_action: QAction
    reactivate_action: QAction
    archive_action: QAction
    unarchive_action: QAction
    trash_action: QAction
    find_action: QAction
    undo_view_action: QAction
    show_archived_action: QAction
    not_smart_action: QAction
    smart_action: QAction
    about_action: QAction
    list_tab_action: QAction
    board_tab_action: QAction
    help_menu: QMenu

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, open_window: WindowOpener | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_window = open_window
        self._painted = False
        self.connection: ServerConnection | None = None  # a server's live updates and reconnecting
        self.setWindowTitle(f"{APP_NAME} — {ctx.location if ctx.is_server else ctx.db_path.name}")
        self.filters = FilterState(self)
        self.model = GoalTableModel(ctx, self)
        self.proxy = GoalFilterProxy(self.filters, self)
        self.proxy.setSourceModel(self.model)
        self.goals = GoalActions(self)

        actions.build_actions(self)
        self._build_central()
        self.selection = GoalSelection(self)
        self.panes = PaneNavigator(self)
        self._build_docks()
        actions.build_menus(self)
        actions.build_toolbar(self)
        self._install_extras()
        self.toolbar_fitter = ToolbarFitter(self, self.toolbar)
        where = self.tr("Server: %1") if ctx.is_server else self.tr("Database: %1")
        self.db_label = ElidedLabel(where.replace("%1", ctx.location))  # never a password
        # A normal (not permanent) widget: it steps aside while a message such as "Printed to …" shows.
        self.statusBar().addWidget(self.db_label, 1)
        ctx.errors.connect(self.show_error)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.loadingChanged.connect(lambda _loading: self._update_count())
        self._update_empty_state()
        accessibility.install(self)  # names the search box, its clear button, the list, the undo list; says counts
        open_size(self, QSize(1440, 860))
        self.restore_state()

    # ------------------------------------------------------------------ building

    def _build_central(self) -> None:
        self.table = GoalTable()
        self.table.setObjectName("goalTable")
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move within it
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
        for col, width in DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        self.column_fitter = ColumnFitter(self.table, Column.TITLE, list(COLUMN_PRIORITY))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(lambda pos: actions.table_menu(self, pos))
        self.table.doubleClicked.connect(lambda index: self.goals.edit_goal(int(index.data(roles.GoalIdRole))))
        self.table.activatedGoal.connect(self.goals.edit_goal)
        self.table.deleteRequested.connect(self.goals.delete_selected)

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
            " GoalDesk helps you make it Specific, Measurable, Achievable, Relevant and Time-bound,"
            " and track your progress toward it.</p>"
        )
        hello.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hello.setTextFormat(Qt.TextFormat.RichText)
        hello.setWordWrap(True)  # a narrow window wraps the text instead of growing
        hello.setMaximumWidth(640)
        empty_layout.addWidget(hello, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.first_goal_button = QPushButton("New Goal…")
        self.first_goal_button.clicked.connect(lambda: self.goals.new_goal())
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
        self.banner = ServerBanner()  # shown only while a server is away (shell/connection.py)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

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
        self.selection.board_built()

    def _make_board(self) -> QWidget:
        from goaldesk.ui.board.board_view import BoardView

        board = BoardView(self.ctx, self.filters, self)
        board.editRequested.connect(self.goals.edit_goal)
        board.newGoalRequested.connect(lambda title, horizon: self.goals.new_goal(title=title, horizon=horizon))
        board.selectionChangedTo.connect(self.selection.from_board)
        for view in [*board.views.values(), board.achieved_view]:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: actions.show_board_menu(self, v, pos))
        return board

    def _make_category_panel(self) -> QWidget:
        from goaldesk.ui.categories.category_view import CategoryPanel

        panel = CategoryPanel(self.ctx, self.filters, self)
        # A narrow tree shortens its names ("Hobbies & Lea…") instead of scrolling sideways.
        panel.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        panel.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return panel

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
        self.undo_view.setEmptyLabel(self.tr("Opened"))
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
        from goaldesk.ui.progress.details import GoalDetails

        details = GoalDetails(self.ctx, self)
        self.goalSelected.connect(details.show_goal)
        return details

    def _install_extras(self) -> None:
        """Feature modules add their own actions to the menus and toolbar."""
        from goaldesk.ui.data.data_actions import DataActions

        self.data_actions = DataActions(self)
        self.data_actions.install()
        from goaldesk.ui.reflection.reflection_actions import ReflectionActions

        self.reflection_actions = ReflectionActions(self)
        self.reflection_actions.install()
        from goaldesk.ui.progress.progress_actions import ProgressActions

        self.progress_actions = ProgressActions(self)
        self.progress_actions.install()
        from goaldesk.ui.shell.server_window import install_server_parts

        # Connect to Server…, sharing, what only a file has, and (on a server) live updates and reconnecting.
        self.server_actions, self.sharing_actions, self.connection = install_server_parts(self)

    # ------------------------------------------------------------------ state

    def restore_state(self) -> None:
        s = self.ctx.settings
        restore_geometry(self, s.value("window/geometry"))
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:  # first start: a narrow details dock leaves room for the list
            # With the window as context: a window closed before the next pass must not be touched.
            QTimer.singleShot(0, self, lambda: self.resizeDocks([self.details_dock], [330], Qt.Orientation.Horizontal))
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = s.value("list/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            self.column_fitter.remember_widths()
        else:
            self.column_fitter.size_to_contents(DEFAULT_WIDTHS)
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
        if self.connection is not None:
            self.connection.stop()
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if os.environ.get("GOALDESK_EXIT_AFTER_PAINT"):  # start-up benchmark: stop at the first paint
                QTimer.singleShot(0, QApplication.quit)
                return
            QTimer.singleShot(0, self, self._after_first_paint)  # not after the window is gone

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
        """The goals picked in the list or on the board (one selection for both), current first."""
        return self.selection.goals()

    def current_goal(self) -> Goal | None:
        """The goal every goal action acts on: the one the details panel shows."""
        return self.selection.current()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab move between panes (tree, search, list or board, side panel)."""
        return self.panes.move(next) or super().focusNextPrevChild(next)

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
        """Make one goal the current goal, in the list and on the board."""
        if self.model.row_of(goal_id) is None and self.ctx.goals.find_goal(goal_id) is None:
            return
        self.selection.select([goal_id])

    # ------------------------------------------------------------------ actions

    def filters_show(self, goal: Goal) -> None:
        """Make sure a goal just created is visible (status filter, search)."""
        if goal.status not in self.filters.statuses:
            self.status_combo.setCurrentIndex(len(STATUS_FILTERS) - 1)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_undo_history(self) -> None:
        self.undo_dock.show()
        self.undo_dock.raise_()

    def open_folder(self) -> object:
        """Where File > Open Database… starts: beside this database, or the data folder on a server."""
        from goaldesk.store.db import data_folder

        return data_folder() if self.ctx.is_server else self.ctx.db_path.parent

    def show_error(self, message: str) -> None:
        """One-sentence refusals from the services; plain text, since they may quote the user's words.

        On a server that has gone away, the driver's words give way to one sentence about the server.
        """
        driver_words = message.startswith("The change could not be saved:")  # store.base._friendly's fallback
        if driver_words and self.connection is not None and not self.connection.check_now():
            message = self.connection.refusal()
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()  # window-modal without a loop of its own: the action that failed returns at once

