"""Light and dark looks for the charts, applied per figure so the app's global matplotlib state stays untouched.

Font sizes never go below 9 pt so a printed chart stays readable; the dark look follows a dark system
palette (the UI passes ``dark=True`` when the window background is dark).
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from goaldesk.domain.palette import is_colour, visible_on

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

MIN_FONT_PT = 9.0

_COMMON: dict[RcKeyType, Any] = {
    "font.size": 10.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 10.0,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "figure.titlesize": 12.0,
    "axes.grid": True,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    # Goal titles are user text: "Save $500 now and $300 later" must not be read as TeX maths.
    "text.parse_math": False,
}

LIGHT: dict[RcKeyType, Any] = {
    **_COMMON,
    "figure.facecolor": "#ffffff",
    "axes.facecolor": "#ffffff",
    "savefig.facecolor": "#ffffff",
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "text.color": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "grid.color": "#d9d9d9",
    "legend.facecolor": "#ffffff",
    "legend.edgecolor": "#cccccc",
}

DARK: dict[RcKeyType, Any] = {
    **_COMMON,
    "figure.facecolor": "#1f2227",
    "axes.facecolor": "#1f2227",
    "savefig.facecolor": "#1f2227",
    "axes.edgecolor": "#9aa0a6",
    "axes.labelcolor": "#e8eaed",
    "text.color": "#e8eaed",
    "xtick.color": "#c8ccd0",
    "ytick.color": "#c8ccd0",
    "grid.color": "#3c4048",
    "legend.facecolor": "#2a2e34",
    "legend.edgecolor": "#4a4f57",
}


@dataclass(frozen=True)
class Palette:
    """Series colours chosen to stay distinct on their background (and in greyscale print, by style)."""

    actual: str
    ideal: str
    forecast: str
    deadline: str
    milestone: str
    good: str
    bad: str
    neutral: str
    muted_text: str


LIGHT_PALETTE = Palette(
    actual="#1f5fa8", ideal="#7a7a7a", forecast="#c76a12", deadline="#b83227", milestone="#2e7d4f",
    good="#2e7d4f", bad="#b83227", neutral="#7a7a7a", muted_text="#555555",
)
DARK_PALETTE = Palette(
    actual="#6cb4ff", ideal="#a8adb3", forecast="#ffb061", deadline="#ff7b72", milestone="#5fd68a",
    good="#5fd68a", bad="#ff7b72", neutral="#a8adb3", muted_text="#b8bdc3",
)


def rc(dark: bool) -> dict[RcKeyType, Any]:
    return DARK if dark else LIGHT


def palette(dark: bool) -> Palette:
    return DARK_PALETTE if dark else LIGHT_PALETTE


@contextmanager
def themed(dark: bool) -> Iterator[Palette]:
    """Build a figure inside this block: artists pick up the theme's rc values as they are created."""
    with matplotlib.rc_context(rc(dark)):
        yield palette(dark)


def integer_ticks(ax: Axes) -> None:
    """Whole numbers only on the y axis (counts of goals or wins)."""
    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):
        locator.set_params(integer=True)


def plain(text: str) -> str:
    """User text fit for a chart: byte-order marks and control characters removed.

    A title starting with U+FEFF made matplotlib's PDF and PostScript writers fail (IndexError), and
    control characters have no glyph anyway.
    """
    return "".join(ch for ch in text if ch != "\ufeff" and (ch >= " " or ch == "\n") and not "\x7f" <= ch <= "\x9f")


# ---------------------------------------------------------------------- goal-type colours

CHART_MIN_CONTRAST = 2.6
"""Bars and lines in a type's colour keep at least this contrast with the chart's face."""


def face(dark: bool) -> str:
    return str(rc(dark)["axes.facecolor"])


def type_colour(colour: str | None, dark: bool) -> str | None:
    """A goal type's ``#rrggbb`` made visible on this theme's face (same hue), or None."""
    if not is_colour(colour):
        return None
    assert colour is not None
    return visible_on(colour, face(dark), CHART_MIN_CONTRAST)


def _hue(colour: str) -> tuple[float, float]:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, _l, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360.0, s


def clashes(colour: str, others: tuple[str, ...], within: float = 40.0) -> bool:
    """Would ``colour`` be mistaken for one of ``others``? (Saturated colours with hues close together.)"""
    hue, sat = _hue(colour)
    for other in others:
        o_hue, o_sat = _hue(other)
        if sat > 0.15 and o_sat > 0.15 and min(abs(hue - o_hue), 360 - abs(hue - o_hue)) < within:
            return True
    return False


def colour_strip(fig: Figure, colour: str | None) -> None:
    """A band of the goal type's colour down the figure's left edge, as on the board card."""
    if colour is None:
        return
    width = 0.008
    fig.patches.append(
        Rectangle((0.0, 0.0), width, 1.0, transform=fig.transFigure, facecolor=colour, edgecolor="none", zorder=-1)
    )
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):  # lay the chart out beside the strip, not under it
        engine.set(rect=(2 * width, 0.0, 1.0 - 2 * width, 1.0))
