"""Small screens and 200% scale on a real X server: the window fits, and no pane scrolls sideways.

A 1024 x 600 screen gets its own Xvfb; 200% (QT_SCALE_FACTOR=2) runs on the suite's 1600 x 1000 one.
The app reports how it fits (GOALDESK_TEST_GEOMETRY: frame, available area, panes that would need a
horizontal scrollbar); the goal, the details and "This Week" are opened with real clicks and keys.
A screenshot of each state is kept in the test's folder for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xdriver
from xdriver import App, XServer, centre

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XServer]:
    """An X server whose only screen is 1024 x 600, like a small laptop."""
    missing = xdriver.missing_tools()
    if missing:
        pytest.skip(f"the real-input suite needs {', '.join(missing)}")
    screen = xdriver.SCREEN
    xdriver.SCREEN = "1024x600x24"
    try:
        with XServer.start(tmp_path_factory.mktemp("x11-small")) as server:
            xdriver.SCREEN = screen
            yield server
    finally:
        xdriver.SCREEN = screen


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def physical_size(server: XServer, pid: int) -> tuple[int, int]:
    """The window's size in screen pixels, as the X server has it (not as Qt reports it)."""
    wid = server.xdotool("search", "--sync", "--onlyvisible", "--pid", str(pid), "--name", "GoalDesk").split()[0]
    out = server.xdotool("getwindowgeometry", wid)
    size = next(line for line in out.splitlines() if "Geometry:" in line).split()[-1]
    w, h = size.split("x")
    return int(w), int(h)


def screenshot(server: XServer, path: Path) -> None:
    """For a person to look at (ImageMagick's ``import``; skipped quietly without it)."""
    if shutil.which("import"):
        subprocess.run(["import", "-display", server.display, "-window", "root", str(path)],
                       capture_output=True, timeout=30)


def check_fits(app: App, shot: Path) -> dict[str, Any]:
    g = app.geometry()
    screenshot(app.server, shot)
    fit = g["fit"]
    assert inside(fit["frame"], fit["available"]), fit
    assert fit["sideways_scrolling"] == [], fit
    assert not fit["toolbar_folded"], fit
    return g


def open_goal_and_review(app: App, tmp_path: Path, name: str) -> None:
    """Fits as opened, with a goal's details, and with "This Week" in front."""
    g = check_fits(app, tmp_path / f"{name}-opened.png")
    app.click(centre(g["list"]["rows"][0]["rect"]))
    app.wait_for(lambda g: "detailsDock" in g["fit"]["docks_in_front"], "the goal's details")
    check_fits(app, tmp_path / f"{name}-details.png")
    app.key("ctrl+r")
    app.wait_for(lambda g: "reviewDock" in g["fit"]["docks_in_front"], "This Week")
    check_fits(app, tmp_path / f"{name}-this-week.png")


def open_board(app: App, tmp_path: Path, name: str) -> None:
    app.click(centre(app.geometry()["tabs"]["Board"]))
    app.wait_for(lambda g: "board" in g, "the board")
    check_fits(app, tmp_path / f"{name}-board.png")


def test_1024_by_600_screen(small_server: XServer, demo_db: Path, tmp_path: Path) -> None:
    app = App(small_server, demo_db, tmp_path)
    try:
        open_goal_and_review(app, tmp_path, "1024x600")
        open_board(app, tmp_path, "1024x600")
        w, h = physical_size(small_server, app.proc.pid)
        assert w <= 1024 and h <= 600
    finally:
        app.quit()


def test_scale_factor_2_on_1600_by_1000(
    x_server: XServer, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    app = App(x_server, demo_db, tmp_path)
    try:
        g = app.geometry()
        assert g["fit"]["device_pixel_ratio"] == 2
        assert g["fit"]["available"][2] <= 1600  # 800 logical pixels wide
        open_goal_and_review(app, tmp_path, "scale2")
        w, h = physical_size(x_server, app.proc.pid)
        assert w <= 1600 and h <= 1000  # it opened at 2880 x 1720 before
    finally:
        app.quit()


def test_board_at_scale_factor_2_on_1600_by_1000(
    x_server: XServer, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 800 logical pixels the board fits beside the details: its headers elide and the collapsed
    "Recently achieved" is an arrow (the board needed about 370 px before, 875 px with the details)."""
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    app = App(x_server, demo_db, tmp_path)
    try:
        open_board(app, tmp_path, "scale2")
    finally:
        app.quit()


def test_saved_big_window_opens_fitted_at_scale_2(
    x_server: XServer, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Used at 100% (a big window saved), then started at 200%: the saved size does not fit, so it is not used."""
    app = App(x_server, demo_db, tmp_path)
    wid = x_server.xdotool("search", "--sync", "--onlyvisible", "--pid", str(app.proc.pid), "--name", "GoalDesk")
    x_server.xdotool("windowsize", wid.split()[0], "1500", "900")
    app.wait_for(lambda g: g["window"][2] >= 1400, "the bigger window")
    assert app.quit() == 0
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    again = App(x_server, demo_db, tmp_path)
    try:
        check_fits(again, tmp_path / "scale2-restored.png")
        w, h = physical_size(x_server, again.proc.pid)
        assert w <= 1600 and h <= 1000
    finally:
        again.quit()

