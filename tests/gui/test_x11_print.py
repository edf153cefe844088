"""Printing by real input: Ctrl+P, the preview's own Print button, the print dialog; to a file and through CUPS.

To a file: with no CUPS server, the print dialog's printer is Qt's "Print to File (PDF)"; the path is
typed into its output-file field. The PDF must have one page and no bitmap (vector chart).

Through CUPS: a private cupsd (tests/gui/cups_server.py) with a cups-pdf queue set as the default, with A4 or
US Letter paper, and once with a PPD that declares unprintable edges. After Return in the print dialog
the job must complete (``lpstat -W completed``), and the PDF cups-pdf writes must be on the queue's
paper, with at least 12 mm (our 15 mm) of white on every side, more where the device needs it, and be
named after the goal. The page must be vector: cups-pdf's PostScript path turns a page with any
transparency into one bitmap, so the chart is printed opaque.

A card clicked on the Board after another goal was picked in the List: Ctrl+P prints the card's goal.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cups_server import (
    PAPER_POINTS,
    CupsServer,
    as_root,
    ink_margins_mm,
    missing,
    page_size_pt,
    pdf_text,
    ppd_with_hardware_margins,
)
from xdriver import SCREEN, App, centre, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]

MIN_MARGIN_MM = 12.0
PT_PER_MM = 72 / 25.4
_queue_numbers = itertools.count(1)


def active_is(name: str):  # type: ignore[no-untyped-def]
    return lambda g: (g.get("active") or {}).get("qt_class") == name


# ---------------------------------------------------------------------- fixtures


@pytest.fixture
def no_cups(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No CUPS server for the app, even on a machine that runs one: Qt offers only "Print to File (PDF)"."""
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd-here.sock"))


@pytest.fixture
def cups(monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    """A private cupsd for this test; the app started after this fixture prints to it."""
    reason = missing()
    if reason:
        if os.environ.get("GOALDESK_GUI_REQUIRED"):  # `make test-gui` (CI): printing must be tested, not skipped
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="goaldesk-cups-"))  # not under pytest's 0700 folders: filters run as lp
    try:
        with CupsServer.start(root) as server:
            monkeypatch.setenv("CUPS_SERVER", f"localhost:{server.port}")
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class Queue:
    name: str
    paper: str
    out: Path
    hardware_mm: tuple[float, float]
    """Unprintable long and short edges (portrait left/right, top/bottom) the queue's PPD declares."""


@pytest.fixture
def queue(request: pytest.FixtureRequest, cups: CupsServer, tmp_path: Path) -> Queue:
    """The default cups-pdf queue: ``(paper, (long_edges_mm, short_edges_mm))`` from the test's parameter."""
    paper, hardware = request.param
    name = f"goaldesk-test-{os.getpid()}-{next(_queue_numbers)}"
    ppd = None
    if hardware != (0.0, 0.0):
        ppd = ppd_with_hardware_margins(tmp_path / "margins.ppd", hardware[0] * PT_PER_MM, hardware[1] * PT_PER_MM)
    cups.add_pdf_queue(name, paper, tmp_path / "cups-pdf", ppd)
    return Queue(name, paper, tmp_path / "cups-pdf", hardware)


@pytest.fixture
def cups_app(queue: Queue, request: pytest.FixtureRequest) -> App:
    """The real app, started only once the queue exists (so it sees the queue as the default)."""
    app: App = request.getfixturevalue("app")
    return app


def pdf_title(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    title = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Title:")), "")
    return title[1:-1] if title.startswith("(") and title.endswith(")") else title


def goals_with_checkins(app: App) -> set[int]:
    return {r[0] for r in query(app.db, "SELECT DISTINCT goal_id FROM checkin")}


def wait_until_placed(app: App) -> dict[str, Any]:
    """The active dialog once the window manager has placed it (its rectangle the same twice in a row)."""
    last: list[int] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.3)
        active = app.geometry().get("active") or {}
        if active.get("rect") == last:
            return dict(active)
        last = active.get("rect") or []
    raise AssertionError("the dialog kept moving")


def print_from_preview(app: App, title: str) -> dict[str, Any]:
    """Ctrl+P, check the preview, click its own Print button; returns the print dialog's geometry."""
    app.key("ctrl+p")
    app.wait_for(active_is("QPrintPreviewDialog"), "the print preview", timeout=60)
    preview = wait_until_placed(app)
    assert title in preview["title"]
    screen_w, screen_h = (int(n) for n in SCREEN.split("x")[:2])
    x, y, w, h = preview["rect"]
    assert w >= 0.7 * screen_w and h >= 0.7 * screen_h, f"the preview is too small to read: {w}x{h}"
    assert x >= 0 and y >= 0 and x + w <= screen_w and y + h <= screen_h, f"the preview leaves the screen: {preview}"
    print_button = next(b for b in preview["buttons"] if b["tip"].replace("&", "") == "Print")
    app.click(centre(print_button["rect"]))
    try:
        app.wait_for(active_is("QPrintDialog"), "the print dialog", timeout=30)
    except AssertionError:
        raise AssertionError(f"no print dialog after a click on {print_button}; preview: {preview}; "
                             f"now: {app.geometry().get('active')}") from None
    return wait_until_placed(app)


def print_to_file(app: App, dialog: dict[str, Any], pdf: Path) -> None:
    """In the print dialog of Qt's "Print to File (PDF)" printer: type the path, Return, wait for the file."""
    printers = next(c for c in dialog["combos"] if c["name"] == "printers")
    assert "PDF" in printers["text"], printers  # no CUPS printer here: Qt's own "Print to File (PDF)"
    field = next(e for e in dialog["edits"] if e["name"] == "filename")
    app.click(centre(field["rect"]))
    app.key("ctrl+a")
    app.type(str(pdf))
    typed = app.wait_for(
        lambda g: any(e["name"] == "filename" and e["text"] == str(pdf) for e in g["active"]["edits"]),
        "the typed file name",
    )
    assert typed["focus"]["name"] == "filename"
    app.key("Return")
    app.wait_for(active_is("MainWindow"), "the dialogs to close", timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (pdf.exists() and pdf.stat().st_size > 0):
        time.sleep(0.1)
    assert pdf.read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------------- to a file, no CUPS


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils (pdfinfo, pdfimages)")
def test_ctrl_p_through_preview_and_print_dialog_to_pdf(no_cups: None, app: App, tmp_path: Path) -> None:
    pdf = tmp_path / "printed" / "progress chart.pdf"
    pdf.parent.mkdir()
    geometry = app.wait_for(lambda g: "list" in g and g["list"]["rows"], "the list")
    row = next(r for r in geometry["list"]["rows"] if r["id"] in goals_with_checkins(app))
    app.click(centre(row["rect"]))
    dialog = print_from_preview(app, row["text"])

    print_to_file(app, dialog, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any(line.split() == ["Pages:", "1"] for line in info.splitlines()), info
    assert row["text"] in info  # the document is named after the goal
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, f"the chart should be vectors, found bitmaps:\n{images}"
    left, top, right, bottom = ink_margins_mm(pdf)
    assert min(left, top, right, bottom) >= MIN_MARGIN_MM, (left, top, right, bottom)
    assert pdf_text(pdf).count(row["text"]) == 1  # in the header only, not again as the chart's title


# ---------------------------------------------------------------------- through CUPS


@pytest.mark.parametrize(
    "queue",
    [("A4", (0.0, 0.0)), ("Letter", (6.35, 12.7)), ("A4", (6.35, 20.0))],
    ids=["A4", "Letter-hardware-margins", "A4-wide-short-edges"],
    indirect=True,
)
def test_print_through_cups_from_the_preview_button(queue: Queue, cups_app: App, cups: CupsServer) -> None:
    """The preview's own Print button, then Return in the print dialog: the queue's paper, our margins."""
    app = cups_app
    geometry = app.wait_for(lambda g: "list" in g and g["list"]["rows"], "the list")
    row = next(r for r in geometry["list"]["rows"] if r["id"] in goals_with_checkins(app))
    app.click(centre(row["rect"]))
    dialog = print_from_preview(app, row["text"])
    printers = next(c for c in dialog["combos"] if c["name"] == "printers")
    assert printers["text"] == queue.name, printers  # the default queue is the one offered
    app.key("Return")
    app.wait_for(active_is("MainWindow"), "the dialogs to close", timeout=60)

    job = cups.wait_completed(queue.name)
    pdf = cups.pdf_for(queue.out, job)
    width, height = page_size_pt(pdf)
    paper = PAPER_POINTS[queue.paper]
    assert abs(min(width, height) - paper[0]) < 2 and abs(max(width, height) - paper[1]) < 2, (
        f"{queue.paper} queue, page of {width} x {height} pt"
    )
    margins = ink_margins_mm(pdf)
    assert min(margins) >= MIN_MARGIN_MM, f"ink margins (left, top, right, bottom) in mm: {margins}"
    # The page is landscape; cups-pdf may store it as portrait paper with the content turned. Either way
    # the paper's short edges (where the PPD's wide unprintable band is) keep that band and more.
    left, top, right, bottom = margins
    short_edges, long_edges = ((top, bottom), (left, right)) if height > width else ((left, right), (top, bottom))
    hardware_long, hardware_short = queue.hardware_mm
    assert min(short_edges) >= max(14.0, hardware_short - 0.5), f"short edges {short_edges} mm: {margins}"
    assert min(long_edges) >= max(14.0, hardware_long - 0.5), f"long edges {long_edges} mm: {margins}"
    # cups-pdf goes through PostScript and ghostscript, which keep the fonts but not their text (pdftotext
    # reads symbols): the page is identified by the job's title, which Qt takes from the goal's title.
    assert cups.job_name(job) == row["text"]
    if as_root():  # cups-pdf names the PDF document after the job
        assert pdf_title(pdf) == row["text"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_ctrl_p_after_selecting_a_card_on_the_board_prints_that_goal(no_cups: None, app: App,
                                                                      tmp_path: Path) -> None:
    """A goal picked in the List, then another card clicked on the Board: Ctrl+P prints the card's goal.

    Printed to a file, whose text pdftotext can read (a cups-pdf page keeps no text, see above).
    """
    with_checkins = goals_with_checkins(app)
    geometry = app.wait_for(lambda g: "list" in g and g["list"]["rows"], "the list")
    first = next(r for r in geometry["list"]["rows"] if r["id"] in with_checkins)
    app.click(centre(first["rect"]))
    app.click(centre(geometry["tabs"]["Board"]))
    board = app.wait_for(lambda g: "board" in g and any(c["cards"] for c in g["board"].values()), "the board")["board"]
    cards = [c for column in board.values() for c in column["cards"]]
    card = next(c for c in cards if c["id"] != first["id"] and c["id"] in with_checkins)
    title = str(query(app.db, "SELECT title FROM goal WHERE id = ?", card["id"])[0][0])
    app.click(centre(card["rect"]))

    dialog = print_from_preview(app, title)
    pdf = tmp_path / "board card.pdf"
    print_to_file(app, dialog, pdf)
    text = pdf_text(pdf)
    assert title in text, f"expected {title!r} on the page:\n{text}"
    assert first["text"] not in text


PREVIEW_PAPER = """
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QApplication
app = QApplication([])
from goaldesk.charts import overview_figure
from goaldesk.domain.reports import OverviewData
from goaldesk.ui.progress.printing import ChartPage, preview_dialog
dialog = preview_dialog(None, overview_figure(OverviewData()), ChartPage("Goals overview"))
layout = dialog.printer().pageLayout()
print(dialog.printer().printerName(), layout.pageSize().key(), layout.margins(QPageLayout.Unit.Millimeter).left())
"""


@pytest.mark.parametrize("queue", [("A4", (0.0, 0.0)), ("Letter", (0.0, 0.0))], ids=["A4", "Letter"], indirect=True)
def test_preview_starts_on_the_default_queues_paper(queue: Queue, cups: CupsServer) -> None:
    """What the preview shows is what comes out: it opens on the default queue's paper (Qt alone says A4)."""
    out = subprocess.run([sys.executable, "-c", PREVIEW_PAPER], env=dict(cups.env(), QT_QPA_PLATFORM="offscreen"),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    name, paper, left_margin = out.stdout.split()
    assert (name, paper, float(left_margin)) == (queue.name, queue.paper, 15.0)
