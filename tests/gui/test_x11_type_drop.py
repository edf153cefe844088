"""A real mouse drag of a board card onto the goal-type tree: the row under the pointer is highlighted and
is where the goal lands, even near the row's edge (where Qt would otherwise drop "between rows", on the
parent type). Every action is an X input event (xdotool); the result is read from the database.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from typing import Any

import pytest
from xdriver import App, centre, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]


def grab(app: App) -> Any:
    """The screen now, as a PIL image (ImageMagick's ``import``)."""
    from PIL import Image

    out = subprocess.run(["import", "-display", app.server.display, "-window", "root", "png:-"],
                         capture_output=True, timeout=30, check=True)
    return Image.open(io.BytesIO(out.stdout)).convert("RGB")


def distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


@pytest.mark.skipif(shutil.which("import") is None, reason="needs ImageMagick's import for the screenshot")
def test_drag_to_the_tree_highlights_and_files_under_the_row_under_the_pointer(app: App) -> None:
    app.click(centre(app.geometry()["tabs"]["Board"]))
    geometry = app.wait_for(lambda g: "board" in g and g["board"]["short"]["cards"] and "tree" in g, "board+tree")
    card = geometry["board"]["short"]["cards"][0]
    ((networking,),) = query(app.db, "SELECT id FROM category WHERE key = 'networking'")
    ((before,),) = query(app.db, "SELECT category_id FROM goal WHERE id = ?", card["id"])
    assert before != networking
    row = next(r for r in geometry["tree"]["rows"] if r["id"] == networking)
    x, y, w, h = row["rect"]
    viewport = geometry["tree"]["viewport"]
    target = (x + w // 2, y + 2)  # the row's top edge: Qt's "above this row" band
    quiet_right = viewport[0] + viewport[2] - 6  # far right of the row: no text there, only the highlight
    idle = grab(app).getpixel((quiet_right, y + h // 2))

    start = centre(card["rect"])
    args = ["mousemove", str(start[0]), str(start[1]), "sleep", "0.05", "mousedown", "1", "sleep", "0.05"]
    for i in range(1, 13):
        args += ["mousemove", str(start[0] + (target[0] - start[0]) * i // 12),
                 str(start[1] + (target[1] - start[1]) * i // 12), "sleep", "0.04"]
    args += ["mousemove", str(target[0]), str(target[1]), "sleep", "0.4"]
    app.server.xdotool(*args)
    try:
        hovering = grab(app).getpixel((quiet_right, y + h // 2))
    finally:
        app.server.xdotool("mousemove", str(target[0]), str(target[1] + 1), "sleep", "0.1", "mouseup", "1")
    assert distance(hovering, idle) > 60, (idle, hovering)  # the whole row is marked while the drag is over it

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if query(app.db, "SELECT category_id FROM goal WHERE id = ?", card["id"])[0][0] == networking:
            break
        time.sleep(0.05)
    assert query(app.db, "SELECT category_id FROM goal WHERE id = ?", card["id"])[0][0] == networking
    assert app.alive()
