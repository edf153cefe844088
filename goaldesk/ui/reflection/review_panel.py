"""The weekly review ("This week"): what is due, overdue or quiet, which actions are open, which wins came in.

A short look once a week keeps goals alive. Each item is clickable and emits ``goalActivated(goal_id)``
so the main window can select that goal; "Mark Reviewed" stores the date, so next week's wins are new.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.model import Goal
from goaldesk.domain.reflection import REVIEW_DAYS, Feedback, ReviewItems, last_activity
from goaldesk.domain.reports import Win
from goaldesk.store.base import Change
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.tree_items import child_items, top_items
from goaldesk.ui.shell.context import USER_ERRORS, AppContext

GOAL_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
REVIEW_EVERY_DAYS = 7

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("overdue", "Overdue", "Nothing overdue."),
    ("due_soon", f"Due in the next {REVIEW_DAYS} days", "No deadlines in the next two weeks."),
    ("stale", f"No check-in for {REVIEW_DAYS} days", "Every active goal has had a check-in lately."),
    ("open_actions", "Open actions from feedback", "No open actions: feedback you acted on is done."),
    ("wins_since", "Wins since your last review", "No new wins yet: a check-in may bring one."),
)


def _days(n: int) -> str:
    return QCoreApplication.translate("ReviewPanel", "%n day(s)", "", n)


def _day(day: date, today: date) -> str:
    """A short date ("12 Dec", with the year only when it is not this year): it fits a narrow panel."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


class ReviewPanel(QWidget):
    """"This week": five sections with counts; ``goalActivated(int)`` when an item is clicked."""

    goalActivated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("This Week")
        self.items = ReviewItems()
        self.title = QLabel("This week")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("This week"))
        self.tree.setAccessibleDescription(self.tr("What needs you this week, by section; Enter shows the goal"))
        # The header is hidden, but screen readers still read its section: "This week", not "1".
        self.tree.setHeaderLabels([self.tr("This week")])
        self.tree.setHeaderHidden(True)
        name_scroll_bars(self.tree)
        # One column, two lines an item (what, then when): it fits the dock's width, no sideways scrolling.
        self.tree.setColumnCount(1)
        self.tree.setRootIsDecorated(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.header().setStretchLastSection(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.mark_button = QPushButton("&Mark Reviewed")
        self.mark_button.setToolTip("Remember today as your last review; wins after it show next time.")
        self.mark_button.clicked.connect(self.mark_reviewed)
        head = QVBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mark_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        ctx.notifier.changed.connect(self._changed)
        self.reload()

    # ---------------------------------------------------------------- content

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "goal", "checkin", "milestone", "feedback", "win", "state"):
            self.reload()

    def has_something(self, today: date | None = None) -> bool:
        """True when any section has an item (the lead shows the panel at start-up then)."""
        return bool(self.ctx.review.review(today or self.ctx.today()))

    def is_due(self, today: date | None = None) -> bool:
        """Something to look at and no review in the last week: a gentler start-up rule."""
        day = today or self.ctx.today()
        last = self.ctx.review.last_review()
        recent = last is not None and (day - last).days < REVIEW_EVERY_DAYS
        return not recent and self.has_something(day)

    def reload(self) -> None:
        today = self.ctx.today()
        svc = self.ctx.review
        self.items = svc.review(today)
        last = svc.last_review()
        if last is None:
            when = "You have not marked a review yet."
        elif last == today:
            when = "Reviewed today."
        else:
            when = f"Last reviewed {last.isoformat()} ({_days((today - last).days)} ago)."
        total = sum(len(getattr(self.items, key)) for key, _, _ in SECTIONS[:4])
        lead = self.tr("Nothing needs you this week.") if total == 0 else self.tr("%n thing(s) to look at.", "", total)
        self.subtitle.setText(f"{today.strftime('%A %d %B %Y')} · {lead} {when}")
        self.mark_button.setEnabled(last != today)
        titles = self.ctx.reflection.goal_titles()
        self.tree.clear()
        for key, label, empty in SECTIONS:
            entries = getattr(self.items, key)
            head = QTreeWidgetItem([f"{label} ({len(entries)})"])
            head.setData(0, Qt.ItemDataRole.AccessibleTextRole, self._heading_spoken(label, len(entries)))
            font = QFont(head.font(0))
            font.setBold(True)
            head.setFont(0, font)
            head.setData(0, SECTION_ROLE, key)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            if not entries:
                child = QTreeWidgetItem([empty])
                child.setFlags(Qt.ItemFlag.NoItemFlags)
                head.addChild(child)
            for entry in entries:
                head.addChild(self._item(key, entry, today, titles))
            head.setExpanded(True)
        self.tree.setCurrentIndex(QModelIndex())  # no focus frame on a heading until the user moves there

    def _heading_spoken(self, label: str, count: int) -> str:
        """A section heading aloud: "Overdue: 1 goal" rather than "Overdue (1)"."""
        return f"{label}: " + (self.tr("nothing") if count == 0 else self.tr("%n item(s)", "", count))

    def _item(self, key: str, entry: object, today: date, titles: dict[int, str]) -> QTreeWidgetItem:
        goal_id: int | None
        if isinstance(entry, Goal):
            goal_id = entry.id
            text = entry.title
            if key == "overdue" and entry.deadline is not None:
                detail = f"due {_day(entry.deadline, today)}, {_days((today - entry.deadline).days)} ago"
            elif key == "due_soon" and entry.deadline is not None:
                left = (entry.deadline - today).days
                detail = "due today" if left == 0 else f"due {_day(entry.deadline, today)}, in {_days(left)}"
            else:
                since = last_activity(entry)
                what = "last check-in" if entry.last_checkin else "started"
                detail = f"{what} {_day(since, today)}, {_days((today - since).days)} ago"
        elif isinstance(entry, Feedback):
            goal_id = entry.goal_id
            text = " ".join(entry.action.split())
            about = "general feedback" if goal_id is None else titles.get(goal_id, "")
            detail = f"{about} · {entry.source.label}, {_day(entry.on, today)}"
        else:
            assert isinstance(entry, Win)
            goal_id = entry.goal_id
            text = entry.what
            detail = f"{titles.get(goal_id, '')} · {_day(entry.on, today)}"
        item = QTreeWidgetItem([f"{text}\n{detail}"])
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{text}, {detail}")
        item.setData(0, DETAIL_ROLE, detail)
        item.setToolTip(0, f"{text}\n{detail}")  # the whole of both lines, however narrow the panel
        if goal_id is not None:
            item.setData(0, GOAL_ROLE, goal_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        else:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def section_texts(self, key: str) -> list[str]:
        """The first-column texts of one section's items (empty when it has none): for tests."""
        for head in top_items(self.tree):
            if head.data(0, SECTION_ROLE) == key:
                if not getattr(self.items, key):
                    return []
                return [child.text(0).split("\n")[0] for child in child_items(head)]
        raise KeyError(key)

    def section_item(self, key: str, row: int) -> QTreeWidgetItem:
        for head in top_items(self.tree):
            if head.data(0, SECTION_ROLE) == key:
                return child_items(head)[row]
        raise KeyError(key)

    def heading_texts(self) -> list[str]:
        return [item.text(0) for item in top_items(self.tree)]

    # ---------------------------------------------------------------- actions

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        goal_id = item.data(0, GOAL_ROLE)
        if goal_id is not None:
            self.goalActivated.emit(int(goal_id))

    def mark_reviewed(self) -> None:
        try:
            self.ctx.review.mark_reviewed(self.ctx.today())
        except USER_ERRORS as exc:  # a disk error: say so, keep the panel usable
            self.ctx.report(exc)

