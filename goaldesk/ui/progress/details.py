"""The goal details panel (right dock): where a goal stands, its check-ins, milestones, chart, feedback, history.

Every change here goes through an undo command, and the panel redraws from the database after each
committed write, so it always shows what is stored, whoever changed it (dialog, menu, undo).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.dates import deadline_hint
from goaldesk.domain.enums import GoalStatus, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import CheckIn, Goal, Milestone
from goaldesk.domain.progress import PaceStatus, forecast, pace_status, totals
from goaldesk.domain.smart_base import score_text
from goaldesk.store.base import Change
from goaldesk.ui.common.commands import run, short
from goaldesk.ui.goals.commands import set_status
from goaldesk.ui.progress import details_parts as parts
from goaldesk.ui.progress.celebrate import Celebrator, emoji
from goaldesk.ui.progress.chart_panel import ChartPanel
from goaldesk.ui.progress.checkin_dialog import CheckInDialog, fmt_number
from goaldesk.ui.progress.details_parts import fmt_day
from goaldesk.ui.progress.progress_commands import (
    AddMilestone,
    DeleteCheckIn,
    DeleteMilestone,
    EditCheckIn,
    EditMilestone,
    add_checkin,
    set_milestone_done,
)
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.smart.scores import smart_score


class GoalDetails(QWidget):
    """The selected goal's details. ``show_goal(0)`` shows the empty state."""

    smartRequested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id = 0
        self.goal: Goal | None = None
        self._offer_dismissed: set[int] = set()
        self.checkin_dialog: CheckInDialog | None = None
        self.input_dialog: QInputDialog | None = None

        self.stack = QStackedWidget()
        self.empty = QLabel("Select a goal to see its progress.\n\nPick one in the list or on the board.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        self.content = parts.VerticalScroll(self._build_content())
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        for view in self.findChildren(QAbstractItemView):  # Tab moves on to the next control; arrows move within
            view.setTabKeyNavigation(False)

        # The banner lives on the top-level window so it is seen even with the dock closed.
        self.celebrator = Celebrator(parent if parent is not None else self, ctx)
        ctx.win_events.logged.connect(self._wins_logged)
        ctx.notifier.changed.connect(self._changed)
        self.show_goal(0)

    # ------------------------------------------------------------------ building

    def _build_content(self) -> QWidget:
        page = QWidget()
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # user text: "<b>" must show as typed
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = QLabel()
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setWordWrap(True)
        self.deadline_label = QLabel()
        self.score_label = QLabel()
        self.smart_button = parts.button("SMART Check…", "Check how Specific, Measurable, Achievable, Relevant and "
                                                     "Time-bound this goal is")
        self.smart_button.clicked.connect(self._smart_requested)
        score_row = QHBoxLayout()
        score_row.addWidget(self.score_label)
        score_row.addStretch(1)
        score_row.addWidget(self.smart_button)

        self.progress_bar, self.percent_label, bar_row = parts.progress_row()
        self.progress_text = parts.muted(QLabel())
        self.progress_text.setWordWrap(True)
        self.pace_label = QLabel()
        self.forecast_label = QLabel()
        self.forecast_label.setWordWrap(True)

        self.offer = QFrame()
        self.offer.setFrameShape(QFrame.Shape.StyledPanel)
        self.offer.setAutoFillBackground(True)
        self.offer.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.offer_label = QLabel("You reached your target. Mark as achieved?")
        self.offer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.offer_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.offer_label.setWordWrap(True)
        self.achieve_button = parts.button("Mark as Achieved", "Set the goal's status to Achieved (undoable)")
        self.achieve_button.clicked.connect(self.mark_achieved)
        self.not_now_button = parts.button("Not Now", "Keep the goal active")
        self.not_now_button.clicked.connect(self.dismiss_offer)
        offer_layout = QHBoxLayout(self.offer)
        offer_layout.setContentsMargins(8, 4, 8, 4)
        offer_layout.addWidget(self.offer_label, 1)
        offer_layout.addWidget(self.achieve_button)
        offer_layout.addWidget(self.not_now_button)
        self.offer.hide()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_checkins(), "Check-ins")
        self.tabs.addTab(self._build_milestones(), "Milestones")
        self.chart_panel = ChartPanel(self.ctx)
        self.tabs.addTab(self.chart_panel, "Chart")
        self.feedback_tab: QWidget | None = None
        self.history_tab: QWidget | None = None
        from goaldesk.ui.reflection.feedback_view import FeedbackTab
        from goaldesk.ui.reflection.history_view import HistoryTab

        self.feedback_tab = FeedbackTab(self.ctx)
        self.tabs.addTab(self.feedback_tab, "Feedback")
        self.history_tab = HistoryTab(self.ctx)
        self.tabs.addTab(self.history_tab, "History")

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.deadline_label)
        layout.addLayout(score_row)
        layout.addLayout(bar_row)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.pace_label)
        layout.addWidget(self.forecast_label)
        layout.addWidget(self.offer)
        layout.addWidget(self.tabs, 1)
        return page

    def _build_checkins(self) -> QWidget:
        page = QWidget()
        self.checkin_model = parts.CheckInModel(self)
        self.checkin_table = parts.CheckInTable()
        self.checkin_table.setModel(self.checkin_model)
        self.checkin_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkin_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checkin_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkin_table.verticalHeader().hide()
        self.checkin_table.setAlternatingRowColors(True)
        self.checkin_table.setWordWrap(False)
        header = self.checkin_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.checkin_table.addRequested.connect(self.add_checkin)
        self.checkin_table.editRequested.connect(self.edit_checkin)
        self.checkin_table.deleteRequested.connect(self.delete_checkin)
        self.checkin_table.doubleClicked.connect(lambda _i: self.edit_checkin())
        self.checkin_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.checkins_empty = parts.muted(QLabel("No check-ins yet. Add one (Insert) each time you make progress."))
        self.checkins_empty.setWordWrap(True)

        self.add_checkin_button = parts.button("&Add…", "Record where you are now (Insert)")
        self.add_checkin_button.clicked.connect(self.add_checkin)
        self.edit_checkin_button = parts.button("&Edit…", "Change the selected check-in (Enter)")
        self.edit_checkin_button.clicked.connect(self.edit_checkin)
        self.delete_checkin_button = parts.button("&Delete", "Remove the selected check-in (Delete)")
        self.delete_checkin_button.clicked.connect(self.delete_checkin)
        parts.lay_out_page(page, self.checkins_empty, self.checkin_table,
                      (self.add_checkin_button, self.edit_checkin_button, self.delete_checkin_button))
        return page

    def _build_milestones(self) -> QWidget:
        page = QWidget()
        self.milestone_list = parts.MilestoneList()
        self.milestone_list.itemChanged.connect(self._milestone_ticked)
        self.milestone_list.addRequested.connect(self.add_milestone)
        self.milestone_list.renameRequested.connect(self.rename_milestone)
        self.milestone_list.deleteRequested.connect(self.delete_milestone)
        self.milestone_list.itemDoubleClicked.connect(lambda _i: self.rename_milestone())
        self.milestone_list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.milestones_empty = parts.muted(QLabel("No milestones yet. Break the goal into steps you can tick off."))
        self.milestones_empty.setWordWrap(True)
        self.add_milestone_button = parts.button("Add…", "Add a step toward the goal (Insert)")
        self.add_milestone_button.clicked.connect(lambda: self.add_milestone())
        self.rename_milestone_button = parts.button("Rename…", "Rename the selected milestone (F2)")
        self.rename_milestone_button.clicked.connect(lambda: self.rename_milestone())
        self.delete_milestone_button = parts.button("Delete", "Remove the selected milestone (Delete)")
        self.delete_milestone_button.clicked.connect(lambda: self.delete_milestone())
        parts.lay_out_page(page, self.milestones_empty, self.milestone_list,
                      (self.add_milestone_button, self.rename_milestone_button, self.delete_milestone_button))
        return page

    # ------------------------------------------------------------------ showing

    def _smart_requested(self) -> None:
        if self.goal_id:
            self.smartRequested.emit(self.goal_id)

    def show_goal(self, goal_id: int) -> None:
        """Show one goal (0: nothing selected)."""
        self.goal_id = int(goal_id or 0)
        for tab in (self.feedback_tab, self.history_tab):
            if tab is not None:
                tab.show_goal(self.goal_id or None)  # type: ignore[attr-defined]
        self.chart_panel.show_goal(self.goal_id)
        self.reload()

    def _changed(self, changes: list[Change]) -> None:
        if not self.goal_id:
            return
        for c in changes:
            if c.entity in ("all", "category") or (
                c.entity in ("goal", "checkin", "milestone", "win") and (not c.ids or self.goal_id in c.ids)
            ):
                self.reload()
                return

    def reload(self) -> None:
        goal = self.ctx.goals.find_goal(self.goal_id) if self.goal_id else None
        if goal is None or goal.is_deleted:
            self.goal = None
            self.empty.setText(
                "Select a goal to see its progress.\n\nPick one in the list or on the board."
                if goal is None else "This goal is in the Trash. Restore it to see its progress."
            )
            self.stack.setCurrentIndex(0)
            self.offer.hide()
            return
        self.goal = goal
        today = self.ctx.today()
        self.stack.setCurrentIndex(1)
        self._show_header(goal, today)
        checkins = self.ctx.progress.checkins(goal.id)
        self._show_progress(goal, checkins, today)
        self._show_checkins(goal, checkins)
        self._show_milestones(goal)
        self._update_offer()
        self._update_buttons()

    def _show_header(self, goal: Goal, today: date) -> None:
        self.title_label.setText(goal.title)
        try:
            type_name = self.ctx.categories.category(goal.category_id).name
        except DomainError:  # a type deleted elsewhere must not break the panel
            type_name = ""
        parts = [p for p in (type_name, goal.horizon.label, goal.status.label) if p]
        if goal.archived:
            parts.append("Archived")
        self.meta_label.setText(" · ".join(parts))
        if goal.deadline is None:
            self.deadline_label.setText("No deadline yet: a date makes the goal Time-bound.")
        else:
            self.deadline_label.setText(f"Deadline {fmt_day(goal.deadline)} ({deadline_hint(goal.deadline, today)})")
        score = smart_score(goal, today)
        self.score_label.setText(score_text(score))

    def _show_progress(self, goal: Goal, checkins: list[CheckIn], today: date) -> None:
        fraction = goal.progress
        if fraction is None:
            self.progress_bar.hide()
            self.percent_label.hide()
            self.progress_text.setText("No measure yet: set a target, or add milestones to tick off.")
            self.progress_text.show()
        else:
            self.progress_bar.show()
            self.progress_bar.setValue(round(fraction * 100))
            self.percent_label.setText(f"{round(fraction * 100)}%")
            self.percent_label.show()
            detail = ""
            if goal.target is not None:
                now = fmt_number(goal.current if goal.current is not None else goal.baseline or 0.0)
                unit = f" {goal.unit}" if goal.unit else ""
                detail = f"{now} of {fmt_number(goal.target)}{unit}"
            else:
                detail = f"{goal.milestones_done} of {goal.milestones_total} milestones done"
            self.progress_text.setText(detail)
            self.progress_text.show()
        status = pace_status(fraction, goal.start_date, goal.deadline, today,
                             achieved=goal.status is GoalStatus.ACHIEVED)
        self.pace = status
        self.pace_label.setText(f"Pace: {status.label}")
        self.forecast_label.setVisible(goal.target is not None)
        if goal.target is None:
            return
        if status is PaceStatus.ACHIEVED:
            self.forecast_label.setText("Target reached.")
            return
        points = totals(checkins, goal.metric_kind, goal.baseline)
        if not points:
            self.forecast_label.setText("Forecast: add check-ins to see when you will finish.")
            return
        finish = forecast(points, goal.target, today, baseline=goal.baseline)
        if finish is None:
            self.forecast_label.setText("Forecast: no convergence — at the current pace the target is not reached.")
        else:
            late = goal.deadline is not None and finish > goal.deadline
            late_text = " (after the deadline)" if late else ""
            self.forecast_label.setText(f"Forecast: done by {fmt_day(finish)}{late_text}")

    def _show_checkins(self, goal: Goal, checkins: list[CheckIn]) -> None:
        current = self.selected_checkin()
        self.checkin_model.set_checkins(checkins, goal.unit, goal.metric_kind is MetricKind.INCREMENT)
        self.checkins_empty.setVisible(not checkins)
        if current is not None:
            for row, c in enumerate(self.checkin_model.items):
                if c.id == current.id:
                    self.checkin_table.selectRow(row)
                    break

    def _show_milestones(self, goal: Goal) -> None:
        current = self.selected_milestone()
        milestones = self.ctx.progress.milestones(goal.id)
        self.milestone_list.blockSignals(True)
        try:
            self.milestone_list.clear()
            for m in milestones:
                text = m.title if m.done_on is None else f"{m.title}  (done {fmt_day(m.done_on)})"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if m.done_on else Qt.CheckState.Unchecked)
                self.milestone_list.addItem(item)
                if current is not None and current.id == m.id:
                    self.milestone_list.setCurrentItem(item)
        finally:
            self.milestone_list.blockSignals(False)
        self.milestones_empty.setVisible(not milestones)

    def _update_buttons(self) -> None:
        has_goal = self.goal is not None
        self.add_checkin_button.setEnabled(has_goal)
        has_checkin = self.selected_checkin() is not None
        self.edit_checkin_button.setEnabled(has_checkin)
        self.delete_checkin_button.setEnabled(has_checkin)
        self.add_milestone_button.setEnabled(has_goal)
        has_milestone = self.selected_milestone() is not None
        self.rename_milestone_button.setEnabled(has_milestone)
        self.delete_milestone_button.setEnabled(has_milestone)

    # ------------------------------------------------------------------ wins and the achieved offer

    def _wins_logged(self, wins: list) -> None:
        self.celebrator.celebrate_all(wins)
        self._update_offer()

    def offer_visible(self) -> bool:
        return not self.offer.isHidden()

    def _update_offer(self) -> None:
        goal = self.goal
        show = (
            goal is not None
            and goal.status is GoalStatus.ACTIVE
            and goal.progress is not None
            and goal.progress >= 1.0
            and goal.id not in self._offer_dismissed
        )
        if goal is not None:
            self.offer_label.setText(f"{emoji('🎯')}“{short(goal.title)}” reached 100%. Mark as achieved?")
        self.offer.setVisible(bool(show))

    def mark_achieved(self) -> bool:
        """Accept the offer: the goal becomes Achieved (one undoable step)."""
        if self.goal is None:
            return False
        ok = set_status(self.ctx, self.goal, GoalStatus.ACHIEVED)
        self.reload()
        return ok

    def dismiss_offer(self) -> None:
        if self.goal is not None:
            self._offer_dismissed.add(self.goal.id)
        self.offer.hide()

    # ------------------------------------------------------------------ check-ins

    def selected_checkin(self) -> CheckIn | None:
        index = self.checkin_table.currentIndex()
        if not index.isValid() or not self.checkin_table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.checkin_model.checkin_at(index.row())

    def _open_checkin_dialog(self, checkin: CheckIn | None) -> CheckInDialog | None:
        if self.goal is None:
            return None
        dialog = CheckInDialog(self.goal, self.ctx.today(), checkin, self)
        dialog.accepted.connect(lambda: self.save_checkin(dialog))
        self.checkin_dialog = dialog
        dialog.open()  # window-modal, but does not block the event loop (or a test)
        return dialog

    def add_checkin(self) -> CheckInDialog | None:
        """Open the dialog for a new check-in; it is saved (undoably) when the user presses OK."""
        return self._open_checkin_dialog(None)

    def edit_checkin(self, checkin: CheckIn | None = None) -> CheckInDialog | None:
        checkin = checkin or self.selected_checkin()
        return self._open_checkin_dialog(checkin) if checkin is not None else None

    def save_checkin(self, dialog: CheckInDialog) -> bool:
        goal = self.ctx.goals.find_goal(dialog.goal.id)
        if goal is None:
            return False
        on, value, note = dialog.values()
        if dialog.checkin is None:
            return add_checkin(self.ctx, goal, on, value, note) is not None
        old = dialog.checkin
        return run(self.ctx, EditCheckIn(self.ctx, goal, old, CheckIn(old.id, old.goal_id, on, value, note)))

    def delete_checkin(self, checkin: CheckIn | None = None) -> bool:
        checkin = checkin or self.selected_checkin()
        if checkin is None or self.goal is None:
            return False
        return run(self.ctx, DeleteCheckIn(self.ctx, self.goal, checkin))

    # ------------------------------------------------------------------ milestones

    def selected_milestone(self) -> Milestone | None:
        item = self.milestone_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _milestone_ticked(self, item: QListWidgetItem) -> None:
        milestone: Milestone = item.data(Qt.ItemDataRole.UserRole)
        done = item.checkState() == Qt.CheckState.Checked
        if self.goal is not None and not set_milestone_done(self.ctx, self.goal, milestone, done):
            self.reload()  # refused: put the tick back as stored

    def set_milestone_done(self, milestone: Milestone, done: bool) -> bool:
        return self.goal is not None and set_milestone_done(self.ctx, self.goal, milestone, done)

    def _ask_text(self, title: str, label: str, text: str, then: Callable[[str], object]) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.textValueSelected.connect(then)
        self.input_dialog = dialog
        dialog.open()
        return dialog

    def add_milestone(self, title: str | None = None) -> bool:
        """Add a milestone; with no title, ask for one (non-blocking) and add it on OK."""
        if self.goal is None:
            return False
        if title is None:
            self._ask_text("Add Milestone", "A step toward the goal:", "", self.add_milestone)
            return False
        return run(self.ctx, AddMilestone(self.ctx, self.goal, title))

    def rename_milestone(self, milestone: Milestone | None = None, title: str | None = None) -> bool:
        milestone = milestone or self.selected_milestone()
        if milestone is None or self.goal is None:
            return False
        if title is None:
            self._ask_text("Rename Milestone", "New name:", milestone.title,
                           lambda text: self.rename_milestone(milestone, text))
            return False
        new = Milestone(milestone.id, milestone.goal_id, title, milestone.position, milestone.done_on)
        return run(self.ctx, EditMilestone(self.ctx, self.goal, milestone, new))

    def delete_milestone(self, milestone: Milestone | None = None) -> bool:
        milestone = milestone or self.selected_milestone()
        if milestone is None or self.goal is None:
            return False
        return run(self.ctx, DeleteMilestone(self.ctx, self.goal, milestone))
