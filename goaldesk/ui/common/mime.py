"""Drag-and-drop payloads: goal and category ids under app-specific MIME types, never pickled objects."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

GOAL_IDS_MIME = "application/x-goaldesk-goal-ids"
CATEGORY_ID_MIME = "application/x-goaldesk-category-id"
MAX_IDS = 100_000


def encode_ids(ids: list[int], mime_type: str = GOAL_IDS_MIME) -> QMimeData:
    data = QMimeData()
    data.setData(mime_type, json.dumps({"ids": [int(i) for i in ids]}).encode("ascii"))
    return data


def decode_ids(data: QMimeData | None, mime_type: str = GOAL_IDS_MIME) -> list[int]:
    """Ids from our own payload; an empty list for anything foreign or malformed."""
    if data is None or not data.hasFormat(mime_type):
        return []
    try:
        payload = json.loads(bytes(data.data(mime_type).data()).decode("ascii"))
        ids = payload["ids"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []
    if not isinstance(ids, list) or len(ids) > MAX_IDS:
        return []
    out: list[int] = []
    for value in ids:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            return []
        if value not in out:
            out.append(value)
    return out
