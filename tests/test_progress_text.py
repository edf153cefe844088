"""The list's progress column: the percentage is drawn in one colour, never split where the fill ends.

With the style's own bar the text sat over the fill's edge, half in one colour and half in another, so
"38%" read as "88%" at 2x zoom. Rendered here into an image at 1x and 2x, in light and dark palettes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from goaldesk.ui.common import roles
from goaldesk.ui.common.delegates import ProgressDelegate

CELL = QSize(100, 28)


def palette(theme: str) -> QPalette:
    pal = QPalette()
    colours = {
        "light": {"Base": "#ffffff", "Text": "#1a1a1a", "Highlight": "#2f7fd6", "HighlightedText": "#ffffff",
                  "Window": "#efefef", "Button": "#efefef"},
        "dark": {"Base": "#1e1e1e", "Text": "#e6e6e6", "Highlight": "#3d8ee6", "HighlightedText": "#ffffff",
                 "Window": "#2b2b2b", "Button": "#353535"},
    }[theme]
    for name, value in colours.items():
        pal.setColor(getattr(QPalette.ColorRole, name), QColor(value))
    return pal


def render(view: QTableView, delegate: ProgressDelegate, progress: float, scale: float, pal: QPalette,
           selected: bool = False) -> tuple[QImage, QRect, QRect]:
    model = QStandardItemModel(1, 1)
    item = QStandardItem()
    item.setData(progress, roles.ProgressRole)
    model.setItem(0, 0, item)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, CELL.width(), CELL.height())
    option.palette = pal
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.widget = view
    state = QStyle.StateFlag.State_Enabled
    option.state = state | QStyle.StateFlag.State_Selected if selected else state
    image = QImage(round(CELL.width() * scale), round(CELL.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(pal.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    bar, text = delegate.layout(option)
    return image, bar, text


def on_segment(c: QColor, a: QColor, b: QColor, tol: float = 40.0) -> bool:
    """Whether colour ``c`` is a blend of ``a`` and ``b`` (anti-aliased text over its background)."""
    ca, cb, cc = (a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()), (c.red(), c.green(), c.blue())
    d = [cb[i] - ca[i] for i in range(3)]
    length = sum(x * x for x in d) or 1
    t = max(0.0, min(1.0, sum((cc[i] - ca[i]) * d[i] for i in range(3)) / length))
    return sum((cc[i] - (ca[i] + t * d[i])) ** 2 for i in range(3)) ** 0.5 <= tol


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("progress", [0.38, 0.5, 1.0])
def test_percentage_has_one_colour_and_never_overlaps_the_fill(qtbot, scale: float, theme: str,  # type: ignore[no-untyped-def]
                                                               progress: float) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    pal = palette(theme)
    image, bar, text_rect = render(view, ProgressDelegate(view), progress, scale, pal)
    base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
    assert not bar.isEmpty() and not bar.intersects(text_rect)
    inked = 0
    for y in range(round(text_rect.top() * scale), round((text_rect.bottom() + 1) * scale)):
        for x in range(round(text_rect.left() * scale), round((text_rect.right() + 1) * scale)):
            c = image.pixelColor(x, y)
            assert on_segment(c, base, text), f"pixel {x},{y} is {c.name()}: not the text colour"
            if abs(c.lightness() - base.lightness()) > 60:
                inked += 1
    assert inked > 20 * scale * scale  # the text is really there
    # The bar shows the fill in the highlight colour somewhere in its left part.
    highlight = pal.color(QPalette.ColorRole.Highlight)
    y = round(bar.center().y() * scale)
    x = round((bar.left() + 4) * scale)
    c = image.pixelColor(x, y)
    assert abs(c.hue() - highlight.hue()) < 25 and c.saturation() > 60


def test_selected_row_text_uses_the_highlighted_text_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = QTableView()
    qtbot.addWidget(view)
    pal = palette("light")
    image, _bar, text_rect = render(view, ProgressDelegate(view), 0.38, 2.0, pal, selected=True)
    fill = image.pixelColor(round(text_rect.left() * 2), round(text_rect.top() * 2))
    ink = pal.color(QPalette.ColorRole.HighlightedText)
    seen = {image.pixelColor(x, y).name() for y in range(round(text_rect.top() * 2), round(text_rect.bottom() * 2))
            for x in range(round(text_rect.left() * 2), round(text_rect.right() * 2))}
    assert all(on_segment(QColor(c), fill, ink) for c in seen)
    assert ink.name() in seen or any(QColor(c).lightness() > 230 for c in seen)


def test_a_narrow_column_shows_the_number_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = QTableView()
    qtbot.addWidget(view)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 40, 24)
    option.fontMetrics = view.fontMetrics()
    bar, text = ProgressDelegate(view).layout(option)
    assert bar.isEmpty() and text.width() > 0
