"""Goal-type colours: the swatches offered, the built-in defaults, and keeping a colour visible.

The swatches are the Okabe-Ito palette (Okabe and Ito, 2008) without its black: seven colours that
people with the common colour-vision deficiencies still tell apart. A colour is stored as ``#rrggbb``
(lower case); None means "no colour". Pure Python (``colorsys``), so the store, the charts and the UI
share one definition.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    """One colour offered for a goal type, with the name a person would use for it."""

    name: str
    hex: str


SWATCHES: tuple[Swatch, ...] = (
    Swatch("Orange", "#e69f00"),
    Swatch("Sky blue", "#56b4e9"),
    Swatch("Bluish green", "#009e73"),
    Swatch("Yellow", "#f0e442"),
    Swatch("Blue", "#0072b2"),
    Swatch("Vermilion", "#d55e00"),
    Swatch("Reddish purple", "#cc79a7"),
)

_BY_NAME = {s.name: s.hex for s in SWATCHES}

DEFAULT_COLOURS: dict[str, str] = {
    # Professional: every type its own swatch.
    "skill-development": _BY_NAME["Blue"],
    "performance": _BY_NAME["Vermilion"],
    "leadership": _BY_NAME["Orange"],
    "educational": _BY_NAME["Sky blue"],
    "networking": _BY_NAME["Reddish purple"],
    "work-life-balance": _BY_NAME["Bluish green"],
    "financial": _BY_NAME["Yellow"],
    # Personal: seven colours cannot cover eleven types; these repeat the professional type closest in spirit.
    "health-fitness": _BY_NAME["Bluish green"],
    "relationships": _BY_NAME["Reddish purple"],
    "savings-money": _BY_NAME["Yellow"],
    "hobbies-learning": _BY_NAME["Sky blue"],
}
"""Colours of the built-in types by their stable key; the two groups themselves have none."""

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_colour(value: object) -> bool:
    """True for a ``#rrggbb`` string (either case), the only form stored and imported."""
    return isinstance(value, str) and _HEX.fullmatch(value) is not None


def normal_colour(value: str | None) -> str | None:
    """``#rrggbb`` in lower case, None for None or an empty string; ValueError for anything else."""
    if value is None or value == "":
        return None
    if not is_colour(value):
        raise ValueError(f"“{value}” is not a colour of the form #rrggbb.")
    return value.lower()


def default_colour(key: str | None) -> str | None:
    """The default colour of a built-in type, None for a group or a user's own type."""
    return None if key is None else DEFAULT_COLOURS.get(key)


def swatch_name(colour: str | None) -> str:
    """The swatch's name for a stored colour, or the colour itself when it is not one of ours."""
    if colour is None:
        return "No colour"
    for swatch in SWATCHES:
        if swatch.hex == colour.lower():
            return swatch.name
    return colour


def _rgb(colour: str) -> tuple[float, float, float]:
    return int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (0 black .. 1 white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 .. 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


MIN_CONTRAST = 2.2
"""A strip or swatch at least this far from its background stays visible; text needs more (4.5)."""


def visible_on(colour: str, background: str, minimum: float = MIN_CONTRAST) -> str:
    """``colour`` with its lightness moved (hue kept) until it stands out from ``background``.

    Most swatches are left as they are; yellow gets darker on a light card and blue lighter on a dark one,
    so the same type reads as the same colour in both looks.
    """
    if contrast(colour, background) >= minimum:
        return colour.lower()
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    darker = luminance(background) > 0.18
    step = -0.02 if darker else 0.02
    best = colour.lower()
    while 0.0 <= lightness <= 1.0:
        lightness += step
        best = _hex(colorsys.hls_to_rgb(h, min(1.0, max(0.0, lightness)), s))
        if contrast(best, background) >= minimum:
            break
    return best
