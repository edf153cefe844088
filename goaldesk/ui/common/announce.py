"""Spoken announcements for screen readers: things that change without moving the keyboard focus.

A celebration banner, a new search result count or a finished board move happen away from where the
user is; a screen reader only says them when the app sends an announcement. ``announce(widget, text)``
sends a ``QAccessibleAnnouncementEvent`` (on Linux it reaches the AT-SPI bus as an
``object:announcement`` event from ``widget``) and tells ``announcer()`` listeners, so tests that run
without an accessibility bus can still see what would be said.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer(QObject):
    """Emits ``announced(text, assertive)`` for every announcement sent (tests and logs listen)."""

    announced = Signal(str, bool)

    def __init__(self) -> None:
        super().__init__()
        self.last = ""


_ANNOUNCER: Announcer | None = None


def announcer() -> Announcer:
    """The one ``Announcer`` of this process (made on first use)."""
    global _ANNOUNCER
    if _ANNOUNCER is None:
        _ANNOUNCER = Announcer()
    return _ANNOUNCER


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have assistive technology say ``text``, as coming from ``source`` (a polite announcement waits
    until the reader has finished speaking; an assertive one interrupts it)."""
    text = " ".join(text.split())
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)
    hub = announcer()
    hub.last = text
    hub.announced.emit(text, assertive)
