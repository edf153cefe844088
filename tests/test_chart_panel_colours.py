"""The details panel's charts wear the goal types' colours, and follow a palette change at once."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from goaldesk.domain.model import GoalDraft
from goaldesk.ui.progress.chart_panel import ChartKind, ChartPanel, build_chart


def _hex(rgba: tuple[float, ...]) -> str:
    return QColor.fromRgbF(*rgba[:3]).name()


def test_overview_bars_and_progress_strip_use_the_type_colour(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    skill = ctx.categories.category_by_key("skill-development")
    assert skill is not None
    ctx.categories.set_category_colour(skill.id, "#cc79a7")
    goal = ctx.goals.create_goal(GoalDraft(title="Learn Python", category_id=skill.id, unit="lessons", target=10.0))
    ctx.progress.add_checkin(goal.id, ctx.today(), 4)

    overview, _header = build_chart(ctx, ChartKind.OVERVIEW, 0)
    bars = [p for ax in overview.axes for p in ax.patches]
    assert "#cc79a7" in {_hex(p.get_facecolor()) for p in bars}

    progress, _header = build_chart(ctx, ChartKind.PROGRESS, goal.id)
    used = {_hex(a.get_facecolor()) for a in progress.patches} | {
        _hex(QColor(line.get_color()).getRgbF()) for ax in progress.axes for line in ax.get_lines()
    }
    assert "#cc79a7" in used


def test_a_new_palette_redraws_the_chart_in_its_theme(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_kind(ChartKind.OVERVIEW)
    with qtbot.waitSignal(panel.redrawn, timeout=60_000):  # after matplotlib's background import, if due
        panel.redraw()
    assert panel.figure is not None
    light_face = _hex(panel.figure.get_facecolor())
    dark = QPalette(panel.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    panel.setPalette(dark)
    with qtbot.waitSignal(panel.redrawn, timeout=10_000):  # a redraw comes by itself
        pass
    assert _hex(panel.figure.get_facecolor()) != light_face
