"""The keyboard on the real app under Xvfb + openbox: Tab walks the panes, Ctrl+1/Ctrl+2 focus the view,
and a card picked on the board is what Ctrl+P prints.

Where the focus is comes from the app (GOALDESK_TEST_GEOMETRY reports the focused pane); every action
is an X input event (xdotool).
"""

from __future__ import annotations

from typing import Any

import pytest
from xdriver import App, centre, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]


def pane(g: dict[str, Any]) -> str | None:
    focus = g.get("focus") or {}
    return focus.get("pane")


def wait_pane(app: App, expected: str) -> dict[str, Any]:
    return app.wait_for(lambda g: pane(g) == expected, f"the keyboard in the {expected} pane", timeout=10)


def test_tab_reaches_tree_search_list_details_in_order(app: App) -> None:
    g = app.geometry()
    app.click(centre(g["list"]["rows"][0]["rect"]))  # pick a goal: the details panel shows it
    wait_pane(app, "list")
    app.click(centre(g["tree"]["rows"][0]["rect"]))  # "All goals": the list stays as it is
    wait_pane(app, "tree")
    for expected in ("search", "list", "details"):
        app.key("Tab")
        wait_pane(app, expected)
    # Tab goes on through the details panel's own controls, then round to the tree again.
    for _ in range(30):
        app.key("Tab")
        g = app.geometry()
        if pane(g) == "tree":
            break
        assert pane(g) == "details", g.get("focus")
    else:
        raise AssertionError("Tab never came back round to the tree")
    app.key("shift+Tab")
    wait_pane(app, "details")


def test_tab_leaves_the_list_instead_of_walking_cells(app: App) -> None:
    g = app.geometry()
    app.click(centre(g["list"]["rows"][1]["rect"]))
    wait_pane(app, "list")
    app.key("Tab")
    wait_pane(app, "details")
    app.key("shift+Tab")
    wait_pane(app, "list")
    app.key("shift+Tab")
    wait_pane(app, "search")


def test_ctrl_2_and_ctrl_1_put_the_keyboard_in_the_view(app: App) -> None:
    app.key("ctrl+f")
    wait_pane(app, "search")
    app.key("ctrl+2")
    g = wait_pane(app, "board")
    assert g["current_tab"] == 1
    app.key("Down")  # the arrows work at once: a card is picked
    app.key("ctrl+1")
    g = wait_pane(app, "list")
    assert g["current_tab"] == 0


def test_ctrl_p_after_picking_a_card_prints_that_goal(app: App) -> None:
    app.click(centre(app.geometry()["tabs"]["Board"]))
    g = app.wait_for(lambda g: "board" in g and g["board"]["long"]["cards"], "the board")
    card = g["board"]["long"]["cards"][0]
    app.click(centre(card["rect"]))
    wait_pane(app, "board")
    title = query(app.db, "SELECT title FROM goal WHERE id = ?", card["id"])[0][0]
    app.key("ctrl+p")
    g = app.wait_for(
        lambda g: (g.get("active") or {}).get("title", "").startswith("Print Preview"), "the print preview", 60
    )
    assert title in g["active"]["title"]  # the picked card's chart, not "Goals overview"
    app.key("Escape")
    app.wait_for(lambda g: (g.get("active") or {}).get("title", "").startswith("GoalDesk"), "the main window again")
