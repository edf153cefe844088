"""Every icon the app shows, named in one place.

Widgets ask for ``icons.icon("new-goal")`` rather than a path, so renaming or redrawing an icon touches this
module and ``resources/`` only. The files are compiled into ``resources_rc`` (``make resources``), so
they work the same from source, from a wheel and from the PyInstaller bundle.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QFile, QSize
from PySide6.QtGui import QIcon

from goaldesk.ui.common import resources_rc  # noqa: F401  (registers the ":/icons" resources)

__all__ = ["APP_ICON_SIZES", "NAMES", "app_icon", "icon"]

log = logging.getLogger(__name__)

PREFIX = ":/icons"
APP_ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
NAMES: tuple[str, ...] = (
    "board",
    "category-add",
    "chart",
    "checkin",
    "export",
    "feedback",
    "list",
    "new-goal",
    "personal",
    "print",
    "professional",
    "restore",
    "review",
    "smart-check",
    "strengths",
    "trash",
)


def resource_path(name: str) -> str:
    """The ":/icons/<name>.svg" path for an icon name; underscores count as hyphens."""
    return f"{PREFIX}/{name.strip().lower().replace('_', '-')}.svg"


@cache
def icon(name: str) -> QIcon:
    """The named icon; an unknown name gives the theme's "image-missing" (or an empty icon), never an error."""
    path = resource_path(name)
    if QFile.exists(path):
        return QIcon(path)
    log.warning("no icon named %r (%s); using a placeholder", name, path)
    return QIcon.fromTheme("image-missing")


@cache
def app_icon() -> QIcon:
    """The GoalDesk icon at every rendered size plus the SVG, for the window and the taskbar."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        result.addFile(f"{PREFIX}/app/goaldesk-{size}.png", QSize(size, size))
    result.addFile(f"{PREFIX}/app/goaldesk.svg")
    return result

