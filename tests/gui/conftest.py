"""Fixtures for the real-input suite (``make test-gui``): a real X server and the real app process.

Xvfb and openbox start once per session on a free display in :91-:94; every test gets its own copy
of the demo database (tools/demo_data.py), its own settings folders and a fresh ``goaldesk --db``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from a11y import AccessibilityBus, missing
from demo import fill_demo_file
from xdriver import App, XServer, missing_tools


@pytest.fixture(scope="session")
def x_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XServer]:
    missing = missing_tools()
    if missing:
        message = f"the real-input suite needs {', '.join(missing)} (apt-get install xvfb openbox xdotool x11-utils)"
        if os.environ.get("GOALDESK_GUI_REQUIRED"):  # set by `make test-gui`: there, missing tools are an error
            pytest.fail(message)
        pytest.skip(message)
    with XServer.start(tmp_path_factory.mktemp("x11")) as server:
        yield server


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "goaldesk.sqlite3"
    fill_demo_file(db, date.today())
    return db


@pytest.fixture
def app(x_server: XServer, demo_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[App]:
    """The real app on the demo database; on failure a screenshot and the app's output are kept."""
    running = App(x_server, demo_db, tmp_path)
    yield running
    _keep_evidence(request, x_server, tmp_path, running)
    running.quit()


def _keep_evidence(request: pytest.FixtureRequest, x_server: XServer, tmp_path: Path, running: App) -> None:
    """After a failed test: a screenshot and the end of the app's output, named in the report."""
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        x_server.screenshot(tmp_path / "failure.png")
        print(f"screenshot: {tmp_path / 'failure.png'}\napp output:\n{running.output()[-3000:]}")


@pytest.fixture(scope="session")
def bus() -> Iterator[AccessibilityBus]:
    """A private D-Bus session with the AT-SPI bus (tests/gui/a11y.py), once per session."""
    lacking = missing()
    if lacking:
        message = f"the accessibility tests need {', '.join(lacking)} (apt-get install at-spi2-core dbus-x11 " \
                  "python3-pyatspi)"
        if os.environ.get("GOALDESK_GUI_REQUIRED"):  # make test-gui / CI: missing tools are an error
            pytest.fail(message)
        pytest.skip(message)
    with AccessibilityBus.start() as running:
        yield running


@pytest.fixture
def a11y_app(x_server: XServer, demo_db: Path, tmp_path: Path, bus: AccessibilityBus,
             monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[App]:
    """The real app on the demo database, publishing itself on the accessibility bus."""
    for name, value in bus.env().items():
        monkeypatch.setenv(name, value)
    running = App(x_server, demo_db, tmp_path)
    bus.wait_for_app()
    yield running
    _keep_evidence(request, x_server, tmp_path, running)
    running.quit()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
