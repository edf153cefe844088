"""Render the app icon SVG to the PNG sizes desktops and installers ask for.

Qt's own SVG renderer is used so no extra tool (rsvg, Inkscape) is needed and the PNGs match what the
running app draws. Run after editing ``resources/icons/app/goaldesk.svg``, then ``make resources``.

    .venv/bin/python tools/render_icons.py [--sheet preview.png]

``--sheet`` also writes one picture of every icon at 16/24/32 px on a light and a dark background,
to look at before committing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
APP_SVG = ICON_DIR / "app" / "goaldesk.svg"
SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)


def _app() -> object:
    """A QGuiApplication is needed for QImage/QPainter; offscreen so it works with no display."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def render_svg(svg: Path, size: int) -> object:
    """One transparent ``size``x``size`` QImage of ``svg``, antialiased."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def render_app_icons(out_dir: Path = APP_SVG.parent, svg: Path = APP_SVG) -> list[Path]:
    """Write ``goaldesk-<size>.png`` for every size in SIZES; return the paths written."""
    _app()
    written = []
    for size in SIZES:
        target = out_dir / f"goaldesk-{size}.png"
        if not render_svg(svg, size).save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        written.append(target)
    return written


def render_sheet(target: Path) -> None:
    """Every SVG at 16, 24 and 32 px on light and dark backgrounds, for a human to check."""
    from PySide6.QtGui import QColor, QImage, QPainter

    _app()
    svgs = [APP_SVG, *sorted(ICON_DIR.glob("*.svg"))]
    sizes = (16, 24, 32, 64)
    cell = 72
    sheet = QImage(cell * len(sizes) * 2, cell * len(svgs), QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for row, svg in enumerate(svgs):
        for half, background in enumerate(("#f4f4f4", "#2b2b2b")):
            for col, size in enumerate(sizes):
                x = (half * len(sizes) + col) * cell
                painter.fillRect(x, row * cell, cell, cell, QColor(background))
                painter.drawImage(x + (cell - size) // 2, row * cell + (cell - size) // 2, render_svg(svg, size))
    painter.end()
    sheet.save(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="also write a preview sheet of every icon to this PNG")
    args = parser.parse_args(argv)
    for path in render_app_icons():
        print(path.relative_to(ROOT))
    if args.sheet:
        render_sheet(args.sheet)
        print(args.sheet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
