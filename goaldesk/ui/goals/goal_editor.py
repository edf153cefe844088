"""The goal editor dialog (new and edit): fields, inline messages from the domain checks, OK only when valid.

The dialog only builds a GoalDraft; the caller wraps it in an undo command.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.enums import GoalStatus, Horizon, MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Category, Goal, GoalDraft
from goaldesk.domain.templates import GoalTemplate
from goaldesk.domain.validation import draft_problems, parse_number
from goaldesk.domain.wording_deadline import deadline_in_wording, offer_deadline
from goaldesk.ui.common.announce import announce
from goaldesk.ui.goals.date_field import DateField
from goaldesk.ui.goals.field_message import FieldMessage

SMART_SHORTCUT = "Ctrl+K"  # the main window's SMART Check shortcut, here for the draft being edited


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def category_choices(categories: list[Category]) -> list[tuple[int, str]]:
    """(id, indented name) in tree order, for combo boxes."""
    children: dict[int | None, list[Category]] = {}
    for cat in categories:
        children.setdefault(cat.parent_id, []).append(cat)
    out: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for cat in sorted(children.get(parent, []), key=lambda c: (c.position, c.id)):
            out.append((cat.id, "    " * depth + cat.name))
            walk(cat.id, depth + 1)

    walk(None, 0)
    return out


class GoalEditor(QDialog):
    """Edit a goal's fields. ``draft()`` returns the GoalDraft once accepted.

    The deadline field follows a time frame in the wording ("within 6 months") until the user sets a
    deadline, and a "Use …" button offers that date whenever it differs from the deadline: the user's
    own date is never overwritten without a click.
    """

    smartRequested = Signal()

    def __init__(
        self,
        categories: list[Category],
        today: date,
        *,
        goal: Goal | None = None,
        template: GoalTemplate | None = None,
        category_id: int | None = None,
        horizon: Horizon = Horizon.SHORT,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.goal = goal
        self.is_new = goal is None
        self.pending_overrides: frozenset[str] | None = None  # chosen in the SMART dialog, saved on OK
        self.smart_dialog: QDialog | None = None  # the live SMART check of this draft, while it is open
        self.setWindowTitle(self.tr("New Goal") if self.is_new
                            else self.tr("Edit Goal — {0}").format(goal.title[:60] if goal else ""))  # fmt: skip
        self.setMinimumWidth(520)
        self._messages: dict[str, FieldMessage] = {}
        self._said: dict[str, str] = {}  # the message each field carries in its accessible description
        self._deadline_chosen = False  # the user (or the stored goal) set the deadline: never move it
        self._setting_deadline = False
        self._offered: QDate | None = None

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Earn the PMP certification within six months"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr("What exactly will be done, and how"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(70)
        self.category_combo = QComboBox()
        for cid, label in category_choices(categories):
            self.category_combo.addItem(label, cid)
        self.horizon_combo = QComboBox()
        for h in Horizon:
            self.horizon_combo.addItem(h.label, h.value)
        self.start_edit = DateField()
        self.deadline_edit = DateField()
        self.has_deadline = QCheckBox(self.tr("Deadline"))
        self.deadline_offer = QPushButton()
        self.deadline_offer.setObjectName("deadline_offer")
        self.deadline_offer.setAutoDefault(False)
        self.deadline_offer.hide()
        self.deadline_offer.clicked.connect(self.use_offered_deadline)
        self.metric_edit = QLineEdit()
        self.metric_edit.setPlaceholderText(self.tr("e.g. client reports"))
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("e.g. reports"))
        self.baseline_edit = QLineEdit()
        self.baseline_edit.setPlaceholderText("0")
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(self.tr("e.g. 5"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Each check-in is the running total"), MetricKind.CUMULATIVE.value)
        self.kind_combo.addItem(self.tr("Each check-in adds to the total"), MetricKind.INCREMENT.value)
        self.why_edit = QLineEdit()
        self.why_edit.setPlaceholderText(self.tr("Why this matters for your job or path"))
        self.status_combo = QComboBox()
        for s in GoalStatus:
            self.status_combo.addItem(s.label, s.value)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Each field is named for assistive tech: its label sits outside the field's box (beside the inline
        # message), so Qt would derive no name from it.
        self._row(form, self.tr("&Title:"), self.title_edit, "title")
        self._row(form, self.tr("&Description:"), self.description_edit, "description")
        self._row(form, self.tr("T&ype:"), self.category_combo, "category_id")
        self._row(form, self.tr("&Horizon:"), self.horizon_combo, "horizon")
        self._row(form, self.tr("&Start:"), self.start_edit, "start_date")
        self.start_edit.setAccessibleName(self.tr("Start date"))
        deadline_row = QWidget()
        deadline_layout = QHBoxLayout(deadline_row)
        deadline_layout.setContentsMargins(0, 0, 0, 0)
        deadline_layout.addWidget(self.has_deadline)
        deadline_layout.addWidget(self.deadline_edit, 1)
        deadline_layout.addWidget(self.deadline_offer)
        self._row(form, self.tr("Dead&line:"), deadline_row, "deadline", focus=self.has_deadline)
        self.has_deadline.setAccessibleDescription(self.tr("Tick to give the goal this deadline"))
        self.deadline_edit.setAccessibleName(self.tr("Deadline date"))
        self._row(form, self.tr("&Metric:"), self.metric_edit, "metric_name")
        self._row(form, self.tr("&Unit:"), self.unit_edit, "unit")
        numbers = QWidget()
        numbers_layout = QHBoxLayout(numbers)
        numbers_layout.setContentsMargins(0, 0, 0, 0)
        numbers_layout.addWidget(QLabel(self.tr("from")))
        numbers_layout.addWidget(self.baseline_edit)
        numbers_layout.addWidget(QLabel(self.tr("to")))
        numbers_layout.addWidget(self.target_edit)
        self._row(form, self.tr("T&arget:"), numbers, "target", focus=self.baseline_edit)
        self.baseline_edit.setAccessibleName(self.tr("Starting value"))
        self.target_edit.setAccessibleName(self.tr("Target"))
        self._messages["baseline"] = self._messages["target"]
        kind_label = QLabel(self.tr("Chec&k-ins:"))
        kind_label.setBuddy(self.kind_combo)
        form.addRow(kind_label, self.kind_combo)
        self.kind_combo.setAccessibleName(self.tr("Check-ins"))
        self._row(form, self.tr("&Why it matters:"), self.why_edit, "why")
        self._row(form, self.tr("Stat&us:"), self.status_combo, "status")
        self._fields: dict[str, QWidget] = {
            "title": self.title_edit, "description": self.description_edit, "category_id": self.category_combo,
            "horizon": self.horizon_combo, "start_date": self.start_edit, "deadline": self.deadline_edit,
            "metric_name": self.metric_edit, "unit": self.unit_edit, "baseline": self.baseline_edit,
            "target": self.target_edit, "why": self.why_edit, "status": self.status_combo,
        }

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.smart_button = QPushButton(self.tr("SMART Check…"))
        shortcut = QKeySequence(SMART_SHORTCUT)
        self.smart_button.setToolTip(
            self.tr("See how this draft scores against Specific, Measurable, Achievable, Relevant, Time-bound ({0})")
            .format(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        )
        self.buttons.addButton(self.smart_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.smart_button.clicked.connect(self.smartRequested)
        # Ctrl+K inside the editor checks the draft being edited (the main window's shortcut cannot reach here).
        self.smart_action = QAction(self.tr("SMART Check"), self)
        self.smart_action.setShortcut(shortcut)
        self.smart_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.smart_action.triggered.connect(self.smartRequested)
        self.addAction(self.smart_action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._load(goal, template, category_id, horizon, title, categories)
        for widget in (self.title_edit, self.metric_edit, self.unit_edit, self.baseline_edit, self.target_edit,
                       self.why_edit):
            widget.textChanged.connect(self.validate)
        self.description_edit.textChanged.connect(self.validate)
        for combo in (self.category_combo, self.horizon_combo, self.status_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.validate)
        self.start_edit.dateChanged.connect(self.validate)
        self.deadline_edit.dateChanged.connect(self._deadline_edited)
        self.has_deadline.toggled.connect(self._deadline_ticked)
        self.title_edit.textChanged.connect(self._single_line_title)
        self.title_edit.textChanged.connect(self._follow_wording)
        self.description_edit.textChanged.connect(self._follow_wording)
        self.start_edit.dateChanged.connect(self._follow_wording)
        self.finished.connect(self._close_smart_dialog)
        self._follow_wording()
        self.validate()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, name: str, focus: QWidget | None = None) -> None:
        """A labelled field with its inline message under it; the label's mnemonic goes to ``focus`` (or the
        field), and the field gets the label's words as its accessible name."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        message = FieldMessage()
        message.setObjectName(f"message_{name}")
        message.hide()
        layout.addWidget(message)
        self._messages[name] = message
        form.addRow(label, box)
        label_widget = form.labelForField(box)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(focus or widget)
        if focus is None:
            widget.setAccessibleName(label.replace("&", "").rstrip(":").strip())

    def _load(self, goal: Goal | None, template: GoalTemplate | None, category_id: int | None,
              horizon: Horizon, title: str, categories: list[Category]) -> None:
        if goal is not None:
            draft = goal.draft()
        else:
            first_leaf = next((c.id for c in categories if c.parent_id is not None), categories[0].id)
            draft = GoalDraft(title=title, category_id=category_id or first_leaf, horizon=horizon,
                              start_date=self.today)
            if template is not None:
                type_id = next((c.id for c in categories if c.key == template.type_key), draft.category_id)
                draft = draft.replace(
                    title=template.title, description=template.description, why=template.why,
                    category_id=type_id, horizon=template.horizon, deadline=template.deadline(self.today),
                    metric_name=template.metric_name, unit=template.unit, baseline=template.baseline,
                    target=template.target, metric_kind=template.metric_kind,
                )
        self.title_edit.setText(draft.title)
        self.description_edit.setPlainText(draft.description)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(draft.category_id)))
        self.horizon_combo.setCurrentIndex(self.horizon_combo.findData(draft.horizon.value))
        self.start_edit.setDate(qdate(draft.start_date or self.today))
        self._setting_deadline = True
        self.has_deadline.setChecked(draft.deadline is not None)
        self.deadline_edit.setDate(qdate(draft.deadline or self.today))
        self._setting_deadline = False
        self._deadline_chosen = draft.deadline is not None
        self.metric_edit.setText(draft.metric_name)
        self.unit_edit.setText(draft.unit)
        self.baseline_edit.setText(_num(draft.baseline))
        self.target_edit.setText(_num(draft.target))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(draft.metric_kind.value))
        self.why_edit.setText(draft.why)
        self.status_combo.setCurrentIndex(self.status_combo.findData(draft.status.value))
        self._parent_id = draft.parent_id
        self.status_combo.setEnabled(goal is not None)

    def _single_line_title(self, text: str) -> None:
        if "\n" in text or "\r" in text:
            first = text.replace("\r", "\n").split("\n", 1)[0]
            self.title_edit.setText(first)

    # ------------------------------------------------------------------ the deadline and the wording

    def _deadline_edited(self) -> None:
        if not self._setting_deadline:
            self._deadline_chosen = True
            self._setting_deadline = True
            self.has_deadline.setChecked(True)  # a date the user typed or picked is meant as the deadline
            self._setting_deadline = False
        self._follow_wording()
        self.validate()

    def _deadline_ticked(self) -> None:
        if not self._setting_deadline:
            self._deadline_chosen = True
        self._follow_wording()
        self.validate()

    def offered_deadline(self) -> QDate | None:
        """The date the wording means, while it differs from the deadline (the "Use …" button shows it)."""
        return self._offered

    def _follow_wording(self) -> None:
        """Move the untouched deadline to the wording's time frame, and offer that date otherwise."""
        worded = deadline_in_wording(self.title_edit.text(), self.description_edit.toPlainText(),
                                     pydate(self.start_edit.date()))  # fmt: skip
        if worded is not None and not self._deadline_chosen and pydate(self.deadline_edit.date()) != worded.due:
            self._setting_deadline = True
            self.deadline_edit.setDate(qdate(worded.due))  # only the suggestion moves; the box stays unticked
            self._setting_deadline = False
        current = pydate(self.deadline_edit.date()) if self.has_deadline.isChecked() else None
        due = offer_deadline(worded, current)
        self._offered = qdate(due) if due is not None else None
        if due is None or worded is None:
            self.deadline_offer.hide()
            return
        shown = QLocale().toString(qdate(due), "d MMM yyyy")
        self.deadline_offer.setText(self.tr("Use {0}").format(shown))
        self.deadline_offer.setToolTip(
            self.tr("The wording says “{0}”: make {1} the deadline").format(worded.words, shown)
        )
        self.deadline_offer.show()

    def use_offered_deadline(self) -> None:
        """The "Use …" button: the wording's date becomes the deadline (the user asked for it)."""
        if self._offered is None:
            return
        self.deadline_edit.setDate(self._offered)  # counts as the user's choice
        self.has_deadline.setChecked(True)

    def _close_smart_dialog(self) -> None:
        if self.smart_dialog is not None:
            self.smart_dialog.close()  # it judged this draft; the draft is gone
            self.smart_dialog = None

    # ------------------------------------------------------------------ validation

    def _read(self) -> tuple[GoalDraft | None, dict[str, str]]:
        errors: dict[str, str] = {}
        numbers: dict[str, float | None] = {}
        for name, edit, label in (("baseline", self.baseline_edit, "The starting value"),
                                  ("target", self.target_edit, "The target")):
            try:
                numbers[name] = parse_number(edit.text(), name, label)
            except DomainError as exc:
                errors[name] = exc.message
                numbers[name] = None
        draft = GoalDraft(
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText(),
            category_id=int(self.category_combo.currentData()),
            horizon=Horizon(self.horizon_combo.currentData()),
            status=GoalStatus(self.status_combo.currentData()),
            start_date=pydate(self.start_edit.date()),
            deadline=pydate(self.deadline_edit.date()) if self.has_deadline.isChecked() else None,
            metric_name=self.metric_edit.text().strip(),
            unit=self.unit_edit.text().strip(),
            baseline=numbers["baseline"],
            target=numbers["target"],
            metric_kind=MetricKind(self.kind_combo.currentData()),
            why=self.why_edit.text().strip(),
            parent_id=self._parent_id,
        )
        for problem in draft_problems(draft, today=self.today, is_new=self.is_new):
            errors.setdefault(problem.field, problem.message)
        return (None if errors else draft), errors

    def validate(self) -> bool:
        draft, errors = self._read()
        shown: set[int] = set()
        for name, label in self._messages.items():
            if id(label) in shown:
                continue
            message = errors.get(name) or (errors.get("baseline") if name == "target" else None)
            label.setText(message or "")
            label.setVisible(bool(message))
            shown.add(id(label))
        for name, field in self._fields.items():
            self._tell_field(name, field, errors.get(name, ""))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(draft is not None)
        ok.setToolTip(next(iter(errors.values()), "") if errors else "")
        return draft is not None

    def _tell_field(self, name: str, field: QWidget, message: str) -> None:
        """Tie a message to its field: the field's accessible description carries it while it shows (cleared
        when fixed), and a new message is announced once the dialog is up, so a screen reader hears it."""
        if self._said.get(name, "") == message:
            return
        self._said[name] = message
        field.setAccessibleDescription(message)  # Qt tells assistive tech the description changed
        if message and self.isVisible():
            announce(field, message)

    def problems(self) -> dict[str, str]:
        return self._read()[1]

    def draft(self) -> GoalDraft | None:
        """The edited draft, or None while any field is invalid."""
        return self._read()[0]

    def current_fields(self) -> GoalDraft:
        """Best-effort draft even while invalid (for the SMART dialog's live view)."""
        draft, _ = self._read()
        if draft is not None:
            return draft
        base = self.goal.draft() if self.goal else None
        return GoalDraft(
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText(),
            category_id=int(self.category_combo.currentData()),
            horizon=Horizon(self.horizon_combo.currentData()),
            deadline=pydate(self.deadline_edit.date()) if self.has_deadline.isChecked() else None,
            why=self.why_edit.text().strip(),
            metric_name=self.metric_edit.text().strip(),
            unit=self.unit_edit.text().strip(),
            parent_id=base.parent_id if base else None,
        )

    def set_title(self, title: str) -> None:
        self.title_edit.setText(title)

    def accept(self) -> None:
        if self.validate():
            super().accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.validate():
            return
        super().keyPressEvent(event)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
