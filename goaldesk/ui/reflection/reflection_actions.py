"""Reflection features in the main window: the weekly review, strengths and weaknesses, feedback,
balance and preferences. Views are built on first use so they cost nothing at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from goaldesk.ui.shell.hooks import WindowHooks


class _Window(QDialog):
    """A non-modal tool window holding one view."""

    def __init__(self, title: str, view: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(view)
        self.resize(820, 560)


class ReflectionActions:
    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.ctx = window.ctx
        self.review_dock: QDockWidget | None = None
        self._windows: dict[str, _Window] = {}

        def action(text: str, slot: Callable[[], object], shortcut: str | None = None, tip: str = "") -> QAction:
            act = QAction(text, window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.review_action = action("This &Week", self.show_review, "Ctrl+R",
                                    "Deadlines, overdue goals, stale goals, open feedback actions and wins")
        self.strengths_action = action("&Strengths && Weaknesses", self.show_strengths, "Ctrl+Shift+W")
        self.feedback_action = action("All &Feedback", self.show_all_feedback, "Ctrl+Shift+F")
        self.balance_action = action("&Balance", self.show_balance, "Ctrl+Shift+B",
                                     "Professional and personal goals side by side")
        self.preferences_action = action("&Preferences…", self.show_preferences, "Ctrl+,")

    def install(self) -> None:
        menu = self.window.view_menu
        menu.addSeparator()
        for act in (self.review_action, self.strengths_action, self.feedback_action, self.balance_action):
            menu.addAction(act)
        self.window.edit_menu.addSeparator()
        self.window.edit_menu.addAction(self.preferences_action)
        self.window.firstPainted.connect(self.at_startup)

    # ------------------------------------------------------------------ start-up

    def at_startup(self) -> None:
        """Show the review when there is something to look at (and the user wants it); tray reminder."""
        from goaldesk.ui.reflection.preferences import maybe_tray_reminder, review_at_startup

        if review_at_startup(self.ctx.settings) and self.ctx.review.review(self.ctx.today()):
            self.show_review()
        maybe_tray_reminder(self.ctx, self.window)

    # ------------------------------------------------------------------ views

    def show_review(self) -> QDockWidget:
        if self.review_dock is None:
            from goaldesk.ui.reflection.review_panel import ReviewPanel

            panel = ReviewPanel(self.ctx, self.window)
            panel.goalActivated.connect(self.window.reveal_goal)
            dock = QDockWidget("This Week", self.window)
            dock.setObjectName("reviewDock")
            dock.setWidget(panel)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.window.tabifyDockWidget(self.window.details_dock, dock)
            self.review_dock = dock
        self.review_dock.show()
        self.review_dock.raise_()
        return self.review_dock

    def _tool(self, key: str, title: str, factory: Callable[[], QWidget]) -> _Window:
        if key not in self._windows:
            self._windows[key] = _Window(title, factory(), self.window)
        tool = self._windows[key]
        tool.show()
        tool.raise_()
        tool.activateWindow()
        return tool

    def show_strengths(self) -> _Window:
        def build() -> QWidget:
            from goaldesk.ui.reflection.strengths_page import StrengthsPage

            page = StrengthsPage(self.ctx)
            page.newGoalRequested.connect(lambda title: self._goal_for_weakness(page, title))
            return page

        return self._tool("strengths", "Strengths and Weaknesses", build)

    def _goal_for_weakness(self, page: QWidget, title: str) -> None:
        """Create a goal for a weakness nobody addresses yet, and link the two (the editor does not block)."""
        trait_id = getattr(page, "requested_trait_id", None)
        before = {g.id for g in self.ctx.goals.list_goals()}

        def done(saved: bool) -> None:
            if not saved:
                return
            created = [g for g in self.ctx.goals.list_goals() if g.id not in before]
            if created and trait_id:
                self.ctx.reflection.link(created[0].id, trait_id)

        self.window.goals.new_goal(done, title=title)

    def show_all_feedback(self) -> _Window:
        def build() -> QWidget:
            from goaldesk.ui.reflection.feedback_view import AllFeedbackView

            return AllFeedbackView(self.ctx)

        return self._tool("feedback", "All Feedback", build)

    def show_balance(self) -> _Window:
        def build() -> QWidget:
            from goaldesk.ui.reflection.balance_view import BalanceView

            return BalanceView(self.ctx)

        return self._tool("balance", "Balance", build)

    def show_preferences(self) -> QDialog:
        """Preferences, window-modal but not blocking (the menu's "press" returns at once); deleted after each visit."""
        from goaldesk.ui.reflection.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self.window)
        dialog.finished.connect(dialog.deleteLater)  # not kept as a child of the window after each visit
        dialog.open()
        return dialog
