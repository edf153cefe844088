"""Small screens and big scale factors: the window fits the screen it opens on, and its parts give way.

At 1024 x 600, or 200% on a 1600 x 1000 screen (800 x 500 logical pixels), nothing may need a
horizontal scrollbar: the window opens no larger than the screen's available area and restores a
saved geometry only where it fits; the toolbar drops its labels when they do not fit; the list hides
its least useful columns (Horizon first) before the title would get too narrow, and gives the title
all the spare width; the database path in the status bar is elided rather than widening the window.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView, QToolBar, QWidget

from goaldesk.ui.common.elided import ElidedLabel as ElidedLabel  # the status bar's database path

# Room left for the window manager's frame (title bar, borders) when sizing to the available area.
FRAME_ALLOWANCE = QSize(16, 40)


def screen_for(window: QWidget) -> QScreen:
    screen = window.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen


def available(window: QWidget) -> QRect:
    """The usable area of the window's screen, in logical pixels (panels and docks left out)."""
    return screen_for(window).availableGeometry()


def fitting_size(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made small enough for the window and its frame to fit the available area."""
    area = available(window).size() - FRAME_ALLOWANCE
    return QSize(max(1, min(wanted.width(), area.width())), max(1, min(wanted.height(), area.height())))


def fits(window: QWidget, rect: QRect) -> bool:
    """Whether ``rect`` (a window geometry) lies on some screen's available area, frame included."""
    for screen in QGuiApplication.screens():
        area = screen.availableGeometry()
        if rect.width() <= area.width() and rect.height() <= area.height() and area.intersects(rect):
            return True
    return False


def open_size(window: QMainWindow, wanted: QSize) -> None:
    """The first size: ``wanted`` where the screen has room, the screen's available area where not."""
    window.resize(fitting_size(window, wanted))


def restore_geometry(window: QMainWindow, saved: object) -> bool:
    """Restore a saved geometry only where it fits a screen now (a smaller screen, a bigger scale)."""
    if not isinstance(saved, QByteArray) or saved.isEmpty():
        return False
    before = window.geometry()
    maximized_before = window.isMaximized()
    if not window.restoreGeometry(saved):
        return False
    if window.isMaximized() and not maximized_before:
        return True  # maximised always fits
    if fits(window, window.geometry()):
        return True
    window.setGeometry(before)  # saved on a larger screen or at a smaller scale: keep the fitted size
    return False


class ToolbarFitter(QObject):
    """Text beside icons when the window is wide enough for it, icons only when it is not."""

    def __init__(self, window: QMainWindow, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        self.toolbar = toolbar
        self.text_width = 0
        window.installEventFilter(self)
        toolbar.installEventFilter(self)  # features add their buttons later: measure again then

    def needed_width(self) -> int:
        """The toolbar's width with labels (measured once, with labels on)."""
        if not self.text_width:
            style = self.toolbar.toolButtonStyle()
            self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.text_width = self.toolbar.sizeHint().width()
            self.toolbar.setToolButtonStyle(style)
        return self.text_width

    def fit(self) -> None:
        wide = self.window.width() >= self.needed_width()
        style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide else Qt.ToolButtonStyle.ToolButtonIconOnly
        if self.toolbar.toolButtonStyle() != style:
            self.toolbar.setToolButtonStyle(style)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ActionAdded and watched is self.toolbar:
            self.text_width = 0
            QTimer.singleShot(0, self, self.fit)  # once the button exists (dropped if the window goes first)
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self.window:
            self.fit()
        return False


class ColumnFitter(QObject):
    """The list's title column takes the spare width; columns the title cannot spare are hidden.

    ``optional`` lists the other columns, most useful first; when the title would drop below
    ``min_title`` pixels, the least useful are hidden (and shown again when the list gets wider).
    """

    def __init__(self, table: QTableView, title: int, optional: list[int], min_title_chars: int = 34) -> None:
        super().__init__(table)
        self.table = table
        self.title = title
        self.optional = optional
        self.min_title_chars = min_title_chars
        header = table.horizontalHeader()
        self.widths = {col: header.sectionSize(col) for col in optional}
        header.setSectionResizeMode(title, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._resized)
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)  # the viewport's own size, after scrollbars come and go
        self._fitting = False

    def min_title(self) -> int:
        return self.table.fontMetrics().averageCharWidth() * self.min_title_chars

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column in self.widths and new > 0:
            self.widths[column] = new  # the user's own width for that column

    def remember_widths(self) -> None:
        """Take the widths a restored header state brought (the user's own, from last time)."""
        header = self.table.horizontalHeader()
        for col in self.optional:
            if not header.isSectionHidden(col) and header.sectionSize(col) > 0:
                self.widths[col] = header.sectionSize(col)
        header.setSectionResizeMode(self.title, QHeaderView.ResizeMode.Stretch)
        self.fit()

    def size_to_contents(self, caps: dict[int, int]) -> None:
        """Each optional column as wide as its content (rows loaded so far), at most ``caps[col]``."""
        header = self.table.horizontalHeader()
        for col in self.optional:
            wanted = max(self.table.sizeHintForColumn(col), header.sectionSizeHint(col))
            self.widths[col] = min(wanted, caps.get(col, wanted))
            self._fitting = True
            try:
                header.resizeSection(col, self.widths[col])
            finally:
                self._fitting = False
        self.fit()

    def room(self) -> int:
        """The width the columns may use: the viewport, with a vertical scrollbar's width kept free."""
        bar = self.table.verticalScrollBar()
        reserve = 0 if bar.isVisible() else self.table.style().pixelMetric(
            self.table.style().PixelMetric.PM_ScrollBarExtent, None, bar
        )
        return self.table.viewport().width() - reserve

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        budget = self.room() - self.min_title()
        used = 0
        fitting = True
        self._fitting = True
        try:
            for col in self.optional:
                width = self.widths[col]
                fitting = fitting and used + width <= budget
                if fitting:
                    used += width
                if header.isSectionHidden(col) == fitting:
                    header.setSectionHidden(col, not fitting)
                    if fitting:
                        header.resizeSection(col, width)
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event type first: while the table is being destroyed, its viewport still sends events.
        if event.type() == QEvent.Type.Resize and watched is self.viewport:
            self.fit()
        return False
