"""Search, status, category and "not yet SMART" filtering plus sorting by value, over GoalTableModel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from goaldesk.ui.common import roles
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.goals.goal_model import GoalTableModel

Index = QModelIndex | QPersistentModelIndex


class GoalFilterProxy(QSortFilterProxyModel):
    """Filters on the model's roles (GoalRole, SearchTextRole, SmartScoreRole) by the shared FilterState.

    A keystroke re-filters every row. Asking each row for its roles through Qt costs more than a
    keystroke may take with ten thousand goals, so a re-filter first decides every row in one Python
    pass over the same values (``GoalTableModel.goals()``/``search_text_at``) and Qt's per-row calls
    only look the answer up. Rows inserted or changed later are judged one by one through the roles.
    """

    def __init__(self, filters: FilterState, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.filters = filters
        self._decided: list[bool] | None = None
        self.setSortRole(roles.SortRole)
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        filters.changed.connect(self._refilter)

    def _decide_all(self) -> list[bool] | None:
        model = self.sourceModel()
        if not isinstance(model, GoalTableModel):
            return None
        accepts = self.filters.accepts
        need_score = self.filters.not_smart_only
        goals = model.goals()
        return [
            accepts(goal, model.search_text_at(row), model.score(goal) if need_score else None)
            for row, goal in enumerate(goals)
        ]

    def _refilter(self) -> None:
        self._decided = self._decide_all()
        try:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        finally:
            self._decided = None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        decided = self._decided
        if decided is not None and source_row < len(decided):
            return decided[source_row]
        index = self.sourceModel().index(source_row, 0, source_parent)
        goal = index.data(roles.GoalRole)
        if goal is None:
            return False
        score = index.data(roles.SmartScoreRole) if self.filters.not_smart_only else None
        return self.filters.accepts(goal, index.data(roles.SearchTextRole), score)
