"""The SMART dialog's parts: one section per criterion, and the one-line summaries of what each reads."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.smart import Assessment, Criterion, SmartInput, Verdict
from goaldesk.domain.smart_base import what_counted
from goaldesk.domain.wording import SCAN_LIMIT

MET_MARK = "✔"
FAILED_MARK = "✘"
QUOTE_LIMIT = 60


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """One line, elided, in typographic quotes: long or multi-line values must not stretch the dialog."""
    text = " ".join(text[: limit * 4].split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:g}"


def days_until(deadline: date, today: date) -> str:
    delta = (deadline - today).days
    if delta == 0:
        return "today"
    if delta > 0:
        return QCoreApplication.translate("SmartSection", "in %Ln day(s)", "", delta)
    return QCoreApplication.translate("SmartSection", "passed %Ln day(s) ago", "", -delta)


def normalise_overrides(overrides: Iterable[str]) -> set[str]:
    """Criterion values only; older spellings ("timebound", "TIME_BOUND") are read, unknown names dropped."""
    out: set[str] = set()
    for item in overrides:
        key = str(item.value if isinstance(item, Criterion) else item).strip().lower().replace("_", "-")
        key = "time-bound" if key == "timebound" else key
        if key in {c.value for c in Criterion}:
            out.add(key)
    return out


class CriterionSection(QGroupBox):
    """One criterion: meaning, the fields it reads, the verdict with reasons, the overrule box."""

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(criterion.label, parent)
        self.criterion = criterion
        self.setObjectName(f"section_{criterion.value}")
        self.meaning_label = QLabel(criterion.meaning)
        self.meaning_label.setWordWrap(True)
        italic = self.meaning_label.font()
        italic.setItalic(True)
        self.meaning_label.setFont(italic)
        self.fields_label = QLabel()
        self.fields_label.setWordWrap(True)
        self.fields_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label = QLabel()
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setWordWrap(True)
        bold = self.verdict_label.font()
        bold.setBold(True)
        self.verdict_label.setFont(bold)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.override_box = QCheckBox(criterion.override_text)
        for label in (self.meaning_label, self.fields_label, self.verdict_label, self.reasons_label):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The reasons are reachable by keyboard (Tab stops on them; a screen reader reads them), also while
        # the overrule box is disabled because the criterion is met.
        self.reasons_label.setObjectName(f"reasons_{criterion.value}")
        self.reasons_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.reasons_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = self.box = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.meaning_label)
        layout.addWidget(self.fields_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.override_box)

    def show_verdict(self, verdict: Verdict, fields: str, ticked: bool) -> None:
        """The verdict in words as well as a glyph (title, accessible name); the reasons in the descriptions."""
        label = self.criterion.label
        if verdict.met:
            mark, text, word = MET_MARK, self.tr("Met"), self.tr("met")
            said = self.tr("{0}: met").format(label)
        elif verdict.overruled:
            mark, text = FAILED_MARK, self.tr("Not met by the automatic check — overruled by you")
            word = self.tr("not met — overruled by you")
            said = self.tr("{0}: not met by the automatic check, overruled by you").format(label)
        else:
            mark, text, word = FAILED_MARK, self.tr("Not met"), self.tr("not met")
            said = self.tr("{0}: not met").format(label)
        self.setTitle(f"{mark} {label}: {word}")  # "✘ Time-bound: not met": the glyph is never the only verdict
        self.verdict_label.setText(f"{mark} {text}")
        self.fields_label.setText(self.tr("Looks at: {0}").format(fields))
        own = f"You overruled this: “{self.criterion.override_text}”."
        reasons = [r for r in verdict.reasons if r != own] or list(verdict.reasons)
        items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons)
        self.reasons_label.setText(f"<ul style='margin: 0; -qt-list-indent: 1;'>{items}</ul>")
        spoken = " ".join(r if r.rstrip().endswith((".", "!", "?")) else r + "." for r in reasons)
        self.setAccessibleName(said)
        self.setAccessibleDescription(f"{self.criterion.meaning} {spoken}".strip())
        self.reasons_label.setAccessibleName(f"{said}. {spoken}")  # Tab onto the reasons: the verdict, then why
        box = self.override_box
        box.setAccessibleDescription(f"{said}. {spoken}")
        box.blockSignals(True)
        box.setChecked(ticked)
        box.blockSignals(False)
        # A met criterion has nothing to overrule; a stale tick stays visible so it can be removed.
        box.setEnabled(not verdict.met or ticked)
        if verdict.met:
            box.setToolTip(self.tr("The automatic check already counts this as met; there is nothing to overrule."))
        else:
            box.setToolTip(
                self.tr("Tick if you know better than the automatic check; it then counts toward the score.")
            )


def criterion_fields(criterion: Criterion, inp: SmartInput, result: Assessment, type_name: str | None,
                     serves: str) -> str:
    """The one line saying what a criterion looks at (the goal's own values, elided)."""
    parts: list[str]
    if criterion is Criterion.SPECIFIC:
        parts = [f"Title: {quoted(inp.title) if inp.title.strip() else 'none yet'}", description_line(inp)]
    elif criterion is Criterion.MEASURABLE:
        parts = [target_line(inp), f"Milestones: {inp.milestones_total}"]
        if inp.metric_name.strip():
            parts.insert(1, f"Metric: {quoted(inp.metric_name, 40)}")
    elif criterion is Criterion.ACHIEVABLE:
        parts = [target_line(inp), deadline_line(inp, result), checkin_line(inp), f"Horizon: {inp.horizon.label}"]
    elif criterion is Criterion.RELEVANT:
        parts = [f"Type: {type_name}" if type_name else "Type: none",
                 f"Why: {quoted(inp.why) if inp.why.strip() else 'not given'}", serves]
    else:
        parts = [deadline_line(inp, result)]
        if inp.deadline is None and result.detected_deadline is None:
            parts.append("Wording: no time found in the title or description")
    return " · ".join(parts)


def description_line(inp: SmartInput) -> str:
    text = inp.description
    if not text.strip():
        return "Description: empty"
    if len(text) > SCAN_LIMIT:
        return f"Description: {len(text):,} characters (the check reads the first {SCAN_LIMIT:,})"
    words = len(text.split())
    return f"Description: {words:,} words" if words > 1 else f"Description: {len(text.strip()):,} characters"


def target_line(inp: SmartInput) -> str:
    if inp.target is None:
        return "Target: none"
    what = what_counted(inp.metric_name, inp.unit)  # the unit said once: "12 modules passed"
    amount = f"{number(inp.target)} {quoted(what, 40)[1:-1] if what else ''}".strip()
    if inp.baseline is not None and inp.baseline != 0:
        return f"Target: from {number(inp.baseline)} to {amount}"
    return f"Target: {amount}"


def deadline_line(inp: SmartInput, result: Assessment) -> str:
    if inp.deadline is not None:
        return f"Deadline: {inp.deadline.isoformat()} ({days_until(inp.deadline, inp.today)})"
    if result.detected_deadline is not None:
        due = result.detected_deadline
        return f"Deadline: none set; the wording says about {due.isoformat()} ({days_until(due, inp.today)})"
    return "Deadline: none"


def checkin_line(inp: SmartInput) -> str:
    if not inp.checkins:
        return "Check-ins: none yet"
    on, value = inp.checkins[-1]
    return f"Check-ins: {len(inp.checkins)} (latest {number(value)} on {on.isoformat()})"
