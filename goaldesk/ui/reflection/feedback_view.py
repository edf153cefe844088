"""Feedback: what others (or you) noticed, and what you did about it.

``FeedbackTab`` sits in the goal details dock and shows one goal's feedback; ``AllFeedbackView`` lists
everything with an "Open actions only" filter. Every change goes through an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.errors import DomainError
from goaldesk.domain.reflection import Feedback, FeedbackSource, check_feedback
from goaldesk.store.base import Change
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.goals.date_field import DateField
from goaldesk.ui.reflection.reflection_commands import AddFeedback, DeleteFeedback, EditFeedback, set_acted_on
from goaldesk.ui.shell.context import AppContext

AnyIndex = QModelIndex | QPersistentModelIndex
FEEDBACK_ROLE = Qt.ItemDataRole.UserRole + 1


class FeedbackModel(QAbstractTableModel):
    """Feedback rows; the "Acted on" column is a checkbox whose clicks become ``actedOnToggled``."""

    actedOnToggled = Signal(int, bool)  # feedback id, new state

    DATE, GOAL, SOURCE, SAID, ACTION, ACTED = range(6)
    HEADERS = ("Date", "Goal", "From", "What was said", "What I will do", "Acted on")

    def __init__(self, *, show_goal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_goal = show_goal
        self.items: list[Feedback] = []
        self.titles: dict[int, str] = {}

    def set_items(self, items: list[Feedback], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.titles = dict(titles)
        self.endResetModel()

    def columns(self) -> list[int]:
        all_columns = list(range(len(self.HEADERS)))
        return all_columns if self.show_goal else [c for c in all_columns if c != self.GOAL]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[self.columns()[section]]
        return None

    def feedback_at(self, row: int) -> Feedback:
        return self.items[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        fb = self.items[index.row()]
        column = self.columns()[index.column()]
        if role == FEEDBACK_ROLE:
            return fb
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return fb.on.isoformat()
            if column == self.GOAL:
                return "General" if fb.goal_id is None else self.titles.get(fb.goal_id, "")
            if column == self.SOURCE:
                return fb.source.label
            if column == self.SAID:
                return " ".join(fb.said.split())
            if column == self.ACTION:
                return " ".join(fb.action.split())
            if column == self.ACTED:
                return "" if not fb.action.strip() else ("Done" if fb.acted_on else "Open")
        if role == Qt.ItemDataRole.AccessibleTextRole and column in (self.ACTION, self.ACTED) and not fb.action.strip():
            return self.tr("No action planned")  # an empty cell is read as nothing
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.SAID, self.ACTION):
            return fb.said if column == self.SAID else fb.action or None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ACTED:
            return Qt.CheckState.Checked if fb.acted_on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == self.DATE:
            return fb.on
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns()[index.column()] == self.ACTED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if self.columns()[index.column()] != self.ACTED:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        fb = self.items[index.row()]
        if checked != fb.acted_on:
            self.actedOnToggled.emit(fb.id, checked)  # the view runs a command; the reload follows the commit
        return True


class OpenActionsProxy(QSortFilterProxyModel):
    """Sorts by the shown text, and keeps only open actions when asked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_only = False

    def set_open_only(self, value: bool) -> None:
        self.beginFilterChange()
        self.open_only = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.open_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, FeedbackModel)
        return model.feedback_at(source_row).is_open_action


class FeedbackDialog(QDialog):
    """Add or edit one piece of feedback. Problems are shown in the dialog, which stays open."""

    def __init__(self, feedback: Feedback | None, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Feedback" if feedback else "Add Feedback")
        self.date_edit = DateField()  # a click on the year, month or day types over it
        self.date_edit.setDate(today)
        self.date_edit.setMaximumDate(today)
        self.source_combo = QComboBox()
        for source in FeedbackSource:
            self.source_combo.addItem(source.label, source.value)
        self.said_edit = QPlainTextEdit()
        self.said_edit.setPlaceholderText("What did they notice? e.g. “Your slides had too much text.”")
        self.action_edit = QPlainTextEdit()
        self.action_edit.setPlaceholderText("Optional: what you will do about it, e.g. “Three bullets per slide.”")
        self.acted_check = QCheckBox("I have &acted on it")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        for edit in (self.said_edit, self.action_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(60)
        if feedback is not None:
            self.date_edit.setDate(QDate(feedback.on.year, feedback.on.month, feedback.on.day))
            self.source_combo.setCurrentIndex(self.source_combo.findData(feedback.source.value))
            self.said_edit.setPlainText(feedback.said)
            self.action_edit.setPlainText(feedback.action)
            self.acted_check.setChecked(feedback.acted_on)
        form = QFormLayout()
        form.addRow("&Date:", self.date_edit)
        form.addRow("&From:", self.source_combo)
        form.addRow("&What was said:", self.said_edit)
        form.addRow("What I will &do:", self.action_edit)
        form.addRow("", self.acted_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, 360)

    def values(self) -> tuple[object, FeedbackSource, str, str, bool]:
        """(date, source, said, action, acted_on) as entered."""
        return (
            self.date_edit.date().toPython(),
            FeedbackSource(self.source_combo.currentData()),
            self.said_edit.toPlainText(),
            self.action_edit.toPlainText(),
            self.acted_check.isChecked(),
        )

    def accept(self) -> None:
        _, _, said, action, _ = self.values()
        try:
            check_feedback(said, action)
        except DomainError as exc:
            self.problem.setText(str(exc))
            self.problem.setVisible(True)
            return
        super().accept()


class _FeedbackTable(QWidget):
    """Shared table, buttons and commands of the two feedback views."""

    def __init__(self, ctx: AppContext, *, show_goal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = FeedbackModel(show_goal=show_goal, parent=self)
        self.proxy = OpenActionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            self.model.columns().index(FeedbackModel.SAID), QHeaderView.ResizeMode.Stretch
        )
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("&Add Feedback…")
        self.edit_button = QPushButton("&Edit…")
        self.acted_button = QPushButton("Mark Acted &On")
        self.delete_button = QPushButton("De&lete")
        self.add_button.clicked.connect(self.add_feedback)
        self.edit_button.clicked.connect(self.edit_selected)
        self.acted_button.clicked.connect(self.toggle_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        # Two by two: in one row the four buttons made the details panel at least 422 px wide, which
        # left the list or board too little room on a 1024 px screen.
        self.buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.edit_button, self.acted_button, self.delete_button)):
            self.buttons.addWidget(b, i // 2, i % 2)
        self.buttons.setColumnStretch(2, 1)
        self.model.actedOnToggled.connect(self._toggled)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._stale = False
        ctx.notifier.changed.connect(self._changed)
        self.dialog: FeedbackDialog | None = None

    def goal_for_new(self) -> int | None:
        return None

    def load(self) -> list[Feedback]:
        raise NotImplementedError

    def reload(self) -> None:
        selected = self.selected()
        items = self.load()
        titles = self.ctx.reflection.goal_titles() if self.model.show_goal else {}
        self.model.set_items(items, titles)
        if selected is not None:
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data(FEEDBACK_ROLE).id == selected.id:
                    self.table.selectRow(row)
        self.empty.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "feedback", "goal"):
            holder = self.window()
            if holder is not self and not holder.isVisible():
                self._stale = True  # its window is closed (kept for the next open): read when shown again
                return
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def selected(self) -> Feedback | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        fb = rows[0].data(FEEDBACK_ROLE)
        return fb if isinstance(fb, Feedback) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        fb = self.selected()
        self.edit_button.setEnabled(fb is not None)
        self.delete_button.setEnabled(fb is not None)
        self.acted_button.setEnabled(fb is not None)
        self.acted_button.setText("Mark Not Acted &On" if fb is not None and fb.acted_on else "Mark Acted &On")

    def make_dialog(self, feedback: Feedback | None = None) -> FeedbackDialog:
        """The add/edit dialog, wired to save on OK; ``add_feedback``/``edit_selected`` open it."""
        today = self.ctx.today()
        dialog = FeedbackDialog(feedback, QDate(today.year, today.month, today.day), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # one per use: none left behind
        dialog.accepted.connect(lambda: self._save(dialog, feedback))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _save(self, dialog: FeedbackDialog, old: Feedback | None) -> None:
        on, source, said, action, acted = dialog.values()
        if old is None:
            run(self.ctx, AddFeedback(self.ctx, self.goal_for_new(), said, source=source, on=on,  # type: ignore[arg-type]
                                      action=action, acted_on=acted))
        else:
            new = old.replace(on=on, source=source, said=said, action=action, acted_on=acted)
            run(self.ctx, EditFeedback(self.ctx, new))

    def add_feedback(self) -> None:
        self.make_dialog().open()

    def edit_selected(self) -> None:
        fb = self.selected()
        if fb is not None:
            self.make_dialog(fb).open()

    def toggle_selected(self) -> None:
        fb = self.selected()
        if fb is not None:
            run(self.ctx, set_acted_on(self.ctx, fb, not fb.acted_on))

    def _toggled(self, feedback_id: int, acted: bool) -> None:
        fb = next((f for f in self.model.items if f.id == feedback_id), None)
        if fb is not None:
            run(self.ctx, set_acted_on(self.ctx, fb, acted))

    def delete_selected(self) -> None:
        fb = self.selected()
        if fb is not None:
            run(self.ctx, DeleteFeedback(self.ctx, fb))


class FeedbackTab(_FeedbackTable):
    """One goal's feedback, for the details dock. Call ``show_goal`` when the selection changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, show_goal=False, parent=parent)
        self.table.setAccessibleName(self.tr("Feedback"))
        self.table.setAccessibleDescription(self.tr("What people said about this goal and what you will do"))
        name_scroll_bars(self.table)
        self.goal_id: int | None = None
        self.empty.setText(
            "No feedback on this goal yet. Ask someone how it is going, then add what they said "
            "and what you will do about it."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.show_goal(None)

    def show_goal(self, goal_id: int | None) -> None:
        self.goal_id = goal_id
        self.add_button.setEnabled(goal_id is not None)
        self.reload()

    def goal_for_new(self) -> int | None:
        return self.goal_id

    def load(self) -> list[Feedback]:
        if self.goal_id is None:
            return []
        return self.ctx.reflection.feedback_for_goal(self.goal_id)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.add_button.setEnabled(getattr(self, "goal_id", None) is not None)


class AllFeedbackView(_FeedbackTable):
    """All feedback, general and per goal, with an "Open actions only" filter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, show_goal=True, parent=parent)
        self.setWindowTitle("All Feedback")
        self.table.setAccessibleName(self.tr("All feedback"))
        name_scroll_bars(self.table)
        self.open_only = QCheckBox("&Open actions only")
        self.open_only.toggled.connect(self._filter)
        self.empty.setText(
            "No feedback recorded yet. Feedback added here is general; add feedback about one goal "
            "from that goal's details."
        )
        self.add_button.setText("&Add General Feedback…")
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addStretch(1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.reload()

    def _filter(self, on: bool) -> None:
        self.proxy.set_open_only(on)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        self.count_label.setText(f"{shown} of {self.model.rowCount()} shown")

    def reload(self) -> None:
        super().reload()
        self._update_count()

    def load(self) -> list[Feedback]:
        return self.ctx.reflection.all_feedback()
