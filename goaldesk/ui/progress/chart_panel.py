"""The chart tab: one goal's progress, the overview, or small wins, drawn with matplotlib inside Qt.

matplotlib costs about a second to import (more on a cold disk), so it is imported on a background
thread once the window is idle after its first paint (chart_warm), and a chart wanted before that has
finished shows a busy bar instead of freezing the window. Redraws are debounced so a burst of edits
(or undo presses) draws once. The figure is fitted to the panel's width (wrapped titles, a legend in
as many columns as fit, stacked panels when narrow) and fitted again, debounced, when the panel is
resized; a figure taller than the panel scrolls vertically, never sideways.
"""

from __future__ import annotations

import warnings
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from goaldesk.domain.errors import DomainError
from goaldesk.store.base import Change
from goaldesk.ui.progress.chart_warm import WARMER, start_when_idle
from goaldesk.ui.shell.context import AppContext

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from goaldesk.ui.progress.printing import ChartPage

# A panel squeezed smaller than a chart's decorations cannot be laid out; matplotlib says so on every
# draw. Nothing is wrong that the user could act on, and the chart comes back when the panel grows.
warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)

REDRAW_DELAY_MS = 120
FIT_DELAY_MS = 90
"""Resizes closer together than this fit the chart once, after the last one."""
WARM_POLL_MS = 50
MIN_CANVAS = (120, 160)


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
        figure = progress_figure(series, dark=dark, colour=reports.goal_colour(goal_id))
        return figure, ChartPage.for_series(series, printed_on=today)
    if kind is ChartKind.OVERVIEW:
        data = reports.overview()
        header = ChartPage(title="Goals overview", goal_type=f"{data.active} active goals", printed_on=today)
        return overview_figure(data, dark=dark, type_colours=reports.type_colours()), header
    wins = reports.wins_data()
    return wins_figure(wins, dark=dark), ChartPage(title="Small wins", goal_type=f"{len(wins.wins)} wins",
                                                   printed_on=today)


class ChartPanel(QWidget):
    """Kind selector over a matplotlib canvas; ``show_goal`` picks the goal for the progress chart."""

    redrawn = Signal()
    fitted = Signal()
    """The chart was laid out again for a new size."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id = 0
        self.canvas: FigureCanvasQTAgg | None = None
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

        self.message = QLabel(self.tr("The chart appears here."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.loading = self._make_loading()
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_scroll.hide()
        self.canvas_layout = QVBoxLayout()
        self.canvas_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas_layout.addWidget(self.message, 1)
        self.canvas_layout.addWidget(self.loading, 1)
        self.canvas_layout.addWidget(self.chart_scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.canvas_layout, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_DELAY_MS)
        self.timer.timeout.connect(self.redraw)
        self.fit_timer = QTimer(self)
        self.fit_timer.setSingleShot(True)
        self.fit_timer.setInterval(FIT_DELAY_MS)
        self.fit_timer.timeout.connect(self.fit)
        self.warm_poll = QTimer(self)
        self.warm_poll.setInterval(WARM_POLL_MS)
        self.warm_poll.timeout.connect(self._check_warm)
        ctx.notifier.changed.connect(self._changed)
        start_when_idle()

    def _make_loading(self) -> QWidget:
        """What shows while matplotlib is still loading: a sentence and a busy bar."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        label = QLabel(self.tr("Loading the chart tools…"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy: the import cannot report how far it got
        bar.setTextVisible(False)
        bar.setMaximumWidth(240)
        bar.setAccessibleName(self.tr("Loading the chart tools"))
        layout.addWidget(label)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        box.hide()
        return box

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

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (Preferences › Appearance, or the desktop's theme) redraws in the matching theme."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.timer.start()

    # ------------------------------------------------------------------ drawing

    def redraw(self) -> None:
        """Build the current chart and put it on a fresh canvas, fitted to the panel's width."""
        self.timer.stop()
        self._dirty = False
        kind = self.kind()
        if kind is ChartKind.PROGRESS and not self.goal_id:
            self._show_message(self.tr("Select a goal to see its progress chart."))
            return
        if not WARMER.done():
            self._wait_for_warm_up()
            return
        try:
            figure, _header = build_chart(self.ctx, kind, self.goal_id, dark=is_dark(self))
        except DomainError:
            self._show_message(self.tr("This goal is no longer available."))
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(figure)
        canvas.setMinimumSize(*MIN_CANVAS)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.installEventFilter(self)
        old = self.chart_scroll.takeWidget()
        self.canvas = canvas
        self.figure = figure
        # Fit once at the size the canvas is about to get, so the first frame is already laid out.
        room = self.canvas_layout.geometry().size()  # where the canvas goes, whatever shows there now
        if self.chart_scroll.isVisible() and self.chart_scroll.verticalScrollBar().isVisible():
            room.setWidth(room.width() - self.chart_scroll.verticalScrollBar().width())
        dpi = figure.dpi / canvas.device_pixel_ratio
        figure.set_size_inches(max(room.width(), MIN_CANVAS[0]) / dpi, max(room.height(), MIN_CANVAS[1]) / dpi)
        self._fit_canvas()
        self.chart_scroll.setWidget(canvas)
        self.message.hide()
        self.loading.hide()
        self.chart_scroll.show()
        if old is not None:
            old.deleteLater()
        canvas.draw_idle()
        self.redrawn.emit()

    def _wait_for_warm_up(self) -> None:
        """Show the busy bar and draw as soon as the background import is done."""
        WARMER.start()
        self._dirty = True
        self.message.hide()
        self.chart_scroll.hide()
        self.loading.show()
        self.warm_poll.start()

    def _check_warm(self) -> None:
        if WARMER.done():
            self.warm_poll.stop()
            if self._dirty:
                self.redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.fit_timer.start()
        return super().eventFilter(watched, event)

    def _fit_canvas(self) -> None:
        from goaldesk.ui.progress.chart_fit import fit_figure

        if self.figure is None or self.canvas is None:
            return
        need = fit_figure(self.figure)
        self.canvas.setMinimumHeight(max(MIN_CANVAS[1], need))

    def fit(self) -> None:
        """Lay the chart out again for the canvas's current size (debounced after resizes)."""
        self.fit_timer.stop()
        if self.figure is None or self.canvas is None:
            return
        self._fit_canvas()
        self.canvas.draw_idle()
        self.fitted.emit()

    def _show_message(self, text: str) -> None:
        old = self.chart_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.canvas = None
        self.figure = None
        self.chart_scroll.hide()
        self.loading.hide()
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
