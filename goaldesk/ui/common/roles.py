"""Item-data roles shared by the goal models, proxies and delegates (named, never magic numbers)."""

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

GoalIdRole = _BASE + 1  # int: the goal's database id
GoalRole = _BASE + 2  # domain Goal object
SortRole = _BASE + 3  # value to sort by (dates and progress by value)
SearchTextRole = _BASE + 4  # casefolded title + description
StatusRole = _BASE + 5  # GoalStatus value string (Qt turns str enums into plain str)
CategoryIdRole = _BASE + 6  # int
ProgressRole = _BASE + 7  # float 0..1 or None
HorizonRole = _BASE + 8  # Horizon value string ("short" / "long")
SmartScoreRole = _BASE + 9  # int 0..5 or None
ArchivedRole = _BASE + 10  # bool
TypeColourRole = _BASE + 11  # QColor of the goal's type as drawn on the app palette, None: no colour
CategoryNodeRole = _BASE + 20  # category tree: node object
CategoryIdsRole = _BASE + 21  # category tree: frozenset of ids in the subtree, None for "All goals"
DescriptionRole = _BASE + 22  # help text of a built-in type
CategoryColourRole = _BASE + 23  # category tree: the type's stored "#rrggbb", None for no colour
