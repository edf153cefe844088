"""Before Qt starts on X11: are the libraries of Qt's xcb platform plugin there?

Without them Qt prints "Could not load the Qt platform plugin "xcb"" (often blaming the wrong
library) and aborts. A newcomer running from a source checkout on a desktop without, say,
libxcb-cursor0 gets one clear line with the apt-get command instead. Cheap: a few dlopen() calls of
small libraries Qt would load a moment later anyway, only when the platform will be xcb.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

# Libraries Qt's xcb plugin (libqxcb.so, libQt6XcbQpa.so.6) links that a desktop may lack, and the
# Debian/Ubuntu package of each. libxcb1, libx11 and libgl1 are on every X11 desktop.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def platform_will_be_xcb(env: Mapping[str, str]) -> bool:
    """True when Qt is about to pick its X11 plugin: QT_QPA_PLATFORM is xcb, or unset with DISPLAY set
    outside a Wayland session (there Qt from source prefers its Wayland plugin)."""
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(";")[0].split(":")[0] == "xcb"
    if not env.get("DISPLAY"):
        return False
    wayland = bool(env.get("WAYLAND_DISPLAY")) and env.get("XDG_SESSION_TYPE") == "wayland"
    return not (wayland and not getattr(sys, "frozen", False))  # the bundle has no Wayland plugin


def missing_libraries(libraries: Mapping[str, str] = XCB_LIBRARIES) -> list[str]:
    """The sonames in ``libraries`` that neither the bundle ships nor the dynamic linker can load."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else None
    missing = []
    for soname in libraries:
        if bundled is not None and (bundled / soname).exists():
            continue
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(soname)
    return missing


def hint(missing: list[str], libraries: Mapping[str, str] = XCB_LIBRARIES) -> str:
    """The message for missing xcb libraries: what is wrong, then one apt-get line that fixes it."""
    packages = " ".join(dict.fromkeys(libraries.get(soname, soname) for soname in missing))
    verb = "is" if len(missing) == 1 else "are"
    return (
        f"GoalDesk cannot open its window: Qt's X11 (xcb) platform needs {', '.join(missing)}, which {verb} "
        f"not installed.\n"
        f"On Debian/Ubuntu: sudo apt-get install {packages}"
    )


def xcb_problem(env: Mapping[str, str] | None = None, libraries: Mapping[str, str] = XCB_LIBRARIES) -> str | None:
    """The hint to print before creating QApplication, or None when all is well (or not X11)."""
    if not platform_will_be_xcb(os.environ if env is None else env):
        return None
    missing = missing_libraries(libraries)
    return hint(missing, libraries) if missing else None
