"""Fitting a built chart to the width it is shown at: the details panel is 300-450 px wide, the charts
are designed for a page.

matplotlib's constrained layout moves axes so that their decorations fit, but it never shortens a
title or re-flows a legend, so at panel width the heading and the legend ran off both sides of the
canvas. ``fit_figure`` works on any built figure: it wraps the heading, axes titles and in-plot
messages to the width, gives the legend only as many columns as fit, thins date ticks, turns crowded
category labels, and stacks side-by-side panels when the figure is narrow. The figure as built is
remembered on it, so fitting again at another width starts from the original, never from a squeezed
copy. Imports matplotlib: call it only where a chart is already being drawn.
"""

from __future__ import annotations

import textwrap
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from matplotlib.dates import AutoDateLocator
from matplotlib.gridspec import GridSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.gridspec import SubplotSpec
    from matplotlib.legend import Legend
    from matplotlib.text import Text

NARROW_PX = 560
"""Below this width (device-independent pixels) side-by-side panels are stacked one above the other."""
STACKED_PANEL_PX = 220
"""Height each stacked panel needs to stay readable; the panel scrolls when the figure needs more."""
MAX_TITLE_LINES = 3
DATE_TICK_PX = 64
"""Room one date tick label needs; fewer ticks on a narrow axis."""
PAD_PX = 6

# A canvas squeezed below a readable size (a dock being dragged narrow) collapses the axes for a frame;
# matplotlib warns on every such draw (on stderr, in the app). The chart is fitted again once the size
# settles.
warnings.filterwarnings("ignore", message="constrained_layout not applied because axes sizes collapsed")


@dataclass
class _Original:
    """The chart as built: what fitting changes, so each fit starts again from it."""

    texts: dict[Text, str] = field(default_factory=dict)
    legend_cols: dict[Legend, int] = field(default_factory=dict)
    specs: list[tuple[Axes, SubplotSpec]] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    maxticks: dict[AutoDateLocator, Any] = field(default_factory=dict)


def _titles(ax: Axes) -> tuple[Text, Text, Text]:
    """The left, centre and right title of an axes (matplotlib keeps them as three Text artists)."""
    return ax._left_title, ax.title, ax._right_title  # type: ignore[attr-defined]  # no public accessor for the artists


def _in_plot_messages(ax: Axes) -> list[Text]:
    """Centred notes drawn in axes coordinates, such as "No check-ins yet"."""
    return [t for t in ax.texts if t.get_transform() == ax.transAxes and t.get_horizontalalignment() == "center"]


def _original(fig: Figure) -> _Original:
    found = getattr(fig, "_goaldesk_fit", None)
    if isinstance(found, _Original):
        return found
    orig = _Original()
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None:
        orig.texts[suptitle] = suptitle.get_text()
    grid_axes = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    for ax in fig.axes:
        for text in (*_titles(ax), *_in_plot_messages(ax)):
            orig.texts[text] = text.get_text()
        locator = ax.xaxis.get_major_locator()
        if isinstance(locator, AutoDateLocator):
            orig.maxticks[locator] = dict(locator.maxticks)
    for legend in _legends(fig):
        orig.legend_cols[legend] = legend._ncols  # type: ignore[attr-defined]  # set_ncols has no getter
    gridspecs = {id(ax.get_subplotspec().get_gridspec()) for ax in grid_axes}  # type: ignore[union-attr]
    if len(grid_axes) > 1 and len(gridspecs) == 1:
        spec = grid_axes[0].get_subplotspec()
        assert spec is not None
        grid = spec.get_gridspec()
        if grid.nrows == 1:
            orig.specs = [(ax, ax.get_subplotspec()) for ax in grid_axes]  # type: ignore[misc]
            given: Any = grid.get_width_ratios()  # a sequence of numbers, or None for equal widths
            ratios = [float(r) for r in given] if given is not None else [1.0] * grid.ncols
            orig.ratios = [ratios[s.colspan.start] for _, s in orig.specs]
    fig._goaldesk_fit = orig  # type: ignore[attr-defined]  # remembered on the figure it describes
    return orig


def _legends(fig: Figure) -> list[Legend]:
    out = list(fig.legends)
    out += [leg for ax in fig.axes if (leg := ax.get_legend()) is not None]
    return out


def _renderer(fig: Figure) -> RendererBase:
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if callable(get) else fig._get_renderer()  # type: ignore[attr-defined]


def _width(text: Text, renderer: RendererBase) -> float:
    return float(text.get_window_extent(renderer).width) if text.get_text() else 0.0


def wrap_text(text: Text, original: str, room: float, renderer: RendererBase, max_lines: int = MAX_TITLE_LINES) -> None:
    """Set ``text`` to ``original`` wrapped into at most ``max_lines`` lines no wider than ``room`` px."""
    flat = " ".join(original.split())
    text.set_text(flat)
    if not flat or _width(text, renderer) <= room:
        return
    lo, hi, best = 4, len(flat), textwrap.wrap(flat, 4)
    while lo <= hi:
        mid = (lo + hi) // 2
        lines = textwrap.wrap(flat, mid)
        text.set_text("\n".join(lines))
        if _width(text, renderer) <= room:
            best, lo = lines, mid + 1
        else:
            hi = mid - 1
    if len(best) > max_lines:
        best = best[:max_lines]
        last = best[-1]
        while last:
            best[-1] = last.rstrip() + "…"
            text.set_text("\n".join(best))
            if _width(text, renderer) <= room:
                break
            last = last[:-1]
    text.set_text("\n".join(best))


def _fit_legend(legend: Legend, cols: int, room: float, renderer: RendererBase) -> None:
    """Re-flow the legend into as many columns as fit ``room`` (one at the least)."""
    labels = [t.get_text() for t in legend.get_texts()]
    colours = [t.get_color() for t in legend.get_texts()]
    handles = list(legend.legend_handles)
    title = legend.get_title().get_text()
    for n in range(max(1, min(cols, len(labels))), 0, -1):
        if n < cols:  # it did not fit as built: tighter spacing lets more columns fit
            legend.handlelength, legend.columnspacing, legend.handletextpad = 1.6, 1.0, 0.5
        # set_ncols alone keeps the old box: rebuild it, and hand the new box the legend's place again.
        legend.set_ncols(n)
        legend._init_legend_box(handles, labels)  # type: ignore[attr-defined]
        legend._set_loc(legend._loc)  # type: ignore[attr-defined]
        legend.set_title(title)  # an empty title hides the title box again
        for text, colour in zip(legend.get_texts(), colours, strict=True):
            text.set_color(colour)
        if legend.get_window_extent(renderer).width <= room:
            return


def _stack(fig: Figure, orig: _Original, narrow: bool) -> bool:
    """Side-by-side panels one above the other on a narrow figure (and back); True when stacked."""
    if not orig.specs:
        return False
    if narrow:
        grid = GridSpec(len(orig.specs), 1, figure=fig, height_ratios=orig.ratios)
        for row, (ax, _spec) in enumerate(orig.specs):
            ax.set_subplotspec(grid[row, 0])
    else:
        for ax, spec in orig.specs:
            ax.set_subplotspec(spec)
    return narrow


def _fit_ticks(fig: Figure, orig: _Original, renderer: RendererBase) -> None:
    """Fewer date ticks on a narrow axis; category labels turned when they would run into each other."""
    for ax in fig.axes:
        width = float(ax.bbox.width)
        locator = ax.xaxis.get_major_locator()
        if isinstance(locator, AutoDateLocator):
            if locator in orig.maxticks:
                most = max(locator.minticks + 2, int(width / (DATE_TICK_PX * fig.dpi / 100)))
                locator.maxticks = {k: min(v, most) for k, v in orig.maxticks[locator].items()}
            continue
        ax.tick_params(axis="x", labelrotation=0)
        labels = [t for t in ax.get_xticklabels() if t.get_text()]
        for label in labels:
            label.set_horizontalalignment("center")
        need = sum(_width(t, renderer) for t in labels) + PAD_PX * len(labels)
        if len(labels) > 1 and need > width:
            ax.tick_params(axis="x", labelrotation=30)
            for label in labels:
                label.set_horizontalalignment("right")


def _fit_axes_titles(ax: Axes, orig: _Original, renderer: RendererBase) -> None:
    left, centre, right = _titles(ax)
    room = max(40.0, float(ax.bbox.width))
    left_text, right_text = orig.texts.get(left, ""), orig.texts.get(right, "")
    left.set_text(left_text)
    right.set_text(right_text)
    if left_text and right_text and _width(left, renderer) + _width(right, renderer) + 2 * PAD_PX > room:
        # Side by side they would overlap: the right title goes under the left one.
        wrap_text(left, left_text, room, renderer)
        first = left.get_text()
        wrap_text(left, right_text, room, renderer)
        left.set_text(f"{first}\n{left.get_text()}")
        right.set_text("")
    elif left_text and not right_text:
        # A left title alone may run on past the axes, up to the figure's edge.
        fig_right = float(ax.get_figure(root=True).bbox.x1)  # type: ignore[union-attr]
        wrap_text(left, left_text, max(room, fig_right - float(ax.bbox.x0) - PAD_PX), renderer)
    else:
        for text, original in ((left, left_text), (right, right_text)):
            wrap_text(text, original, room, renderer)
    wrap_text(centre, orig.texts.get(centre, ""), room, renderer)
    for message in _in_plot_messages(ax):
        wrap_text(message, orig.texts.get(message, message.get_text()), room * 0.92, renderer, max_lines=4)


def _layout(fig: Figure) -> None:
    engine = fig.get_layout_engine()
    if engine is not None:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            engine.execute(fig)


def logical_width(fig: Figure) -> float:
    """The figure's width in device-independent pixels (what the user's layout is measured in)."""
    ratio = float(getattr(fig.canvas, "device_pixel_ratio", 1.0) or 1.0)
    return float(fig.bbox.width) / ratio


def fit_figure(fig: Figure) -> int:
    """Fit ``fig`` to its current size; returns the height (device-independent px) it needs, 0 for any.

    Call after the figure got the size it is shown at (the canvas sets it) and before drawing.
    """
    orig = _original(fig)
    renderer = _renderer(fig)
    ratio = float(fig.bbox.width) / max(1.0, logical_width(fig))
    stacked = _stack(fig, orig, logical_width(fig) < NARROW_PX)
    room = float(fig.bbox.width) - 2 * PAD_PX * ratio
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle in orig.texts:
        wrap_text(suptitle, orig.texts[suptitle], room, renderer)
    for legend in _legends(fig):
        if legend in orig.legend_cols:
            host = legend.axes.bbox.width if legend.axes is not None else room
            _fit_legend(legend, orig.legend_cols[legend], min(room, float(host)), renderer)
    _layout(fig)  # titles need the axes' widths; the draw lays the figure out again with the fitted titles
    for ax in fig.axes:
        _fit_axes_titles(ax, orig, renderer)
    _fit_ticks(fig, orig, renderer)
    return len(orig.specs) * STACKED_PANEL_PX + 60 if stacked else 0
