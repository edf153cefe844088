"""The dialogs read and opened through the AT-SPI bus, as a screen reader user meets them (issue 20).

Each dialog is opened the way a user does (a press through the Action interface, a shortcut, or Alt and
a menu letter); the press must be answered at once (an ``exec()`` in the slot made it hang until the
dialog closed), and the dialog must show no interactive node without a name. The walk counts are
printed (pytest -s shows them).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from a11y import AccessibilityBus
from test_x11_accessibility import GUITAR, unnamed, walk
from xdriver import App, centre

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(300)]


@pytest.fixture
def app(a11y_app: App) -> App:
    row = next(r for r in a11y_app.geometry()["list"]["rows"] if r["text"] == GUITAR)
    a11y_app.click(centre(row["rect"]))  # a goal to act on
    return a11y_app


def front(bus: AccessibilityBus, title: str, timeout: float = 20) -> dict[str, Any]:
    """The walk of the active window once a dialog whose name starts with ``title`` is in front."""
    deadline = time.monotonic() + timeout
    while True:
        seen = bus.probe("walk", "--active")
        nodes = seen["nodes"]
        if nodes and nodes[0]["role"] in ("dialog", "alert") and nodes[0]["name"].startswith(title):
            return walk(bus, title)
        if time.monotonic() > deadline:
            raise AssertionError(f"no dialog {title!r} came up; in front: {nodes[0] if nodes else None}")
        time.sleep(0.3)


def closed(bus: AccessibilityBus, app: App, title: str) -> None:
    app.key("Escape")
    deadline = time.monotonic() + 15
    while True:
        nodes = bus.probe("walk", "--active")["nodes"]
        if nodes and not nodes[0]["name"].startswith(title):
            return
        assert time.monotonic() < deadline, f"{title} did not close"
        time.sleep(0.3)


def test_smart_check_pressed_through_the_bus_and_its_guided_rewrite(app: App, bus: AccessibilityBus) -> None:
    pressed = bus.probe("press", "SMART Check")
    assert pressed["answered"] and pressed["seconds"] < 5, pressed
    seen = front(bus, "SMART Check")
    assert unnamed(seen) == []
    criteria = {n["name"] for n in seen["nodes"] if n["role"] == "panel" and ": " in n["name"]}
    for criterion in ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound"):  # verdicts in words
        assert {f"{criterion}: met", f"{criterion}: not met"} & criteria, (criterion, criteria)
    pressed = bus.probe("press", "Rewrite as SMART…")
    assert pressed["answered"] and pressed["seconds"] < 5, pressed
    guided = front(bus, "Rewrite as SMART")
    closed(bus, app, "Rewrite as SMART")
    closed(bus, app, "SMART Check")
    assert unnamed(guided) == []


@pytest.mark.parametrize(("keys", "title"), [
    (["ctrl+shift+c"], "Add Check-in"),
    (["ctrl+comma"], "Preferences"),
    (["ctrl+p"], "Print Preview"),
    (["alt+e", "t"], "Trash"),
    (["alt+f", "r"], "Restore a backup"),
    (["alt+h", "a"], "About GoalDesk"),
])
def test_dialog_from_the_keyboard_is_named(app: App, bus: AccessibilityBus, keys: list[str], title: str) -> None:
    for key in keys:
        app.key(key)
        time.sleep(0.3)
    seen = front(bus, title)
    closed(bus, app, title)
    assert unnamed(seen) == []


def test_editor_then_the_reason_question(app: App, bus: AccessibilityBus) -> None:
    app.key("Return")  # the list's current goal opens in the editor
    editor = front(bus, "Edit Goal")
    assert unnamed(editor) == []
    app.key("alt+a", "Tab", "ctrl+a")  # Target: from, then the target itself
    app.type("99")
    app.key("Return")
    question = front(bus, "Adjusting a Goal")
    closed(bus, app, "Adjusting a Goal")  # cancelled: nothing saved
    assert unnamed(question) == []
