"""BoardView: the Short-term | Long-term board of goal cards (plus a collapsible "Recently achieved").

Cards move by drag and drop or by keyboard (Ctrl+Shift+arrows, Ctrl+M); every move is one undoable
MoveGoals command run by the column models, and the board shows what the database holds after commit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.enums import Horizon
from goaldesk.store.base import Change
from goaldesk.ui.board.board_model import AchievedColumnModel, BoardColumnModel
from goaldesk.ui.board.card_delegate import CardDelegate
from goaldesk.ui.board.commands import MoveGoals
from goaldesk.ui.common import roles
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.announce import announce
from goaldesk.ui.common.drag import paint_drop_target, start_compact_drag
from goaldesk.ui.common.elided import ElidedLabel
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.focus import paint_focus_ring
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.shell.context import AppContext

SHOW_ACHIEVED_KEY = "board/show_achieved"


class CardList(QListView):
    """One column of cards: drag-and-drop list that says what to do when empty; Enter opens the editor."""

    editRequested = Signal(int)

    def __init__(self, empty_text: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(True)  # every card has the same height: layout stays fast at 10,000 goals
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # The card gap is painted by the delegate: with view spacing, a drop in a gap would land on the
        # bare viewport and Qt would append the card at the end of the column instead of between cards.
        self.setSpacing(0)
        self.drop_line_y: int | None = None
        """While a drag is over this column: where the insertion line is (viewport y), else None."""
        self.drop_target = False
        self.doubleClicked.connect(self._edit)

    def enable_moves(self) -> None:
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)

    def _edit(self, index: QModelIndex) -> None:
        goal_id = index.data(roles.GoalIdRole)
        if isinstance(goal_id, int):
            self.editRequested.emit(goal_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._edit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- drag feedback

    def startDrag(self, supported: Qt.DropAction) -> None:
        """A small label below-right of the pointer instead of a picture of the whole card."""
        start_compact_drag(self, supported)

    def _insertion_y(self, event: QDragMoveEvent) -> int | None:
        """Where the dragged cards would land, as a viewport y: between cards, or after the last one."""
        model = self.model()
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        where = self.dropIndicatorPosition()
        position = QAbstractItemView.DropIndicatorPosition
        if index.isValid() and where != position.OnViewport:
            rect = self.visualRect(index)
            below = where == position.BelowItem
            return rect.bottom() + 1 if below else rect.top()
        rows = model.rowCount() if model is not None else 0
        return self.visualRect(model.index(rows - 1, 0)).bottom() + 1 if rows and model is not None else 0

    def _set_drop_target(self, on: bool, line_y: int | None = None) -> None:
        if (on, line_y) != (self.drop_target, self.drop_line_y):
            self.drop_target, self.drop_line_y = on, (line_y if on else None)
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        super().dragEnterEvent(event)
        self._set_drop_target(event.isAccepted(), self._insertion_y(event) if event.isAccepted() else None)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        self._set_drop_target(event.isAccepted(), self._insertion_y(event) if event.isAccepted() else None)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._set_drop_target(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(False)
        super().dropEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        current = self.currentIndex()
        if self.hasFocus() and current.isValid():
            # A ring in the gap around the current card, apart from the card's own selection border.
            painter = QPainter(self.viewport())
            paint_focus_ring(painter, self.visualRect(current), self.palette(), selected=False, radius=5.0)
            painter.end()
        if self.drop_target:
            painter = QPainter(self.viewport())
            paint_drop_target(self.viewport(), painter, self.drop_line_y)
            painter.end()
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            margin = self.fontMetrics().height()
            painter.drawText(
                self.viewport().rect().adjusted(margin, margin, -margin, -margin),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self._empty_text(),
            )
            painter.end()


class BoardView(QWidget):
    """The board. Signals: ``editRequested(goal_id)``, ``newGoalRequested(title, horizon)``,
    ``selectionChangedTo(goal_id or 0)``. Actions (for menus): ``move_other_action`` (Ctrl+M),
    ``move_right_action``/``move_left_action`` (Ctrl+Shift+Right/Left), ``move_up_action``/
    ``move_down_action`` (Ctrl+Shift+Up/Down)."""

    editRequested = Signal(int)
    newGoalRequested = Signal(str, object)
    selectionChangedTo = Signal(int)

    def __init__(self, ctx: AppContext, filters: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filters = filters
        self.delegate = CardDelegate(ctx, self)
        self.models: dict[Horizon, BoardColumnModel] = {}
        self.views: dict[Horizon, CardList] = {}
        self.headers: dict[Horizon, ElidedLabel] = {}
        self._syncing = False

        layout = QHBoxLayout(self)
        for horizon in (Horizon.SHORT, Horizon.LONG):
            model = BoardColumnModel(ctx, filters, horizon, self)
            view = self._make_view(model, lambda h=horizon: self._empty_text(h))  # type: ignore[misc]
            view.enable_moves()
            view.setAccessibleName(self.tr("%1 goals").replace("%1", horizon.label))
            view.setAccessibleDescription(self.tr(
                "Goal cards. Ctrl+M moves the selected cards to the other column, Ctrl+Shift+arrows move them"))
            header = ElidedLabel(parent=self, mode=Qt.TextElideMode.ElideRight)
            header.setBuddy(view)
            self.models[horizon] = model
            self.views[horizon] = view
            self.headers[horizon] = header
            model.goalsMoved.connect(lambda ids, h=horizon: self._select_in(h, ids))
            model.moved.connect(lambda text, v=view: announce(v, text))
            model.newGoalRequested.connect(self.newGoalRequested)
            layout.addLayout(self._column(header, view), 1)

        self.achieved_model = AchievedColumnModel(ctx, filters, self)
        self.achieved_view = self._make_view(
            self.achieved_model, lambda: "Goals you achieve show up here for 30 days. Celebrate them!"
        )
        self.achieved_view.setAccessibleName(self.tr("Recently achieved goals"))
        self.achieved_view.setAccessibleDescription(self.tr("Goals achieved in the last 30 days"))
        self.achieved_header = ElidedLabel(parent=self, mode=Qt.TextElideMode.ElideRight)
        self.achieved_header.setBuddy(self.achieved_view)
        # Collapsed, only an arrow (the board must fit 800 logical pixels beside the details); the name,
        # tooltip and checked state say what it does.
        self.achieved_toggle = QToolButton(self)
        self.achieved_toggle.setCheckable(True)
        self.achieved_toggle.setText(self.tr("Recently achieved"))
        self.achieved_toggle.setAccessibleName(self.tr("Recently achieved"))
        self.achieved_column = QWidget(self)
        inner = self._column(self.achieved_header, self.achieved_view)
        inner.setContentsMargins(0, 0, 0, 0)
        self.achieved_column.setLayout(inner)
        side = QVBoxLayout()
        side.addWidget(self.achieved_toggle, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.achieved_column, 1)
        layout.addLayout(side, 0)
        self.achieved_toggle.toggled.connect(self.set_achieved_visible)
        shown = bool(ctx.settings.value(SHOW_ACHIEVED_KEY, False, type=bool))
        self.achieved_toggle.setChecked(shown)
        self.set_achieved_visible(shown)

        for model in (*self.models.values(), self.achieved_model):
            for sig in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                sig.connect(self._update_headers)
        ctx.notifier.changed.connect(self._on_changed)
        self._undo_index = ctx.undo_stack.index()
        ctx.undo_stack.indexChanged.connect(self._on_undo_index)
        self._update_headers()
        self._make_actions()
        for view in self._all_views():
            name_scroll_bars(view)

    # ---------------------------------------------------------------- building

    def _make_view(self, model: BoardColumnModel, empty_text: Callable[[], str]) -> CardList:
        view = CardList(empty_text, self)
        view.setModel(model)
        view.setItemDelegate(self.delegate)
        view.editRequested.connect(self.editRequested)
        view.selectionModel().selectionChanged.connect(
            lambda _sel, _desel, v=view: self._on_selection(v)
        )
        return view

    @staticmethod
    def _column(header: QLabel, view: QListView) -> QVBoxLayout:
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        box = QVBoxLayout()
        box.addWidget(header)
        box.addWidget(view, 1)
        return box

    def _make_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        mod = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        self.move_other_action = action(
            "Move to the Other Column", [QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M)], self.move_selection_across
        )
        self.move_right_action = action(
            "Move to Long-term", [QKeySequence(mod | Qt.Key.Key_Right)], lambda: self.move_selection_to(Horizon.LONG)
        )
        self.move_left_action = action(
            "Move to Short-term", [QKeySequence(mod | Qt.Key.Key_Left)], lambda: self.move_selection_to(Horizon.SHORT)
        )
        self.move_up_action = action(
            "Move Card Up", [QKeySequence(mod | Qt.Key.Key_Up)], lambda: self.move_selection_by(-1)
        )
        self.move_down_action = action(
            "Move Card Down", [QKeySequence(mod | Qt.Key.Key_Down)], lambda: self.move_selection_by(1)
        )

    # ---------------------------------------------------------------- display

    def _empty_text(self, horizon: Horizon) -> str:
        f = self.filters
        if f.text or f.category_ids is not None or f.not_smart_only:
            return f"No {horizon.label.lower()} goals match the filters. Clear the search or pick “All goals”."
        return f"No {horizon.label.lower()} goals yet. Create one with New Goal, or drag a card here."

    def _update_headers(self) -> None:
        for horizon, header in self.headers.items():
            header.set_text(f"{horizon.label} ({self.models[horizon].rowCount()})")
        self.achieved_header.set_text(f"{self.tr('Recently achieved')} ({self.achieved_model.rowCount()})")

    def _on_changed(self, changes: list[Change]) -> None:
        if touches(changes, "category"):
            for view in self._all_views():
                view.viewport().update()

    def set_achieved_visible(self, shown: bool) -> None:
        """Show or hide the third column; remembered in the settings."""
        self.achieved_column.setVisible(shown)
        if self.achieved_toggle.isChecked() != shown:
            self.achieved_toggle.setChecked(shown)
        toggle = self.achieved_toggle
        toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.LeftArrow)
        style = Qt.ToolButtonStyle
        toggle.setToolButtonStyle(style.ToolButtonTextBesideIcon if shown else style.ToolButtonIconOnly)
        tip = (self.tr("Hide the goals achieved in the last 30 days") if shown
               else self.tr("Show the goals achieved in the last 30 days"))
        toggle.setToolTip(tip)
        toggle.setAccessibleDescription(tip)
        self.ctx.settings.setValue(SHOW_ACHIEVED_KEY, shown)

    def _all_views(self) -> list[CardList]:
        return [*self.views.values(), self.achieved_view]

    # ---------------------------------------------------------------- selection

    def _on_selection(self, view: CardList) -> None:
        if self._syncing:
            return
        if view.selectionModel().hasSelection():
            # One selection on the board: picking a card in one column drops the other columns' picks.
            self._syncing = True
            try:
                for other in self._all_views():
                    if other is not view:
                        other.clearSelection()
            finally:
                self._syncing = False
        ids = self.selected_goal_ids()
        self.selectionChangedTo.emit(ids[0] if ids else 0)

    def _on_undo_index(self, index: int) -> None:
        """After Ctrl+Z or redo of a board move, the moved cards stay selected wherever they now are."""
        before, self._undo_index = self._undo_index, index
        if index == before:
            return
        command = self.ctx.undo_stack.command(index if index < before else index - 1)
        if not isinstance(command, MoveGoals):
            return
        focus_widget = QApplication.focusWidget()
        focus = focus_widget is not None and self.isAncestorOf(focus_widget)
        for horizon, model in self.models.items():
            if any(model.row_of(i) is not None for i in command.ids):
                self._select_in(horizon, command.ids, focus=focus)
                return

    def _active_view(self) -> CardList | None:
        """The column the user works in: the focused one if it has a selection, else the one that has."""
        views = self._all_views()
        for view in views:
            if view.hasFocus() and view.selectionModel().hasSelection():
                return view
        for view in views:
            if view.selectionModel().hasSelection():
                return view
        return None

    def _selected_rows(self, view: CardList) -> list[int]:
        return sorted({i.row() for i in view.selectionModel().selectedIndexes()})

    def selected_goal_ids(self) -> list[int]:
        """Ids of the selected cards, in column order."""
        view = self._active_view()
        if view is None:
            return []
        model = view.model()
        assert isinstance(model, BoardColumnModel)
        ids = model.goal_ids()
        return [ids[r] for r in self._selected_rows(view) if r < len(ids)]

    def select_goal(self, goal_id: int) -> bool:
        """Select and show one card; False when no column shows that goal (filtered out, other status)."""
        for horizon, model in self.models.items():
            if model.row_of(goal_id) is not None:
                self._select_in(horizon, [goal_id], focus=False)
                return True
        if self.achieved_column.isVisible() and self.achieved_model.row_of(goal_id) is not None:
            self._select_rows(self.achieved_view, self.achieved_model, [goal_id], focus=False)
            return True
        return False

    def _select_in(self, horizon: Horizon, ids: list[int], focus: bool = True) -> None:
        self._select_rows(self.views[horizon], self.models[horizon], ids, focus)

    def _select_rows(self, view: CardList, model: BoardColumnModel, ids: list[int], focus: bool) -> None:
        rows = [r for r in (model.row_of(i) for i in ids) if r is not None]
        if not rows:
            return
        selection = QItemSelection()
        for r in rows:
            selection.select(model.index(r), model.index(r))
        flags = QItemSelectionModel.SelectionFlag
        view.selectionModel().setCurrentIndex(model.index(rows[0]), flags.NoUpdate)
        view.selectionModel().select(selection, flags.ClearAndSelect)
        view.scrollTo(model.index(rows[0]))
        if focus:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---------------------------------------------------------------- keyboard moves

    def _active_column(self) -> Horizon | None:
        view = self._active_view()
        for horizon, v in self.views.items():
            if v is view:
                return horizon
        return None

    def move_selection_across(self) -> bool:
        """Ctrl+M: selected cards to the other column."""
        source = self._active_column()
        return source is not None and self.move_selection_to(source.other())

    def move_selection_to(self, horizon: Horizon) -> bool:
        """Selected cards to ``horizon``, level with where they were (same row, or the end)."""
        source = self._active_column()
        if source is None or source is horizon:
            return False
        rows = self._selected_rows(self.views[source])
        ids = self.selected_goal_ids()
        if not ids:
            return False
        target = self.models[horizon]
        return target.move_into(ids, min(rows[0], target.rowCount()))

    def move_selection_by(self, step: int) -> bool:
        """Selected cards one place up (step -1) or down (+1) within their column."""
        source = self._active_column()
        if source is None:
            return False
        model = self.models[source]
        rows = self._selected_rows(self.views[source])
        ids = self.selected_goal_ids()
        if not ids:
            return False
        n = model.rowCount()
        if step < 0:
            if rows == list(range(len(rows))):
                return False  # already at the top
            return model.move_into(ids, max(0, rows[0] - 1))
        if rows == list(range(n - len(rows), n)):
            return False  # already at the bottom
        return model.move_into(ids, rows[-1] + 2)
