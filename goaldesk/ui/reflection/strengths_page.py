"""Strengths and weaknesses: choose goals that use your strengths and work on your weak areas.

Two lists with name, rating (1-5), date and note; each trait links to the goals that use or improve it;
weaknesses that no goal addresses yet are listed apart with a one-click "create a goal" request.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import GoalQuery
from goaldesk.domain.reflection import Trait, TraitKind, check_trait
from goaldesk.store.base import Change
from goaldesk.ui.common.announce import announce
from goaldesk.ui.common.commands import run, short
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.tree_items import top_items
from goaldesk.ui.goals.date_field import DateField
from goaldesk.ui.reflection.reflection_commands import AddTrait, DeleteTrait, EditTrait, SetTraitGoals
from goaldesk.ui.shell.context import AppContext

TRAIT_ROLE = Qt.ItemDataRole.UserRole + 1
GOAL_ROLE = Qt.ItemDataRole.UserRole + 2

RATING_WORDS = {1: "slight", 2: "some", 3: "clear", 4: "strong", 5: "marked"}


def rating_text(rating: int) -> str:
    return f"{'★' * rating}{'☆' * (5 - rating)}"


def goal_title_for(weakness: Trait) -> str:
    """A starting title for a goal that works on a weakness; the user edits it in the goal editor."""
    name = weakness.name
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return f"Improve {name}"


class TraitDialog(QDialog):
    """Add or edit a strength or weakness; problems show in the dialog, which stays open."""

    def __init__(self, kind: TraitKind, trait: Trait | None, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        noun = kind.label.lower()
        self.setWindowTitle(self.tr("Edit {0}").format(kind.label) if trait else self.tr("Add {0}").format(kind.label))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(
            self.tr("e.g. “Explaining complex ideas”") if kind is TraitKind.STRENGTH
            else self.tr("e.g. “Public speaking”")
        )
        self.rating_spin = QSpinBox()
        self.rating_spin.setRange(1, 5)
        self.rating_spin.setValue(3)
        self.rating_hint = QLabel()
        self.rating_spin.valueChanged.connect(self._hint)
        self.date_edit = DateField()  # a click on the year, month or day types over it
        self.date_edit.setDate(today)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Optional: where this {0} shows, who noticed it").format(noun))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        if trait is not None:
            self.name_edit.setText(trait.name)
            self.rating_spin.setValue(trait.rating)
            self.date_edit.setDate(QDate(trait.on.year, trait.on.month, trait.on.day))
            self.note_edit.setPlainText(trait.note)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.rating_spin)
        rating_row.addWidget(self.rating_hint, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        rating_label = QLabel(self.tr("&Rating (1-5):"))
        rating_label.setBuddy(self.rating_spin)  # a row of two widgets: Alt+R goes to the number
        form.addRow(rating_label, rating_row)
        form.addRow(self.tr("&Noted on:"), self.date_edit)
        form.addRow(self.tr("N&ote:"), self.note_edit)
        for field, name in ((self.name_edit, self.tr("Name")), (self.rating_spin, self.tr("Rating from 1 to 5")),
                            (self.date_edit, self.tr("Noted on")), (self.note_edit, self.tr("Note"))):
            field.setAccessibleName(name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._hint(self.rating_spin.value())
        self.resize(420, 300)

    def _hint(self, value: int) -> None:
        self.rating_hint.setText(f"{rating_text(value)}  {RATING_WORDS.get(value, '')}")

    def accept(self) -> None:
        try:
            check_trait(self.name_edit.text(), self.note_edit.toPlainText(), self.rating_spin.value())
        except DomainError as exc:
            self.problem.setText(str(exc))
            self.problem.setVisible(True)
            self.name_edit.setAccessibleDescription(str(exc))  # the message rides on the field, and is said
            announce(self.name_edit, str(exc))
            return
        self.name_edit.setAccessibleDescription("")
        super().accept()


class _TraitList(QGroupBox):
    """One of the two lists: a table of traits and an Add button."""

    def __init__(self, kind: TraitKind, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.kind = kind
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Rating"), self.tr("Noted"), self.tr("Goals")])
        self.tree.setAccessibleName(self.tr("Strengths") if kind is TraitKind.STRENGTH else self.tr("Weaknesses"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.empty = QLabel(
            self.tr("What do you do well? Add a strength and link the goals that use it.")
            if kind is TraitKind.STRENGTH
            else self.tr("Where could you grow? Add a weakness, then set a goal that works on it.")
        )
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add {0}…").format(kind.label))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def fill(self, traits: list[Trait], goal_counts: dict[int, int], keep: int | None) -> None:
        self.tree.clear()
        for trait in traits:
            n = goal_counts.get(trait.id, 0)
            item = QTreeWidgetItem([trait.name, rating_text(trait.rating), trait.on.isoformat(), str(n)])
            item.setData(0, TRAIT_ROLE, trait)
            item.setToolTip(0, trait.note or trait.name)
            item.setToolTip(1, f"{trait.rating} of 5: {RATING_WORDS.get(trait.rating, '')}")
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            if trait.id == keep:
                self.tree.setCurrentItem(item)
        self.empty.setVisible(not traits)

    def names(self) -> list[str]:
        return [item.text(0) for item in top_items(self.tree)]

    def selected(self) -> Trait | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        trait = items[0].data(0, TRAIT_ROLE)
        return trait if isinstance(trait, Trait) else None


class StrengthsPage(QWidget):
    """Self-assessment page. ``newGoalRequested(title)`` asks the main window to open a new-goal editor.

    Before emitting, ``requested_trait_id`` holds the weakness the goal is for, so the caller can link
    the created goal with ``ctx.reflection.link(goal_id, page.requested_trait_id)``.
    """

    newGoalRequested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Strengths & Weaknesses"))
        self.requested_trait_id: int | None = None
        self._filling = False
        self._current: Trait | None = None
        self.strengths = _TraitList(TraitKind.STRENGTH, self.tr("Strengths — goals can use them"))
        self.weaknesses = _TraitList(TraitKind.WEAKNESS, self.tr("Weaknesses — goals can work on them"))
        self.strengths.add_button.clicked.connect(lambda: self.add_trait(TraitKind.STRENGTH))
        self.weaknesses.add_button.clicked.connect(lambda: self.add_trait(TraitKind.WEAKNESS))
        for lst, other in ((self.strengths, self.weaknesses), (self.weaknesses, self.strengths)):
            lst.tree.itemSelectionChanged.connect(lambda lst=lst, other=other: self._picked(lst, other))
            lst.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())

        # Selected trait: its goals, edit and delete.
        self.links_box = QGroupBox(self.tr("Linked goals"))
        self.links_hint = QLabel(self.tr("Select a strength or weakness to link it to goals."))
        self.links_hint.setWordWrap(True)
        self.goal_list = QListWidget()
        self.goal_list.setAccessibleName(self.tr("Linked goals"))
        self.goal_list.setAccessibleDescription(self.tr("Tick the goals that use or work on the selected trait"))
        self.goal_list.itemChanged.connect(self._goal_checked)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        links_layout = QVBoxLayout(self.links_box)
        links_layout.addWidget(self.links_hint)
        links_layout.addWidget(self.goal_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        links_layout.addLayout(buttons)

        # Weaknesses no goal addresses yet.
        self.gaps_box = QGroupBox(self.tr("Weaknesses no goal addresses yet"))
        self.gaps_list = QListWidget()
        self.gaps_list.setAccessibleName(self.tr("Weaknesses no goal addresses yet"))
        self.gaps_empty = QLabel(self.tr("Every weakness you listed has a goal working on it."))
        self.gaps_empty.setWordWrap(True)
        self.create_goal_button = QPushButton(self.tr("Create a &Goal for It…"))
        self.create_goal_button.clicked.connect(self.request_goal)
        self.gaps_list.itemSelectionChanged.connect(self._update_buttons)
        self.gaps_list.itemDoubleClicked.connect(lambda *_: self.request_goal())
        gaps_layout = QVBoxLayout(self.gaps_box)
        gaps_layout.addWidget(self.gaps_empty)
        gaps_layout.addWidget(self.gaps_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.create_goal_button)
        row.addStretch(1)
        gaps_layout.addLayout(row)

        grid = QGridLayout(self)
        grid.addWidget(self.strengths, 0, 0)
        grid.addWidget(self.weaknesses, 0, 1)
        grid.addWidget(self.links_box, 1, 0)
        grid.addWidget(self.gaps_box, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.dialog: TraitDialog | None = None
        self._stale = False
        ctx.notifier.changed.connect(self._changed)
        self.reload()

    # ---------------------------------------------------------------- state

    def selected(self) -> Trait | None:
        return self._current

    def _picked(self, lst: _TraitList, other: _TraitList) -> None:
        if self._filling:
            return
        trait = lst.selected()
        if trait is not None:
            other.tree.blockSignals(True)
            other.tree.clearSelection()
            other.tree.blockSignals(False)
            self._current = trait
            self._fill_links()

    def select_trait(self, trait_id: int) -> None:
        for lst in (self.strengths, self.weaknesses):
            for item in top_items(lst.tree):
                if item.data(0, TRAIT_ROLE).id == trait_id:
                    lst.tree.setCurrentItem(item)
                    return

    def _changed(self, changes: list[Change]) -> None:
        if touches(changes, "trait", "goal"):
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

    def reload(self) -> None:
        svc = self.ctx.reflection
        traits = svc.traits()
        counts = {t.id: len(svc.goal_ids_for_trait(t.id)) for t in traits}
        keep = self._current.id if self._current is not None else None
        self._filling = True
        try:
            self.strengths.fill([t for t in traits if t.kind is TraitKind.STRENGTH], counts, keep)
            self.weaknesses.fill([t for t in traits if t.kind is TraitKind.WEAKNESS], counts, keep)
            self._current = next((t for t in traits if t.id == keep), None)
            gap_keep = self._gap_selected()
            self.gaps_list.clear()
            for trait in svc.weaknesses_without_goals():
                item = QListWidgetItem(f"{trait.name}   {rating_text(trait.rating)}")
                item.setData(TRAIT_ROLE, trait)
                item.setToolTip(trait.note or trait.name)
                self.gaps_list.addItem(item)
                if gap_keep is not None and trait.id == gap_keep.id:
                    item.setSelected(True)
            if self.gaps_list.count() and not self.gaps_list.selectedItems():
                self.gaps_list.setCurrentRow(0)
            has_weakness = bool(self.weaknesses.names())
            self.gaps_empty.setText(
                "Every weakness you listed has a goal working on it."
                if has_weakness
                else "No weaknesses listed yet. Naming one is the first step to working on it."
            )
            self.gaps_empty.setVisible(self.gaps_list.count() == 0)
            self.gaps_list.setVisible(self.gaps_list.count() > 0)
        finally:
            self._filling = False
        self._fill_links()

    def _fill_links(self) -> None:
        trait = self._current
        self._filling = True
        try:
            self.goal_list.clear()
            if trait is None:
                self.links_box.setTitle("Linked goals")
                self.links_hint.setText("Select a strength or weakness to link it to goals.")
                self.goal_list.setVisible(False)
            else:
                svc = self.ctx.reflection
                linked = set(svc.goal_ids_for_trait(trait.id))
                verb = "use" if trait.kind is TraitKind.STRENGTH else "work on"
                self.links_box.setTitle(f"Goals that {verb} “{short(trait.name, 30)}”")
                goals = self.ctx.goals.list_goals(
                    GoalQuery(statuses=frozenset({GoalStatus.ACTIVE}), include_archived=False)
                )
                shown = {g.id for g in goals}
                goals += [g for g in self.ctx.goals.list_goals() if g.id in linked and g.id not in shown]
                for goal in goals:
                    label = goal.title if goal.status is GoalStatus.ACTIVE else f"{goal.title} ({goal.status.label})"
                    item = QListWidgetItem(label)
                    item.setData(GOAL_ROLE, goal.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if goal.id in linked else Qt.CheckState.Unchecked)
                    self.goal_list.addItem(item)
                if not goals:
                    hint = "No active goals yet. Create one, then link it here."
                elif trait.kind is TraitKind.STRENGTH:
                    hint = "Tick the goals that use this strength."
                else:
                    hint = "Tick the goals that work on this weakness."
                self.links_hint.setText(hint)
                self.goal_list.setVisible(bool(goals))
        finally:
            self._filling = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self._current is not None)
        self.delete_button.setEnabled(self._current is not None)
        self.create_goal_button.setEnabled(self._gap_selected() is not None)

    def _gap_selected(self) -> Trait | None:
        items = self.gaps_list.selectedItems()
        trait = items[0].data(TRAIT_ROLE) if items else None
        return trait if isinstance(trait, Trait) else None

    def gap_names(self) -> list[str]:
        return [self.gaps_list.item(i).data(TRAIT_ROLE).name for i in range(self.gaps_list.count())]

    # ---------------------------------------------------------------- actions

    def make_dialog(self, kind: TraitKind, trait: Trait | None = None) -> TraitDialog:
        """The add/edit dialog, wired to save on OK."""
        today = self.ctx.today()
        dialog = TraitDialog(kind, trait, QDate(today.year, today.month, today.day), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # one per use: none left behind
        dialog.accepted.connect(lambda: self._save(dialog, trait))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _save(self, dialog: TraitDialog, old: Trait | None) -> None:
        name = dialog.name_edit.text()
        note = dialog.note_edit.toPlainText()
        rating = dialog.rating_spin.value()
        on = dialog.date_edit.date().toPython()
        if old is None:
            command = AddTrait(self.ctx, dialog.kind, name, rating=rating, note=note, on=on)  # type: ignore[arg-type]
            if run(self.ctx, command) and command.created is not None:
                self.select_trait(command.created.trait.id)
        else:
            run(self.ctx, EditTrait(self.ctx, old.replace(name=name, note=note, rating=rating, on=on)))

    def add_trait(self, kind: TraitKind) -> None:
        self.make_dialog(kind).open()

    def edit_selected(self) -> None:
        if self._current is not None:
            self.make_dialog(self._current.kind, self._current).open()

    def delete_selected(self) -> None:
        if self._current is not None:
            trait = self._current
            self._current = None
            run(self.ctx, DeleteTrait(self.ctx, trait))

    def _goal_checked(self, _item: QListWidgetItem) -> None:
        if self._filling or self._current is None:
            return
        ids = [
            int(self.goal_list.item(i).data(GOAL_ROLE))
            for i in range(self.goal_list.count())
            if self.goal_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not run(self.ctx, SetTraitGoals(self.ctx, self._current, ids)):
            self._fill_links()  # refused or no change: show the stored links again

    def set_goal_checked(self, goal_id: int, checked: bool) -> None:
        """Tick or untick one goal in the linked-goals list (as a click would)."""
        for i in range(self.goal_list.count()):
            item = self.goal_list.item(i)
            if item.data(GOAL_ROLE) == goal_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(goal_id)

    def request_goal(self) -> None:
        trait = self._gap_selected()
        if trait is None:
            return
        self.requested_trait_id = trait.id
        self.newGoalRequested.emit(goal_title_for(trait))
