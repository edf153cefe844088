"""The check-in dialog: date, value and note, checked as the user types.

Problems are explained next to the field and OK stays disabled until the input can be saved, so a
check-in is never refused after the user thinks it is done.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.enums import MetricKind
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import CheckIn, Goal
from goaldesk.domain.validation import NOTE_MAX, parse_number
from goaldesk.ui.common.announce import announce
from goaldesk.ui.goals.date_field import DateField


def fmt_number(value: float | None) -> str:
    """12.0 -> "12", 12.5 -> "12.5": what a person would write."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def value_hint(goal: Goal) -> str:
    """What the number means for this goal: a running total or an amount added, in which unit."""
    unit = goal.unit or goal.metric_name or "units"
    if goal.metric_kind is MetricKind.INCREMENT:
        text = f"Enter the amount added since your last check-in, in {unit}."
    else:
        text = f"Enter your running total so far, in {unit}."
    if goal.target is not None:
        text += f" Target: {fmt_number(goal.target)}"
        if goal.current is not None:
            text += f"; now at {fmt_number(goal.current)}"
        text += "."
    return text


class CheckInDialog(QDialog):
    """Add or edit one check-in; ``values()`` gives (date, value, note) once accepted."""

    def __init__(self, goal: Goal, today: date, checkin: CheckIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # one dialog per check-in: none left behind
        self.goal = goal
        self.today = today
        self.checkin = checkin
        verb = self.tr("Edit Check-in") if checkin else self.tr("Add Check-in")
        self.setWindowTitle(f"{verb} — {goal.title[:60]}")

        self.date_edit = DateField(display_format="d MMM yyyy")  # a click on the day, month or year types over it
        self.date_edit.setDate(_qdate(checkin.on if checkin else today))
        self.date_edit.calendarWidget().setMaximumDate(_qdate(today))
        self.date_message = self._message()

        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText(fmt_number(goal.current) if goal.current is not None else "e.g. 3")
        if checkin is not None:
            self.value_edit.setText(fmt_number(checkin.value).replace(",", ""))
        self.kind_label = QLabel(value_hint(goal))
        self.kind_label.setWordWrap(True)
        self.value_message = self._message()

        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("What happened? (optional)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        if checkin is not None:
            self.note_edit.setPlainText(checkin.note)
        self.note_message = self._message()

        value_label = self.tr("&Value") + (f" ({goal.unit})" if goal.unit else "") + ":"
        form = QFormLayout()
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow("", self.date_message)
        form.addRow(value_label, self.value_edit)
        form.addRow("", self.kind_label)
        form.addRow("", self.value_message)
        form.addRow(self.tr("&Note:"), self.note_edit)
        form.addRow("", self.note_message)
        for field in (self.date_edit, self.value_edit, self.note_edit):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
                field.setAccessibleName(label.text().replace("&", "").rstrip(":").strip())
        self.value_edit.setAccessibleDescription(self.kind_label.text())
        self._fields = {"date": self.date_edit, "value": self.value_edit, "note": self.note_edit}

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self.validate)
        self.value_edit.textChanged.connect(self.validate)
        self.note_edit.textChanged.connect(self.validate)
        self.value_edit.setFocus()
        self.validate()

    @staticmethod
    def _message() -> QLabel:
        """An inline message under a field; hidden while the field is fine."""
        label = QLabel()
        label.setWordWrap(True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.hide()
        return label

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(f"⚠ {text}" if text else "")
        label.setVisible(bool(text))

    def problems(self) -> dict[str, str]:
        """Field name -> one-sentence message, for everything that stops the check-in being saved."""
        found: dict[str, str] = {}
        if _pydate(self.date_edit.date()) > self.today:
            found["date"] = "A check-in cannot be dated in the future; pick today or an earlier day."
        text = self.value_edit.text()
        try:
            if parse_number(text, "value", "The value") is None:
                found["value"] = "Enter the value you reached (a number)."
        except DomainError as exc:
            found["value"] = exc.message
        note = self.note_edit.toPlainText()
        if len(note) > NOTE_MAX:
            found["note"] = f"The note is {len(note):,} characters long; keep it under {NOTE_MAX:,}."
        return found

    def validate(self) -> bool:
        found = self.problems()
        # A blank value is not an error to shout about before the user has typed anything.
        value_text = found.get("value", "") if self.value_edit.text().strip() else ""
        shown = {"date": found.get("date", ""), "value": value_text, "note": found.get("note", "")}
        for name, label in (("date", self.date_message), ("value", self.value_message), ("note", self.note_message)):
            self._say(label, shown[name])
            self._tell_field(name, shown[name])
        ok = not found
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def _tell_field(self, name: str, message: str) -> None:
        """The message rides on its field's accessible description while it shows, and is announced once."""
        field = self._fields[name]
        default = self.kind_label.text() if name == "value" else ""
        wanted = message or default
        if field.accessibleDescription() == wanted:
            return
        field.setAccessibleDescription(wanted)
        if message and self.isVisible():
            announce(field, message)

    def accept(self) -> None:
        if not self.validate():
            return
        super().accept()

    def values(self) -> tuple[date, float, str]:
        """(date, value, note) as typed; call after the dialog was accepted."""
        value = parse_number(self.value_edit.text(), "value", "The value")
        assert value is not None
        return _pydate(self.date_edit.date()), value, self.note_edit.toPlainText().strip()
