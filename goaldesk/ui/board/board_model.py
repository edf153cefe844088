"""Board columns: one list model per horizon (plus "Recently achieved"), kept current from the notifier.

Rows change through begin/end insert/remove/move and dataChanged, never a reset per move, so the
views keep selection and scroll position while the user drags cards around. Drops never touch the
rows directly: they run a MoveGoals command, and the rows follow from the after-commit signal, so a
refused write (read-only disk) leaves both columns exactly as they were.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import timedelta

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from goaldesk.domain.enums import GoalStatus, Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal, GoalQuery
from goaldesk.store.base import Change
from goaldesk.ui.board.card_delegate import card_text
from goaldesk.ui.board.commands import MoveGoals, moved_text
from goaldesk.ui.common import roles
from goaldesk.ui.common.commands import run
from goaldesk.ui.common.filters import FilterState, search_text
from goaldesk.ui.common.mime import GOAL_IDS_MIME, decode_ids, encode_ids
from goaldesk.ui.common.notifier import goal_ids, touches
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.smart.scores import smart_score

Index = QModelIndex | QPersistentModelIndex

TEXT_MIME = "text/plain"
RECENT_DAYS = 30
"""How far back the "Recently achieved" column looks."""

_FULL_RELOAD_ABOVE = 500
"""A change touching more goals than this is cheaper to answer with one query than goal by goal."""

_ROOT = QModelIndex()


def first_line(text: str, limit: int = 200) -> str:
    """The first non-blank line of dropped text, trimmed: a title suggestion, never a whole document."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return ""


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence: the rows that can stay where they are."""
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k] = v
            tail_at[k] = i
        prev[i] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


class BoardColumnModel(QAbstractListModel):
    """The goals of one horizon that the shared filters accept, in stored board order.

    ``goalsMoved(ids)`` fires after a drop or keyboard move into this column was saved (the view
    selects them), then ``moved(text)`` with what a screen reader should say;
    ``newGoalRequested(title, horizon)`` fires for plain text dropped from elsewhere.
    """

    goalsMoved = Signal(list)
    moved = Signal(str)
    newGoalRequested = Signal(str, object)

    def __init__(
        self, ctx: AppContext, filters: FilterState, horizon: Horizon, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filters = filters
        self.horizon = horizon
        self._ids: list[int] = []
        self._goals: dict[int, Goal] = {}
        self._positions: dict[int, int] | None = None  # stored positions, read lazily (GoalRole only)
        self._scores: dict[int, int | None] = {}
        self._type_names: dict[int, str] = {}
        self.reload()
        ctx.notifier.changed.connect(self._on_changed)
        filters.changed.connect(self.reload)

    # ---------------------------------------------------------------- reading

    def goal_ids(self) -> list[int]:
        """Ids in row order (a copy)."""
        return list(self._ids)

    def goal_at(self, row: int) -> Goal:
        return self._goals[self._ids[row]]

    def row_of(self, goal_id: int) -> int | None:
        try:
            return self._ids.index(goal_id)
        except ValueError:
            return None

    def score(self, goal: Goal) -> int | None:
        """SMART score, computed once per goal version (it needs today's date)."""
        if goal.id not in self._scores:
            self._scores[goal.id] = smart_score(goal, self.ctx.today())
        return self._scores[goal.id]

    def wants(self, goal: Goal) -> bool:
        """Whether a goal belongs in this column under the current filters."""
        if goal.is_deleted or goal.horizon is not self.horizon:
            return False
        score = self.score(goal) if self.filters.not_smart_only else None
        return self.filters.accepts(goal, search_text(goal), score)

    def _query(self) -> GoalQuery:
        f = self.filters
        return GoalQuery(
            horizon=self.horizon,
            statuses=frozenset(f.statuses),
            category_ids=f.category_ids,
            include_archived=f.show_archived,
        )

    def _stored_order(self) -> list[int]:
        return self.ctx.board.column_ids(self.horizon)

    # ---------------------------------------------------------------- keeping current

    def reload(self) -> None:
        """Re-read the whole column (filters changed); rows still change fine-grained."""
        self._scores.clear()
        goals = [g for g in self.ctx.goals.list_goals(self._query()) if self.wants(g)]
        fresh = {g.id: g for g in goals}
        self._positions = {g.id: g.position for g in goals}
        self._apply([g.id for g in goals], fresh)

    def _on_changed(self, changes: list[Change]) -> None:
        if not touches(changes, "goal", "checkin", "milestone", "category"):
            return
        if touches(changes, "category"):
            self._type_names.clear()
        ids = goal_ids(changes)
        if ids is None or len(ids) > _FULL_RELOAD_ABOVE:
            self.reload()
        elif ids:
            self.refresh_goals(ids)

    def refresh_goals(self, ids: Iterable[int]) -> None:
        """Re-read only the goals a write touched; the others keep their relative order."""
        touched = set(ids)
        fresh: dict[int, Goal] = {}
        for goal_id in touched:
            self._scores.pop(goal_id, None)
            goal = self.ctx.goals.find_goal(goal_id)
            if goal is not None and self.wants(goal):
                fresh[goal_id] = goal
        if not fresh and not touched.intersection(self._goals):
            return  # nothing of ours: e.g. a move inside the other column
        self._positions = None
        if not fresh:
            # Only removals: the others keep their relative order, no need to read the column.
            self._apply([i for i in self._ids if i not in touched], fresh)
            return
        members = {i for i in self._ids if i not in touched} | fresh.keys()
        self._apply([i for i in self._stored_order() if i in members], fresh)

    def _apply(self, new_ids: list[int], fresh: dict[int, Goal]) -> None:
        """Turn the current rows into ``new_ids`` with removes, moves, inserts and dataChanged."""
        wanted = set(new_ids)
        # 1. Removals, bottom-up in contiguous runs.
        row = len(self._ids) - 1
        while row >= 0:
            if self._ids[row] in wanted:
                row -= 1
                continue
            end = row
            while row - 1 >= 0 and self._ids[row - 1] not in wanted:
                row -= 1
            self.beginRemoveRows(_ROOT, row, end)
            for gid in self._ids[row : end + 1]:
                self._goals.pop(gid, None)
                self._scores.pop(gid, None)
            del self._ids[row : end + 1]
            self.endRemoveRows()
            row -= 1
        # 2. Moves, so the rows left follow the new order (persistent indexes keep the selection).
        present = set(self._ids)
        target = [i for i in new_ids if i in present]
        if target != self._ids:
            self._reorder(target, set(fresh))
        # 3. Inserts in ascending final row, in contiguous runs.
        row = 0
        while row < len(new_ids):
            if row < len(self._ids) and self._ids[row] == new_ids[row]:
                row += 1
                continue
            end = row
            while end + 1 < len(new_ids) and new_ids[end + 1] not in present:
                end += 1
            self.beginInsertRows(_ROOT, row, end)
            for gid in new_ids[row : end + 1]:
                self._goals[gid] = fresh[gid]
            self._ids[row:row] = new_ids[row : end + 1]
            self.endInsertRows()
            row = end + 1
        # 4. Changed data of rows that stayed.
        stale = [gid for gid, goal in fresh.items() if gid in present and self._goals.get(gid) != goal]
        for gid in stale:
            self._goals[gid] = fresh[gid]
        if stale:
            if len(stale) <= 64:
                changed_rows = sorted(self._ids.index(gid) for gid in stale)
            else:
                row_of = {gid: r for r, gid in enumerate(self._ids)}
                changed_rows = sorted(row_of[gid] for gid in stale)
            for first, last in _runs(changed_rows):
                self.dataChanged.emit(self.index(first), self.index(last))

    def _reorder(self, target: list[int], touched: set[int]) -> None:
        """Move rows (never remove and re-insert) until they follow ``target``."""
        others_now = [i for i in self._ids if i not in touched]
        others_then = [i for i in target if i not in touched]
        if others_now == others_then:
            movers = touched  # the usual case: only the goals a write touched changed place
        else:
            rank = {gid: r for r, gid in enumerate(target)}
            keep = _longest_increasing([rank[i] for i in self._ids])
            movers = {gid for r, gid in enumerate(self._ids) if r not in keep}
        for final, gid in enumerate(target):
            if gid not in movers:
                continue
            src = self._ids.index(gid)
            # Its place: right after the goal that precedes it in the target (already in place).
            dst = 0 if final == 0 else self._ids.index(target[final - 1]) + 1
            if dst > src:
                dst -= 1
            if dst == src:
                continue
            self.beginMoveRows(_ROOT, src, src, _ROOT, dst + 1 if dst > src else dst)
            self._ids.insert(dst, self._ids.pop(src))
            self.endMoveRows()

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops go between cards, never onto one
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def _goal(self, goal_id: int) -> Goal:
        goal = self._goals[goal_id]
        if self._positions is None:
            self._positions = {gid: pos for pos, gid in enumerate(self._stored_order())}
        pos = self._positions.get(goal_id)
        if pos is not None and pos != goal.position:
            # Other goals' moves shift this one's stored position without touching it: keep it true.
            goal = self._goals[goal_id] = goal.replace(position=pos)
        return goal

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        gid = self._ids[index.row()]
        goal = self._goals[gid]
        if role == Qt.ItemDataRole.DisplayRole:
            return goal.title
        if role == roles.GoalIdRole:
            return gid
        if role == roles.GoalRole:
            return self._goal(gid)
        if role == roles.ProgressRole:
            return goal.progress
        if role == roles.SmartScoreRole:
            return self.score(goal)
        if role == roles.HorizonRole:
            return goal.horizon
        if role == roles.StatusRole:
            return goal.status
        if role == roles.CategoryIdRole:
            return goal.category_id
        if role == roles.ArchivedRole:
            return goal.archived
        if role == roles.SearchTextRole:
            return search_text(goal)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(goal)
        return None

    def _spoken(self, goal: Goal) -> str:
        """A one-line summary for tooltips and screen readers: the card in words (``card_text``)."""
        return card_text(goal, self.type_name(goal.category_id), self.score(goal), self.ctx.today())

    def type_name(self, category_id: int) -> str:
        """A goal type's name (read once, forgotten when types change); "" for a type deleted meanwhile."""
        if category_id not in self._type_names:
            try:
                self._type_names[category_id] = self.ctx.categories.category(category_id).name
            except DomainError:
                self._type_names[category_id] = ""
        return self._type_names[category_id]

    # ---------------------------------------------------------------- drag and drop

    def mimeTypes(self) -> list[str]:
        return [GOAL_IDS_MIME, TEXT_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Ids in column order (not click order), plus the titles as text for other programs."""
        rows = sorted({i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self._ids)})
        ids = [self._ids[r] for r in rows]
        data = encode_ids(ids)
        data.setText("\n".join(self._goals[i].title for i in ids))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if data is None:
            return False
        if data.hasFormat(GOAL_IDS_MIME):
            return action == Qt.DropAction.MoveAction and bool(decode_ids(data))
        if data.hasText():
            return action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction) and bool(first_line(data.text()))
        return False

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Move dropped goals here, or ask for a new goal from dropped text.

        Always False: the rows change when the notifier reports the commit, so the view must not
        remove the dragged rows itself.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if parent.isValid():
            row = parent.row()
        if row < 0 or row > len(self._ids):
            row = len(self._ids)
        if data.hasFormat(GOAL_IDS_MIME):
            self.move_into(decode_ids(data), row)
        else:
            self.newGoalRequested.emit(first_line(data.text()), self.horizon)
        return False

    # ---------------------------------------------------------------- moving

    def before_id_for(self, row: int, moving: Iterable[int]) -> int | None:
        """The goal the moved cards land before: the first card at or below ``row`` not itself moving."""
        skip = set(moving)
        for gid in self._ids[max(0, row) :]:
            if gid not in skip:
                return gid
        return None

    def _is_noop(self, ids: list[int], goals: Sequence[Goal], before_id: int | None) -> bool:
        """Whether the move would leave the stored column exactly as it is (e.g. a card on its own place)."""
        if any(g.horizon is not self.horizon for g in goals):
            return False
        stored = self._stored_order()
        skip = set(ids)
        rest = [i for i in stored if i not in skip]
        at = len(rest) if before_id is None or before_id not in rest else rest.index(before_id)
        return rest[:at] + ids + rest[at:] == stored

    def move_into(self, ids: Sequence[int], row: int) -> bool:
        """Move goals (keeping their order) into this column before ``row``; one undoable command.

        Unknown, deleted and duplicate ids are ignored; a move that changes nothing writes nothing
        and pushes nothing. Returns True when something moved.
        """
        goals: list[Goal] = []
        for gid in dict.fromkeys(ids):
            goal = self.ctx.goals.find_goal(gid)
            if goal is not None and not goal.is_deleted:
                goals.append(goal)
        if not goals:
            return False
        moving = [g.id for g in goals]
        before_id = self.before_id_for(row, moving)
        if self._is_noop(moving, goals, before_id):
            return False
        command = MoveGoals(self.ctx, goals, self.horizon, before_id)
        if not run(self.ctx, command):
            return False
        self.goalsMoved.emit(moving)
        self.moved.emit(moved_text(goals, self.horizon, self.row_of(goals[0].id), self.rowCount()))
        return True


class AchievedColumnModel(BoardColumnModel):
    """Goals achieved in the last 30 days (either horizon), most recent first; read-only on the board.

    The service keeps no "achieved on" date, so the last update of an achieved goal stands in for it.
    """

    def __init__(self, ctx: AppContext, filters: FilterState, parent: QObject | None = None) -> None:
        super().__init__(ctx, filters, Horizon.SHORT, parent)

    def wants(self, goal: Goal) -> bool:
        if goal.is_deleted or goal.status is not GoalStatus.ACHIEVED:
            return False
        if goal.updated_at.date() < self.ctx.today() - timedelta(days=RECENT_DAYS):
            return False
        f = self.filters
        if goal.archived and not f.show_archived:
            return False
        if f.category_ids is not None and goal.category_id not in f.category_ids:
            return False
        return not f.text or f.text in search_text(goal)

    def _query(self) -> GoalQuery:
        f = self.filters
        return GoalQuery(
            statuses=frozenset({GoalStatus.ACHIEVED}),
            category_ids=f.category_ids,
            include_archived=f.show_archived,
        )

    def reload(self) -> None:
        self._scores.clear()
        goals = [g for g in self.ctx.goals.list_goals(self._query()) if self.wants(g)]
        goals.sort(key=lambda g: (g.updated_at, g.id), reverse=True)
        self._positions = {}  # mixed horizons: the goals' own positions are the truth
        self._apply([g.id for g in goals], {g.id: g for g in goals})

    def refresh_goals(self, ids: Iterable[int]) -> None:
        self.reload()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return False

    def move_into(self, ids: Sequence[int], row: int) -> bool:
        return False


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows grouped into (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out
