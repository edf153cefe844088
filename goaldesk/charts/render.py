"""Saving figures to files and to SVG bytes, with errors a person can act on.

PDF and SVG keep the chart as vectors (sharp at any print size); fonts are embedded as TrueType so the
text in a saved PDF stays text (searchable, copyable).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FORMATS: dict[str, str] = {".pdf": "pdf", ".svg": "svg", ".png": "png"}
PNG_DPI = 150
_SAVE_RC: dict[RcKeyType, Any] = {"pdf.fonttype": 42, "ps.fonttype": 42}


class ChartExportError(Exception):
    """A chart could not be saved; the message is one sentence for the user."""


def format_for(path: Path) -> str:
    """The matplotlib format for a file name, or ChartExportError for a suffix we do not write."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = f"“{suffix}”" if suffix else "a file without an extension"
        raise ChartExportError(f"Charts can be saved as .pdf, .svg or .png, not as {shown}.")
    return FORMATS[suffix]


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` in the format its suffix names; returns the path written."""
    target = Path(path).expanduser()
    fmt = format_for(target)
    if target.is_dir():
        raise ChartExportError(f"{target} is a folder; give a file name such as chart.{fmt}.")
    if not target.parent.is_dir():
        raise ChartExportError(f"The folder {target.parent} does not exist, so the chart was not saved.")
    try:
        with matplotlib.rc_context(_SAVE_RC):
            fig.savefig(target, format=fmt, dpi=PNG_DPI if fmt == "png" else "figure")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ChartExportError(f"The chart could not be written to {target}: {reason}.") from exc
    return target


_EMPTY_GLYPH = re.compile(rb'\s*<path id="([^"]+)"(?![^>]*\bd=)[^>]*/>')


def _drop_empty_glyphs(svg: bytes) -> bytes:
    """Remove outline-less glyph definitions (the space) and their uses; they draw nothing anyway."""
    ids = _EMPTY_GLYPH.findall(svg)
    if not ids:
        return svg
    svg = _EMPTY_GLYPH.sub(b"", svg)
    names = b"|".join(re.escape(i) for i in ids)
    return re.sub(rb'\s*<use xlink:href="#(?:' + names + rb')"[^>]*/>', b"", svg)


def figure_svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG (text drawn as paths, so it prints the same without the fonts).

    matplotlib writes glyphs with no outline (the space) as ``<path>`` without ``d``; Qt's SVG renderer
    warns about each one and about every use of it, so they are dropped here.
    """
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path"}):
        fig.savefig(buf, format="svg")
    return _drop_empty_glyphs(buf.getvalue())
