"""Search, status, category and "not yet SMART" filtering plus sorting by value, over GoalTableModel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from goaldesk.ui import roles
from goaldesk.ui.filters import FilterState

Index = QModelIndex | QPersistentModelIndex


class GoalFilterProxy(QSortFilterProxyModel):
    """Filters on the model's roles (GoalRole, SearchTextRole, SmartScoreRole) by the shared FilterState."""

    def __init__(self, filters: FilterState, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.filters = filters
        self.setSortRole(roles.SortRole)
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        filters.changed.connect(self._refilter)

    def _refilter(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        goal = index.data(roles.GoalRole)
        if goal is None:
            return False
        score = index.data(roles.SmartScoreRole) if self.filters.not_smart_only else None
        return self.filters.accepts(goal, index.data(roles.SearchTextRole), score)

    def goal_id_at(self, proxy_row: int) -> int:
        return int(self.index(proxy_row, 0).data(roles.GoalIdRole))
