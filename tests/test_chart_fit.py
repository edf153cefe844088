"""The chart in the details panel fits the panel: heading, axes titles and legend stay inside the canvas
at a narrow (320 px) and a wide (900 px) panel, side-by-side panels stack when narrow, and resizing
lays the chart out again once per burst of resizes.

Real SQLite files, a real ChartPanel offscreen, the real matplotlib figures.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from goaldesk.domain.model import GoalDraft
from goaldesk.ui.progress.chart_panel import ChartKind, ChartPanel
from goaldesk.ui.progress.chart_warm import WARMER
from goaldesk.ui.shell.context import AppContext

pytestmark = pytest.mark.gui

LONG_TITLE = "Lead the Q3 migration project team and hand the new platform over to operations"


def make_goal(ctx: AppContext) -> int:
    cat = ctx.categories.category_by_key("leadership")
    assert cat is not None
    today = ctx.today()
    draft = GoalDraft(
        title=LONG_TITLE, category_id=cat.id, start_date=today - timedelta(days=60),
        deadline=today + timedelta(days=150), metric_name="milestones", unit="milestones", baseline=0.0, target=6.0,
    )
    gid = ctx.goals.create_goal(draft).id
    for days, value in ((50, 0.5), (30, 1.0), (10, 1.5)):
        ctx.progress.add_checkin(gid, today - timedelta(days=days), value)
    return gid


@pytest.fixture(autouse=True)
def warm() -> None:
    WARMER.start()
    assert WARMER.wait(120), "matplotlib never finished loading"


def shown_panel(ctx: AppContext, qtbot: QtBot, kind: ChartKind, width: int, height: int = 520,
                dark: bool = False) -> ChartPanel:
    panel = ChartPanel(ctx)
    qtbot.addWidget(panel)
    if dark:
        pal = panel.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        pal.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
        panel.setPalette(pal)
    panel.set_kind(kind)
    panel.show_goal(make_goal(ctx))
    panel.resize(width, height)
    with qtbot.waitSignal(panel.redrawn, timeout=20000):
        panel.show()
    qtbot.waitExposed(panel)
    panel.fit()  # whatever resize is still pending
    return panel


def extents(panel: ChartPanel) -> dict[str, list[tuple[float, float, float, float]]]:
    """Window extents of the heading, the axes titles and the legends, as drawn on the canvas."""
    assert panel.canvas is not None and panel.figure is not None
    panel.canvas.draw()
    fig = panel.figure
    renderer = panel.canvas.get_renderer()  # type: ignore[attr-defined]
    found: dict[str, list[tuple[float, float, float, float]]] = {"title": [], "axes titles": [], "legend": []}
    if fig._suptitle is not None and fig._suptitle.get_text():  # type: ignore[attr-defined]
        found["title"].append(tuple(fig._suptitle.get_window_extent(renderer).extents))  # type: ignore[attr-defined]
    for ax in fig.axes:
        for text in (ax.title, ax._left_title, ax._right_title):  # type: ignore[attr-defined]
            if text.get_text():
                found["axes titles"].append(tuple(text.get_window_extent(renderer).extents))
    for legend in fig.legends:
        found["legend"].append(tuple(legend.get_window_extent(renderer).extents))
    return found


def assert_inside(panel: ChartPanel) -> None:
    assert panel.figure is not None
    width, height = panel.figure.bbox.width, panel.figure.bbox.height
    found = extents(panel)
    assert (found["title"] and found["legend"]) or panel.kind() is not ChartKind.PROGRESS
    for what, boxes in found.items():
        for x0, y0, x1, y1 in boxes:
            assert x0 >= -0.5 and x1 <= width + 0.5, f"{what} runs off the side: {x0:.0f}..{x1:.0f} of {width:.0f}"
            assert y0 >= -0.5 and y1 <= height + 0.5, f"{what} runs off the top or bottom: {y0:.0f}..{y1:.0f}"


@pytest.mark.parametrize("width", [320, 900])
def test_progress_chart_title_and_legend_stay_inside_the_canvas(ctx: AppContext, qtbot: QtBot, width: int) -> None:
    panel = shown_panel(ctx, qtbot, ChartKind.PROGRESS, width)
    assert panel.canvas is not None and panel.canvas.width() <= width
    assert_inside(panel)
    assert panel.figure is not None
    title = panel.figure._suptitle.get_text()  # type: ignore[attr-defined]
    assert " ".join(title.split()).startswith(LONG_TITLE)  # wrapped, not cut: the whole title is there
    if width == 320:
        assert "\n" in title
        assert len(panel.figure.legends[0].get_texts()) >= 3


@pytest.mark.parametrize("width", [320, 900])
def test_overview_stacks_its_panels_when_narrow(ctx: AppContext, qtbot: QtBot, width: int) -> None:
    panel = shown_panel(ctx, qtbot, ChartKind.OVERVIEW, width)
    assert_inside(panel)
    assert panel.figure is not None
    boxes = [ax.get_position() for ax in panel.figure.axes]
    assert len(boxes) == 3
    if width == 320:
        assert boxes[0].y0 > boxes[1].y1 and boxes[1].y0 > boxes[2].y1  # one above the other
        assert all(box.width > 0.3 for box in boxes)  # each has real room, not a sliver
        assert panel.chart_scroll.horizontalScrollBar().maximum() == 0  # it scrolls down, never sideways
    else:
        assert boxes[0].x1 < boxes[1].x0 < boxes[2].x0  # side by side, as designed


def test_resizing_fits_again_once_per_burst(ctx: AppContext, qtbot: QtBot) -> None:
    panel = shown_panel(ctx, qtbot, ChartKind.PROGRESS, 900)
    assert panel.figure is not None
    wide_title = panel.figure._suptitle.get_text()  # type: ignore[attr-defined]
    fits: list[int] = []
    panel.fitted.connect(lambda: fits.append(1))
    canvas = panel.canvas
    assert canvas is not None
    sizes: list[int] = []
    for width in (800, 700, 600, 500, 400, 330):  # one burst: no event loop turn in between
        panel.resize(width, 520)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        sizes.append(canvas.width())
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 6  # the canvas really was resized 6 times
    assert not fits
    qtbot.waitUntil(lambda: bool(fits), timeout=3000)
    qtbot.wait(300)
    assert len(fits) == 1
    narrow_title = panel.figure._suptitle.get_text()  # type: ignore[attr-defined]
    assert narrow_title.count("\n") > wide_title.count("\n")
    assert_inside(panel)
    panel.resize(900, 520)
    qtbot.waitUntil(lambda: len(fits) == 2, timeout=3000)
    assert panel.figure._suptitle.get_text() == wide_title  # back to one line when there is room


def test_refitted_legend_keeps_the_dark_theme_colours(ctx: AppContext, qtbot: QtBot) -> None:
    panel = shown_panel(ctx, qtbot, ChartKind.PROGRESS, 320, dark=True)
    assert panel.figure is not None
    legend = panel.figure.legends[0]
    colours = {QColor(t.get_color()).lightness() for t in legend.get_texts()}
    assert colours and min(colours) > 160  # light text on the dark face, after the legend was re-flowed
    assert_inside(panel)
