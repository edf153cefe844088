"""Ctrl+P on a goal with check-ins, then the preview's Print button and the print dialog, to a PDF file.

All by real input: a click on the list row, Ctrl+P, a click on the preview's Print tool button (on
Linux it opens QPrintDialog, whose "Print to File (PDF)" printer has an output-file field), a click in
that field, Ctrl+A, typing the path, Enter. The PDF must have one page and no bitmap (vector chart).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from xdriver import App, centre, query

pytestmark = [pytest.mark.gui_x11, pytest.mark.timeout(240)]


def active_is(name: str):  # type: ignore[no-untyped-def]
    return lambda g: (g.get("active") or {}).get("qt_class") == name


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils (pdfinfo, pdfimages)")
def test_ctrl_p_through_preview_and_print_dialog_to_pdf(app: App, tmp_path: Path) -> None:
    pdf = tmp_path / "printed" / "progress chart.pdf"
    pdf.parent.mkdir()
    with_checkins = {r[0] for r in query(app.db, "SELECT DISTINCT goal_id FROM checkin")}
    geometry = app.wait_for(lambda g: "list" in g and g["list"]["rows"], "the list")
    row = next(r for r in geometry["list"]["rows"] if r["id"] in with_checkins)
    app.click(centre(row["rect"]))
    app.key("ctrl+p")

    preview = app.wait_for(active_is("QPrintPreviewDialog"), "the print preview", timeout=60)["active"]
    assert row["text"] in preview["title"]
    print_button = next(b for b in preview["buttons"] if b["tip"].replace("&", "") == "Print")
    app.click(centre(print_button["rect"]))

    dialog = app.wait_for(active_is("QPrintDialog"), "the print dialog", timeout=30)["active"]
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
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any(line.split() == ["Pages:", "1"] for line in info.splitlines()), info
    assert row["text"] in info  # the document is named after the goal
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, f"the chart should be vectors, found bitmaps:\n{images}"
