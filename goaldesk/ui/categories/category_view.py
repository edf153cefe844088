"""The goal-type panel on the left of the main window: the tree, its actions and a help text.

Selecting a type filters every goal view (through the shared ``FilterState``) and is remembered
across restarts. Every change goes through an undo command; a refused one (empty or duplicate
name, built-in type) is reported through ``ctx.report`` and leaves the database as it was.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QInputDialog,
    QLabel,
    QMenu,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.errors import DomainError
from goaldesk.domain.palette import SWATCHES
from goaldesk.ui.categories.category_commands import CreateCategory, DeleteCategory, SetCategoryColour
from goaldesk.ui.categories.category_model import ALL_ID, CategoryNode, CategoryTreeModel
from goaldesk.ui.categories.type_tree import TypeTreeView
from goaldesk.ui.common import icons
from goaldesk.ui.common.accessible import name_scroll_bars
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.roles import DescriptionRole
from goaldesk.ui.common.theme import swatch_icon
from goaldesk.ui.shell.context import AppContext

SELECTED_KEY = "tree/selected"


def _icon(name: str, fallback: QStyle.StandardPixmap, widget: QWidget) -> QIcon:
    found = icons.icon(name)
    return found if not found.isNull() else widget.style().standardIcon(fallback)


def path_label(node: CategoryNode) -> str:
    """ "Professional › Leadership › Mentoring": how a type is named where the tree is not visible."""
    parts: list[str] = []
    current: CategoryNode | None = node
    while current is not None and current.category is not None:
        parts.append(current.name)
        current = current.parent
    return " › ".join(reversed(parts))


class ReassignDialog(QDialog):
    """Asks where the goals of a type being deleted should go: any type outside the deleted branch."""

    def __init__(self, model: CategoryTreeModel, category_id: int, goal_count: int, parent: QWidget | None = None):
        super().__init__(parent)
        node = model.node_by_id(category_id)
        if node is None:
            raise DomainError("That goal type no longer exists.")
        self.setWindowTitle(f"Delete “{node.name}”")
        excluded = node.subtree_ids()
        plural = "goal" if goal_count == 1 else "goals"
        text = QLabel(
            f"“{node.name}” and its subtypes hold {goal_count} {plural}. "
            "Choose the type they should move to; Undo puts everything back."
        )
        text.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Move the goals to")
        default_row = 0
        for candidate in model.node_by_id(ALL_ID).parent.walk():  # type: ignore[union-attr]
            if candidate.category is None or candidate.id in excluded:
                continue
            if node.parent is not None and candidate.id == node.parent.id:
                default_row = self.combo.count()
            self.combo.addItem(path_label(candidate), candidate.id)
        self.combo.setCurrentIndex(default_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Move goals and delete")
        ok.setEnabled(self.combo.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def chosen_id(self) -> int | None:
        value = self.combo.currentData()
        return int(value) if isinstance(value, int) else None


class CategoryPanel(QWidget):
    """The tree of goal types with New Type…, New Subtype…, Rename (F2), Delete and a help text.

    ``categoriesSelected(frozenset | None)`` is emitted with the selected subtree (None: All goals),
    right after ``filters.set_categories`` has been called with the same value.
    """

    categoriesSelected = Signal(object)

    def __init__(self, ctx: AppContext, filters: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filters = filters
        self.model = CategoryTreeModel(ctx, self)
        # Tests and callers may replace these to answer without a modal dialog.
        self.ask_name: Callable[[str, str], str | None] = self._ask_name
        self.ask_reassign: Callable[[int, int], int | None] = self._ask_reassign
        self._expanded: set[int] = set()
        self._restoring = False

        self.tree = TypeTreeView(self)
        self.tree.setObjectName("categoryTree")
        self.tree.setAccessibleName(self.tr("Goal types"))
        self.tree.setAccessibleDescription(self.tr(
            "Pick a type to see only its goals. F2 renames the type, Delete deletes it; drag goals here to file them"))
        name_scroll_bars(self.tree)
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.viewport().setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.tree.installEventFilter(self)

        self.help = QLabel(self)
        self.help.setObjectName("categoryHelp")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.RichText)
        self.help.setFrameShape(QFrame.Shape.StyledPanel)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.help.setMargin(6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.help)

        self.new_type_action = self._action(
            "New &Type…", self.new_type, "category_add", QStyle.StandardPixmap.SP_FileDialogNewFolder,
            tip="Add a goal type beside the selected one",
        )
        self.new_subtype_action = self._action(
            "New &Subtype…", self.new_subtype, "category_add", QStyle.StandardPixmap.SP_FileDialogNewFolder,
            tip="Add a goal type inside the selected one",
        )
        self.rename_action = self._action(
            "&Rename", self.rename_selected, "", None, QKeySequence(Qt.Key.Key_F2), "Rename the selected type"
        )
        self.delete_action = self._action(
            "&Delete", self.delete_selected, "trash", QStyle.StandardPixmap.SP_TrashIcon,
            QKeySequence(QKeySequence.StandardKey.Delete), "Delete the selected type; its goals move elsewhere",
        )

        self.model.modelAboutToBeReset.connect(self._remember_state)
        self.model.modelReset.connect(self._restore_state)
        self.model.synced.connect(self._selection_changed)
        self.tree.expanded.connect(lambda i: self._expanded.add(self._id_at(i)))
        self.tree.collapsed.connect(lambda i: self._expanded.discard(self._id_at(i)))
        self.tree.selectionModel().currentChanged.connect(self._selection_changed)

        for node in self.model.node_by_id(ALL_ID).parent.children:  # type: ignore[union-attr]
            if node.is_group:
                self.tree.expand(self.model.index_for_id(node.id))
        self.select_category(self._remembered())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F2 and Delete in the tree belong to the tree, even when the window has its own Delete/F2 actions.

        Accepting the ShortcutOverride keeps window-wide shortcuts (e.g. Delete goal) from firing or
        becoming ambiguous while the tree has focus; an open editor keeps its own keys.
        """
        if watched is self.tree and isinstance(event, QKeyEvent) and self.tree.state() != self.tree.State.EditingState:
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_F2):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
                    if self.delete_action.isEnabled():
                        self.delete_action.trigger()
                    return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ setup helpers

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        icon_name: str,
        fallback: QStyle.StandardPixmap | None,
        shortcut: QKeySequence | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if fallback is not None:
            action.setIcon(_icon(icon_name, fallback, self))
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        # Queued: New Type, Rename and Delete may ask (a name, where the goals go) in a dialog of their own;
        # the action's slot returns first, so assistive tech's "press" on it is answered (issue 20).
        action.triggered.connect(lambda _checked=False: QTimer.singleShot(0, self, slot))
        self.addAction(action)
        return action

    def _id_at(self, index: QModelIndex) -> int:
        node = self.model.node(index)
        return ALL_ID if node is None else node.id

    def _remembered(self) -> int:
        value = self.ctx.settings.value(SELECTED_KEY, ALL_ID)
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return ALL_ID

    # ------------------------------------------------------------------ selection

    def selected_node(self) -> CategoryNode | None:
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    def selected_id(self) -> int:
        """The selected category id, ``ALL_ID`` (0) for All goals or nothing."""
        node = self.selected_node()
        return ALL_ID if node is None else node.id

    def select_category(self, category_id: int) -> None:
        """Select a type by id (0 or an unknown id: All goals) and show it."""
        index = self.model.index_for_id(category_id)
        if not index.isValid():
            index = self.model.index_for_id(ALL_ID)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        """Filter the goal views by the selected subtree, show its help and remember it."""
        if self._restoring:
            return
        node = self.selected_node()
        ids = self.model.category_ids(self.tree.currentIndex()) if node is not None else None
        self.filters.set_categories(ids)
        self._show_help(node)
        self._update_actions(node)
        if node is not None:
            self.ctx.settings.setValue(SELECTED_KEY, node.id)
        self.categoriesSelected.emit(ids)

    def _show_help(self, node: CategoryNode | None) -> None:
        if node is None:
            self.help.setText("Pick a goal type to see what it is for.")
            return
        name = html.escape(node.name)
        description = self.model.data(self.model.index_for_id(node.id), DescriptionRole)
        title = "All goals" if node.is_all else f"What are {name} goals?"
        if not description:
            parent = node.parent.name if node.parent is not None and node.parent.category is not None else ""
            description = (
                f"Your own goal type{f' inside {parent}' if parent else ''}. "
                "Drag goals here to file them; press F2 to rename it."
            )
        self.help.setText(f"<b>{title}</b><br>{html.escape(str(description))}")

    def _update_actions(self, node: CategoryNode | None) -> None:
        is_type = node is not None and node.category is not None
        self.new_subtype_action.setEnabled(is_type)
        self.rename_action.setEnabled(is_type)
        self.delete_action.setEnabled(is_type and node is not None and not node.is_builtin)

    def _remember_state(self) -> None:
        self._restoring = True
        self._kept_selection = self.selected_id()

    def _restore_state(self) -> None:
        for node_id in list(self._expanded):
            index = self.model.index_for_id(node_id)
            if index.isValid():
                self.tree.expand(index)
        self._restoring = False
        self.select_category(getattr(self, "_kept_selection", ALL_ID))

    # ------------------------------------------------------------------ actions

    def _ask_name(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def new_type(self, name: str | None = None) -> bool:
        """A type beside the selected one (at the top level when All goals is selected)."""
        node = self.selected_node()
        parent = node.parent if node is not None and node.category is not None else None
        parent_id = parent.id if parent is not None and parent.category is not None else None
        where = f" in {parent.name}" if parent is not None and parent.category is not None else ""
        return self._create(name, parent_id, "New goal type", f"Name of the new goal type{where}:")

    def new_subtype(self, name: str | None = None) -> bool:
        """A type inside the selected one."""
        node = self.selected_node()
        if node is None or node.category is None:
            self.ctx.report(DomainError("Select a goal type first; the new type goes inside it."))
            return False
        return self._create(name, node.id, "New subtype", f"Name of the new type inside {node.name}:")

    def _create(self, name: str | None, parent_id: int | None, title: str, label: str) -> bool:
        if name is None:
            name = self.ask_name(title, label)
            if name is None:
                return False
        command = CreateCategory(self.ctx, name, parent_id)
        if not run(self.ctx, command):
            return False
        if parent_id is not None:
            self.tree.expand(self.model.index_for_id(parent_id))
        if command.created is not None:
            self.select_category(command.created.id)
        return True

    def rename_selected(self, name: str | None = None) -> bool:
        """Rename the selected type; without a name, start editing in place (F2)."""
        node = self.selected_node()
        if node is None or node.category is None:
            return False
        index = self.model.index_for_id(node.id)
        if name is None:
            self.tree.edit(index)
            return False
        return self.model.setData(index, name, Qt.ItemDataRole.EditRole)

    def delete_selected(self, reassign_to: int | None = None) -> bool:
        node = self.selected_node()
        if node is None or node.category is None:
            return False
        return self.delete_category(node.id, reassign_to)

    def delete_category(self, category_id: int, reassign_to: int | None = None) -> bool:
        """Delete a user type; when its branch holds goals and no target is given, ask where they go."""
        node = self.model.node_by_id(category_id)
        if node is None or node.category is None:
            return False
        if node.is_builtin:
            self.ctx.report(DomainError(f"“{node.name}” is built in and cannot be deleted; you can rename it."))
            return False
        if reassign_to is None:
            held = len(self.ctx.categories.goals_in_categories(node.subtree_ids()))
            if held:
                reassign_to = self.ask_reassign(category_id, held)
                if reassign_to is None:
                    return False
        selected = self.selected_id()
        fallback = node.parent.id if node.parent is not None and node.parent.category is not None else ALL_ID
        if not run(self.ctx, DeleteCategory(self.ctx, category_id, reassign_to)):
            return False
        if selected in node.subtree_ids() or self.model.node_by_id(selected) is None:
            self.select_category(fallback)
        return True

    def _ask_reassign(self, category_id: int, goal_count: int) -> int | None:
        try:
            dialog = ReassignDialog(self.model, category_id, goal_count, self)
        except DomainError as exc:
            self.ctx.report(exc)
            return None
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen_id()
        finally:
            dialog.deleteLater()  # not kept as a child of the panel after each delete

    # ------------------------------------------------------------------ context menu

    def build_menu(self, index: QModelIndex | None = None) -> QMenu:
        """The context menu for a row (the selected row when None); separate so tests need no exec."""
        if index is not None and index.isValid():
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        for action in (self.new_type_action, self.new_subtype_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.rename_action)
        menu.addMenu(self.colour_menu(menu))
        menu.addAction(self.delete_action)
        return menu

    def colour_menu(self, parent: QWidget | None = None) -> QMenu:
        """Colour…: the colour-blind-safe swatches and No colour, the current one checked."""
        node = self.selected_node()
        current = node.category.colour if node is not None and node.category is not None else None
        menu = QMenu(self.tr("C&olour"), parent or self)
        menu.setObjectName("colourMenu")
        menu.setEnabled(node is not None and node.category is not None)
        menu.setToolTipsVisible(True)
        for swatch in SWATCHES:
            action = menu.addAction(swatch_icon(swatch.hex, 16, self.palette()), self.tr(swatch.name))
            action.setCheckable(True)
            action.setChecked(swatch.hex == current)
            action.setData(swatch.hex)
            action.triggered.connect(lambda _c=False, c=swatch.hex: self.set_colour(c))
        menu.addSeparator()
        none = menu.addAction(self.tr("&No colour"))
        none.setCheckable(True)
        none.setChecked(current is None)
        none.triggered.connect(lambda _c=False: self.set_colour(None))
        return menu

    def set_colour(self, colour: str | None, category_id: int | None = None) -> bool:
        """Colour a type (the selected one by default) on cards, list rows and charts; one undo step."""
        node = self.selected_node() if category_id is None else self.model.node_by_id(category_id)
        if node is None or node.category is None:
            return False
        return run(self.ctx, SetCategoryColour(self.ctx, node.id, colour))

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.build_menu(self.tree.indexAt(pos))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
