"""A date field that takes typed dates: click a part and type over it, or select all and type the date.

A plain ``QDateEdit`` puts the cursor inside the part that was clicked, so typing "2027" there makes
"22026…", which it refuses: the year never takes. Here a click selects the whole part (year, month
or day), typing over a fully selected field starts at the year, and a two-digit year ("27") is read
as 2027 when the user leaves the field or presses Enter instead of being thrown away.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"
_SHORT_YEAR = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{1,2})\s*$")
_LEAVE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_SEPARATORS = {"-", "/", "."}


class DateField(QDateEdit):
    """Dates with a calendar that accept typing; ISO (a four-digit year first) unless told otherwise."""

    def __init__(self, parent: QWidget | None = None, display_format: str = DATE_FORMAT) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format)
        if display_format == DATE_FORMAT:
            self.setToolTip(
                self.tr("Type the date as year-month-day (e.g. 2027-06-08), or pick it from the calendar")
            )
        self._advanced = False  # the last digit filled a part and the cursor moved on by itself
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        line = self.lineEdit()
        if watched is line and event.type() == QEvent.Type.MouseButtonRelease:
            line.event(event)  # the click places the cursor first ...
            if not line.hasSelectedText():
                self.setSelectedSection(self.currentSection())  # ... then typing replaces the clicked part
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        text = event.text()
        if text in _SEPARATORS and self._advanced:
            self._advanced = False  # "2027-06": the "-" after a full year must not skip the month too
            return
        if text.isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            self.setSelectedSection(self.sectionAt(0))  # all selected: the typed date starts at the year
        if event.key() in _LEAVE_KEYS:
            self.expand_short_year()
        before = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != before

    def focusNextPrevChild(self, forward: bool) -> bool:
        self.expand_short_year()  # Tab leaves the year part: keep "27" as 2027
        return super().focusNextPrevChild(forward)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.expand_short_year()
        super().focusOutEvent(event)

    def expand_short_year(self) -> bool:
        """Read "27-06-08" as 2027-06-08 (Qt would otherwise drop the unfinished year)."""
        match = _SHORT_YEAR.match(self.lineEdit().text())
        if match is None:
            return False
        year, month, day = (int(g) for g in match.groups())
        day_value = QDate(2000 + year, month, day)
        if not day_value.isValid():
            return False
        self.setDate(day_value)
        return self.date() == day_value
