"""The accessibility bus for the real-input suite: a D-Bus session with AT-SPI, and the probe.

``AccessibilityBus.start()`` runs a private ``dbus-daemon --session`` and the AT-SPI bus launcher on
it; apps started with ``bus.env()`` (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) publish their widgets there,
and ``bus.probe(...)`` reads them through pyatspi (atspi_probe.py, under the system Python).
apt: at-spi2-core dbus-x11 python3-pyatspi.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def missing() -> list[str]:
    """What this machine lacks for the accessibility tests (empty: all there)."""
    lacking = []
    if shutil.which("dbus-daemon") is None:
        lacking.append("dbus-daemon (dbus)")
    if not any(Path(p).exists() for p in LAUNCHERS):
        lacking.append("at-spi-bus-launcher (at-spi2-core)")
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False) \
        if Path(SYSTEM_PYTHON).exists() else None
    if check is None or check.returncode != 0:
        lacking.append("pyatspi for /usr/bin/python3 (python3-pyatspi)")
    return lacking


class AccessibilityBus:
    def __init__(self, address: str, procs: list[subprocess.Popen[bytes]]) -> None:
        self.address = address
        self._procs = procs

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[AccessibilityBus]:
        # The bus launcher keeps its socket in $XDG_RUNTIME_DIR (else ~/.cache/at-spi): a folder of this
        # bus's own, so two runs at once (or a desktop session's bus) never meet.
        runtime = tempfile.mkdtemp(prefix="goaldesk-atspi-")
        os.chmod(runtime, 0o700)
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, XDG_RUNTIME_DIR=runtime),
        )
        assert daemon.stdout is not None
        address = daemon.stdout.readline().decode().strip()
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, XDG_RUNTIME_DIR=runtime)
        launcher = next(p for p in LAUNCHERS if Path(p).exists())
        bus_launcher = subprocess.Popen([launcher, "--launch-immediately"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        bus = cls(address, [bus_launcher, daemon])
        try:
            yield bus
        finally:
            for proc in bus._procs:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
            shutil.rmtree(runtime, ignore_errors=True)

    def env(self) -> dict[str, str]:
        """Environment variables for an app that should publish itself on this bus."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                "QT_ACCESSIBILITY": "1", "NO_AT_BRIDGE": "0"}

    def wait_for_app(self, timeout: float = 30) -> None:
        """Until the app's active window can be walked on the bus (it registers shortly after start)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.probe("walk", "--active")
                return
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def probe(self, *args: str, timeout: float = 60) -> dict[str, Any]:
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address)
        env.pop("PYTHONPATH", None)
        for _attempt in range(3):
            done = subprocess.run([SYSTEM_PYTHON, str(HERE / "atspi_probe.py"), *args], env=env, capture_output=True,
                                  text=True, timeout=timeout, check=False)
            # Under load the probe may fail to register with the bus launcher (dbind "Couldn't register"); again.
            if done.returncode == 0 or "accessibility bus" not in done.stderr:
                break
            time.sleep(1)
        if done.returncode != 0:
            raise AssertionError(f"atspi_probe {' '.join(args)} failed: {done.stderr[-2000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    @contextmanager
    def listening(self, seconds: float, *events: str) -> Iterator[dict[str, Any]]:
        """Listen for events while the body acts; the dict gets ``events`` after the body."""
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address)
        proc = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "atspi_probe.py"), "listen", str(seconds), *events],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()  # {"listening": ...}: registered
        result: dict[str, Any] = {}
        yield result
        out, err = proc.communicate(timeout=seconds + 30)
        if proc.returncode != 0:
            raise AssertionError(f"atspi_probe listen failed: {err[-2000:]}")
        result.update(json.loads(out.strip().splitlines()[-1]))
