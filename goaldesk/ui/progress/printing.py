"""Printing a chart with a header, as vectors, through Qt's printer and print preview.

The figure is rendered to SVG and painted with ``QSvgRenderer``: lines and text stay sharp at any
printer resolution (a bitmap grab would print blurry), and one function paints both the preview and
the real page, so what the preview shows is what comes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtCore import QByteArray, QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from goaldesk.charts.render import figure_svg_bytes
from goaldesk.domain.reports import ProgressSeries
from goaldesk.domain.smart_base import score_text

TITLE_PT = 16.0
DETAIL_PT = 10.0
SMALL_PT = 9.0
GAP_MM = 4.0
MAX_CHART_ASPECT = 0.75
"""Height over width at most: on a portrait page a full-height chart would look stretched."""


class PrintError(Exception):
    """The page could not be printed; the message is one sentence for the user."""


def _fmt_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class ChartPage:
    """The header printed above a chart: which goal, what kind, by when, how SMART, and when printed."""

    title: str
    goal_type: str = ""
    horizon: str = ""
    deadline: date | None = None
    smart_score: int | None = None
    printed_on: date = field(default_factory=date.today)

    @classmethod
    def for_series(cls, series: ProgressSeries, printed_on: date | None = None) -> ChartPage:
        """The header for a goal's progress chart, from the same data the chart was drawn from."""
        return cls(
            title=series.title,
            goal_type=series.goal_type,
            horizon=series.horizon_label,
            deadline=series.deadline,
            smart_score=series.smart_score,
            printed_on=printed_on or date.today(),
        )

    def detail_line(self) -> str:
        """Type, horizon, deadline and SMART score on one line; parts that are unknown are left out."""
        parts = [p for p in (self.goal_type, self.horizon) if p]
        parts.append(f"Deadline: {_fmt_day(self.deadline)}" if self.deadline else "No deadline")
        if self.smart_score is not None:
            parts.append(score_text(self.smart_score))
        return " · ".join(parts)

    def printed_line(self) -> str:
        return f"Printed {_fmt_day(self.printed_on)} from GoalDesk"


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _draw_block(painter: QPainter, top: float, width: float, text: str, font: QFont, colour: QColor) -> float:
    """Draw word-wrapped text at ``top``; return the y just below it."""
    painter.setFont(font)
    painter.setPen(colour)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    metrics = QFontMetricsF(font, painter.device())
    bounds = metrics.boundingRect(QRectF(0, top, width, 1e6), flags, text)
    painter.drawText(QRectF(0, top, width, bounds.height()), flags, text)
    return top + bounds.height()


def paint_chart_page(painter: QPainter, page: QRectF, figure: Figure, header: ChartPage, dpi: float) -> None:
    """Paint the header and the chart into ``page`` (device pixels, ``dpi`` per inch) on any paint device.

    The figure is laid out at the physical size of the space left under the header, so its font sizes
    print at their true point size and the chart fills the page in portrait and in landscape alike.
    """
    old_size = figure.get_size_inches().copy()
    painter.save()
    try:
        painter.translate(page.topLeft())
        width = page.width()
        gap = GAP_MM / 25.4 * dpi
        y = _draw_block(painter, 0.0, width, header.title, _font(TITLE_PT, bold=True), QColor("black"))
        y = _draw_block(painter, y + gap / 4, width, header.detail_line(), _font(DETAIL_PT), QColor("#222222"))
        y = _draw_block(painter, y + gap / 4, width, header.printed_line(), _font(SMALL_PT), QColor("#555555"))
        y += gap / 2
        painter.setPen(QPen(QColor("#999999"), max(1.0, dpi / 150)))
        painter.drawLine(QLineF(0.0, y, width, y))
        y += gap
        area = QRectF(0.0, y, width, max(1.0, min(page.height() - y, width * MAX_CHART_ASPECT)))
        figure.set_size_inches(area.width() / dpi, area.height() / dpi, forward=False)
        renderer = QSvgRenderer(QByteArray(figure_svg_bytes(figure)))
        if not renderer.isValid():
            raise PrintError("The chart could not be prepared for printing.")
        fitted = QSizeF(renderer.defaultSize()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(area.x() + (area.width() - fitted.width()) / 2, area.y(), fitted.width(), fitted.height())
        renderer.render(painter, target)
    finally:
        figure.set_size_inches((float(old_size[0]), float(old_size[1])), forward=False)
        painter.restore()


def print_chart(printer: QPrinter, figure: Figure, header: ChartPage) -> None:
    """Print one page: header, then the chart as vectors. The preview dialog calls this same function.

    Build the figure with the light theme for paper. Orientation and margins come from ``printer``.
    """
    if not printer.docName():
        printer.setDocName(header.title)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be started; check it is connected, or print to a PDF file.")
    try:
        page = QRectF(0.0, 0.0, float(printer.width()), float(printer.height()))
        paint_chart_page(painter, page, figure, header, float(printer.resolution()))
    finally:
        painter.end()


def _printer_for(header: ChartPage, landscape: bool) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(header.title)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    return printer


def print_to_pdf(
    path: str | Path, figure: Figure, header: ChartPage, *, landscape: bool = True, page_size: QPageSize | None = None
) -> Path:
    """Print the chart page to a PDF file through Qt (the printed look, header included)."""
    target = Path(path)
    printer = _printer_for(header, landscape)
    if page_size is not None:
        printer.setPageSize(page_size)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    print_chart(printer, figure, header)
    return target


def preview_dialog(parent: QWidget | None, figure: Figure, header: ChartPage) -> QPrintPreviewDialog:
    """A print preview of the chart page; the caller shows it with ``exec()`` (its Print button prints)."""
    dialog = QPrintPreviewDialog(parent)
    dialog.setWindowTitle(f"Print Preview — {header.title}")
    dialog.printer().setDocName(header.title)
    dialog.printer().setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog.paintRequested.connect(_painter_slot(figure, header))
    return dialog


def _painter_slot(figure: Figure, header: ChartPage) -> Callable[[QPrinter], None]:
    def paint(printer: QPrinter) -> None:
        print_chart(printer, figure, header)

    return paint
