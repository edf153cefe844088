"""Progress actions in the main window: add a check-in, print and export charts, the wins log, start-up cost."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from goaldesk.domain.model import GoalDraft
from goaldesk.ui.progress.details import GoalDetails
from goaldesk.ui.progress.progress_actions import ProgressActions
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

TITLE = "Earn the PMP certification"


def make_goal(ctx: AppContext, title: str = TITLE) -> int:
    cat = ctx.categories.category_by_key("educational")
    assert cat is not None
    today = ctx.today()
    draft = GoalDraft(
        title=title, category_id=cat.id, start_date=today - timedelta(days=30), deadline=today + timedelta(days=60),
        metric_name="modules", unit="modules", baseline=0.0, target=12.0,
    )
    gid = ctx.goals.create_goal(draft).id
    ctx.progress.add_checkin(gid, today - timedelta(days=20), 2.0)
    ctx.progress.add_checkin(gid, today - timedelta(days=6), 4.0)
    return gid


@pytest.fixture
def goal_id(ctx: AppContext) -> int:
    return make_goal(ctx)


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot, goal_id: int) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    assert isinstance(win.details, GoalDetails)  # built now rather than after the first paint
    return win


@pytest.fixture
def actions(window: MainWindow) -> ProgressActions:
    installed = getattr(window, "progress_actions", None)
    if isinstance(installed, ProgressActions):
        return installed
    made = ProgressActions(window)
    made.install()
    return made


@pytest.fixture
def errors(ctx: AppContext, window: MainWindow) -> list[str]:
    """Messages meant for the user, collected instead of shown in a blocking message box."""
    ctx.errors.disconnect(window.show_error)
    seen: list[str] = []
    ctx.errors.connect(seen.append)
    return seen


def select(window: MainWindow, goal_id: int) -> None:
    window.select_goal(goal_id)
    current = window.current_goal()
    assert current is not None and current.id == goal_id


def test_actions_are_in_menus_toolbar_and_follow_the_selection(window: MainWindow, actions: ProgressActions,
                                                              goal_id: int) -> None:
    assert actions.print_action in window.file_menu.actions()
    assert actions.export_action in window.file_menu.actions()
    assert actions.wins_action in window.view_menu.actions()
    assert actions.add_checkin_action in actions.goal_menu().actions()
    toolbar = window.toolbar.actions()
    assert toolbar.index(actions.add_checkin_action) < toolbar.index(actions.print_action)
    assert toolbar.index(actions.print_action) < toolbar.index(window.toolbar_extras)
    assert actions.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions.add_checkin_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    assert not actions.add_checkin_action.isEnabled()
    select(window, goal_id)
    assert actions.add_checkin_action.isEnabled()
    assert isinstance(window.details, GoalDetails) and window.details.goal_id == goal_id


def test_add_checkin_from_the_toolbar_action_and_undo(window: MainWindow, actions: ProgressActions,
                                                      ctx: AppContext, qtbot: QtBot, goal_id: int) -> None:
    select(window, goal_id)
    actions.add_checkin_action.trigger()
    dialog = actions.checkin_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.value_edit, "6")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert [c.value for c in ctx.progress.checkins(goal_id)] == [2.0, 4.0, 6.0]
    details = window.details
    assert isinstance(details, GoalDetails)
    assert details.progress_bar.value() == 50
    banner = details.celebrator
    assert banner.parentWidget() is window and banner.isVisible() and not banner.isModal()
    assert "Halfway there" in banner.label.text()

    wins_log = actions.show_wins_log()
    qtbot.addWidget(wins_log)
    assert wins_log.isVisible() and not wins_log.isModal()
    assert wins_log.rows()[0][2] == "Halfway there (50%)"
    window.ctx.undo_stack.undo()
    assert [c.value for c in ctx.progress.checkins(goal_id)] == [2.0, 4.0]
    assert ctx.wins.wins(goal_id) == [] and wins_log.rows() == []


def test_add_checkin_for_without_a_dialog(actions: ProgressActions, ctx: AppContext, goal_id: int,
                                          errors: list[str]) -> None:
    assert actions.add_checkin_for(goal_id, ctx.today(), 12, "Passed the exam")
    assert ctx.goals.get_goal(goal_id).progress == 1.0
    assert not actions.add_checkin_for(goal_id, ctx.today() + timedelta(days=2), 1)
    assert errors == ["A check-in cannot be dated in the future."]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_print_to_pdf_printer_has_the_goal_title(window: MainWindow, actions: ProgressActions, tmp_path: Path,
                                                 goal_id: int) -> None:
    select(window, goal_id)
    out = tmp_path / "chart.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert actions.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(unicodedata.normalize("NFKC", pdf_text(out)).split())  # "ﬁ" ligature -> "fi"
    assert TITLE in text
    assert "Educational" in text and "Printed" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_print_without_selection_prints_the_overview(window: MainWindow, actions: ProgressActions,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "overview.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert window.current_goal() is None
    assert actions.print_to(printer)
    assert "Goals overview" in pdf_text(out)


def test_print_preview_opens_with_a_page_and_closes(window: MainWindow, actions: ProgressActions,
                                                    goal_id: int) -> None:
    select(window, goal_id)
    seen: dict[str, object] = {}

    def inspect_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        seen["is_preview"] = isinstance(dialog, QPrintPreviewDialog)
        assert isinstance(dialog, QPrintPreviewDialog)
        seen["title"] = dialog.windowTitle()
        widget = dialog.findChild(QPrintPreviewWidget)
        seen["pages"] = widget.pageCount() if widget is not None else -1
        dialog.reject()

    QTimer.singleShot(300, inspect_and_close)
    QTimer.singleShot(8000, lambda: (w := QApplication.activeModalWidget()) and w.close())  # never hang
    result = actions.print_preview()
    assert seen["is_preview"] is True
    assert TITLE in str(seen["title"])
    assert int(seen["pages"]) >= 1  # type: ignore[call-overload]
    assert result == 0


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<svg"), (".pdf", b"%PDF")])
def test_export_chart_formats(window: MainWindow, actions: ProgressActions, tmp_path: Path, goal_id: int,
                              suffix: str, magic: bytes) -> None:
    select(window, goal_id)
    written = actions.export_to(tmp_path / f"chart{suffix}")
    assert written == tmp_path / f"chart{suffix}"
    data = written.read_bytes()
    assert magic in data[:400]


def test_export_to_unwritable_place_says_why(actions: ProgressActions, tmp_path: Path, errors: list[str]) -> None:
    assert actions.export_to(tmp_path / "no-such-folder" / "chart.png") is None
    assert len(errors) == 1 and "does not exist" in errors[0]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert actions.export_to(blocker / "chart.pdf") is None
    assert actions.export_to(tmp_path / "chart.docx") is None
    assert "not as “.docx”" in errors[-1]
    assert len(errors) == 3
    assert not list(tmp_path.glob("chart*"))


STARTUP_PROBE = """
import sys, threading, time
from pathlib import Path

importers = []

class Spy:
    \"\"\"Records which thread first asks for matplotlib.\"\"\"
    def find_spec(self, name, path=None, target=None):
        if name == "matplotlib" and not importers:
            importers.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow
from goaldesk.ui.progress.chart_warm import WARMER
ctx = AppContext.open(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
cat = ctx.categories.category_by_key("educational")
from goaldesk.domain.model import GoalDraft
gid = ctx.goals.create_goal(GoalDraft(title="Probe", category_id=cat.id, target=3.0, baseline=0.0)).id
window = MainWindow(ctx)
at_paint = []
window.firstPainted.connect(lambda: at_paint.append("matplotlib" in sys.modules))
window.show()
for _ in range(20):
    app.processEvents()
print("details:", type(window.details).__name__)
window.select_goal(gid)
for _ in range(20):
    app.processEvents()
print("showing:", window.details.goal_id == gid)
print("matplotlib at first paint:", at_paint)
deadline = time.monotonic() + 90
while not WARMER.done() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("warm:", WARMER.done(), WARMER.error)
print("imported by:", importers)
panel = window.details.chart_panel
window.details.tabs.setCurrentWidget(panel)
deadline = time.monotonic() + 30
while panel.figure is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("chart drawn:", panel.figure is not None)
"""


def test_matplotlib_loads_on_a_background_thread_after_the_first_paint(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(tmp_path / "probe.sqlite3"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=180, env=env,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "details: GoalDetails" in out and "showing: True" in out
    assert "matplotlib at first paint: [False]" in out  # the first paint never waits for it
    assert "warm: True None" in out
    assert "imported by: ['goaldesk-chart-warm-up']" in out  # not the GUI thread
    assert "chart drawn: True" in out


LOADING_PROBE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.progress.chart_panel import ChartKind, ChartPanel
from goaldesk.ui.progress.chart_warm import WARMER
ctx = AppContext.open(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
panel = ChartPanel(ctx)
panel.set_kind(ChartKind.OVERVIEW)
panel.resize(400, 500)
panel.show()
panel.redraw()  # asked for at once, before the background import can have finished
print("loading shown:", panel.loading.isVisible(), "figure:", panel.figure is not None)
deadline = time.monotonic() + 90
while panel.figure is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("after warm-up:", WARMER.done(), panel.figure is not None, panel.loading.isVisible())
"""


def test_a_chart_asked_for_early_shows_a_busy_bar_then_draws(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", LOADING_PROBE, str(tmp_path / "probe.sqlite3"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=180, env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "loading shown: True figure: False" in done.stdout
    assert "after warm-up: True True False" in done.stdout
