"""Printing a chart page as vectors through Qt: real QPrinter to PDF, real print preview, offscreen."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QTimer
from PySide6.QtGui import QColor, QImage, QPageLayout, QPalette
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from goaldesk.charts import progress_figure
from goaldesk.domain.progress import PaceStatus
from goaldesk.domain.reports import ProgressSeries
from goaldesk.ui.progress.printing import (
    MARGIN_MM,
    ChartPage,
    apply_page_margins,
    page_margins,
    preview_dialog,
    print_chart,
    print_to_pdf,
)

pytestmark = pytest.mark.gui

START = date(2025, 1, 1)
TITLE = "Lead the PMP study group"


def make_series() -> ProgressSeries:
    return ProgressSeries(
        title=TITLE,
        goal_type="Leadership",
        horizon_label="Long-term",
        unit="sessions",
        baseline=0.0,
        target=20.0,
        start_date=START,
        deadline=START + timedelta(days=100),
        points=tuple((START + timedelta(days=i), i / 5) for i in range(0, 40, 4)),
        milestones=(("Book a room", START + timedelta(days=9)),),
        status=PaceStatus.ON_TRACK,
        forecast=START + timedelta(days=100),
        smart_score=4,
    )


def header() -> ChartPage:
    return ChartPage.for_series(make_series(), printed_on=date(2025, 2, 14))


def pdf_printer(path: Path, orientation: QPageLayout.Orientation) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageOrientation(orientation)
    return printer


def pdf_text(path: Path) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def media_box(data: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert match, "no page size in the PDF"
    return float(match.group(1)), float(match.group(2))


def test_header_lines() -> None:
    page = header()
    assert page.detail_line() == "Leadership · Long-term · Deadline: 11 April 2025 · SMART score: 4/5 · On track"
    assert page.printed_line() == "Printed 14 February 2025 from GoalDesk"
    assert ChartPage("Run twice a week", for_goal=True).detail_line() == "No deadline"


def test_overview_header_does_not_mention_a_deadline() -> None:
    """An overview is not a goal: "No deadline" under "Goals overview" would read as a fault."""
    assert ChartPage("Goals overview", goal_type="3 active goals").detail_line() == "3 active goals"
    assert ChartPage("Small wins").detail_line() == ""


def test_header_score_comes_from_the_goal(ctx, qapp) -> None:  # type: ignore[no-untyped-def]
    """Built the way the app builds it (the goal's own SMART check), the score is n/5 and spelled as elsewhere."""
    from goaldesk.domain.model import GoalDraft
    from goaldesk.domain.smart import SmartInput, assess
    from goaldesk.domain.smart_base import SCORE_MAX, score_text
    from goaldesk.ui.board.card_delegate import badge_text
    from goaldesk.ui.progress.chart_panel import ChartKind, build_chart

    category = ctx.categories.category_by_key("leadership")
    goal = ctx.goals.create_goal(GoalDraft(
        title="Run 12 study sessions for the PMP group", category_id=category.id, why="Everyone passes",
        target=12.0, unit="sessions", deadline=ctx.today() + timedelta(days=90),
    ))
    expected = assess(SmartInput.from_goal(goal, today=ctx.today()), goal.smart_overrides).score
    figure, page = build_chart(ctx, ChartKind.PROGRESS, goal.id)
    assert page.smart_score == expected and 0 <= expected <= SCORE_MAX
    assert f" · SMART score: {expected}/5" in page.detail_line()
    assert figure.axes[0].get_title(loc="right") == score_text(expected)
    assert badge_text(expected) == f"SMART {expected}/5"


@pytest.mark.parametrize(
    ("orientation", "wide"),
    [(QPageLayout.Orientation.Landscape, True), (QPageLayout.Orientation.Portrait, False)],
)
def test_print_chart_to_pdf(qtbot: QtBot, tmp_path: Path, orientation: QPageLayout.Orientation, wide: bool) -> None:
    out = tmp_path / "chart.pdf"
    figure = progress_figure(make_series())
    size_before = tuple(figure.get_size_inches())
    print_chart(pdf_printer(out, orientation), figure, header())
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    width, height = media_box(data)
    assert (width > height) is wide
    assert b"/Subtype /Image" not in data  # the chart went in as vectors, not as a bitmap
    assert tuple(figure.get_size_inches()) == size_before
    text = pdf_text(out)
    if text is None:
        assert TITLE.encode("utf-16-be") in data  # the document title Qt stores in the PDF
    else:
        assert TITLE in text
        assert "SMART score: 4/5" in text
        assert "Printed 14 February 2025" in text


def test_print_to_pdf_helper(qtbot: QtBot, tmp_path: Path) -> None:
    out = print_to_pdf(tmp_path / "page.pdf", progress_figure(make_series()), header(), landscape=False)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    width, height = media_box(data)
    assert width < height


def test_dark_figure_prints_too(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "dark.pdf"
    figure = progress_figure(make_series(), dark=True)
    print_chart(pdf_printer(out, QPageLayout.Orientation.Landscape), figure, header())
    assert out.read_bytes().startswith(b"%PDF")


def test_preview_dialog_shows_a_page(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = preview_dialog(parent, progress_figure(make_series()), header())
    assert isinstance(dialog, QPrintPreviewDialog)
    assert TITLE in dialog.windowTitle()
    seen: dict[str, int] = {}

    def inspect_and_close() -> None:
        widget = dialog.findChild(QPrintPreviewWidget)
        seen["pages"] = widget.pageCount() if widget is not None else -1
        dialog.reject()

    QTimer.singleShot(0, inspect_and_close)
    dialog.exec()
    assert seen["pages"] >= 1


# ---------------------------------------------------------------------- margins, paper, page content

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None, reason="needs poppler-utils"
)


def ink_margins_mm(pdf: Path, dpi: int = 72) -> tuple[float, float, float, float]:
    """Left, top, right, bottom white space (mm) between the paper's edges and the nearest ink."""
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-l", "1", "-gray", str(pdf)], capture_output=True,
                         check=True).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
    assert match
    width, height = int(match.group(1)), int(match.group(2))
    rows = [out[match.end() + y * width:match.end() + (y + 1) * width] for y in range(height)]
    inked = [y for y, row in enumerate(rows) if min(row) < 200]
    cols = [x for x in range(width) if any(rows[y][x] < 200 for y in inked)]
    mm = 25.4 / dpi
    return cols[0] * mm, inked[0] * mm, (width - 1 - cols[-1]) * mm, (height - 1 - inked[-1]) * mm


def qt_default_printer(path: Path, orientation: QPageLayout.Orientation) -> QPrinter:
    """A PDF printer as Qt makes it: about 3.5 mm margins, the ones the issue saw on paper."""
    printer = pdf_printer(path, orientation)
    printer.setPageMargins(QMarginsF(3.53, 3.53, 3.53, 3.53), QPageLayout.Unit.Millimeter)
    return printer


def test_margins_are_ours_and_never_less_than_the_device() -> None:
    portrait, landscape = QPageLayout.Orientation.Portrait, QPageLayout.Orientation.Landscape
    none = QMarginsF(0, 0, 0, 0)
    assert page_margins(none, portrait) == QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    # The PPD the issue printed on: 6.35 mm on the long edges, 12.7 mm on the short ones. Ours are wider.
    laser = QMarginsF(6.35, 12.7, 6.35, 12.7)
    assert page_margins(laser, landscape) == QMarginsF(15, 15, 15, 15)
    # A device whose short edges need 20 mm: in landscape those edges are the left and right.
    wide = QMarginsF(6.35, 20, 6.35, 20)
    assert page_margins(wide, portrait) == QMarginsF(15, 20, 15, 20)
    assert page_margins(wide, landscape) == QMarginsF(20, 20, 20, 20)  # Qt may report either reading
    rotated = QMarginsF(20, 6.35, 20, 6.35)  # the same device, as a Qt that rotates them reports it
    assert page_margins(rotated, landscape) == QMarginsF(20, 20, 20, 20)


def test_apply_page_margins_widens_narrow_ones_and_keeps_wider(qtbot: QtBot, tmp_path: Path) -> None:
    printer = qt_default_printer(tmp_path / "a.pdf", QPageLayout.Orientation.Landscape)
    assert apply_page_margins(printer) == QMarginsF(15, 15, 15, 15)
    assert printer.pageLayout().margins(QPageLayout.Unit.Millimeter) == QMarginsF(15, 15, 15, 15)
    printer.setPageMargins(QMarginsF(25, 15, 15, 30), QPageLayout.Unit.Millimeter)  # the user's page setup
    apply_page_margins(printer)
    assert printer.pageLayout().margins(QPageLayout.Unit.Millimeter) == QMarginsF(25, 15, 15, 30)


@needs_poppler
@pytest.mark.parametrize("orientation", [QPageLayout.Orientation.Landscape, QPageLayout.Orientation.Portrait])
def test_printed_page_has_15_mm_margins_and_the_title_once(qtbot: QtBot, tmp_path: Path,
                                                          orientation: QPageLayout.Orientation) -> None:
    out = tmp_path / "page.pdf"
    figure = progress_figure(make_series())
    suptitle = figure.get_suptitle()
    print_chart(qt_default_printer(out, orientation), figure, header())
    left, top, right, bottom = ink_margins_mm(out)
    assert min(left, top, right, bottom) >= 14.5, (left, top, right, bottom)
    assert left < 16 and top < 16  # the header starts at the margin, not somewhere further in
    text = " ".join(pdf_text(out).split())  # type: ignore[union-attr]
    assert text.count(TITLE) == 1, text
    assert "Leadership · Long-term · Deadline: 11 April 2025 · SMART score: 4/5 · On track" in text
    assert text.count("SMART score") == 1 and text.count("Leadership") == 1
    assert figure.get_suptitle() == suptitle  # the figure on screen keeps its title


def test_printed_page_has_no_transparency(qtbot: QtBot, tmp_path: Path) -> None:
    """A PostScript queue turns a page with any see-through part into one bitmap; ours stays vector."""
    out = tmp_path / "page.pdf"
    figure = progress_figure(make_series())
    alphas = [a.get_alpha() for a in figure.findobj()]
    print_chart(pdf_printer(out, QPageLayout.Orientation.Landscape), figure, header())
    assert re.findall(rb"/(?:ca|CA) 0\.\d+", out.read_bytes()) == []
    assert [a.get_alpha() for a in figure.findobj()] == alphas


@needs_poppler
def test_overview_page_says_no_deadline_nowhere_and_its_title_once(ctx, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    from goaldesk.ui.progress.chart_panel import ChartKind, build_chart

    figure, page = build_chart(ctx, ChartKind.OVERVIEW, 0)
    out = tmp_path / "overview.pdf"
    print_chart(pdf_printer(out, QPageLayout.Orientation.Landscape), figure, page)
    text = pdf_text(out)
    assert text is not None and "No deadline" not in text
    assert text.count("Goals overview") == 1


def test_preview_is_readable_and_inside_the_screen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = preview_dialog(parent, progress_figure(make_series()), header())
    qtbot.addWidget(dialog)
    free = parent.screen().availableGeometry()
    assert dialog.width() >= 0.75 * free.width() and dialog.height() >= 0.75 * free.height()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    printer = dialog.printer()
    assert printer.pageLayout().margins(QPageLayout.Unit.Millimeter) == QMarginsF(15, 15, 15, 15)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    info = QPrinterInfo.defaultPrinter()
    if not info.isNull():  # a machine with a default queue: the preview starts on that queue's paper
        assert printer.pageLayout().pageSize().isEquivalentTo(info.defaultPageSize())


class PrintButtonPresser:
    """Presses the open preview's own Print tool button, then OK in the print dialog, as a user would."""

    def __init__(self) -> None:
        self.saw_print_dialog = False
        self.timers: list[QTimer] = []
        self._later(300, self._press_print)
        self._later(15000, self._close_any)  # never hang the suite

    def _later(self, ms: int, call: Callable[[], None]) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(call)
        timer.start(ms)
        self.timers.append(timer)

    def _press_print(self) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintPreviewDialog)
        button = next(b for b in dialog.findChildren(QToolButton) if b.toolTip().replace("&", "") == "Print")
        self._later(300, self._accept_print_dialog)
        button.click()

    def _accept_print_dialog(self) -> None:
        modal = QApplication.activeModalWidget()
        self.saw_print_dialog = isinstance(modal, QPrintDialog)
        if modal is not None:
            (modal.accept if self.saw_print_dialog else modal.reject)()

    def _close_any(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    def done(self) -> None:
        for timer in self.timers:
            timer.stop()
        assert self.saw_print_dialog, "the preview's Print button opened no print dialog"


@needs_poppler
def test_preview_print_button_prints_with_our_margins(qtbot: QtBot, tmp_path: Path) -> None:
    """The preview's own Print button prints with the preview's printer: it must carry our margins too."""
    out = tmp_path / "from-preview.pdf"
    printer = qt_default_printer(out, QPageLayout.Orientation.Portrait)
    dialog = preview_dialog(None, progress_figure(make_series()), header(), printer)
    printer.setPageMargins(QMarginsF(3.53, 3.53, 3.53, 3.53), QPageLayout.Unit.Millimeter)  # as a page setup might
    presser = PrintButtonPresser()
    assert dialog.exec() == QDialog.DialogCode.Accepted
    presser.done()
    left, top, right, bottom = ink_margins_mm(out)
    assert min(left, top, right, bottom) >= 14.5, (left, top, right, bottom)
    dialog.deleteLater()


@needs_poppler
def test_ctrl_p_print_says_where_it_went(ctx, qtbot: QtBot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.progress.progress_actions import ProgressActions
    from goaldesk.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    actions = getattr(window, "progress_actions", None)
    if not isinstance(actions, ProgressActions):
        actions = ProgressActions(window)
        actions.install()
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out, QPageLayout.Orientation.Landscape)
    presser = PrintButtonPresser()
    result = actions.print_preview(printer)
    presser.done()
    assert result == QDialog.DialogCode.Accepted
    assert out.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == f"Printed to {out}"
    assert not window.db_label.isVisible()  # the database path steps aside, so the message can be read


def test_dark_palette_preview_shows_the_title_in_black(qtbot: QtBot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Under a dark desktop palette the preview showed the title in the palette's light text colour."""
    light = qapp.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#151515"), (QPalette.ColorRole.Text, "#eeeeee")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    shot: dict[str, QImage] = {}
    try:
        dialog = preview_dialog(None, progress_figure(make_series()), header())
        dialog.resize(1200, 900)

        def grab() -> None:
            widget = dialog.findChild(QPrintPreviewWidget)
            assert widget is not None
            shot["page"] = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
            dialog.reject()

        QTimer.singleShot(500, grab)
        dialog.exec()
        dialog.deleteLater()
    finally:
        qapp.setPalette(light)
    image = shot["page"]
    stride, height = image.bytesPerLine(), image.height()
    data = bytes(image.constBits())[: stride * height]
    rows = [data[y * stride:y * stride + image.width()] for y in range(height)]
    middle = rows[height // 2]
    left, right = middle.index(255), len(middle) - middle[::-1].index(255)  # the white paper
    column = bytes(row[(left + right) // 2] for row in rows)
    top = column.index(255)
    first_ink = next(y for y in range(top, height) if min(rows[y][left:right]) < 128)
    band = rows[first_ink:first_ink + 8]
    assert min(min(row[left:right]) for row in band) < 20, "the first text line on the page is not black"
