"""The chart tab: one goal's progress, the overview, or small wins, drawn with matplotlib inside Qt.

matplotlib costs about a second to import, so nothing here imports it until a chart is actually shown;
redraws are debounced so a burst of edits (or undo presses) draws once.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from goaldesk.domain.errors import DomainError
from goaldesk.store.base import Change
from goaldesk.ui.shell.context import AppContext

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from goaldesk.ui.progress.printing import ChartPage

REDRAW_DELAY_MS = 120


class ChartKind(Enum):
    PROGRESS = "Progress"
    OVERVIEW = "Overview"
    WINS = "Wins"


def is_dark(widget: QWidget) -> bool:
    """A dark system palette gets the dark chart theme (window colour lightness under half)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def build_chart(ctx: AppContext, kind: ChartKind, goal_id: int, *, dark: bool = False) -> tuple[Figure, ChartPage]:
    """The figure for a chart kind and its printed header. Imports matplotlib (the first call is slow).

    A progress chart needs ``goal_id``; raises DomainError when that goal does not exist.
    """
    from goaldesk.charts import overview_figure, progress_figure, wins_figure
    from goaldesk.ui.progress.printing import ChartPage
    from goaldesk.ui.smart.scores import smart_score

    reports = ctx.reports
    today = ctx.today()
    if kind is ChartKind.PROGRESS:
        goal = ctx.goals.get_goal(goal_id)
        series = reports.progress_series(goal_id, smart_score(goal, today))
        return progress_figure(series, dark=dark), ChartPage.for_series(series, printed_on=today)
    if kind is ChartKind.OVERVIEW:
        data = reports.overview()
        header = ChartPage(title="Goals overview", goal_type=f"{data.active} active goals", printed_on=today)
        return overview_figure(data, dark=dark), header
    wins = reports.wins_data()
    return wins_figure(wins, dark=dark), ChartPage(title="Small wins", goal_type=f"{len(wins.wins)} wins",
                                                   printed_on=today)


class ChartPanel(QWidget):
    """Kind selector over a matplotlib canvas; ``show_goal`` picks the goal for the progress chart."""

    redrawn = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id = 0
        self.canvas: QWidget | None = None
        self.figure: Figure | None = None
        self._dirty = True

        self.kind_combo = QComboBox()
        for kind in ChartKind:
            self.kind_combo.addItem(kind.value, kind)
        self.kind_combo.setToolTip("Which chart to show")
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.schedule())
        top = QHBoxLayout()
        chart_label = QLabel("C&hart:")
        chart_label.setBuddy(self.kind_combo)
        top.addWidget(chart_label)
        top.addWidget(self.kind_combo)
        top.addStretch(1)

        self.message = QLabel("The chart appears here.")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.canvas_layout = QVBoxLayout()
        self.canvas_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas_layout.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.canvas_layout, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_DELAY_MS)
        self.timer.timeout.connect(self.redraw)
        ctx.notifier.changed.connect(self._changed)

    # ------------------------------------------------------------------ state

    def kind(self) -> ChartKind:
        return self.kind_combo.currentData()

    def set_kind(self, kind: ChartKind) -> None:
        self.kind_combo.setCurrentIndex(list(ChartKind).index(kind))

    def show_goal(self, goal_id: int) -> None:
        if goal_id != self.goal_id:
            self.goal_id = goal_id
            self.schedule()

    def _changed(self, changes: list[Change]) -> None:
        kind = self.kind()
        for change in changes:
            if change.entity == "all":
                break
            mine = not change.ids or self.goal_id in change.ids or change.entity == "category"
            if kind is ChartKind.PROGRESS and change.entity in ("goal", "checkin", "milestone", "category") and mine:
                break
            if kind is ChartKind.OVERVIEW and change.entity in ("goal", "checkin", "milestone", "category"):
                break
            if kind is ChartKind.WINS and change.entity in ("win", "goal"):
                break
        else:
            return
        self.schedule()

    def schedule(self) -> None:
        """Redraw soon if on screen; otherwise remember to redraw when shown (no matplotlib until then)."""
        self._dirty = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.timer.start()

    # ------------------------------------------------------------------ drawing

    def redraw(self) -> None:
        """Build the current chart and put it on a fresh canvas (first call imports matplotlib)."""
        self.timer.stop()
        self._dirty = False
        kind = self.kind()
        if kind is ChartKind.PROGRESS and not self.goal_id:
            self._show_message("Select a goal to see its progress chart.")
            return
        try:
            figure, _header = build_chart(self.ctx, kind, self.goal_id, dark=is_dark(self))
        except DomainError:
            self._show_message("This goal is no longer available.")
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(figure)
        canvas.setMinimumSize(200, 160)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        old = self.canvas
        self.canvas_layout.addWidget(canvas, 1)
        canvas.show()
        self.message.hide()
        if old is not None:
            self.canvas_layout.removeWidget(old)
            old.deleteLater()
        self.canvas = canvas
        self.figure = figure
        canvas.draw_idle()
        self.redrawn.emit()

    def _show_message(self, text: str) -> None:
        if self.canvas is not None:
            self.canvas_layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
            self.canvas = None
            self.figure = None
        self.message.setText(text)
        self.message.show()
        self.redrawn.emit()

    def figure_for_print(self) -> tuple[Figure, ChartPage]:
        """The current chart in the light (paper) theme, with its printed header.

        With no goal selected the progress chart falls back to the overview.
        """
        kind = self.kind()
        if kind is ChartKind.PROGRESS and not self.goal_id:
            kind = ChartKind.OVERVIEW
        return build_chart(self.ctx, kind, self.goal_id, dark=False)
