"""The SMART checklist dialog: five criteria, each explained, judged, and open to the user's own verdict.

Two modes:

* stored goal (``SmartDialog(ctx, goal=goal)``): OK saves overrides and an accepted rewrite (title, and
  from the guided rewrite also the reason and deadline) as one undoable
  :class:`~goaldesk.ui.smart.smart_commands.ApplySmart`; Cancel writes nothing.
* live (``SmartDialog(ctx, draft_source=editor.current_fields, goal=editor.goal)``, or
  :meth:`SmartDialog.for_editor`): judges the editor's unsaved fields, re-assessing on :meth:`refresh`,
  and never writes; the caller reads :meth:`chosen_overrides` and :meth:`chosen_title`.

The verdicts come from :mod:`goaldesk.domain.smart`; this module only lays them out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import CheckIn, Goal, GoalDraft
from goaldesk.domain.smart import Assessment, Criterion, SmartInput, assess, rewrite_as_smart
from goaldesk.domain.smart_base import score_text
from goaldesk.domain.smart_reading import read
from goaldesk.domain.validation import title_problems
from goaldesk.ui.common.commands import run
from goaldesk.ui.goals.goal_editor import GoalEditor
from goaldesk.ui.progress.progress_commands import AddMilestone
from goaldesk.ui.shell.context import USER_ERRORS, AppContext
from goaldesk.ui.smart.smart_commands import ApplySmart
from goaldesk.ui.smart.smart_rewrite import SmartRewriteDialog
from goaldesk.ui.smart.smart_section import CriterionSection, criterion_fields, normalise_overrides, quoted

DraftSource = Callable[[], GoalDraft]
W = TypeVar("W", bound=QWidget)


def _fill_editor(editor: GoalEditor, title: str, why: str, deadline: object) -> None:
    """Live mode: the guided rewrite's answers go into the editor's fields, where the user saves them."""
    editor.set_title(title)
    if why:
        editor.why_edit.setText(why)
    if isinstance(deadline, date):
        editor.deadline_edit.setDate(QDate(deadline.year, deadline.month, deadline.day))
        editor.has_deadline.setChecked(True)


class SmartDialog(QDialog):
    """Checklist of the five SMART criteria for a stored goal or the goal editor's live fields."""

    scoreChanged = Signal(int)
    titleChosen = Signal(str)
    """Emitted by “Use as Title” with the drafted statement (live mode: wire it to ``editor.set_title``)."""
    rewriteChosen = Signal(str, str, object)
    """The guided rewrite's (title, why, deadline) once the user accepts it."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        goal: Goal | None = None,
        draft_source: DraftSource | None = None,
        overrides: Iterable[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if goal is None and draft_source is None:
            raise ValueError("SmartDialog needs a goal or a draft_source")
        self.ctx = ctx
        self.goal = goal
        self.draft_source = draft_source
        self.live = draft_source is not None
        self._today = ctx.today()
        start = goal.smart_overrides if overrides is None and goal is not None else overrides or ()
        self._overrides: set[str] = normalise_overrides(start)
        self._title: str | None = None
        self._new_why: str | None = None
        self._new_deadline: date | None = None
        self.rewrite_dialog: SmartRewriteDialog | None = None
        self._focused = False
        self._checkins: list[CheckIn] = []
        self._milestones = 0
        if goal is not None:
            try:
                self._checkins = ctx.progress.checkins(goal.id)
                self._milestones = len(ctx.progress.milestones(goal.id))
            except USER_ERRORS as exc:  # the goal may have been purged meanwhile: judge its fields alone
                ctx.report(exc)
                self._milestones = goal.milestones_total
        self._input: SmartInput | None = None
        self._category_id: int | None = None
        self.assessment: Assessment | None = None
        self._category_names: dict[int, str] = {c.id: c.name for c in ctx.categories.categories()}

        name = (goal.title if goal else "") or "this goal"
        self.setWindowTitle(self.tr("SMART Check — {0}").format(quoted(name, 50)[1:-1]))
        self.setObjectName("SmartDialog")

        self.score_label = QLabel()
        self.score_label.setObjectName("score_label")
        big = QFont(self.score_label.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.score_label.setFont(big)
        self.score_note = QLabel()
        self.score_note.setWordWrap(True)
        self.mode_note = QLabel(
            self.tr("Live: this follows the editor as you type there. OK keeps your ticks for when you save the goal.")
            if self.live
            else self.tr(
                "Tick a box to count a criterion you judge met; OK saves your choices (Edit ▸ Undo takes them back)."
            )
        )
        self.mode_note.setWordWrap(True)

        self.sections: dict[Criterion, CriterionSection] = {}
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.setSpacing(10)
        self._milestone_title = ""
        self.milestone_button = QPushButton()
        self.milestone_button.setObjectName("milestone_button")
        self.milestone_button.hide()
        self.milestone_button.clicked.connect(self.add_completion_milestone)
        for criterion in Criterion:
            section = CriterionSection(criterion)
            section.override_box.toggled.connect(lambda on, c=criterion: self._toggle(c, on))
            self.sections[criterion] = section
            body_layout.addWidget(section)
            if criterion is Criterion.MEASURABLE:
                section.box.addWidget(self.milestone_button)
        body_layout.addWidget(self._rewrite_box())
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own (focus lands on the first control, and moving focus scrolls to it).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("The five SMART criteria"))
        self.scroll_area.verticalScrollBar().setAccessibleName(self.tr("Scroll the criteria"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.score_label)
        header.addWidget(self.score_note)
        header.addWidget(self.mode_note)
        layout.addLayout(header)
        layout.addSpacing(4)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 480)
        self.resize(720, 860)
        self.refresh()

    # ------------------------------------------------------------------ construction helpers

    @classmethod
    def for_editor(cls, ctx: AppContext, editor: GoalEditor, *, parent: QWidget | None = None) -> SmartDialog:
        """Live dialog on a GoalEditor: reads ``editor.current_fields`` and follows its edits."""
        dialog = cls(ctx, goal=editor.goal, draft_source=editor.current_fields, parent=parent or editor)
        dialog.watch(editor)
        dialog.rewriteChosen.connect(lambda title, why, deadline: _fill_editor(editor, title, why, deadline))
        return dialog

    def watch(self, editor: QWidget) -> None:
        """Re-assess whenever any field of ``editor`` changes (text, choice, date or tick)."""

        def fields(kind: type[W]) -> list[W]:
            # The dialog may be the editor's child: its own widgets must not trigger it (a loop).
            return [w for w in editor.findChildren(kind) if w is not self and not self.isAncestorOf(w)]

        for line in fields(QLineEdit):
            line.textChanged.connect(self.refresh)
        for text in fields(QPlainTextEdit):
            text.textChanged.connect(self.refresh)
        for combo in fields(QComboBox):
            combo.currentIndexChanged.connect(self.refresh)
        for day in fields(QDateEdit):
            day.dateChanged.connect(self.refresh)
        for box in fields(QCheckBox):
            box.toggled.connect(self.refresh)

    def _rewrite_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rewrite as a SMART statement"))
        box.setObjectName("section_rewrite")
        self.rewrite_button = QPushButton(self.tr("&Rewrite as SMART…"))
        self.rewrite_button.setToolTip(
            self.tr("Answer a few questions (only what is missing) and get a statement that passes the check")
        )
        self.rewrite_button.clicked.connect(self.open_guided_rewrite)
        self.draft_button = QPushButton(self.tr("&Draft from Fields"))
        self.draft_button.setToolTip(self.tr("Draft one sentence from the fields: what, how much and by when"))
        self.draft_button.clicked.connect(self.show_rewrite)
        self.rewrite_edit = QLineEdit()
        self.rewrite_edit.setReadOnly(True)
        self.rewrite_edit.setAccessibleName(self.tr("Drafted SMART statement"))
        self.rewrite_edit.setPlaceholderText(self.tr("Press “Draft from Fields” to draft a statement from the fields"))
        self.use_title_button = QPushButton(self.tr("&Use as Title"))
        self.use_title_button.setEnabled(False)
        self.use_title_button.clicked.connect(self.use_as_title)
        self.title_note = QLabel()
        self.title_note.setWordWrap(True)
        self.title_note.setTextFormat(Qt.TextFormat.PlainText)
        self.title_note.hide()
        self.draft_note = QLabel()
        self.draft_note.setWordWrap(True)
        self.draft_note.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.draft_button)
        row.addWidget(self.rewrite_edit, 1)
        row.addWidget(self.use_title_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.rewrite_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        layout.addWidget(self.draft_note)
        layout.addWidget(self.title_note)
        return box

    # ------------------------------------------------------------------ state

    def chosen_overrides(self) -> frozenset[str]:
        """The criterion values the user overrules (ticked boxes), as stored in Goal.smart_overrides."""
        return frozenset(self._overrides)

    def chosen_title(self) -> str | None:
        """The drafted statement accepted with “Use as Title”, or None to keep the title."""
        return self._title

    def score(self) -> int:
        return self.assessment.score if self.assessment else 0

    def _draft_input(self) -> SmartInput | None:
        if self.draft_source is not None:
            try:
                draft = self.draft_source()
            except (ValueError, TypeError, DomainError):
                return self._input  # a half-typed field: keep showing the last good reading
            self._category_id = draft.category_id
            draft = self._with_rewrite(draft)
            return SmartInput.from_draft(
                draft, today=self._today, checkins=self._checkins, milestones_total=self._milestones
            )
        assert self.goal is not None
        self._category_id = self.goal.category_id
        goal = self.goal.replace(**self._rewrite_fields())
        return SmartInput.from_goal(goal, today=self._today, checkins=self._checkins, milestones_total=self._milestones)

    def _rewrite_fields(self) -> dict[str, object]:
        fields: dict[str, object] = {}
        if self._title is not None:
            fields["title"] = self._title
        if self._new_why is not None:
            fields["why"] = self._new_why
        if self._new_deadline is not None:
            fields["deadline"] = self._new_deadline
        return fields

    def _with_rewrite(self, draft: GoalDraft) -> GoalDraft:
        return draft.replace(**self._rewrite_fields())

    def chosen_why(self) -> str | None:
        """The reason accepted in the guided rewrite, or None to keep the goal's own."""
        return self._new_why

    def chosen_deadline(self) -> date | None:
        """The deadline accepted in the guided rewrite, or None to keep the goal's own."""
        return self._new_deadline

    def refresh(self) -> None:
        """Re-read the fields (live mode) and re-judge; the ticked boxes are kept."""
        inp = self._draft_input()
        if inp is None:
            return
        self._input = inp
        self._show(inp)

    def _show(self, inp: SmartInput) -> None:
        result = assess(inp, self._overrides)
        old_score = self.assessment.score if self.assessment else None
        self.assessment = result
        for criterion, section in self.sections.items():
            section.show_verdict(
                result.verdict(criterion), self._fields(criterion, inp, result), criterion.value in self._overrides
            )
        self.score_label.setText(score_text(result.score))
        overruled = [v.criterion.label for v in result.verdicts if v.overruled]
        failed = [v.criterion.label for v in result.verdicts if not v.counts]
        notes = []
        if overruled:
            notes.append(self.tr("Overruled by you: {0}.").format(", ".join(overruled)))
        if failed:
            notes.append(self.tr("Still to work on: {0}.").format(", ".join(failed)))
        elif not overruled:
            notes.append(self.tr("All five criteria are met."))
        self.score_note.setText(" ".join(notes))
        self.setAccessibleDescription(f"{self.score_label.text()}. {self.score_note.text()}")  # said on opening
        self._offer_milestone(inp)
        if self.rewrite_edit.text():
            self.rewrite_edit.setText(rewrite_as_smart(inp))
            self.rewrite_edit.setCursorPosition(0)
            self._check_rewrite()
        if old_score != result.score:
            self.scoreChanged.emit(result.score)

    def _toggle(self, criterion: Criterion, on: bool) -> None:
        if on:
            self._overrides.add(criterion.value)
        else:
            self._overrides.discard(criterion.value)
        if self._input is not None:
            self._show(self._input)

    # ------------------------------------------------------------------ what each criterion reads

    def _fields(self, criterion: Criterion, inp: SmartInput, result: Assessment) -> str:
        name = self._category_names.get(self._category_id) if self._category_id else None
        serves = self._serves(inp) if criterion is Criterion.RELEVANT else ""
        return criterion_fields(criterion, inp, result, name, serves)

    def _serves(self, inp: SmartInput) -> str:
        if inp.parent_id is None:
            return "Serves: no long-term goal linked"
        parent = self.ctx.goals.find_goal(inp.parent_id)
        return f"Serves: {quoted(parent.title, 40)}" if parent else "Serves: a linked goal"

    # ------------------------------------------------------------------ rewrite

    def show_rewrite(self) -> None:
        """Draft a SMART statement from the fields into the read-only field."""
        if self._input is None:
            return
        self.rewrite_edit.setText(rewrite_as_smart(self._input))
        self.rewrite_edit.setCursorPosition(0)
        self._check_rewrite()

    def _check_rewrite(self) -> None:
        text = self.rewrite_edit.text()
        problems = title_problems(text)
        self.use_title_button.setEnabled(not problems)
        tip = problems[0].message if problems else self.tr("Make this statement the goal's title")
        self.use_title_button.setToolTip(tip)
        if self._input is None or not text:
            self.draft_note.hide()
            return
        draft_input = dataclasses.replace(self._input, title=text)
        failing = [v.criterion.label for v in assess(draft_input).verdicts if not v.met]
        # Never present a draft as SMART while it still fails: say what it still lacks.
        self.draft_note.setText(
            self.tr("This draft still fails: {0}. “Rewrite as SMART…” asks for what is missing.").format(
                ", ".join(failing)
            )
            if failing
            else self.tr("✔ This draft meets all five criteria.")
        )
        self.draft_note.show()

    # ------------------------------------------------------------------ guided rewrite

    def _type_key(self) -> str | None:
        for category in self.ctx.categories.categories():
            if category.id == self._category_id:
                return category.key
        return None

    def open_guided_rewrite(self) -> SmartRewriteDialog | None:
        """Open the guided rewrite (window-modal, not blocking); its accepted statement becomes the title."""
        if self._input is None or self.assessment is None:
            return None
        dialog = SmartRewriteDialog(self._input, assess(self._input), type_key=self._type_key(), parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # one per use: none left behind
        dialog.accepted.connect(lambda: self.apply_rewrite(dialog.statement(), dialog.why(), dialog.deadline()))
        dialog.finished.connect(lambda _code: setattr(self, "rewrite_dialog", None))
        self.rewrite_dialog = dialog
        dialog.open()
        return dialog

    def apply_rewrite(self, title: str, why: str, deadline: date | None) -> None:
        """Take the guided rewrite's answers (saved on OK in stored mode; handed to the editor live)."""
        if not title or title_problems(title):
            return
        self._title = title
        self._new_why = why or None
        self._new_deadline = deadline
        self.title_note.setText(
            self.tr("New title: {0}. OK saves it; Cancel keeps the current title.").format(quoted(title, 160))
            if not self.live
            else self.tr("New title: {0}.").format(quoted(title, 160))
        )
        self.title_note.show()
        self.titleChosen.emit(title)
        self.rewriteChosen.emit(title, why, deadline)
        self.refresh()

    def _offer_milestone(self, inp: SmartInput) -> None:
        """A named completion ("pass the AWS exam") is one milestone: offer to create it for a stored goal."""
        reading = read(inp.title, inp.description, inp.today)
        completion = reading.completion
        show = (
            completion is not None and not self.live and self.goal is not None and inp.milestones_total == 0
            and inp.target is None
        )  # fmt: skip
        self.milestone_button.setVisible(show)
        if show and completion is not None:
            text = completion.text[:1].upper() + completion.text[1:]
            self.milestone_button.setText(self.tr("Add “{0}” as a Milestone").format(quoted(text, 50)[1:-1]))
            self._milestone_title = text

    def add_completion_milestone(self) -> None:
        """Create the named completion as a milestone, as its own undoable step."""
        if self.goal is None or not self._milestone_title:
            return
        if run(self.ctx, AddMilestone(self.ctx, self.goal, self._milestone_title)):
            self._milestones += 1
            self.refresh()

    def use_as_title(self) -> None:
        """Accept the drafted statement as the title (saved on OK in stored mode; the caller applies it live)."""
        text = self.rewrite_edit.text().strip()
        if not text or title_problems(text):
            return
        self._title = text
        self.title_note.setText(
            self.tr("New title: {0}. OK saves it; Cancel keeps the current title.").format(quoted(text, 120))
            if not self.live
            else self.tr("New title: {0}.").format(quoted(text, 120))
        )
        self.title_note.show()
        self.titleChosen.emit(text)
        self.refresh()

    # ------------------------------------------------------------------ closing

    def accept(self) -> None:
        """Stored mode: save as one undoable command; stay open (with the message shown) if refused."""
        if not self.live and self.goal is not None:
            overrides = self.chosen_overrides()
            command = ApplySmart(
                self.ctx, self.goal, overrides, self._title, why=self._new_why, deadline=self._new_deadline
            )
            run(self.ctx, command)
            if command.new is None:
                return
        super().accept()

    def showEvent(self, event: QShowEvent) -> None:
        """Opening puts the keyboard on the first control: the first criterion's verdict and reasons."""
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            self.sections[Criterion.SPECIFIC].reasons_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def ok_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)
