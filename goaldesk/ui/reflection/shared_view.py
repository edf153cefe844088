"""Sharing on a server: "Shared with Me" (goals others shared with me, read-only, with feedback) and Share….

A person shares one of their goals, read-only, with another person by their server user name (a
manager or mentor). That person sees it under View › Shared with Me: owner, title, progress and
deadline, the selected goal's check-ins and feedback, and can add feedback of their own, which the
owner then finds in the goal's feedback log. On an SQLite file (one person) both actions are
disabled and their tooltip says sharing needs a server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.model import Goal
from goaldesk.domain.reflection import FeedbackSource
from goaldesk.store.base import Change
from goaldesk.store.services import SharedGoal
from goaldesk.ui.common.commands import ServiceCommand, run, short
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.shell.context import USER_ERRORS, AppContext

if TYPE_CHECKING:
    from goaldesk.ui.shell.hooks import WindowHooks


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SharedView", text, "", n)


def needs_server_tip() -> str:
    return _tr("Sharing goals needs a GoalDesk server (File › Connect to Server…): a file has only one person.")


def _progress_text(goal: Goal) -> str:
    fraction = goal.progress
    return "—" if fraction is None else f"{round(fraction * 100)} %"


def _number(value: float) -> str:
    return f"{value:g}"


class SharedWithMe(QDialog):
    """Goals other people shared with me: read-only, with their check-ins and feedback; I can add feedback."""

    COLUMNS = ("Owner", "Goal", "Progress", "Deadline")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sharedWithMe")
        self.setWindowTitle(_tr("Shared with Me"))
        self.shared: list[SharedGoal] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.goals = QTreeWidget()
        self.goals.setObjectName("sharedGoals")
        self.goals.setAccessibleName(_tr("Goals shared with me"))
        self.goals.setRootIsDecorated(False)
        self.goals.setHeaderLabels([_tr(c) for c in self.COLUMNS])
        self.goals.header().setStretchLastSection(False)
        self.goals.header().setSectionResizeMode(1, self.goals.header().ResizeMode.Stretch)  # the title
        self.goals.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goals.currentItemChanged.connect(lambda *_: self._show_selected())
        splitter.addWidget(self.goals)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.checkins = QListWidget()
        self.checkins.setAccessibleName(_tr("Check-ins"))
        self.feedback = QListWidget()
        self.feedback.setAccessibleName(_tr("Feedback"))
        self.feedback.setWordWrap(True)
        for title, widget in ((_tr("Check-ins"), self.checkins), (_tr("Feedback"), self.feedback)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            lower_layout.addWidget(box, 1)
        splitter.addWidget(lower)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._feedback_form())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ctx.notifier.changed.connect(self._changed)
        self.resize(760, 560)
        self.reload()

    def _feedback_form(self) -> QGroupBox:
        box = QGroupBox(_tr("Your feedback on the selected goal"))
        form = QFormLayout(box)
        self.source = QComboBox()
        for source in (FeedbackSource.MANAGER, FeedbackSource.MENTOR):
            self.source.addItem(_tr(source.label), source)
        form.addRow(_tr("&As:"), self.source)
        self.said = QPlainTextEdit()
        self.said.setPlaceholderText(_tr("What you noticed"))
        self.said.setTabChangesFocus(True)
        self.said.setFixedHeight(self.said.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(_tr("&Feedback:"), self.said)
        self.action_edit = QLineEdit()
        self.action_edit.setPlaceholderText(_tr("A next step to suggest (optional)"))
        form.addRow(_tr("&Suggested step:"), self.action_edit)
        self.add_button = QPushButton(_tr("&Add Feedback"))
        self.add_button.clicked.connect(self.add_feedback)
        form.addRow("", self.add_button)
        for label_for in (self.source, self.said, self.action_edit):
            label = form.labelForField(label_for)
            if isinstance(label, QLabel):
                label.setBuddy(label_for)
        return box

    # ------------------------------------------------------------------ reading

    def selected(self) -> SharedGoal | None:
        item = self.goals.currentItem()
        if item is None:
            return None
        index = self.goals.indexOfTopLevelItem(item)
        return self.shared[index] if 0 <= index < len(self.shared) else None

    def reload(self) -> None:
        keep = self.selected()
        self.shared = self.ctx.sharing.shared_with_me()
        self.goals.clear()
        for entry in self.shared:
            goal = entry.goal
            deadline = goal.deadline.isoformat() if goal.deadline else "—"
            item = QTreeWidgetItem([entry.owner, goal.title, _progress_text(goal), deadline])
            item.setToolTip(1, goal.description or goal.title)
            self.goals.addTopLevelItem(item)
        for col in (0, 2, 3):
            self.goals.resizeColumnToContents(col)
        if self.shared:
            self.intro.setText(_tr("%n goal(s) shared with you, read-only. Select one to see its check-ins and "
                                   "feedback, and add yours.", len(self.shared)))
            ids = [s.goal.id for s in self.shared]
            row = ids.index(keep.goal.id) if keep is not None and keep.goal.id in ids else 0
            first = self.goals.topLevelItem(row)
            if first is not None:
                self.goals.setCurrentItem(first)
        else:
            self.intro.setText(_tr("Nobody has shared a goal with you yet. When someone does (Goal › Share… on "
                                   "their computer), it appears here."))
        self._show_selected()

    def _show_selected(self) -> None:
        entry = self.selected()
        self.checkins.clear()
        self.feedback.clear()
        self.add_button.setEnabled(entry is not None)
        if entry is None:
            return
        unit = f" {entry.goal.unit}" if entry.goal.unit else ""
        for c in sorted(self.ctx.sharing.checkins(entry.goal.id), key=lambda c: c.on, reverse=True):
            note = f" — {c.note}" if c.note else ""
            self.checkins.addItem(f"{c.on.isoformat()}: {_number(c.value)}{unit}{note}")
        if self.checkins.count() == 0:
            self.checkins.addItem(_tr("No check-ins yet."))
        for f in self.ctx.reflection.feedback_for_goal(entry.goal.id):
            step = f"\n{_tr('Next step:')} {f.action}" if f.action else ""
            self.feedback.addItem(f"{f.on.isoformat()} · {_tr(f.source.label)}: {f.said}{step}")
        if self.feedback.count() == 0:
            self.feedback.addItem(_tr("No feedback yet: be the first."))

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "share", "feedback", "goal", "checkin", "milestone"):
            self.reload()

    # ------------------------------------------------------------------ writing

    def add_feedback(self) -> bool:
        """Feedback on the selected goal; its owner sees it in the goal's feedback log.

        Not an undo step: feedback given on someone else's goal is theirs to keep (the server lets its
        author change it, not delete it).
        """
        entry = self.selected()
        if entry is None:
            return False
        source = self.source.currentData()
        try:
            self.ctx.sharing.add_feedback(entry.goal.id, self.said.toPlainText(), source=source,
                                          action=self.action_edit.text())
        except USER_ERRORS as exc:
            self.ctx.report(exc)
            return False
        self.said.clear()
        self.action_edit.clear()
        return True


class ShareGoal(ServiceCommand):
    """Share (or stop sharing) one goal with one person; undo does the opposite."""

    def __init__(self, ctx: AppContext, goal: Goal, grantee: str, *, share: bool = True) -> None:
        text = (_tr("Share “%1” with %2") if share else _tr("Stop sharing “%1” with %2"))
        super().__init__(ctx, text.replace("%1", short(goal.title)).replace("%2", grantee.strip()))
        self.goal_id = goal.id
        self.grantee = grantee.strip()
        self.share = share

    def _apply(self, share: bool) -> None:
        if share:
            self.ctx.sharing.share_goal(self.goal_id, self.grantee)
        else:
            self.ctx.sharing.unshare_goal(self.goal_id, self.grantee)

    def do(self) -> None:
        self._apply(self.share)

    def undo_change(self) -> None:
        self._apply(not self.share)


class ShareDialog(QDialog):
    """Who can read one of my goals: add a person by their server user name, or stop sharing with one."""

    def __init__(self, ctx: AppContext, goal: Goal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal = goal
        self.setObjectName("shareDialog")
        self.setMinimumWidth(480)
        self.setWindowTitle(_tr("Share “%1”").replace("%1", short(goal.title)))
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("People you share this goal with can read it, with its check-ins, milestones and "
                           "feedback, and add feedback; they cannot change it. Use their user name on the server."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.person = QLineEdit()
        self.person.setPlaceholderText(_tr("User name, e.g. ben"))
        self.person.setAccessibleName(_tr("Person to share with"))
        label = QLabel(_tr("&Person:"))
        label.setBuddy(self.person)
        self.share_button = QPushButton(_tr("&Share"))
        self.share_button.clicked.connect(self.share_now)
        self.person.returnPressed.connect(self.share_now)
        row.addWidget(label)
        row.addWidget(self.person, 1)
        row.addWidget(self.share_button)
        layout.addLayout(row)
        layout.addWidget(QLabel(_tr("Shared with:")))
        self.people = QListWidget()
        self.people.setAccessibleName(_tr("People who can read this goal"))
        layout.addWidget(self.people, 1)
        self.unshare_button = QPushButton(_tr("Stop Sharing with the Selected Person"))
        self.unshare_button.clicked.connect(self.unshare_selected)
        layout.addWidget(self.unshare_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.people.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.person.textChanged.connect(lambda _text: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        self.people.clear()
        names = self.ctx.sharing.shared_with(self.goal.id)
        self.people.addItems(names)
        if not names:
            self.people.addItem(_tr("Nobody yet: only you can see this goal."))
            self.people.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()

    def _names(self) -> list[str]:
        return self.ctx.sharing.shared_with(self.goal.id)

    def _update_buttons(self) -> None:
        item = self.people.currentItem()
        self.unshare_button.setEnabled(item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled))
        self.share_button.setEnabled(bool(self.person.text().strip()))

    def share_now(self) -> bool:
        name = self.person.text().strip()
        if not name:
            return False
        if not run(self.ctx, ShareGoal(self.ctx, self.goal, name)):
            return False
        self.person.clear()
        self.reload()
        return True

    def unshare_selected(self) -> bool:
        item = self.people.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        done = run(self.ctx, ShareGoal(self.ctx, self.goal, item.text(), share=False))
        self.reload()
        return done


class SharingActions:
    """View › Shared with Me… and Goal › Share…; on a file both are disabled and say why."""

    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.ctx = window.ctx
        self.shared_dialog: SharedWithMe | None = None
        self.shared_action = QAction(_tr("Shared with &Me…"), window)
        self.shared_action.setStatusTip(_tr("Goals other people shared with you: read them and give feedback"))
        self.shared_action.triggered.connect(lambda _checked=False: self.show_shared())
        self.share_action = QAction(_tr("&Share…"), window)
        self.share_action.setStatusTip(_tr("Let your manager or mentor read the current goal and give feedback"))
        self.share_action.triggered.connect(lambda _checked=False: self.share_current())
        if not self.ctx.is_server:
            for action in (self.shared_action, self.share_action):
                action.setEnabled(False)
                action.setToolTip(needs_server_tip())
                action.setStatusTip(needs_server_tip())

    def install(self, goal_menu: object = None) -> None:
        """Share… on the Goal menu (``goal_menu``, else the window's), Shared with Me… on the View menu."""
        from PySide6.QtWidgets import QMenu

        menu = goal_menu if isinstance(goal_menu, QMenu) else self.window.goal_menu
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.share_action)
            menu.setToolTipsVisible(True)
        self.window.view_menu.addAction(self.shared_action)
        self.window.view_menu.setToolTipsVisible(True)

    def show_shared(self) -> SharedWithMe | None:
        if not self.ctx.is_server:
            return None
        if self.shared_dialog is None:
            self.shared_dialog = SharedWithMe(self.ctx, self.window)
            self.shared_dialog.finished.connect(self._shared_closed)
        self.shared_dialog.show()
        self.shared_dialog.raise_()
        self.shared_dialog.activateWindow()
        return self.shared_dialog

    def _shared_closed(self) -> None:
        if self.shared_dialog is not None:
            self.shared_dialog.deleteLater()
            self.shared_dialog = None

    def share_current(self) -> ShareDialog | None:
        goal = self.window.current_goal()
        if goal is None or not self.ctx.is_server:
            self.window.statusBar().showMessage(_tr("Select one of your goals to share it."), 4000)
            return None
        dialog = ShareDialog(self.ctx, goal, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog
