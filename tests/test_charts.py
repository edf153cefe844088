"""Chart builders: inspect the built Figure, render awkward data, export valid files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from goaldesk.charts import (
    ChartExportError,
    figure_svg_bytes,
    overview_figure,
    progress_figure,
    save_figure,
    wins_figure,
)
from goaldesk.charts.theme import MIN_FONT_PT
from goaldesk.charts.wins import wins_per_week
from goaldesk.domain.enums import MetricKind
from goaldesk.domain.model import CheckIn
from goaldesk.domain.progress import PaceStatus, forecast, totals
from goaldesk.domain.reports import OverviewData, ProgressSeries, TypeProgress, WinsData

START = date(2025, 1, 1)
DEADLINE = date(2025, 4, 11)  # 100 days


def series(points: list[tuple[date, float]] | None = None, **fields: object) -> ProgressSeries:
    pts = [(START + timedelta(days=i), 0.4 * i) for i in range(0, 50, 5)] if points is None else points
    values: dict[str, object] = {
        "title": "Lead the PMP study group",
        "goal_type": "Educational",
        "horizon_label": "Long-term",
        "unit": "modules",
        "baseline": 2.0,
        "target": 40.0,
        "start_date": START,
        "deadline": DEADLINE,
        "points": tuple(pts),
        "milestones": (("Book the exam", START + timedelta(days=12)), ("Mock test", None)),
        "status": PaceStatus.BEHIND,
        "forecast": forecast(pts, 40.0, START + timedelta(days=50)) if pts else None,
        "smart_score": 4,
    }
    values.update(fields)
    return ProgressSeries(**values)  # type: ignore[arg-type]


def lines_by_label(fig: Figure) -> dict[str, Line2D]:
    return {line.get_label(): line for line in fig.axes[0].get_lines()}


def draw(fig: Figure) -> None:
    FigureCanvasAgg(fig).draw()


def visible_texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def pdf_text(path: Path) -> str:
    """Text of a PDF: pdftotext when installed, else the strings shown by its (inflated) content streams."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pdf_strings(path.read_bytes())


def pdf_strings(data: bytes) -> str:
    """Join the string pieces of each ``[...] TJ`` / ``(...) Tj`` (matplotlib writes Type 42 text as UTF-16)."""
    lines = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        for shown in re.finditer(rb"\[(.*?)\]\s*TJ|(\((?:\\.|[^\\)])*\))\s*Tj", content, re.S):
            pieces = re.findall(rb"\(((?:\\.|[^\\)])*)\)", shown.group(0))
            raw = re.sub(rb"\\(.)", rb"\1", b"".join(pieces))
            lines.append(raw.replace(b"\x00", b"").decode("latin-1"))
    return "\n".join(lines)


# ---------------------------------------------------------------- progress chart contents


def test_progress_figure_lines_and_labels() -> None:
    s = series()
    fig = progress_figure(s)
    assert isinstance(fig, Figure)
    lines = lines_by_label(fig)
    assert {"Actual", "Ideal pace", "Deadline", "Milestones"} <= set(lines)
    assert any(label.startswith("Forecast: ") for label in lines)
    assert len(lines["Actual"].get_xdata()) == len(s.points)
    assert list(lines["Actual"].get_ydata()) == [v for _, v in s.points]
    ideal = lines["Ideal pace"]
    assert list(zip(ideal.get_xdata(), ideal.get_ydata(), strict=True)) == [(START, 2.0), (DEADLINE, 40.0)]
    assert list(lines["Milestones"].get_xdata()) == [START + timedelta(days=12)]  # open milestones not drawn
    forecast_line = next(line for label, line in lines.items() if label.startswith("Forecast"))
    assert forecast_line.get_xdata()[-1] == s.forecast
    assert forecast_line.get_ydata()[-1] == 40.0
    assert forecast_line.get_linestyle() == "--"
    suptitle = fig.get_suptitle()
    assert "Lead the PMP study group" in suptitle and "Behind" in suptitle
    assert fig.axes[0].get_ylabel() == "modules"
    assert fig.axes[0].get_title(loc="right") == "SMART score: 4/5"
    draw(fig)


def test_deadline_marker_is_at_deadline() -> None:
    fig = progress_figure(series())
    deadline = lines_by_label(fig)["Deadline"]
    x = deadline.get_xdata()
    assert x[0] == x[1]
    assert np.datetime64(x[0], "D") == np.datetime64(DEADLINE) or x[0] == DEADLINE


@pytest.mark.parametrize("status", list(PaceStatus))
def test_status_in_title(status: PaceStatus) -> None:
    assert status.label in progress_figure(series(status=status)).get_suptitle()


def test_no_convergence_is_said() -> None:
    flat = [(START, 5.0), (START + timedelta(days=10), 5.0)]
    fig = progress_figure(series(flat, forecast=None))
    assert not any(label.startswith("Forecast") for label in lines_by_label(fig))
    assert any("No finish date" in t.get_text() for t in visible_texts(fig))


def test_empty_series_says_so() -> None:
    fig = progress_figure(series([], milestones=()))
    assert "Actual" not in lines_by_label(fig)
    assert "Ideal pace" in lines_by_label(fig)
    assert any(t.get_text() == "No check-ins yet" for t in visible_texts(fig))
    draw(fig)


def test_empty_series_without_plan() -> None:
    fig = progress_figure(series([], target=None, baseline=None, deadline=None, milestones=(), unit=""))
    assert any(t.get_text() == "No check-ins yet" for t in visible_texts(fig))
    draw(fig)


def _checkins(pairs: list[tuple[date, float]]) -> list[CheckIn]:
    return [CheckIn(id=i, goal_id=1, on=d, value=v) for i, (d, v) in enumerate(pairs)]


AWKWARD = {
    "one point": [(START + timedelta(days=3), 4.0)],
    "all on one day": [(START + timedelta(days=3), float(v)) for v in range(20)],
    "backwards": [(START + timedelta(days=i), 30.0 - i) for i in range(30)],
    "after deadline": [(DEADLINE + timedelta(days=i), float(i)) for i in range(-5, 60)],
    "before start": [(START - timedelta(days=40 - i), float(i)) for i in range(30)],
}


@pytest.mark.parametrize("case", sorted(AWKWARD))
@pytest.mark.parametrize("kind", list(MetricKind))
def test_awkward_series_render(case: str, kind: MetricKind) -> None:
    today = START + timedelta(days=120)
    pts = totals(_checkins(AWKWARD[case]), kind, 2.0)
    s = series(pts, forecast=forecast(pts, 40.0, today, baseline=2.0))
    for dark in (False, True):
        fig = progress_figure(s, dark=dark)
        draw(fig)
        assert len(lines_by_label(fig)["Actual"].get_xdata()) == len(pts)


def test_fifty_thousand_checkins_render() -> None:
    checkins = _checkins([(START + timedelta(days=i // 25), 1.0) for i in range(50_000)])
    pts = totals(checkins, MetricKind.INCREMENT, 0.0)
    s = series(pts, target=60_000.0, deadline=START + timedelta(days=2_500))
    fig = progress_figure(s)
    draw(fig)
    assert len(lines_by_label(fig)["Actual"].get_xdata()) == 2_000
    assert lines_by_label(fig)["Actual"].get_marker() in ("None", None, "")


def test_far_forecast_does_not_squash_the_axis() -> None:
    pts = [(START, 0.0), (START + timedelta(days=30), 1.0)]
    far = START + timedelta(days=30 * 365)
    fig = progress_figure(series(pts, forecast=far))
    left, right = fig.axes[0].get_xlim()
    assert right - left < 400  # days: the plan stays readable; the forecast line runs off the edge


def test_long_title_wraps() -> None:
    fig = progress_figure(series(title="Improve project management skills " * 5))
    assert "\n" in fig.get_suptitle()


# ---------------------------------------------------------------- themes and print readability


@pytest.mark.parametrize("dark", [False, True])
def test_fonts_readable_in_print(dark: bool) -> None:
    ov = OverviewData((TypeProgress("Skill Development", 2, 0.4),), 1, 1, 1, 1, 0)
    wins = WinsData(((START, "Goal", "Halfway there (50%)"),))
    for fig in (progress_figure(series(), dark=dark), overview_figure(ov, dark=dark), wins_figure(wins, dark=dark)):
        draw(fig)
        sizes = [t.get_fontsize() for t in visible_texts(fig)]
        assert sizes and min(sizes) >= MIN_FONT_PT


def test_dark_theme_has_dark_background_and_light_text() -> None:
    fig = progress_figure(series(), dark=True)
    assert sum(to_rgb(fig.get_facecolor())) < 0.6
    assert sum(to_rgb(fig.axes[0].get_facecolor())) < 0.6
    assert sum(to_rgb(fig.axes[0].yaxis.label.get_color())) > 2.0
    light = progress_figure(series())
    assert sum(to_rgb(light.get_facecolor())) > 2.9


def test_theme_does_not_leak_into_global_rc() -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    progress_figure(series(), dark=True)
    assert dict(matplotlib.rcParams) == before


# ---------------------------------------------------------------- overview and wins


def test_overview_figure() -> None:
    data = OverviewData(
        by_type=(TypeProgress("Skill Development", 3, 0.42), TypeProgress("Work-Life Balance", 1, None)),
        short_term=3, long_term=1, on_track=2, behind=1, no_data=1,
    )
    fig = overview_figure(data)
    by_type, horizon, pace = fig.axes
    widths = [p.get_width() for p in by_type.patches if isinstance(p, Rectangle)]
    assert sorted(widths) == pytest.approx([0.0, 42.0])
    assert [p.get_height() for p in horizon.patches] == [3, 1]
    assert [p.get_height() for p in pace.patches] == [2, 1, 1]
    assert [t.get_text() for t in pace.get_xticklabels()] == ["On track", "Behind", "No data"]
    assert "4" in fig.get_suptitle()
    draw(fig)


def test_overview_empty() -> None:
    fig = overview_figure(OverviewData())
    assert any("No active goals" in t.get_text() for t in visible_texts(fig))
    draw(fig)


def test_wins_per_week_fills_quiet_weeks() -> None:
    monday = date(2025, 1, 6)
    days = (monday + timedelta(days=15), monday + timedelta(days=1), monday)
    data = WinsData(tuple((d, "goal", "win") for d in days))
    assert wins_per_week(data) == [(monday, 2), (monday + timedelta(days=7), 0), (monday + timedelta(days=14), 1)]
    assert wins_per_week(WinsData()) == []


def test_wins_figure() -> None:
    monday = date(2025, 1, 6)
    data = WinsData(tuple((monday + timedelta(days=3 * i), "g", "w") for i in range(10)))
    fig = wins_figure(data, dark=True)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert sum(heights) == 10
    assert "10" in fig.get_suptitle()
    draw(fig)
    empty = wins_figure(WinsData())
    assert any("No wins yet" in t.get_text() for t in visible_texts(empty))


# ---------------------------------------------------------------- export


def test_pdf_export_is_valid_and_holds_the_title(tmp_path: Path) -> None:
    out = save_figure(progress_figure(series()), tmp_path / "chart.pdf")
    assert out == tmp_path / "chart.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert "Lead the PMP study group" in pdf_text(out)


def test_pdf_text_fallback_reads_matplotlib_pdfs(tmp_path: Path) -> None:
    """The check above must still mean something on a machine without pdftotext."""
    out = save_figure(progress_figure(series()), tmp_path / "chart.pdf")
    assert "Lead the PMP study group" in pdf_strings(out.read_bytes())


def test_svg_and_png_export(tmp_path: Path) -> None:
    fig = progress_figure(series())
    svg = save_figure(fig, tmp_path / "chart.SVG")
    assert b"<svg" in svg.read_bytes()[:500]
    png = save_figure(fig, tmp_path / "chart.png")
    assert png.read_bytes().startswith(b"\x89PNG")


def test_export_errors_are_clear(tmp_path: Path) -> None:
    fig = progress_figure(series())
    with pytest.raises(ChartExportError, match=r"\.pdf, \.svg or \.png"):
        save_figure(fig, tmp_path / "chart.docx")
    with pytest.raises(ChartExportError, match="without an extension"):
        save_figure(fig, tmp_path / "chart")
    with pytest.raises(ChartExportError, match="does not exist"):
        save_figure(fig, tmp_path / "missing" / "chart.pdf")
    folder = tmp_path / "looks.pdf"
    folder.mkdir()
    with pytest.raises(ChartExportError, match="folder"):
        save_figure(fig, folder)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unwritable_folder(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        target = Path("/proc/goaldesk-chart.pdf")  # root ignores permissions; /proc refuses new files
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "chart.pdf"
    with pytest.raises(ChartExportError, match="could not be written"):
        save_figure(progress_figure(series()), target)


def test_svg_bytes_have_no_outline_less_glyphs() -> None:
    svg = figure_svg_bytes(progress_figure(series()))
    assert svg.lstrip().startswith(b"<?xml")
    assert not re.search(rb'<path id="[^"]+"(?![^>]*\bd=)[^>]*/>', svg)


def test_matplotlib_stays_out_of_plain_imports() -> None:
    code = (
        "import sys\n"
        "import goaldesk.cli, goaldesk.clitools.chart, goaldesk.store.services, goaldesk.domain.progress\n"
        "import goaldesk.domain.reports, goaldesk.smoke\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at module import time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_dollar_signs_in_user_text_stay_literal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from goaldesk.charts import progress_figure
    from goaldesk.charts.render import save_figure
    from goaldesk.domain.reports import ProgressSeries

    title = "Save $500 now and $300 later"
    series = ProgressSeries(title=title, goal_type="Financial", horizon_label="Short-term", unit="$",
                            baseline=0, target=800, start_date=date(2026, 1, 1), deadline=date(2026, 6, 1),
                            points=((date(2026, 2, 1), 100.0),), milestones=(("Pay $50 fee", date(2026, 2, 2)),))
    fig = progress_figure(series)
    with_dollars = [t for t in fig.findobj(lambda o: hasattr(o, "get_parse_math")) if "$" in t.get_text()]
    assert with_dollars and all(not t.get_parse_math() for t in with_dollars)
    assert any(t.get_text().startswith(title) for t in with_dollars)
    out = save_figure(fig, tmp_path / "dollars.pdf")
    assert out.read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- goal-type colours


def test_overview_bars_take_each_types_colour_in_light_and_dark() -> None:
    from goaldesk.charts.theme import CHART_MIN_CONTRAST, face
    from goaldesk.domain.palette import contrast

    data = OverviewData(
        by_type=(TypeProgress("Leadership", 2, 0.5), TypeProgress("Financial", 1, 0.2),
                 TypeProgress("Mine", 1, 0.1)),
        short_term=3, long_term=1, on_track=2, behind=1, no_data=1,
    )
    colours = {"Leadership": "#e69f00", "Financial": "#f0e442"}  # "Mine" has none
    for dark in (False, True):
        fig = overview_figure(data, dark=dark, type_colours=colours)
        by_type = fig.axes[0]
        bars = [p for p in by_type.patches if isinstance(p, Rectangle)]
        names = [t.get_text() for t in by_type.get_yticklabels()]
        tint = {name: to_rgb(bar.get_facecolor()) for name, bar in zip(names, bars, strict=True)}
        assert tint["Leadership"] == pytest.approx(to_rgb("#e69f00"), abs=0.15)  # same hue family
        assert tint["Leadership"] != tint["Financial"] != tint["Mine"]
        for rgb in tint.values():  # every bar stands out from the chart's face, yellow on white included
            hex_colour = "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
            assert contrast(hex_colour, face(dark)) >= CHART_MIN_CONTRAST
        draw(fig)
    plain_fig = overview_figure(data)
    assert len({to_rgb(p.get_facecolor()) for p in plain_fig.axes[0].patches}) == 1  # no colours: one tint


def test_progress_chart_uses_the_type_colour_where_it_cannot_be_confused() -> None:
    blue = progress_figure(series(), colour="#0072b2")
    assert to_rgb(lines_by_label(blue)["Actual"].get_color()) == pytest.approx(to_rgb("#0072b2"))
    strips = [p for p in blue.patches if isinstance(p, Rectangle)]
    assert len(strips) == 1 and to_rgb(strips[0].get_facecolor()) == pytest.approx(to_rgb("#0072b2"))
    # Vermilion would read as the deadline or the forecast: the line keeps the theme's colour, the strip shows it.
    red = progress_figure(series(), colour="#d55e00")
    assert to_rgb(lines_by_label(red)["Actual"].get_color()) == to_rgb(lines_by_label(progress_figure(series()))
                                                                       ["Actual"].get_color())
    assert [to_rgb(p.get_facecolor()) for p in red.patches] == [pytest.approx(to_rgb("#d55e00"))]
    assert progress_figure(series()).patches == []
    draw(blue)


def test_chart_built_dark_has_a_dark_face() -> None:
    data = OverviewData((TypeProgress("Leadership", 1, 0.5),), 1, 0, 1, 0, 0)
    for fig in (overview_figure(data, dark=True, type_colours={"Leadership": "#0072b2"}),
                progress_figure(series(), dark=True, colour="#0072b2")):
        assert sum(to_rgb(fig.get_facecolor())) < 0.6
        draw(fig)
