"""Brings other clients' commits into this window: a ``QSocketNotifier`` on the store's ``ChangeFeed``.

When another machine commits to the shared server, the feed's socket becomes readable; the changes
are told to the store's listeners exactly like a local commit, so the list, the board, the tree
counts and the details reload through the path they already use (``ServiceNotifier.changed``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from goaldesk.store.base import Store
from goaldesk.store.live import ChangeFeed


class LiveUpdates(QObject):
    """Watches a server database for other clients' commits; ``lost(str)`` when the feed breaks."""

    received = Signal(list)  # the Change list just told to the store's listeners
    lost = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._feed: ChangeFeed | None = ChangeFeed.for_store(store)
        self._watch = QSocketNotifier(self._feed.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._read)

    def _read(self) -> None:
        if self._feed is None:
            return
        try:
            changes = self._feed.drain()
        except Exception as exc:  # the driver's errors (psycopg.Error and OSError): the window says what happened
            self.stop()
            self.lost.emit(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return
        if changes:
            self._store.notify(changes)
            self.received.emit(changes)

    def stop(self) -> None:
        self._watch.setEnabled(False)
        if self._feed is not None:
            self._feed.close()
            self._feed = None
