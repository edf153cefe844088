"""Drive the real GoalDesk on a real X server, as a person does: only X input events (xdotool/XTEST).

The app, started with GOALDESK_TEST_GEOMETRY, tells us where its widgets are (goaldesk/ui/shell/geometry_probe.py);
every action here is a pointer or keyboard event sent through the X server, never a Qt call.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DISPLAYS = (91, 92, 93, 94)
SCREEN = "1600x1000x24"
ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "openbox", "xdotool", "xdpyinfo")

Rect = list[int]


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def centre(rect: Rect) -> tuple[int, int]:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


def _display_free(n: int) -> bool:
    if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:  # nothing listening on TCP 6000+n either
        return s.connect_ex(("127.0.0.1", 6000 + n)) != 0


@dataclass
class XServer:
    """Xvfb plus openbox (a real window manager: focus, placement, decorations) on a free display."""

    display: str
    xvfb: subprocess.Popen[bytes]
    wm: subprocess.Popen[bytes]

    @classmethod
    @contextmanager
    def start(cls, log_dir: Path) -> Iterator[XServer]:
        last_error = "no display number in :91-:94 was free"
        for n in DISPLAYS:
            if not _display_free(n):
                continue
            display = f":{n}"
            xvfb = subprocess.Popen(
                ["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
                stdout=subprocess.DEVNULL,
                stderr=open(log_dir / f"xvfb{n}.log", "wb"),  # noqa: SIM115 - closed with the process
            )
            env = dict(os.environ, DISPLAY=display)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and xvfb.poll() is None:
                if subprocess.run(["xdpyinfo"], env=env, capture_output=True).returncode == 0:
                    break
                time.sleep(0.1)
            if xvfb.poll() is not None or time.monotonic() >= deadline:
                last_error = f"Xvfb {display} did not start: {(log_dir / f'xvfb{n}.log').read_text()[-500:]}"
                _stop(xvfb)
                continue
            wm = subprocess.Popen(
                ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                stderr=open(log_dir / f"openbox{n}.log", "wb"),  # noqa: SIM115
            )
            time.sleep(0.5)
            server = cls(display, xvfb, wm)
            try:
                yield server
            finally:
                _stop(wm)
                _stop(xvfb)
            return
        raise RuntimeError(last_error)

    def env(self) -> dict[str, str]:
        return dict(os.environ, DISPLAY=self.display)

    def xdotool(self, *args: str) -> str:
        out = subprocess.run(
            ["xdotool", *args], env=self.env(), capture_output=True, text=True, timeout=30, check=True
        )
        return out.stdout

    def screenshot(self, path: Path) -> None:
        """For a failing test's report: ImageMagick's ``import`` (or xwd + convert); skipped quietly without."""
        if shutil.which("import"):
            subprocess.run(["import", "-display", self.display, "-window", "root", str(path)],
                           capture_output=True, timeout=30, check=False)
        elif shutil.which("xwd") and shutil.which("convert"):
            subprocess.run(f"xwd -root -display {self.display} | convert xwd:- {path}", shell=True,
                           capture_output=True, timeout=30)


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


class App:
    """The real ``goaldesk --db PATH`` process on ``server``, and a person's hands for it."""

    def __init__(self, server: XServer, db: Path, work: Path) -> None:
        self.server = server
        self.db = db
        self.work = work
        self.geometry_file = work / "geometry.json"
        self.request_file = work / "geometry.json.request"
        self.log = work / "app.log"
        work.mkdir(parents=True, exist_ok=True)
        env = server.env()
        env.update(
            QT_QPA_PLATFORM="xcb",
            GOALDESK_TEST_GEOMETRY=str(self.geometry_file),
            XDG_CONFIG_HOME=str(work / "config"),
            XDG_DATA_HOME=str(work / "data"),
            XDG_CACHE_HOME=str(work / "cache"),
            MPLCONFIGDIR=str(work / "mpl"),
            PYTHONFAULTHANDLER="1",
        )
        env.pop("GOALDESK_DB", None)
        env.pop("QT_QPA_PLATFORMTHEME", None)
        script = Path(sys.executable).with_name("goaldesk")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "goaldesk"]
        self.server.xdotool("keyup", "ctrl", "shift", "alt")  # a previous test must not leave keys held
        self.proc = subprocess.Popen(
            [*command, "--db", str(db), "--new-instance"],
            env=env, cwd=work, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT,  # noqa: SIM115
        )
        self.wait_for(lambda g: g.get("title", "").startswith("GoalDesk"), "the main window", timeout=60)
        self.click(centre(self.geometry()["tabs"]["List"]))  # a person's first click: focus the window

    # ------------------------------------------------------------------ what the app says

    def alive(self) -> bool:
        return self.proc.poll() is None

    def output(self) -> str:
        """stdout, then fatal.log: without a terminal the app's crash reporter sends fd 2 there."""
        texts = [p.read_text(errors="replace") for p in (self.log, self.db.parent / "fatal.log") if p.exists()]
        return "\n".join(t for t in texts if t)

    def geometry(self, timeout: float = 20) -> dict[str, Any]:
        """Ask the app where things are now (answered from its event loop within ~50 ms)."""
        self.request_file.touch()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise AssertionError(f"GoalDesk exited ({self.proc.returncode}):\n{self.output()[-3000:]}")
            if not self.request_file.exists():
                try:
                    return dict(json.loads(self.geometry_file.read_text(encoding="utf-8")))
                except (OSError, ValueError):
                    pass
            time.sleep(0.02)
        raise AssertionError(f"GoalDesk did not answer a geometry request within {timeout} s")

    def wait_for(self, check: Any, what: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        last: dict[str, Any] = {}
        while time.monotonic() < deadline:
            try:
                last = self.geometry(timeout=max(1.0, deadline - time.monotonic()))
            except AssertionError:
                if not self.alive():
                    raise
                continue
            if check(last):
                return last
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; last geometry: {json.dumps(last)[:2000]}")

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    # ------------------------------------------------------------------ a person's hands

    def move(self, point: tuple[int, int]) -> None:
        self.server.xdotool("mousemove", str(point[0]), str(point[1]))

    def click(self, point: tuple[int, int]) -> None:
        self.server.xdotool("mousemove", str(point[0]), str(point[1]), "sleep", "0.05", "click", "1")

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 10, pause: float = 0.04) -> None:
        """Press, move in small steps (one big jump is not seen as a drag), release."""
        args = ["mousemove", str(start[0]), str(start[1]), "sleep", "0.05", "mousedown", "1", "sleep", "0.05"]
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i // steps
            y = start[1] + (end[1] - start[1]) * i // steps
            args += ["mousemove", str(x), str(y), "sleep", str(pause)]
        args += ["mousemove", str(end[0]), str(end[1]), "sleep", "0.1", "mouseup", "1", "sleep", "0.1"]
        self.server.xdotool(*args)

    def key(self, *keys: str) -> None:
        self.server.xdotool("key", "--clearmodifiers", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        self.server.xdotool("type", "--clearmodifiers", "--delay", "20", text)

    def quit(self) -> int:
        """Ctrl+Q, as a person quits; killed only if that does not work within 20 s."""
        if self.alive():
            try:
                self.key("ctrl+q")
                self.proc.wait(20)
            except (subprocess.SubprocessError, subprocess.TimeoutExpired):
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(10)
        try:
            self.server.xdotool("keyup", "ctrl", "shift", "alt")
        except subprocess.SubprocessError:
            pass
        return int(self.proc.returncode)


# ---------------------------------------------------------------------- the database, read directly


def query(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read what the app committed (a separate connection, like another program would)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return list(con.execute(sql, params))
    finally:
        con.close()


def column_ids(db: Path, horizon: str) -> list[int]:
    """Active, non-archived goals of a board column, in board order."""
    rows = query(
        db,
        "SELECT id FROM goal WHERE horizon = ? AND status = 'active' AND deleted_at IS NULL AND archived = 0 "
        "ORDER BY position, id",
        horizon,
    )
    return [r[0] for r in rows]


def integrity(db: Path) -> str:
    return str(query(db, "PRAGMA integrity_check")[0][0])
