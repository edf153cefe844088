"""A long session of real use: 300+ drags and 2,000+ hover moves over the board and the list.

Afterwards the process must be alive, its RSS must have grown by less than 50 MB, the board must show
what the database holds, and PRAGMA integrity_check must say ok. This is the test that caught
PySide6 6.12.0 on Python 3.11 (the None-refcount drain aborts the app within a few drags).
"""

from __future__ import annotations

import random
import time
from typing import Any

import pytest
from xdriver import App, centre, column_ids, integrity, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(1500)]

DRAGS = 300
HOVERS = 2000
MAX_RSS_GROWTH_KIB = 50 * 1024


def hover_points(rng: random.Random, rects: list[list[int]], n: int) -> list[tuple[int, int]]:
    points = []
    for _ in range(n):
        x, y, w, h = rng.choice(rects)
        points.append((x + rng.randrange(max(1, w)), y + rng.randrange(max(1, h))))
    return points


def hover(app: App, points: list[tuple[int, int]]) -> None:
    """Small pointer moves, as a hand makes them; one xdotool run per batch keeps this quick."""
    for start in range(0, len(points), 100):
        args: list[str] = []
        for x, y in points[start : start + 100]:
            args += ["mousemove", str(x), str(y), "sleep", "0.004"]
        app.server.xdotool(*args)


def board_drag(app: App, rng: random.Random, board: dict[str, Any]) -> None:
    """One card, picked at random, dropped before a random card of either column (or at a column's end)."""
    source = rng.choice([h for h in ("short", "long") if board[h]["cards"]])
    card = rng.choice(board[source]["cards"])
    target = rng.choice(["short", "long"])
    cards = board[target]["cards"]
    if cards and rng.random() < 0.85:
        x, y, w, h = rng.choice(cards)["rect"]
        end = (x + w // 2, y + max(2, h // 4))
    else:  # empty space under the last card: appended
        vx, vy, vw, vh = board[target]["viewport"]
        bottom = max((c["rect"][1] + c["rect"][3] for c in cards), default=vy)
        end = (vx + vw // 2, min(vy + vh - 5, bottom + 20))
    app.drag(centre(card["rect"]), end, steps=6, pause=0.025)


def _session(app: App, rng: random.Random, geometry: dict[str, Any]) -> tuple[int, int, int, int, dict[str, Any]]:
    """The drags and hovers; returns (drags, hovers, list->tree drags, drags that changed the db, geometry)."""
    drags = hovers = list_drags = changed = 0
    tree_targets = [r for r in geometry["tree"]["rows"] if r["id"] is not None and "(" in r["text"]]
    try:
        while drags < DRAGS:
            snapshot = query(app.db, "SELECT id, horizon, position, category_id FROM goal ORDER BY id")
            if drags % 25 == 24:  # now and then: a list row onto a goal type in the tree
                app.click(centre(geometry["tabs"]["List"]))
                g = app.wait_for(lambda g: "list" in g and g["list"]["rows"], "the list")
                points = hover_points(rng, [r["rect"] for r in g["list"]["rows"]], 60)
                hover(app, points)
                hovers += len(points)
                row = rng.choice(g["list"]["rows"])
                tree = [r for r in g["tree"]["rows"] if r["id"] is not None and r["text"].split(" (")[0] in
                        {t["text"].split(" (")[0] for t in tree_targets}]
                app.drag(centre(row["rect"]), centre(rng.choice(tree)["rect"]), steps=6, pause=0.025)
                list_drags += 1
                app.click(centre(g["tabs"]["Board"]))
                geometry = app.wait_for(lambda g: "board" in g, "the board")
            else:
                board_drag(app, rng, geometry["board"])
            drags += 1
            geometry = app.geometry()
            if "board" in geometry and drags % 3 == 0:
                rects = [c["rect"] for h in ("short", "long") for c in geometry["board"][h]["cards"]]
                points = hover_points(rng, rects, 20)
                hover(app, points)
                hovers += len(points)
            if query(app.db, "SELECT id, horizon, position, category_id FROM goal ORDER BY id") != snapshot:
                changed += 1

        while hovers < HOVERS:
            rects = [c["rect"] for h in ("short", "long") for c in geometry["board"][h]["cards"]]
            points = hover_points(rng, rects, min(200, HOVERS - hovers))
            hover(app, points)
            hovers += len(points)
    except AssertionError as exc:
        raise AssertionError(f"{drags} drags and {hovers} hover moves done: {exc}") from exc
    return drags, hovers, list_drags, changed, geometry


def test_long_session(app: App, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(13)
    started = time.monotonic()
    geometry = app.wait_for(lambda g: "list" in g and "tree" in g, "the list")
    app.click(centre(geometry["tabs"]["Board"]))
    geometry = app.wait_for(lambda g: "board" in g and g["board"]["short"]["cards"], "the board")
    time.sleep(1.0)  # let start-up work (background load, scores, details) finish before the baseline
    rss_before = app.rss_kib()

    try:
        drags, hovers, list_drags, changed, geometry = _session(app, rng, geometry)
    except AssertionError as exc:  # say how far it got: on a bad PySide6 the app dies within a few drags
        raise AssertionError(f"after {time.monotonic() - started:.0f} s of the session: {exc}") from exc
    time.sleep(1.0)
    assert app.alive(), f"GoalDesk died:\n{app.output()[-3000:]}"
    geometry = app.geometry()
    rss_after = app.rss_kib()
    seconds = time.monotonic() - started
    for horizon in ("short", "long"):  # what the board shows is what the database holds
        shown = [c["id"] for c in geometry["board"][horizon]["cards"]]
        assert shown == column_ids(app.db, horizon)[: len(shown)]
    check = integrity(app.db)
    with capsys.disabled():
        print(
            f"\nlong session: {drags} drags ({drags - list_drags} on the board, {list_drags} list->tree; "
            f"{changed} changed the database), {hovers} hover moves, "
            f"RSS {rss_before / 1024:.1f} MB -> {rss_after / 1024:.1f} MB "
            f"({(rss_after - rss_before) / 1024:+.1f} MB), {seconds:.0f} s, integrity_check: {check}"
        )
    assert drags >= DRAGS and hovers >= HOVERS
    assert changed >= DRAGS // 2, "most drags should have moved something"
    assert rss_after - rss_before < MAX_RSS_GROWTH_KIB
    assert check == "ok"
    assert app.quit() == 0
