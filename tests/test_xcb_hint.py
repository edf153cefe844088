"""The start-up hint for missing xcb libraries (goaldesk/ui/shell/platform_check.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from goaldesk.ui.shell.platform_check import XCB_LIBRARIES, hint, missing_libraries, platform_will_be_xcb, xcb_problem

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb check runs on Linux only")
FAKE = {"libgoaldesk-no-such-library.so.0": "libgoaldesk-fake0"}


def test_hint_names_the_libraries_and_one_apt_get_line() -> None:
    message = hint(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
    assert "libxcb-cursor.so.0, libxkbcommon-x11.so.0" in message
    assert message.splitlines()[-1].endswith("sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0")
    assert len(message.splitlines()) == 2


def test_hint_for_an_unknown_soname_uses_the_name_itself() -> None:
    assert hint(["libodd.so.1"], {}).endswith("apt-get install libodd.so.1")


@linux_only
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:dpi=96"}, True),
        ({"QT_QPA_PLATFORM": "minimal:enable_fonts", "DISPLAY": ":0"}, False),
        ({}, False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ],
)
def test_platform_will_be_xcb(env: dict[str, str], expected: bool) -> None:
    assert platform_will_be_xcb(env) is expected


@linux_only
def test_real_detection_finds_a_fake_library_missing_and_libc_present() -> None:
    assert missing_libraries({**FAKE, "libc.so.6": "libc6"}) == list(FAKE)


@linux_only
def test_xcb_problem_with_a_fake_library() -> None:
    problem = xcb_problem({"DISPLAY": ":0"}, FAKE)
    assert problem is not None and "apt-get install libgoaldesk-fake0" in problem
    assert xcb_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, FAKE) is None
    assert xcb_problem({"DISPLAY": ":0"}, {"libc.so.6": "libc6"}) is None


@linux_only
def test_app_exits_with_the_hint_before_qt_starts() -> None:
    """The real entry point: a missing library gives exit 1 and the message, not Qt's abort."""
    code = (
        "import sys\n"
        "from goaldesk.ui.shell import platform_check\n"
        f"platform_check.XCB_LIBRARIES.clear(); platform_check.XCB_LIBRARIES.update({FAKE!r})\n"
        "from goaldesk.ui.shell.app import make_application\n"
        "make_application()\n"
    )
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": ":999", "HOME": "/nonexistent"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "sudo apt-get install libgoaldesk-fake0" in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr


def test_the_package_map_covers_sonames_only() -> None:
    assert all(".so." in soname for soname in XCB_LIBRARIES)
