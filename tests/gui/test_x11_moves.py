"""Real mouse drags and real keys on the real app under Xvfb + openbox; results read from the database.

Positions come from the app (GOALDESK_TEST_GEOMETRY); every action is an X input event (xdotool).
A card dropped on the upper part of another card lands before it (Qt's AboveItem drop indicator).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from xdriver import App, centre, column_ids, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]


def upper_part(rect: list[int]) -> tuple[int, int]:
    """A point in the top quarter of a card: the drop lands before that card."""
    x, y, w, h = rect
    return x + w // 2, y + max(2, h // 4)


def wait_db(check: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"the database never showed {what}")


def open_board(app: App) -> dict[str, Any]:
    app.click(centre(app.geometry()["tabs"]["Board"]))
    return app.wait_for(lambda g: "board" in g and g["board"]["short"]["cards"], "the board")["board"]


def test_drag_card_to_long_term_and_back(app: App) -> None:
    short0, long0 = column_ids(app.db, "short"), column_ids(app.db, "long")
    board = open_board(app)
    assert [c["id"] for c in board["short"]["cards"]] == short0  # the board shows the database
    card = board["short"]["cards"][0]
    app.drag(centre(card["rect"]), upper_part(board["long"]["cards"][1]["rect"]))
    expected_long = [long0[0], card["id"], *long0[1:]]
    wait_db(lambda: column_ids(app.db, "long") == expected_long, f"long-term = {expected_long}")
    assert column_ids(app.db, "short") == short0[1:]

    board = app.geometry()["board"]
    moved = next(c for c in board["long"]["cards"] if c["id"] == card["id"])
    app.drag(centre(moved["rect"]), upper_part(board["short"]["cards"][0]["rect"]))
    wait_db(lambda: column_ids(app.db, "short") == short0, f"short-term back to {short0}")
    assert column_ids(app.db, "long") == long0


def test_reorder_card_within_column(app: App) -> None:
    short0 = column_ids(app.db, "short")
    board = open_board(app)
    cards = board["short"]["cards"]
    app.drag(centre(cards[0]["rect"]), upper_part(cards[3]["rect"]))
    expected = [short0[1], short0[2], short0[0], *short0[3:]]
    wait_db(lambda: column_ids(app.db, "short") == expected, f"short-term = {expected}")
    shown = app.wait_for(
        lambda g: [c["id"] for c in g["board"]["short"]["cards"]] == expected, "the board to show the new order"
    )
    assert shown["board"]["short"]["cards"][2]["text"]


def test_ctrl_z_after_drag_restores_the_placement(app: App) -> None:
    short0, long0 = column_ids(app.db, "short"), column_ids(app.db, "long")
    positions0 = query(app.db, "SELECT id, horizon, position FROM goal ORDER BY id")
    board = open_board(app)
    card = board["long"]["cards"][2]
    app.drag(centre(card["rect"]), upper_part(board["short"]["cards"][1]["rect"]))
    wait_db(lambda: card["id"] in column_ids(app.db, "short"), "the card in short-term")
    app.key("ctrl+z")
    wait_db(lambda: column_ids(app.db, "long") == long0, "long-term restored by Ctrl+Z")
    assert column_ids(app.db, "short") == short0
    assert query(app.db, "SELECT id, horizon, position FROM goal ORDER BY id") == positions0


def test_drag_list_row_onto_goal_type(app: App) -> None:
    geometry = app.wait_for(lambda g: "list" in g and g["list"]["rows"] and "tree" in g, "the list and the tree")
    row = geometry["list"]["rows"][0]
    old = query(app.db, "SELECT category_id FROM goal WHERE id = ?", row["id"])[0][0]
    target = next(
        r for r in geometry["tree"]["rows"] if r["id"] not in (None, old) and r["text"].startswith("Leadership")
    )
    app.drag(centre(row["rect"]), centre(target["rect"]))
    wait_db(
        lambda: query(app.db, "SELECT category_id FROM goal WHERE id = ?", row["id"])[0][0] == target["id"],
        f"goal {row['id']} filed under {target['text']}",
    )
    app.key("ctrl+z")
    wait_db(lambda: query(app.db, "SELECT category_id FROM goal WHERE id = ?", row["id"])[0][0] == old, "undone")
