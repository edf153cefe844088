"""Printing a chart with a header, as vectors, through Qt's printer and print preview.

The figure is rendered to SVG and painted with ``QSvgRenderer``: lines and text stay sharp at any
printer resolution (a bitmap grab would print blurry), and one function paints both the preview and
the real page, so what the preview shows is what comes out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text
from PySide6.QtCore import QByteArray, QCoreApplication, QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolBar, QWidget

from goaldesk.charts.render import figure_svg_bytes
from goaldesk.domain.reports import ProgressSeries
from goaldesk.domain.smart_base import score_text

TITLE_PT = 16.0
DETAIL_PT = 10.0
SMALL_PT = 9.0
GAP_MM = 4.0
MAX_CHART_ASPECT = 0.75
"""Height over width at most: on a portrait page a full-height chart would look stretched."""
MARGIN_MM = 15.0
"""Our margin on every side; a device that cannot print that close to the edge gets its own, larger one."""
PREVIEW_SCREEN_SHARE = 0.8
"""The preview opens at this share of the screen's free area: large enough to read the page."""
INK = QColor(0, 0, 0)
"""Page text is black on white paper whatever the desktop palette (a dark theme must not print light text)."""


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
    status: str = ""
    for_goal: bool = False
    """A goal's page says its deadline (or that it has none); an overview page has no deadline to mention."""

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
            status=series.status.label,
            for_goal=True,
        )

    def detail_line(self) -> str:
        """Type, horizon, deadline, SMART score and pace on one line; parts that are unknown are left out."""
        parts = [p for p in (self.goal_type, self.horizon) if p]
        if self.deadline:
            parts.append(f"Deadline: {_fmt_day(self.deadline)}")
        elif self.for_goal:
            parts.append("No deadline")
        if self.smart_score is not None:
            parts.append(score_text(self.smart_score))
        if self.status:
            parts.append(self.status)
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
    painter.setPen(QPen(colour))
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    metrics = QFontMetricsF(font, painter.device())
    bounds = metrics.boundingRect(QRectF(0, top, width, 1e6), flags, text)
    painter.drawText(QRectF(0, top, width, bounds.height()), flags, text)
    return top + bounds.height()


def _flat(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def _for_paper(figure: Figure, header: ChartPage) -> Iterator[None]:
    """The figure as printed, while the page is painted: no repeated titles, and nothing see-through.

    The header carries the title, type, horizon and score in black on white; printing the chart's own
    titles too would say everything twice, so those texts are blanked. Semi-transparent artists are made
    opaque (on white paper they look the same) so the page stays vector through PostScript printers.
    Everything comes back afterwards: the figure may be shown elsewhere.
    """
    parts = [_flat(part) for part in header.detail_line().split(" · ")]
    said = {" · ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    said |= {_flat(header.title), _flat(figure.get_suptitle())}  # e.g. "Leadership · Long-term", "SMART 4/5"
    hidden: list[tuple[Text, str]] = []
    candidates: list[Text] = list(figure.texts)
    for axes in figure.axes:
        candidates += [child for child in axes.get_children() if isinstance(child, Text)]
    for text in candidates:
        words = _flat(text.get_text())
        if words and words in said:
            hidden.append((text, text.get_text()))
            text.set_text("")
    artists = list(figure.findobj())
    artists += [box for t in figure.findobj(Text) if isinstance(t, Text) and (box := t.get_bbox_patch()) is not None]
    see_through = [a for a in artists if a is not figure and (a.get_alpha() or 1.0) < 1.0]
    alphas = [(artist, artist.get_alpha()) for artist in see_through]
    for artist in see_through:
        artist.set_alpha(None)  # a PostScript queue (pdftops) turns a page with any transparency into a bitmap
    try:
        yield
    finally:
        for text, original in hidden:
            text.set_text(original)
        for artist, alpha in alphas:
            artist.set_alpha(alpha)


def paint_chart_page(painter: QPainter, page: QRectF, figure: Figure, header: ChartPage, dpi: float) -> None:
    """Paint the header and the chart into ``page`` (device pixels, ``dpi`` per inch) on any paint device.

    The figure is laid out at the physical size of the space left under the header, so its font sizes
    print at their true point size and the chart fills the page in portrait and in landscape alike.
    """
    old_size = figure.get_size_inches().copy()
    painter.save()
    try:
        painter.translate(page.topLeft())
        # The preview records the page as a QPicture and replays it with the widget's palette pen: a pen
        # equal to QPainter's default (black) is not recorded, so a dark palette would draw the title light.
        painter.setPen(Qt.PenStyle.NoPen)
        width = page.width()
        gap = GAP_MM / 25.4 * dpi
        y = _draw_block(painter, 0.0, width, header.title, _font(TITLE_PT, bold=True), INK)
        y = _draw_block(painter, y + gap / 4, width, header.detail_line(), _font(DETAIL_PT), QColor("#222222"))
        y = _draw_block(painter, y + gap / 4, width, header.printed_line(), _font(SMALL_PT), QColor("#555555"))
        y += gap / 2
        painter.setPen(QPen(QColor("#999999"), max(1.0, dpi / 150)))
        painter.drawLine(QLineF(0.0, y, width, y))
        y += gap
        area = QRectF(0.0, y, width, max(1.0, min(page.height() - y, width * MAX_CHART_ASPECT)))
        figure.set_size_inches(area.width() / dpi, area.height() / dpi, forward=False)
        with _for_paper(figure, header):
            renderer = QSvgRenderer(QByteArray(figure_svg_bytes(figure)))
        if not renderer.isValid():
            raise PrintError("The chart could not be prepared for printing.")
        fitted = QSizeF(renderer.defaultSize()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(area.x() + (area.width() - fitted.width()) / 2, area.y(), fitted.width(), fitted.height())
        renderer.render(painter, target)
    finally:
        figure.set_size_inches((float(old_size[0]), float(old_size[1])), forward=False)
        painter.restore()


# ---------------------------------------------------------------------- the page layout


def page_margins(minimum_mm: QMarginsF, orientation: QPageLayout.Orientation) -> QMarginsF:
    """Our margins for a device whose unprintable edges are ``minimum_mm``: 15 mm, or the device's if larger.

    Qt (6.11, CUPS) reports a PPD's hardware margins in portrait terms even for a landscape page, where
    the paper's long edges become top and bottom. A landscape page therefore takes the larger of both
    readings on each side: correct whether or not Qt has rotated them already.
    """
    m = minimum_mm
    if orientation == QPageLayout.Orientation.Landscape:
        across = max(m.top(), m.bottom())  # the portrait short edges, now at the left and right
        along = max(m.left(), m.right())  # the portrait long edges, now at the top and bottom
        m = QMarginsF(max(m.left(), across), max(m.top(), along), max(m.right(), across), max(m.bottom(), along))
    return QMarginsF(
        max(MARGIN_MM, m.left()), max(MARGIN_MM, m.top()), max(MARGIN_MM, m.right()), max(MARGIN_MM, m.bottom())
    )


def apply_page_margins(printer: QPrinter) -> QMarginsF:
    """Give ``printer`` our margins for its current device, paper and orientation; never narrows wider ones.

    Called right before every page is painted, so whichever button printed (our action, the preview's
    Print button, the print dialog after the user picked another printer or paper) the page keeps them.
    """
    layout = QPageLayout(printer.pageLayout())
    layout.setUnits(QPageLayout.Unit.Millimeter)
    wanted = page_margins(layout.minimumMargins(), layout.orientation())
    now = layout.margins()
    margins = QMarginsF(
        max(wanted.left(), now.left()), max(wanted.top(), now.top()),
        max(wanted.right(), now.right()), max(wanted.bottom(), now.bottom()),
    )
    if margins != now:
        printer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
    return margins


def print_chart(printer: QPrinter, figure: Figure, header: ChartPage) -> None:
    """Print one page: header, then the chart as vectors. The preview dialog calls this same function.

    Build the figure with the light theme for paper. Orientation and paper come from ``printer``; the
    margins are made ours (``apply_page_margins``) before painting.
    """
    if not printer.docName():
        printer.setDocName(header.title)
    if not printer.fullPage():
        apply_page_margins(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be started; check it is connected, or print to a PDF file.")
    try:
        page = QRectF(0.0, 0.0, float(printer.width()), float(printer.height()))
        paint_chart_page(painter, page, figure, header, float(printer.resolution()))
    finally:
        painter.end()


def default_printer(landscape: bool = True) -> QPrinter:
    """A printer for the system's default queue with that queue's paper, our orientation and margins.

    Qt's own ``QPrinter()`` picks the default queue but A4 paper whatever the queue's default is; the
    preview starts from the queue's paper instead, so what it shows is what comes out. With no printer
    installed this is Qt's PDF printer (the print dialog then offers "Print to File").
    """
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    else:
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        paper = info.defaultPageSize()
        if paper.isValid():
            printer.setPageSize(paper)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    apply_page_margins(printer)
    return printer


def _printer_for(header: ChartPage, landscape: bool) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(header.title)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    apply_page_margins(printer)
    return printer


def print_to_pdf(
    path: str | Path, figure: Figure, header: ChartPage, *, landscape: bool = True, page_size: QPageSize | None = None
) -> Path:
    """Print the chart page to a PDF file through Qt (the printed look, header included)."""
    target = Path(path)
    printer = _printer_for(header, landscape)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    if page_size is not None:
        printer.setPageSize(page_size)
    printer.setOutputFileName(str(target))
    print_chart(printer, figure, header)
    return target


def where_printed(printer: QPrinter) -> str:
    """One sentence for the status bar: the file a PDF went to, or the printer that took the page."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or not printer.printerName():
        return QCoreApplication.translate("Printing", "Printed to {file}").format(file=printer.outputFileName())
    return QCoreApplication.translate("Printing", "Sent to the printer {name}").format(name=printer.printerName())


def _fit_to_screen(dialog: QWidget, parent: QWidget | None) -> None:
    """About 80% of the free screen area: the page is readable, with room left for the window frame.

    Qt places a dialog over its parent and keeps it inside the screen when it is shown.
    """
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    dialog.resize(int(free.width() * PREVIEW_SCREEN_SHARE), int(free.height() * PREVIEW_SCREEN_SHARE))


def preview_dialog(
    parent: QWidget | None, figure: Figure, header: ChartPage, printer: QPrinter | None = None
) -> QPrintPreviewDialog:
    """A print preview of the chart page; the caller shows it with ``open()`` (its Print button prints).

    The dialog previews and prints with ``printer`` (by default the default queue's, ``default_printer``),
    so its own Print button prints the page it shows, with our margins. ``dialog.page_printer`` keeps it.
    """
    printer = printer if printer is not None else default_printer()
    printer.setDocName(header.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.page_printer = printer  # type: ignore[attr-defined]  # the dialog does not own its printer
    dialog.setWindowTitle(
        QCoreApplication.translate("Printing", "Print Preview — {title}").format(title=header.title)
    )
    dialog.paintRequested.connect(_painter_slot(figure, header))
    _fit_to_screen(dialog, parent)
    _name_preview_tools(dialog)
    return dialog


def _name_preview_tools(dialog: QPrintPreviewDialog) -> None:
    """Qt's preview leaves its toolbar, zoom field and page field unnamed for screen readers: name them."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Printing", text)

    for bar in dialog.findChildren(QToolBar):
        bar.setAccessibleName(tr("Print preview tools"))
    for combo in dialog.findChildren(QComboBox):
        combo.setAccessibleName(tr("Zoom"))
        line = combo.lineEdit()
        if line is not None:
            line.setAccessibleName(tr("Zoom"))
    for edit in dialog.findChildren(QLineEdit):
        if not isinstance(edit.parent(), QComboBox):
            edit.setAccessibleName(tr("Page number"))


def _painter_slot(figure: Figure, header: ChartPage) -> Callable[[QPrinter], None]:
    def paint(printer: QPrinter) -> None:
        print_chart(printer, figure, header)

    return paint
