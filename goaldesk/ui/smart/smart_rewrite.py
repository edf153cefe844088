"""The guided "Rewrite as SMART" dialog: only the questions the goal still needs, with suggested answers.

The questions, suggestions and the sentence come from :mod:`goaldesk.domain.smart_rewrite`; this
module only lays them out. The rewritten statement is judged by the same SMART check as it is typed,
and "Use This Statement" stays disabled while the draft still fails a criterion: the dialog never
claims success for a statement that is not SMART. It never writes either: the SMART dialog applies
the result through its undoable command.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.smart_base import Assessment, SmartInput
from goaldesk.domain.smart_rewrite import Answers, Draft, Step, check, plan
from goaldesk.ui.goals.date_field import DateField


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SmartRewriteDialog(QDialog):
    """Asks for the observable outcome, the number, the date and the reason, whichever are missing."""

    draftChanged = Signal(str)

    def __init__(
        self,
        inp: SmartInput,
        result: Assessment,
        *,
        type_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SmartRewriteDialog")
        self.setWindowTitle(self.tr("Rewrite as SMART"))
        self.inp = inp
        self.plan = plan(inp, result, type_key)
        suggested = self.plan.suggested
        self._draft: Draft | None = None
        self._focused = False

        intro = QLabel(
            self.tr("Answer only what is missing; each answer starts from a suggestion you can change.")
            if self.plan.steps
            else self.tr("This goal already meets every criterion the wording can show; nothing to ask.")
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)

        self.outcome_edit = QLineEdit(suggested.outcome)
        self.amount_spin = QDoubleSpinBox()
        self.amount_spin.setRange(0, 1e12)
        whole = suggested.amount is None or float(suggested.amount).is_integer()
        self.amount_spin.setDecimals(0 if whole else 2)
        self.amount_spin.setGroupSeparatorShown(True)
        self.amount_spin.setValue(float(suggested.amount or 0))
        self.unit_edit = QLineEdit(suggested.unit)
        self.deadline_edit = DateField()  # a click on the year, month or day types over it
        self.deadline_edit.setMinimumDate(_qdate(inp.today))
        self.deadline_edit.setDate(_qdate(suggested.deadline or inp.today))
        self.why_edit = QLineEdit(suggested.why)
        for field, name in ((self.outcome_edit, self.tr("Outcome")), (self.amount_spin, self.tr("Number")),
                            (self.unit_edit, self.tr("Unit")), (self.deadline_edit, self.tr("By when (date)")),
                            (self.why_edit, self.tr("Why it matters"))):
            field.setAccessibleName(name)
        self.steps: dict[Step, QGroupBox] = {}
        for number, step in enumerate(self.plan.steps, start=1):
            box = self._step_box(step, number, len(self.plan.steps))
            self.steps[step] = box
            layout.addWidget(box)

        preview = QGroupBox(self.tr("Your SMART statement"))
        preview_layout = QVBoxLayout(preview)
        self.statement_label = QLabel()
        self.statement_label.setObjectName("statement_label")
        self.statement_label.setWordWrap(True)
        self.statement_label.setTextFormat(Qt.TextFormat.PlainText)
        keyboard = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.statement_label.setTextInteractionFlags(keyboard)  # a Tab stop: the statement is read out
        self.statement_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bold = QFont(self.statement_label.font())
        bold.setBold(True)
        self.statement_label.setFont(bold)
        self.status_label = QLabel()
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(keyboard)  # why it is not SMART yet, reachable by Tab
        self.status_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        preview_layout.addWidget(self.statement_label)
        preview_layout.addWidget(self.status_label)
        layout.addWidget(preview)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = QPushButton(self.tr("&Use This Statement"))
        self.use_button.setDefault(True)
        self.buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.outcome_edit.textChanged.connect(self.refresh)
        self.amount_spin.valueChanged.connect(self.refresh)
        self.unit_edit.textChanged.connect(self.refresh)
        self.deadline_edit.dateChanged.connect(self.refresh)
        self.why_edit.textChanged.connect(self.refresh)
        self.setMinimumWidth(560)
        self.refresh()
        self.resize(max(600, self.sizeHint().width()), self.sizeHint().height())

    def _step_box(self, step: Step, number: int, total: int) -> QGroupBox:
        titles = {
            Step.OUTCOME: self.tr("What will you have done?"),
            Step.AMOUNT: self.tr("How many, or how much?"),
            Step.DEADLINE: self.tr("By when?"),
            Step.WHY: self.tr("Why does it matter?"),
        }
        hints = {
            Step.OUTCOME: self.tr("Something someone else could see or check, starting with a verb: "
                                  "“Lead client projects as project manager”."),
            Step.AMOUNT: self.tr("The number and what it counts, for example 2 client projects or 5 kg."),
            Step.DEADLINE: self.tr("A date you can plan toward; the suggestion fits the goal type."),
            Step.WHY: self.tr("Your reason, for example “to move into a senior role”."),
        }  # fmt: skip
        box = QGroupBox(self.tr("Step {0} of {1}: {2}").format(number, total, titles[step]))
        box.setObjectName(f"step_{step.value}")
        box.setAccessibleDescription(hints[step])
        # The hint sits above the form: a word-wrapped row inside QFormLayout gets squeezed to one line.
        column = QVBoxLayout(box)
        hint = QLabel(hints[step])
        hint.setWordWrap(True)
        column.addWidget(hint)
        form = QFormLayout()
        column.addLayout(form)
        if step is Step.OUTCOME:
            form.addRow(self.tr("&Outcome:"), self.outcome_edit)
        elif step is Step.AMOUNT:
            form.addRow(self.tr("&Number:"), self.amount_spin)
            form.addRow(self.tr("&Unit:"), self.unit_edit)
        elif step is Step.DEADLINE:
            form.addRow(self.tr("&Date:"), self.deadline_edit)
        else:
            form.addRow(self.tr("&Why:"), self.why_edit)
        return box

    # ------------------------------------------------------------------ answers and the checked draft

    def answers(self) -> Answers:
        """The answers as shown; questions that were not asked keep the goal's own values."""
        suggested = self.plan.suggested
        asked = self.plan.steps
        qd = self.deadline_edit.date()
        return Answers(
            outcome=self.outcome_edit.text() if Step.OUTCOME in asked else suggested.outcome,
            amount=self.amount_spin.value() if Step.AMOUNT in asked and self.amount_spin.value() > 0 else None,
            unit=self.unit_edit.text() if Step.AMOUNT in asked else "",
            deadline=date(qd.year(), qd.month(), qd.day()) if Step.DEADLINE in asked else suggested.deadline,
            why=self.why_edit.text() if Step.WHY in asked else self.inp.why,
        )

    def draft(self) -> Draft:
        if self._draft is None:
            self._draft = check(self.inp, self.answers())
        return self._draft

    def statement(self) -> str:
        return self.draft().statement

    def why(self) -> str:
        return self.draft().why

    def deadline(self) -> date | None:
        return self.answers().deadline

    def refresh(self) -> None:
        """Re-compose and re-check; the statement is offered only when it passes its own check."""
        self._draft = check(self.inp, self.answers())
        draft = self._draft
        self.statement_label.setText(draft.statement or self.tr("(no statement yet)"))
        if draft.passes:
            status = self.tr("Meets all five SMART criteria.")
            self.status_label.setText(f"✔ {status}")
        else:
            first = draft.result.verdict(draft.failing[0])
            names = ", ".join(c.label for c in draft.failing)
            status = self.tr("Not SMART yet ({0}): {1}").format(names, first.reasons[0] if first.reasons else "")
            self.status_label.setText(f"✘ {status}")
        self.status_label.setAccessibleName(status)  # words only: no glyph to read out
        self.statement_label.setAccessibleName(self.tr("Your SMART statement: {0}").format(self.statement_label.text()))
        self.use_button.setAccessibleDescription(status)
        self.use_button.setEnabled(draft.passes and bool(draft.statement))
        self.draftChanged.emit(draft.statement)

    def showEvent(self, event: QShowEvent) -> None:
        """Opening puts the keyboard on the first question (or on the statement when nothing is asked)."""
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            fields = [self.outcome_edit, self.amount_spin, self.deadline_edit, self.why_edit]
            first = next((f for f in fields if f.isVisibleTo(self)), self.statement_label)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if not self.draft().passes:
            return
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter uses a passing statement; on a failing one it does nothing (it must not cancel the answers)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.use_button.isEnabled():
            event.accept()
            return
        super().keyPressEvent(event)
