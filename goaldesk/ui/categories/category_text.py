"""How the goal-type tree reads aloud: a row's name with its count in words, and where it sits.

Qt's tree gives screen readers no level for an item on Linux (see tests/gui/test_x11_accessibility.py),
so "Skill Development (2)" alone does not say it is a Professional type; the description says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from goaldesk.ui.categories.category_model import CategoryNode


def spoken(node: CategoryNode, description: str, name: bool) -> str:
    """A row as a screen reader says it. Name: "Skill Development, 2 goals"; description: where it sits and
    what it is for, "Professional goal type: Learning new skills…" (the tree's levels, in words)."""
    if name:
        return f"{node.name}, " + QCoreApplication.translate("CategoryTreeModel", "%n goal(s)", "", node.count)
    parent = node.parent.name if node.parent is not None and node.parent.category is not None else ""
    if node.is_all:
        where = ""
    elif parent:
        where = QCoreApplication.translate("CategoryTreeModel", "%1 goal type").replace("%1", parent)
    else:
        where = QCoreApplication.translate("CategoryTreeModel", "Group of goal types" if node.is_group else "Goal type")
    return f"{where}: {description}" if where and description else where or description
