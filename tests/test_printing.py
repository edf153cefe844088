"""Printing a chart page as vectors through Qt: real QPrinter to PDF, real print preview, offscreen."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from goaldesk.charts import progress_figure
from goaldesk.domain.progress import PaceStatus
from goaldesk.domain.reports import ProgressSeries
from goaldesk.ui.progress.printing import ChartPage, preview_dialog, print_chart, print_to_pdf

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
    assert page.detail_line() == "Leadership · Long-term · Deadline: 11 April 2025 · SMART score: 4/5"
    assert page.printed_line() == "Printed 14 February 2025 from GoalDesk"
    bare = ChartPage("Overview")
    assert bare.detail_line() == "No deadline"


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
    assert page.detail_line().endswith(f" · SMART score: {expected}/5")
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
