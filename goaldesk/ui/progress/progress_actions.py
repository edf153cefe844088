"""Menu and toolbar actions for progress: print and export a chart, add a check-in, open the wins log.

The main window stays ignorant of charts: these actions install themselves, and matplotlib is imported
only when one of them is used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from goaldesk.ui.common import icons
from goaldesk.ui.progress.checkin_dialog import CheckInDialog
from goaldesk.ui.progress.progress_commands import add_checkin

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from goaldesk.ui.progress.printing import ChartPage
    from goaldesk.ui.progress.wins_view import WinsLogDialog
    from goaldesk.ui.shell.hooks import WindowHooks

EXPORT_FILTER = "PDF (*.pdf);;SVG image (*.svg);;PNG image (*.png)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProgressActions", text)


class ProgressActions:
    """Creates the actions; ``install()`` adds them to File, Goal and View menus and to the toolbar.

    File: Print Chart… (Ctrl+P), Export Chart…; Goal: Add Check-in… (Ctrl+Shift+C); View: Wins Log.
    Toolbar: Add Check-in, Print Chart (before ``window.toolbar_extras``).
    """

    def __init__(self, window: WindowHooks) -> None:
        self.window = window
        self.ctx = window.ctx
        self.wins_dialog: WinsLogDialog | None = None
        self.checkin_dialog: CheckInDialog | None = None

        self.print_action = QAction(_tr("&Print Chart…"), window)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setStatusTip(_tr("Preview and print the selected goal's progress chart (or the overview)"))
        self.print_action.setToolTip(self.print_action.statusTip())
        # Every dialog opens without blocking: assistive tech's "press" must return at once (issue 20).
        self.print_action.triggered.connect(lambda _c=False: self.open_print_preview())
        self.export_action = QAction(_tr("Export &Chart…"), window)
        self.export_action.setStatusTip(_tr("Save the chart as a PDF, SVG or PNG file"))
        self.export_action.triggered.connect(lambda _c=False: self.export_to(None))
        self.add_checkin_action = QAction(_tr("Add &Check-in…"), window)
        self.add_checkin_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.add_checkin_action.setStatusTip(_tr("Record progress on the selected goal"))
        self.add_checkin_action.setToolTip(_tr("Record progress on the selected goal (Ctrl+Shift+C)"))
        self.add_checkin_action.triggered.connect(lambda _c=False: self.add_checkin())
        self.wins_action = QAction(_tr("&Wins Log"), window)
        self.wins_action.setStatusTip(_tr("Every small win so far, newest first"))
        self.wins_action.triggered.connect(lambda _c=False: self.show_wins_log())
        for action, icon in ((self.print_action, "print"), (self.add_checkin_action, "checkin")):
            action.setIcon(icons.icon(icon))
        window.goalSelected.connect(self._selection_changed)
        self._selection_changed(0)

    def install(self) -> None:
        w = self.window
        before = getattr(w, "file_menu_extras", None)
        if before is not None:
            w.file_menu.insertAction(before, self.print_action)
            w.file_menu.insertAction(before, self.export_action)
            w.file_menu.insertSeparator(before)
        else:
            w.file_menu.addAction(self.print_action)
            w.file_menu.addAction(self.export_action)
        self.goal_menu().addAction(self.add_checkin_action)
        w.view_menu.addSeparator()
        w.view_menu.addAction(self.wins_action)
        w.toolbar.insertAction(w.toolbar_extras, self.add_checkin_action)
        w.toolbar.insertAction(w.toolbar_extras, self.print_action)

    def goal_menu(self) -> QMenu:
        """The window's Goal menu; made (before View) when no other module has made it yet."""
        existing = self.window.goal_menu
        if existing is not None:
            return existing
        bar = self.window.menuBar()
        for action in bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text().replace("&", "") == "Goal":
                self.window.goal_menu = menu
                return menu
        menu = QMenu(_tr("&Goal"), self.window)
        bar.insertMenu(self.window.view_menu.menuAction(), menu)
        self.window.goal_menu = menu
        return menu

    def _selection_changed(self, goal_id: int) -> None:
        self.add_checkin_action.setEnabled(bool(goal_id))

    # ------------------------------------------------------------------ charts

    def current_chart(self) -> tuple[Figure, ChartPage]:
        """The selected goal's progress chart, or the overview with no goal selected (light theme)."""
        from goaldesk.ui.progress.chart_panel import ChartKind, build_chart

        goal = self.window.current_goal()
        if goal is not None:
            return build_chart(self.ctx, ChartKind.PROGRESS, goal.id)
        return build_chart(self.ctx, ChartKind.OVERVIEW, 0)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the current chart page on ``printer``: the same code the preview dialog paints with."""
        from goaldesk.ui.progress.printing import PrintError, print_chart

        figure, header = self.current_chart()
        try:
            print_chart(printer, figure, header)
        except PrintError as exc:
            self.ctx.report(exc)
            return False
        return True

    def make_preview(self, printer: QPrinter | None = None) -> QPrintPreviewDialog:
        """The preview of the current chart, by default on the default queue's paper, with our margins."""
        from goaldesk.ui.progress.printing import preview_dialog

        figure, header = self.current_chart()
        return preview_dialog(self.window, figure, header, printer)

    def open_print_preview(
        self, printer: QPrinter | None = None, done: Callable[[int], None] | None = None
    ) -> QPrintPreviewDialog:
        """Ctrl+P: a print preview of the chart (window-modal, not blocking); its Print button prints the page.

        The preview closes with Accepted only after it printed; the status bar then says where it went.
        It is deleted once closed; ``done(result)`` hears how it closed.
        """
        from PySide6.QtWidgets import QDialog

        from goaldesk.ui.progress.printing import where_printed

        dialog = self.make_preview(printer)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.window.statusBar().showMessage(where_printed(dialog.printer()), 10000)
            dialog.deleteLater()
            if done is not None:
                done(result)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def print_preview(self, printer: QPrinter | None = None) -> int:
        """The same preview, waiting until it is closed (for scripts and tests; the menu does not wait)."""
        results: list[int] = []
        loop = QEventLoop()

        def done(result: int) -> None:
            results.append(int(result))
            loop.quit()

        self.open_print_preview(printer, done)
        if not results:
            loop.exec()
        return results[0]

    def export_to(self, path: str | Path | None) -> Path | None:
        """Save the current chart as .pdf/.svg/.png; with ``path`` None a file dialog opens (not blocking)
        and the chart is saved once a file is chosen."""
        if path is None:
            self.choose_export_file()
            return None
        from goaldesk.charts.render import ChartExportError, save_figure

        figure, _header = self.current_chart()
        try:
            written = save_figure(figure, path)
        except ChartExportError as exc:
            self.ctx.report(exc)
            return None
        self.ctx.settings.setValue("charts/export_dir", str(written.parent))
        self.window.statusBar().showMessage(_tr("Chart saved to {0}").format(written), 6000)
        return written

    def choose_export_file(self) -> QFileDialog:
        """Export Chart…: the file dialog, window-modal; the chart is saved when the user picks a file."""
        goal = self.window.current_goal()
        stem = "goaldesk-chart" if goal is None else _file_stem(goal.title)
        start = str(Path(str(self.ctx.settings.value("charts/export_dir", str(Path.home())))) / f"{stem}.pdf")
        dialog = QFileDialog(self.window, _tr("Export Chart"), start, EXPORT_FILTER)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda chosen: self.export_to(chosen) if chosen else None)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ check-ins and wins

    def add_checkin(self) -> CheckInDialog | None:
        """Open the check-in dialog for the selected goal (non-blocking); saved when the user presses OK."""
        goal = self.window.current_goal()
        if goal is None:
            self.window.statusBar().showMessage(_tr("Select a goal first, then add a check-in to it."), 5000)
            return None
        goal = self.ctx.goals.find_goal(goal.id) or goal
        dialog = CheckInDialog(goal, self.ctx.today(), parent=self.window)

        def save() -> None:
            on, value, note = dialog.values()
            self.add_checkin_for(goal.id, on, value, note)

        dialog.accepted.connect(save)
        self.checkin_dialog = dialog
        dialog.open()
        return dialog

    def add_checkin_for(self, goal_id: int, on: date, value: float | str, note: str = "") -> bool:
        """Record a check-in without a dialog (undoable; wins are logged and celebrated)."""
        goal = self.ctx.goals.find_goal(goal_id)
        if goal is None:
            return False
        return add_checkin(self.ctx, goal, on, value, note) is not None

    def show_wins_log(self) -> WinsLogDialog:
        from goaldesk.ui.progress.wins_view import WinsLogDialog

        if self.wins_dialog is None:
            self.wins_dialog = WinsLogDialog(self.ctx, self.window)
        if self.wins_dialog.isVisible():  # already open: bring it forward
            self.wins_dialog.raise_()
            self.wins_dialog.activateWindow()
        else:
            self.wins_dialog.show()
        return self.wins_dialog


def _file_stem(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
    return "-".join(keep.split())[:60].lower() or "goaldesk-chart"


__all__ = ["ProgressActions"]
