"""Accessible names for the parts Qt leaves unnamed: a scroll area's scroll bars.

A screen reader lists a scroll bar as "scroll bar" and nothing more; named after what it scrolls
("Goals, vertical") it says which list it moves. Call after the view has its own accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractScrollArea


def name_scroll_bars(area: QAbstractScrollArea, what: str | None = None) -> None:
    """Name both scroll bars of ``area`` after ``what`` (default: the area's accessible name)."""
    what = what or area.accessibleName()
    if not what:
        return
    for bar, way in ((area.verticalScrollBar(), "vertical"), (area.horizontalScrollBar(), "horizontal")):
        if bar is not None:
            bar.setAccessibleName(QCoreApplication.translate("Accessible", f"%1, {way}").replace("%1", what))
