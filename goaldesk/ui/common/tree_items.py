"""Typed access to QTreeWidget items: Qt's accessors return ``QTreeWidgetItem | None``; these lists never hold None."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level items, in order."""
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """An item's children, in order."""
    return [child for j in range(item.childCount()) if (child := item.child(j)) is not None]
