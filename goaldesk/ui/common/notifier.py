"""Turns the store's after-commit callbacks into a Qt signal the models react to (and tests wait on)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from goaldesk.store.base import Change, Store


class ServiceNotifier(QObject):
    """Emits ``changed(list[Change])`` after each committed write."""

    changed = Signal(list)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.subscribe(self._relay)

    def _relay(self, changes: list[Change]) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self._store.unsubscribe(self._relay)


def touches(changes: list[Change], *entities: str) -> bool:
    """True when a change list concerns any of the given entities (or everything)."""
    return any(c.entity in entities or c.entity == "all" for c in changes)


def goal_ids(changes: list[Change]) -> set[int] | None:
    """The goal ids touched, or None when the change may concern every goal."""
    ids: set[int] = set()
    for c in changes:
        if c.entity == "all":
            return None
        if c.entity == "goal":
            if not c.ids:
                return None
            ids.update(c.ids)
    return ids
