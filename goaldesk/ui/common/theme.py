"""The app's look: System, Light or Dark (Preferences › Appearance), and goal-type colours on screen.

Light and Dark use the Fusion style, which draws everything from the palette, so one dark ``QPalette``
makes every widget, card and chart dark; System leaves the platform's style and palette as they were
at start-up. The choice is kept in QSettings and applied at start (``app.py``) and live when changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyleFactory

from goaldesk.domain.palette import visible_on

APPEARANCE_KEY = "appearance/mode"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)

_SYSTEM_STYLE = "goaldesk_system_style"  # QApplication property: the platform's style, kept for "System"


def mode_label(mode: str) -> str:
    """The name shown in Preferences for a mode."""
    labels = {
        SYSTEM: QCoreApplication.translate("Appearance", "System"),
        LIGHT: QCoreApplication.translate("Appearance", "Light"),
        DARK: QCoreApplication.translate("Appearance", "Dark"),
    }
    return labels[mode]


def appearance(settings: QSettings) -> str:
    """The stored mode; anything unknown reads as System."""
    value = str(settings.value(APPEARANCE_KEY, SYSTEM))
    return value if value in MODES else SYSTEM


def dark_palette() -> QPalette:
    """A Fusion dark palette: dark grey surfaces, light text, a blue that reads on both."""
    pal = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2d31", role.WindowText: "#e8eaed", role.Base: "#1f2125", role.AlternateBase: "#292b30",
        role.ToolTipBase: "#3a3d43", role.ToolTipText: "#e8eaed", role.PlaceholderText: "#9aa0a6",
        role.Text: "#e8eaed", role.Button: "#34373c", role.ButtonText: "#e8eaed", role.BrightText: "#ff7b72",
        role.Light: "#4a4d53", role.Midlight: "#3e4147", role.Mid: "#26282c", role.Dark: "#1a1b1e",
        role.Shadow: "#000000", role.Highlight: "#3d7bd9", role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8", role.LinkVisited: "#c58af9",
    }
    for r, hex_colour in colours.items():
        pal.setColor(r, QColor(hex_colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor("#7d8288"))
    pal.setColor(disabled, role.Highlight, QColor("#4a4d53"))
    pal.setColor(disabled, role.HighlightedText, QColor("#b0b4b9"))
    return pal


def light_palette() -> QPalette:
    """Fusion's own light palette (the same on every desktop)."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def remember_system_look(app: QApplication | None = None) -> None:
    """Note the platform's style at start-up (before any change), so System can go back to it."""
    app = app or _app()
    if app is not None and app.property(_SYSTEM_STYLE) is None:
        app.setProperty(_SYSTEM_STYLE, app.style().name())


def apply_appearance(mode: str, app: QApplication | None = None) -> None:
    """Switch the whole app to a mode now; every widget gets a PaletteChange event and repaints."""
    app = app or _app()
    if app is None:
        return
    remember_system_look(app)
    if mode == SYSTEM:
        if app.style().name() != app.property(_SYSTEM_STYLE):
            app.setStyle(str(app.property(_SYSTEM_STYLE)))
        app.setPalette(QPalette())  # nothing set: the platform theme's colours again, and its later changes
        return
    if app.style().name().casefold() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if mode == DARK else light_palette())


def apply_saved_appearance(settings: QSettings, app: QApplication | None = None) -> str:
    """At start-up: remember the platform's look, then apply the stored mode (System changes nothing)."""
    remember_system_look(app)
    mode = appearance(settings)
    if mode != SYSTEM:
        apply_appearance(mode, app)
    return mode


def _app() -> QApplication | None:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def is_dark(palette: QPalette | None = None) -> bool:
    """A palette whose window colour is darker than mid-grey."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


# ---------------------------------------------------------------------- goal-type colours


def type_colour(colour: str | None, palette: QPalette | None = None) -> QColor | None:
    """A goal type's colour as drawn on ``palette``'s base: the same hue, lightness nudged to stay visible."""
    if not colour:
        return None
    pal = palette if palette is not None else QGuiApplication.palette()
    return QColor(visible_on(colour, pal.color(QPalette.ColorRole.Base).name()))


def swatch_pixmap(colour: str | None, size: int, palette: QPalette | None = None, dpr: float = 1.0) -> QPixmap:
    """A rounded square in a type's colour with a thin outline; transparent for no colour (keeps alignment)."""
    pixmap = QPixmap(QSize(round(size * dpr), round(size * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill = type_colour(colour, palette)
    if fill is None:
        return pixmap
    pal = palette if palette is not None else QGuiApplication.palette()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    outline = QColor(pal.color(QPalette.ColorRole.Text))
    outline.setAlphaF(0.45)
    painter.setPen(QPen(outline, 1.0))
    painter.setBrush(fill)
    inset = max(1.0, size / 8)
    rect = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), size / 6, size / 6)
    painter.end()
    return pixmap


def swatch_icon(colour: str | None, size: int = 16, palette: QPalette | None = None) -> QIcon:
    """``swatch_pixmap`` as an icon, drawn at 1x and 2x so it stays sharp at 200 % scale."""
    icon = QIcon()
    for dpr in (1.0, 2.0):
        icon.addPixmap(swatch_pixmap(colour, size, palette, dpr))
    return icon
