"""GoalDesk read and used through the AT-SPI accessibility bus, as a screen reader does (issue 20).

The real app runs under Xvfb with a private D-Bus session and the AT-SPI bus (tests/gui/a11y.py);
tests/gui/atspi_probe.py, under the system Python with pyatspi, walks what the app publishes and acts
through the bus: it presses New Goal through the Action interface, selects a list row through the
Selection interface, and listens for announcements. Qt sends a QAccessibleAnnouncementEvent to AT-SPI
as an ``object:announcement`` event whose detail is the text. Every showing interactive node (button,
text, table, cell, tree item, ...) must have a name, in the List and Board tabs, the goal editor and the
SMART dialog. Qt publishes no "level" attribute for tree items, so goal-type rows say their level in
their description ("Professional goal type: ..."); that is checked here too.
apt: at-spi2-core dbus-x11 python3-pyatspi (.ci/run installs them).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from a11y import AccessibilityBus
from xdriver import App, centre

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(300)]

GUITAR = "Learn ten songs on the guitar"


@pytest.fixture
def app(a11y_app: App) -> App:
    return a11y_app


def walk(bus: AccessibilityBus, view: str, *extra: str) -> dict[str, Any]:
    """The active window as the bus has it; prints the counts (pytest -s shows them)."""
    seen = bus.probe("walk", "--active", *extra)
    print(f"{view}: {seen['interactive']} interactive nodes, {len(seen['unnamed'])} unnamed")
    return seen


def unnamed(seen: dict[str, Any]) -> list[str]:
    return [f"{n['role']} at {n['path']}" for n in seen["unnamed"]]


def node(seen: dict[str, Any], role: str, name: str) -> dict[str, Any]:
    found = [n for n in seen["nodes"] if n["role"] == role and n["name"] == name]
    assert found, f"no {role} called {name!r}"
    return found[0]


def wait_walk(bus: AccessibilityBus, check: Any, what: str, timeout: float = 15) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        seen = bus.probe("walk", "--active")
        if check(seen):
            return seen
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


def dialog_in_front(seen: dict[str, Any]) -> bool:
    return bool(seen["nodes"]) and seen["nodes"][0]["role"] == "dialog"


def announcements(heard: dict[str, Any]) -> list[str]:
    return [e["detail"] for e in heard["events"] if e["type"].startswith("object:announcement")]


def test_list_tab_named_search_count_heard_and_selection_follows(app: App, bus: AccessibilityBus) -> None:
    seen = walk(bus, "List tab", "--details")
    assert unnamed(seen) == []
    assert node(seen, "text", "Search goals")["description"].endswith("(Ctrl+F)")
    table = node(seen, "table", "Goals")
    assert "Selection" in table["interfaces"] and "Table" in table["interfaces"]
    tree = node(seen, "tree", "Goal types")
    assert tree["description"]
    # Hidden headers are read through the Table interface: words, not Qt's default "1".
    assert bus.probe("headers", "Goal types") == {"headers": ["Goal type"]}
    assert bus.probe("headers", "This week") == {"headers": ["This week"]}
    # Levels in words: Qt gives tree items no "level" attribute on AT-SPI, the description says where they sit.
    skill = next(n for n in seen["nodes"] if n["name"] == "Skill Development, 2 goals")
    assert skill["description"].startswith("Professional goal type: ")
    professional = next(n for n in seen["nodes"] if n["name"] == "Professional, 10 goals")
    assert {"expandable", "expanded"} <= set(professional["states"])
    cells = [n for n in seen["nodes"] if n["role"] == "table cell" and n["path"].startswith(table["path"] + "/")]
    assert "No progress recorded" in [c["name"] for c in cells] and "—" not in [c["name"] for c in cells]

    with bus.listening(6, "object:announcement") as heard:
        app.key("ctrl+f")
        app.type("guitar")
    assert announcements(heard) == ["1 of 15 goals"]  # once, after typing paused, from the search box
    assert [e["source"] for e in heard["events"]] == ["Search goals"]
    app.key("ctrl+a", "BackSpace")

    # Select the second row through the Selection interface: the details panel follows.
    seen = walk(bus, "List tab, search cleared")
    title_cells = [c for c in cells if c["path"].count("/") == table["path"].count("/") + 1]
    second = title_cells[7]  # 7 columns: the first cell of the second row
    index = int(second["path"].rsplit("[", 1)[1].rstrip("]"))
    assert bus.probe("select", "Goals", str(index)) == {"selected": True}
    seen = wait_walk(bus, lambda s: any(n["role"] == "label" and n["name"] == second["name"] for n in s["nodes"]),
                     f"the details of {second['name']!r}")
    details = walk(bus, "List tab with a goal's details")
    assert unnamed(details) == []
    assert node(details, "table", "Check-ins")["description"]


def test_board_named_cards_read_whole_and_move_heard(app: App, bus: AccessibilityBus) -> None:
    app.key("ctrl+2")
    board = app.wait_for(lambda g: "board" in g and g["board"]["short"]["cards"], "the board")["board"]
    seen = wait_walk(bus, lambda s: any(n["role"] == "list item" for n in s["nodes"]), "the board's cards")
    seen = walk(bus, "Board tab")
    assert unnamed(seen) == []
    toggle = node(seen, "check box", "Recently achieved")
    assert toggle["description"].startswith("Show the goals achieved")
    cards = [n["name"] for n in seen["nodes"] if n["role"] == "list item"]
    guitar = next(c for c in cards if c.startswith(GUITAR))
    assert guitar == f"{GUITAR}, Hobbies & Learning, 3 days overdue, 30% done (3 of 10 songs), SMART 4 of 5"
    assert not any("songs songs" in c for c in cards)
    bare = next(c for c in cards if c.startswith("Cut report errors"))
    assert "Performance" in bare and "no measure yet" in bare

    card = board["short"]["cards"][0]
    app.click(centre(card["rect"]))
    with bus.listening(5, "object:announcement") as heard:
        app.key("ctrl+m")
    said = announcements(heard)
    assert len(said) == 1 and said[0].startswith("Moved “") and said[0].endswith("” to Long-term"), said
    assert card["text"].startswith(said[0][len("Moved “"):-len("” to Long-term")].rstrip("…"))


def test_small_win_celebration_heard(app: App, bus: AccessibilityBus) -> None:
    row = next(r for r in app.geometry()["list"]["rows"] if r["text"] == GUITAR)
    app.click(centre(row["rect"]))
    with bus.listening(8, "object:announcement") as heard:
        app.key("ctrl+shift+c")
        wait_walk(bus, dialog_in_front, "the check-in dialog")
        app.type("5")
        app.key("Return")
    said = announcements(heard)
    assert any(s.endswith(f"Halfway there on “{GUITAR}”!") for s in said), said
    seen = walk(bus, "List tab with the celebration")
    assert any(n["name"] == "Dismiss the celebration" for n in seen["nodes"])
    assert unnamed(seen) == []


def test_new_goal_pressed_through_action_answers_and_editor_is_named(app: App, bus: AccessibilityBus) -> None:
    pressed = bus.probe("press", "New Goal")
    assert pressed["answered"] and pressed["seconds"] < 5, pressed  # exec() in the slot made this hang
    seen = wait_walk(bus, dialog_in_front, "the goal editor")
    seen = walk(bus, "Goal editor")
    app.key("Escape")
    assert unnamed(seen) == []


def test_smart_dialog_is_named(app: App, bus: AccessibilityBus) -> None:
    row = next(r for r in app.geometry()["list"]["rows"] if r["text"] == GUITAR)
    app.click(centre(row["rect"]))
    app.key("ctrl+k")
    seen = wait_walk(bus, dialog_in_front, "the SMART dialog")
    seen = walk(bus, "SMART dialog")
    app.key("Escape")
    assert unnamed(seen) == []
