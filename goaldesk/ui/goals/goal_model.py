"""GoalTableModel: every goal not in the Trash, one row each, kept current from the service's signal.

Rows change through begin/end insert/remove and dataChanged, never a reset per edit, so views keep
their selection and scroll position while the user works.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from goaldesk.domain.dates import deadline_hint, is_overdue
from goaldesk.domain.model import Goal, GoalQuery
from goaldesk.domain.smart_base import SCORE_MAX, score_text
from goaldesk.store.base import Change
from goaldesk.ui.common import roles
from goaldesk.ui.common.filters import search_text
from goaldesk.ui.common.mime import GOAL_IDS_MIME, encode_ids
from goaldesk.ui.common.notifier import goal_ids, touches
from goaldesk.ui.common.theme import swatch_icon, type_colour
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.smart.scores import smart_score

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    TYPE = 1
    HORIZON = 2
    DEADLINE = 3
    PROGRESS = 4
    SMART = 5
    STATUS = 6


HEADERS = {
    Column.TITLE: "Title",
    Column.TYPE: "Type",
    Column.HORIZON: "Horizon",
    Column.DEADLINE: "Deadline",
    Column.PROGRESS: "Progress",
    Column.SMART: "SMART",
    Column.STATUS: "Status",
}


def title_tooltip(goal: Goal) -> str:
    """The full title (the column elides it), then the start of the description, wrapped to lines a
    tooltip can show (plain text: Qt squeezes a short rich-text tooltip into a narrow column)."""
    lines = textwrap.wrap(goal.title, TOOLTIP_WIDTH) or [goal.title]
    if goal.description.strip():
        about = textwrap.shorten(goal.description, 400, placeholder=" …")
        lines += ["", *textwrap.wrap(about, TOOLTIP_WIDTH)]
    return "\n".join(lines)


def spoken_score(score: int | None) -> str:
    """ "SMART 4 of 5" as said aloud ("4/5" reads badly); "SMART score not worked out yet" before it is."""
    if score is None:
        return QCoreApplication.translate("GoalTableModel", "SMART score not worked out yet")
    return QCoreApplication.translate("GoalTableModel", "SMART %1 of %2").replace("%1", str(score)).replace(
        "%2", str(SCORE_MAX))


TOOLTIP_WIDTH = 90
"""Characters a tooltip line holds; most titles (at most 200 characters) fit on one or two lines."""


class GoalTableModel(QAbstractTableModel):
    """Loads the first screenful at once and the rest in chunks from the event loop.

    So the window paints quickly even with ten thousand goals; ``loadingChanged`` tells the window
    to show progress, and ``load_all()`` finishes synchronously (tests, printing, export).
    """

    FIRST_CHUNK = 250
    CHUNK = 2500
    loadingChanged = Signal(bool)

    def __init__(self, ctx: AppContext, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.ctx = ctx
        self._loading = False
        self._loaded_all = False
        self._generation = 0
        self._db_offset = 0
        self._background = False
        self._scores_enabled = False
        self._goals: list[Goal] = []
        self._row_of: dict[int, int] = {}
        self._search: list[str] = []
        self._scores: dict[int, int | None] = {}
        self._category_names: dict[int, str] = {}
        self._category_colours: dict[int, str] = {}
        self._swatches: dict[tuple[str, str], object] = {}  # (colour, palette base) -> QIcon
        self._today = ctx.today()
        self.reload()
        ctx.notifier.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Start again from the database: first chunk now, the rest from the event loop."""
        self.beginResetModel()
        self._generation += 1
        self._today = self.ctx.today()
        self._read_categories()
        self._goals = self.ctx.goals.list_goals(GoalQuery(), limit=self.FIRST_CHUNK)
        self._search = [search_text(g) for g in self._goals]
        self._scores.clear()
        self._reindex()
        self._db_offset = len(self._goals)
        self._loaded_all = len(self._goals) < self.FIRST_CHUNK
        self.endResetModel()
        if not self._loaded_all:
            self._set_loading(True)
            if self._background:
                self.start_background_load()

    def start_background_load(self) -> None:
        """Load the remaining goals in chunks from the event loop (called after the first paint)."""
        self._background = True
        if not self._loaded_all:
            generation = self._generation
            QTimer.singleShot(0, lambda: self._load_more(generation))

    def enable_scores(self) -> None:
        """Compute SMART scores from now on (kept off until the first paint: the checker loads rules)."""
        if not self._scores_enabled:
            self._scores_enabled = True
            if self._goals:
                self.dataChanged.emit(self.index(0, Column.SMART), self.index(len(self._goals) - 1, Column.SMART))

    @property
    def loading(self) -> bool:
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def _load_more(self, generation: int) -> bool:
        """Append the next chunk; False when everything is loaded (or a reload superseded this)."""
        if generation != self._generation or self._loaded_all:
            return False
        # Offsets count rows of the stored order; goals added meanwhile are already here via signals.
        chunk = self.ctx.goals.list_goals(GoalQuery(), limit=self.CHUNK, offset=self._db_offset)
        self._db_offset += len(chunk)
        fresh = [g for g in chunk if g.id not in self._row_of]
        if fresh:
            first = len(self._goals)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._goals.extend(fresh)
            self._search.extend(search_text(g) for g in fresh)
            for row in range(first, len(self._goals)):
                self._row_of[self._goals[row].id] = row
            self.endInsertRows()
        if len(chunk) < self.CHUNK:
            self._loaded_all = True
            self._set_loading(False)
            return False
        QTimer.singleShot(0, lambda: self._load_more(generation))
        return True

    def load_all(self) -> None:
        """Finish loading now."""
        generation = self._generation
        while self._load_more(generation):
            pass

    def _read_categories(self) -> None:
        categories = self.ctx.categories.categories()
        self._category_names = {c.id: c.name for c in categories}
        self._category_colours = {c.id: c.colour for c in categories if c.colour}

    def _reindex(self) -> None:
        self._row_of = {g.id: row for row, g in enumerate(self._goals)}

    def _on_changed(self, changes: list[Change]) -> None:
        if any(c.entity == "all" for c in changes):
            self.reload()
            return
        if touches(changes, "category"):
            self._read_categories()
            if self._goals:
                self.dataChanged.emit(self.index(0, Column.TYPE), self.index(len(self._goals) - 1, Column.TYPE))
        ids = goal_ids(changes)
        if ids is None:
            self.reload()
            return
        for goal_id in sorted(ids):
            self.refresh_goal(goal_id)

    def refresh_goal(self, goal_id: int) -> None:
        """Bring one row in line with the database: insert, update or remove it."""
        goal = self.ctx.goals.find_goal(goal_id)
        row = self._row_of.get(goal_id)
        self._scores.pop(goal_id, None)
        if goal is None or goal.is_deleted:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._goals[row]
                del self._search[row]
                self._reindex()
                self.endRemoveRows()
            return
        if row is None:
            row = len(self._goals)
            self.beginInsertRows(QModelIndex(), row, row)
            self._goals.append(goal)
            self._search.append(search_text(goal))
            self._row_of[goal_id] = row
            self.endInsertRows()
        else:
            self._goals[row] = goal
            self._search[row] = search_text(goal)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # ------------------------------------------------------------------ access

    def goal_at(self, row: int) -> Goal:
        return self._goals[row]

    def row_of(self, goal_id: int) -> int | None:
        return self._row_of.get(goal_id)

    def goals(self) -> list[Goal]:
        return list(self._goals)

    def search_text_at(self, row: int) -> str:
        return self._search[row]

    def category_name(self, category_id: int) -> str:
        return self._category_names.get(category_id, "?")

    def category_colour(self, category_id: int) -> str | None:
        """The stored ``#rrggbb`` of a goal type, None for no colour."""
        return self._category_colours.get(category_id)

    def _swatch(self, colour: str) -> object:
        """The Type column's colour swatch, drawn for the current palette (so a switch to dark redraws it)."""
        from PySide6.QtGui import QGuiApplication, QPalette

        key = (colour, QGuiApplication.palette().color(QPalette.ColorRole.Base).name())
        if key not in self._swatches:
            self._swatches[key] = swatch_icon(colour, 14)
        return self._swatches[key]

    def score(self, goal: Goal) -> int | None:
        if not self._scores_enabled:
            return None
        if goal.id not in self._scores:
            self._scores[goal.id] = smart_score(goal, self._today)
        return self._scores[goal.id]

    @property
    def today(self) -> date:
        return self._today

    # ------------------------------------------------------------------ Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._goals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(Column(section), "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._goals):
            return None
        goal = self._goals[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(goal, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(goal, column)
        if role == roles.SortRole:
            return self._sort_key(goal, column)
        if role == roles.GoalIdRole:
            return goal.id
        if role == roles.GoalRole:
            return goal
        if role == roles.SearchTextRole:
            return self._search[index.row()]
        if role == roles.StatusRole:
            return goal.status.value
        if role == roles.CategoryIdRole:
            return goal.category_id
        if role == roles.ProgressRole:
            return goal.progress
        if role == roles.HorizonRole:
            return goal.horizon.value
        if role == roles.SmartScoreRole:
            return self.score(goal)
        if role == roles.ArchivedRole:
            return goal.archived
        if role == roles.TypeColourRole:
            return type_colour(self.category_colour(goal.category_id))
        if role == Qt.ItemDataRole.DecorationRole and column == Column.TYPE:
            colour = self.category_colour(goal.category_id)
            return None if colour is None else self._swatch(colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.TITLE:
                return title_tooltip(goal)
            if column == Column.DEADLINE and goal.deadline:
                return goal.deadline.isoformat()
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.DEADLINE:
            from PySide6.QtGui import QColor, QGuiApplication

            if goal.status.value == "active" and is_overdue(goal.deadline, self._today):
                text = QGuiApplication.palette().text().color()
                red = QColor(220, 50, 47)
                return QColor(
                    (text.red() + 2 * red.red()) // 3,
                    (text.green() + 2 * red.green()) // 3,
                    (text.blue() + 2 * red.blue()) // 3,
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SMART, Column.PROGRESS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, goal: Goal, column: int) -> str:
        if column == Column.TITLE:
            return goal.title
        if column == Column.TYPE:
            return self.category_name(goal.category_id)
        if column == Column.HORIZON:
            return goal.horizon.label
        if column == Column.DEADLINE:
            if goal.deadline is None:
                return "—"
            return f"{goal.deadline.isoformat()} ({deadline_hint(goal.deadline, self._today)})"
        if column == Column.PROGRESS:
            p = goal.progress
            return "—" if p is None else f"{round(p * 100)}%"
        if column == Column.SMART:
            score = self.score(goal)
            return score_text(score, form="cell")
        if column == Column.STATUS:
            return goal.status.label + (" (archived)" if goal.archived else "")
        return ""

    def _spoken(self, goal: Goal, column: int) -> str | None:
        """What a screen reader says where the cell shows a glyph or a bare fraction ("—", "4/5")."""
        if column == Column.DEADLINE and goal.deadline is None:
            return self.tr("No deadline")
        if column == Column.PROGRESS:
            p = goal.progress
            if p is None:
                return self.tr("No progress recorded")
            return self.tr("%1% done").replace("%1", str(round(p * 100)))
        if column == Column.SMART:
            return spoken_score(self.score(goal))
        return None

    def _sort_key(self, goal: Goal, column: int) -> object:
        if column == Column.TITLE:
            return goal.title.casefold()
        if column == Column.TYPE:
            return self.category_name(goal.category_id).casefold()
        if column == Column.HORIZON:
            return goal.horizon.value
        if column == Column.DEADLINE:
            return goal.deadline.toordinal() if goal.deadline else 10**7
        if column == Column.PROGRESS:
            p = goal.progress
            return -1.0 if p is None else p
        if column == Column.SMART:
            score = self.score(goal)
            return -1 if score is None else score
        if column == Column.STATUS:
            return goal.status.value
        return None

    # ------------------------------------------------------------------ drag

    def mimeTypes(self) -> list[str]:
        return [GOAL_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids([self._goals[r].id for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
