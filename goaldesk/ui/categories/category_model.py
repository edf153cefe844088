"""The goal-type tree: "All goals", the built-in Professional and Personal groups, and the user's own types.

A hand-written ``QAbstractItemModel`` rather than a ``QStandardItemModel`` so that it can follow the
database precisely: category changes are applied as row inserts, removals and moves (the view keeps
its selection and expanded branches), and goal changes only refresh the counts with ``dataChanged``.
Indexes carry the category id as their internal id (0 for "All goals"), never a Python pointer, so a
stale index can never reach freed memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from goaldesk.domain import catalogue
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Category, Goal
from goaldesk.store.base import Change
from goaldesk.ui.categories.category_commands import MoveCategory, RenameCategory, SetGoalCategory
from goaldesk.ui.categories.category_text import spoken
from goaldesk.ui.common import icons
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.mime import CATEGORY_ID_MIME, GOAL_IDS_MIME, decode_ids, encode_ids
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.roles import (
    CategoryColourRole,
    CategoryIdRole,
    CategoryIdsRole,
    CategoryNodeRole,
    DescriptionRole,
)
from goaldesk.ui.common.theme import swatch_icon
from goaldesk.ui.shell.context import AppContext

ROOT_ID = -1  # the invisible root; never handed out in an index
ALL_ID = 0  # the synthetic "All goals" row; real category ids start at 1
ALL_GOALS = "All goals"
ALL_GOALS_HELP = (
    "Every goal you have, whatever its type. Pick a type to see only its goals, "
    "or drag goals onto a type to file them there."
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class CategoryNode:
    """One row of the tree. ``category`` is None for "All goals" and the invisible root."""

    id: int
    category: Category | None
    parent: CategoryNode | None = None
    children: list[CategoryNode] = field(default_factory=list)
    count: int = 0  # active goals in the whole subtree

    @property
    def name(self) -> str:
        return ALL_GOALS if self.category is None else self.category.name

    @property
    def is_all(self) -> bool:
        return self.id == ALL_ID

    @property
    def is_builtin(self) -> bool:
        return self.category is not None and self.category.builtin

    @property
    def is_group(self) -> bool:
        """A top-level built-in group (Professional, Personal)."""
        return self.is_builtin and self.category is not None and self.category.parent_id is None

    def walk(self) -> Iterator[CategoryNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def subtree_ids(self) -> frozenset[int]:
        return frozenset(n.id for n in self.walk() if n.category is not None)

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class _NeedsResetError(Exception):
    """The incremental update met a case it cannot express as moves; reset instead."""


def _fallback_icon(key: str) -> QIcon:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return QIcon()
    pixmap = {
        "all": QStyle.StandardPixmap.SP_FileDialogListView,
        "professional": QStyle.StandardPixmap.SP_ComputerIcon,
        "personal": QStyle.StandardPixmap.SP_DirHomeIcon,
    }.get(key, QStyle.StandardPixmap.SP_DirIcon)
    return app.style().standardIcon(pixmap)


def node_icon(key: str) -> QIcon:
    """The app's icon for "all", "professional" or "personal", else a standard style icon."""
    found = icons.icon({"all": "list"}.get(key, key)) if key in ("all", "professional", "personal") else None
    return found if found is not None and not found.isNull() else _fallback_icon(key)


class CategoryTreeModel(QAbstractItemModel):
    """The goal-type tree over ``ctx.categories.categories()``, kept current from ``ctx.notifier.changed``.

    ``synced`` is emitted after every update from the database, so the panel can refresh the filter
    (a selected type may have gained or lost subtypes).
    """

    synced = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._root = CategoryNode(ROOT_ID, None)
        self._nodes: dict[int, CategoryNode] = {}
        self._icons: dict[str, QIcon] = {}
        self._build(ctx.categories.categories())
        self._recount()
        ctx.notifier.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ lookup

    def node(self, index: AnyIndex) -> CategoryNode | None:
        """The node behind an index (None for a stale one); the root for an invalid index."""
        if not index.isValid():
            return self._root
        if index.model() is not self:
            return None
        return self._nodes.get(int(index.internalId()))

    def node_by_id(self, node_id: int) -> CategoryNode | None:
        return self._nodes.get(node_id)

    def index_for_id(self, node_id: int) -> QModelIndex:
        """The index of a category (``ALL_ID`` for "All goals"); invalid when unknown."""
        node = self._nodes.get(node_id)
        return QModelIndex() if node is None else self._index_of(node)

    def _index_of(self, node: CategoryNode) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node.id)

    def category_ids(self, index: AnyIndex) -> frozenset[int] | None:
        node = self.node(index)
        if node is None or node.is_all or node is self._root:
            return None
        return node.subtree_ids()

    # ------------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        node = self.node(parent)
        if node is None or row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].id)

    def parent(self, child: AnyIndex | None = None) -> QModelIndex:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()  # type: ignore[return-value]
        node = self.node(child)
        if node is None or node is self._root or node.parent is None:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self.node(parent)
        return 0 if node is None else len(node.children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The hidden header's one section: screen readers read it as the column's name (Qt's default: "1")."""
        return self.tr("Goal type") if role == Qt.ItemDataRole.DisplayRole and section == 0 else None

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    # ------------------------------------------------------------------ data

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index) if index.isValid() else None
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.name} ({node.count})"
        if role == Qt.ItemDataRole.EditRole:
            return node.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return spoken(node, self._description(node), role == Qt.ItemDataRole.AccessibleTextRole)
        if role in (DescriptionRole, Qt.ItemDataRole.ToolTipRole):
            text = self._description(node)
            return text if text or role == DescriptionRole else None
        if role == Qt.ItemDataRole.DecorationRole:
            key = self._icon_key(node)
            if key is None:
                return None if node.is_group else self._swatch(node)
            if key not in self._icons:
                self._icons[key] = node_icon(key)
            return self._icons[key]
        if role == CategoryNodeRole:
            return node
        if role == CategoryIdsRole:
            return self.category_ids(index)
        if role == CategoryIdRole:
            return None if node.is_all else node.id
        if role == CategoryColourRole:
            return None if node.category is None else node.category.colour
        return None

    def _swatch(self, node: CategoryNode) -> QIcon:
        """A type's colour swatch (blank but the same size without a colour, so names stay aligned)."""
        colour = node.category.colour if node.category is not None else None
        key = f"swatch:{colour or ''}:{QApplication.palette().color(QPalette.ColorRole.Base).name()}"
        if key not in self._icons:
            self._icons[key] = swatch_icon(colour)
        return self._icons[key]

    @staticmethod
    def _description(node: CategoryNode) -> str:
        if node.is_all:
            return ALL_GOALS_HELP
        assert node.category is not None
        if node.category.description:
            return node.category.description
        if node.category.key:
            return catalogue.description_for(node.category.key)
        return ""

    @staticmethod
    def _icon_key(node: CategoryNode) -> str | None:
        if node.is_all:
            return "all"
        if node.is_group and node.category is not None and node.category.key:
            for group in catalogue.GROUPS:
                if group.key == node.category.key:
                    return group.icon
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """F2 rename: an undoable command; a refusal (empty, duplicate, too long) is reported."""
        node = self.node(index) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or node is None or node.category is None:
            return False
        if not isinstance(value, str):
            return False
        return run(self.ctx, RenameCategory(self.ctx, node.id, value))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node(index) if index.isValid() else None
        if node is None:
            # The empty area below the rows: a user type dropped there goes back to the top level.
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.is_all:
            return flags
        flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled
        if not node.is_builtin:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # ------------------------------------------------------------------ drag and drop

    def mimeTypes(self) -> list[str]:
        return [GOAL_IDS_MIME, CATEGORY_ID_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Only user types are dragged, one at a time (nesting is per type)."""
        for index in indexes:
            node = self.node(index) if index.isValid() else None
            if node is not None and node.category is not None and not node.is_builtin:
                return encode_ids([node.id], CATEGORY_ID_MIME)
        return QMimeData()

    def _drop_target(self, parent: AnyIndex) -> CategoryNode | None:
        """Drops between rows count as drops on the parent row; None when the target is stale."""
        return self.node(parent)

    def _dragged_category(self, data: QMimeData | None) -> CategoryNode | None:
        ids = decode_ids(data, CATEGORY_ID_MIME)
        if len(ids) != 1:
            return None
        node = self._nodes.get(ids[0])
        if node is None or node.category is None or node.is_builtin:
            return None
        return node

    def can_nest(self, node: CategoryNode, target: CategoryNode) -> bool:
        """May ``node`` go under ``target`` (the root meaning the top level)? Mirrors the service's rules."""
        if node.category is None or node.is_builtin or target.is_all:
            return False
        if target is not self._root and target.category is None:
            return False
        if target.id in node.subtree_ids():
            return False  # onto itself or its own descendant
        if node.parent is target:
            return False  # already there: nothing to do
        name = node.name.casefold()
        return not any(child.name.casefold() == name for child in target.children if child is not node)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if data is None or not (action & self.supportedDropActions()):
            return False
        target = self._drop_target(parent)
        if target is None:
            return False
        if data.hasFormat(GOAL_IDS_MIME):
            return bool(decode_ids(data, GOAL_IDS_MIME)) and target.category is not None
        if data.hasFormat(CATEGORY_ID_MIME):
            node = self._dragged_category(data)
            return node is not None and self.can_nest(node, target)
        return False

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        """File goals under the target type, or nest a user type; one undoable command either way."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._drop_target(parent)
        assert target is not None
        if data.hasFormat(GOAL_IDS_MIME):
            return self._drop_goals(decode_ids(data, GOAL_IDS_MIME), target)
        node = self._dragged_category(data)
        assert node is not None
        new_parent = None if target is self._root else target.id
        return run(self.ctx, MoveCategory(self.ctx, node.id, new_parent))

    def _drop_goals(self, goal_ids: list[int], target: CategoryNode) -> bool:
        goals: list[Goal] = [g for g in (self.ctx.goals.find_goal(i) for i in goal_ids) if g is not None]
        if not goals:
            self.ctx.report(DomainError("Those goals no longer exist, so nothing was moved."))
            return False
        goals = [g for g in goals if g.category_id != target.id]
        if not goals:
            return False  # already filed there: nothing to do, nothing to say
        return run(self.ctx, SetGoalCategory(self.ctx, goals, target.id, target.name))

    # ------------------------------------------------------------------ following the database

    def _on_changed(self, changes: list[Change]) -> None:
        structural = touches(changes, "category")
        if not structural and not touches(changes, "goal"):
            return
        before = self._snapshot()
        if structural:
            try:
                self._sync(self.ctx.categories.categories())
            except _NeedsResetError:
                self._reset()
                return
        self._recount()
        self._announce(before)
        self.synced.emit()

    def _reset(self) -> None:
        self.beginResetModel()
        self._build(self.ctx.categories.categories())
        self._recount()
        self.endResetModel()
        self.synced.emit()

    def refresh(self, *, hard: bool = False) -> None:
        """Re-read everything (e.g. after an import that did not announce itself); ``hard`` resets."""
        if hard:
            self._reset()
        else:
            self._on_changed([Change("all")])

    def _snapshot(self) -> dict[int, tuple[object, ...]]:
        return {nid: (n.category, n.count) for nid, n in self._nodes.items()}

    def _announce(self, before: dict[int, tuple[object, ...]]) -> None:
        """dataChanged for each row whose name, description or count changed (never a reset)."""
        for nid, node in self._nodes.items():
            old = before.get(nid)
            if old is not None and old != (node.category, node.count):
                index = self._index_of(node)
                self.dataChanged.emit(index, index, [])

    def _build(self, categories: Sequence[Category]) -> None:
        """The tree from scratch (construction and the reset fallback only)."""
        self._root = CategoryNode(ROOT_ID, None)
        all_node = CategoryNode(ALL_ID, None, self._root)
        self._root.children.append(all_node)
        self._nodes = {ALL_ID: all_node}
        for cat in categories:
            self._nodes[cat.id] = CategoryNode(cat.id, cat)
        for cat in categories:
            parent = self._nodes.get(cat.parent_id) if cat.parent_id is not None else self._root
            node = self._nodes[cat.id]
            node.parent = parent if parent is not None else self._root
            node.parent.children.append(node)

    def _recount(self) -> None:
        direct = self.ctx.categories.active_goal_counts()

        def total(node: CategoryNode) -> int:
            node.count = direct.get(node.id, 0) + sum(total(c) for c in node.children)
            return node.count

        for child in self._root.children:
            total(child)
        self._nodes[ALL_ID].count = sum(direct.values())

    def _sync(self, categories: Sequence[Category]) -> None:
        """Bring the tree to ``categories`` with row removals, moves and inserts only."""
        by_id = {c.id: c for c in categories}
        desired: dict[int, list[int]] = {ROOT_ID: [ALL_ID]}
        for cat in categories:
            parent_id = cat.parent_id if cat.parent_id in by_id else ROOT_ID
            desired.setdefault(parent_id, []).append(cat.id)
        # 1. Removals: whole subtrees, top-most first. A survivor inside a removed branch needs a reset.
        gone = {nid for nid in self._nodes if nid != ALL_ID and nid not in by_id}
        for nid in gone:
            if any(d.id not in gone for d in self._nodes[nid].walk()):
                raise _NeedsResetError
        for nid in sorted(gone):
            node = self._nodes.get(nid)
            if node is None or node.parent is None or node.parent.id in gone:
                continue
            row = node.row()
            self.beginRemoveRows(self._index_of(node.parent), row, row)
            node.parent.children.pop(row)
            for d in list(node.walk()):
                self._nodes.pop(d.id, None)
            self.endRemoveRows()
        # 2. New names and descriptions (announced later with dataChanged).
        for nid, node in self._nodes.items():
            if nid in by_id:
                node.category = by_id[nid]
        # 3. Inserts and moves, parents before children.
        self._place(self._root, desired, by_id)
        for node in self._root.walk():
            if [c.id for c in node.children] != desired.get(node.id, []):
                raise _NeedsResetError

    def _place(self, parent: CategoryNode, desired: dict[int, list[int]], by_id: dict[int, Category]) -> None:
        want = desired.get(parent.id, [])
        for row, cid in enumerate(want):
            kids = parent.children
            if row < len(kids) and kids[row].id == cid:
                continue
            node = self._nodes.get(cid)
            if node is None:
                node = CategoryNode(cid, by_id[cid], parent)
                self.beginInsertRows(self._index_of(parent), row, row)
                kids.insert(row, node)
                self._nodes[cid] = node
                self.endInsertRows()
                continue
            source = node.parent
            if source is None:
                raise _NeedsResetError
            src_row = node.row()
            if not self.beginMoveRows(self._index_of(source), src_row, src_row, self._index_of(parent), row):
                raise _NeedsResetError
            source.children.pop(src_row)
            kids.insert(row, node)
            node.parent = parent
            self.endMoveRows()
        for child in list(parent.children[: len(want)]):
            self._place(child, desired, by_id)
