"""A private CUPS server with PDF queues, for printing through real CUPS in the real-input suite.

``CupsServer.start()`` runs ``cupsd -f`` with its whole configuration, spool and logs in a temporary
folder, listening on a free port of 127.0.0.1 only: the system's own cupsd (if any) and its queues are
left alone. The tests and the app reach it through ``CUPS_SERVER=localhost:PORT``.

As root (CI), a queue added with ``add_pdf_queue`` uses the cups-pdf backend (printer-driver-cups-pdf),
as a user's PDF printer does. cups-pdf reads its settings from ``/etc/cups/cups-pdf-QUEUE.conf`` for a
device ``cups-pdf:/QUEUE`` (compiled in, measured with 3.0.1), so that file is written to send the PDF
to the test's folder, and removed again when the server stops. cups-pdf runs only under a root cupsd
(its backend is mode 0700), so as any other user the queue has the same PPD and filters but CUPS's own
``file:`` device, and ghostscript turns the PostScript it writes into the PDF (as cups-pdf does).

Found by trying (Debian 12, CUPS 2.4.2): a domain-socket-only cupsd cannot hand out PPDs
(``lpoptions``: "No printer-uri found") and Qt then falls back to A4, hence TCP; the TempDir must be
writable by the ``lp`` user the filters of a root cupsd run as.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BINARIES = ("cupsd", "lpadmin", "lpstat", "gs", "ps2pdf", "pdfinfo", "pdftoppm", "pdftotext")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD_DIRS = (Path("/usr/share/ppd/cups-pdf"), Path("/usr/share/cups/model"))
CUPS_PDF_CONF = Path("/etc/cups")
APT = "apt-get install cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils"

FILE_DEVICE_NAME = "printed.ps"
"""What CUPS's ``file:`` device writes when cupsd does not run as root (PostScript, as cups-pdf receives)."""
PAPER_POINTS = {"A4": (595.0, 842.0), "Letter": (612.0, 792.0)}
"""Portrait width and height in points (1/72 inch) of the paper sizes the tests use."""


def missing() -> str | None:
    """Why a private CUPS server with cups-pdf cannot run here, or None when it can."""
    absent = [b for b in BINARIES if shutil.which(b) is None and not Path("/usr/sbin", b).exists()]
    if absent:
        return f"printing through CUPS needs {', '.join(absent)} ({APT})"
    if cups_pdf_ppd() is None or (as_root() and not BACKEND.exists()):
        return f"printing through CUPS needs the cups-pdf backend and PPD ({APT})"
    return None


def as_root() -> bool:
    return os.geteuid() == 0


def cups_pdf_ppd() -> Path | None:
    """The PPD printer-driver-cups-pdf ships (``lpinfo -m`` lists it as lsb/usr/cups-pdf/CUPS-PDF_opt.ppd)."""
    for folder in PPD_DIRS:
        for name in ("CUPS-PDF_opt.ppd", "CUPS-PDF.ppd", "CUPS-PDF_noopt.ppd"):
            if (folder / name).exists():
                return folder / name
    return None


def ppd_with_hardware_margins(target: Path, long_edges_pt: float, short_edges_pt: float) -> Path:
    """A copy of the cups-pdf PPD that declares unprintable edges, as a real laser printer's PPD does.

    ``long_edges_pt`` is the portrait left and right, ``short_edges_pt`` the portrait top and bottom.
    """
    source = cups_pdf_ppd()
    assert source is not None
    text = source.read_text(encoding="latin-1")

    def narrowed(match: re.Match[str]) -> str:
        width, height = float(match.group(2)), float(match.group(3))
        return (f'*ImageableArea {match.group(1)}: "{long_edges_pt:g} {short_edges_pt:g} '
                f'{width - long_edges_pt:g} {height - short_edges_pt:g}"')

    text = re.sub(r'\*ImageableArea ([^:]+): "0 0 ([\d.]+) ([\d.]+)"', narrowed, text)
    text = text.replace("*HWMargins: 0 0 0 0",
                        f"*HWMargins: {long_edges_pt:g} {short_edges_pt:g} {long_edges_pt:g} {short_edges_pt:g}")
    target.write_text(text, encoding="latin-1")
    return target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cupsd() -> str:
    return shutil.which("cupsd") or "/usr/sbin/cupsd"


@dataclass
class CupsServer:
    """A running private cupsd; ``env()`` is what a client (lp*, the app) needs to reach it."""

    root: Path
    port: int
    process: subprocess.Popen[bytes]
    conf_files: list[Path] = field(default_factory=list)

    @classmethod
    @contextmanager
    def start(cls, root: Path) -> Iterator[CupsServer]:
        for sub in ("etc/ppd", "spool", "cache", "state", "log"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        (root / "tmp").mkdir(exist_ok=True)
        (root / "tmp").chmod(0o1777)  # filters run as lp and write their temporary files here
        root.chmod(0o755)
        port = _free_port()
        (root / "etc" / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{port}\nServerName localhost\nLogLevel debug\nBrowsing No\nWebInterface No\n"
            "DefaultAuthType None\nMaxJobs 0\nPreserveJobFiles No\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
            encoding="utf-8",
        )
        users = "FileDevice No\nSystemGroup root\nUser lp\nGroup lp\n" if as_root() else "FileDevice Yes\n"
        (root / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nCacheDir {root}/cache\nStateDir {root}/state\n"
            f"TempDir {root}/tmp\nAccessLog {root}/log/access_log\nErrorLog {root}/log/error_log\n"
            f"PageLog {root}/log/page_log\n{users}",
            encoding="utf-8",
        )
        log = open(root / "log" / "cupsd.out", "wb")  # noqa: SIM115 - closed after the process
        process = subprocess.Popen(
            [_cupsd(), "-f", "-c", str(root / "etc" / "cupsd.conf"), "-s", str(root / "etc" / "cups-files.conf")],
            stdout=log, stderr=subprocess.STDOUT,
        )
        server = cls(root, port, process)
        try:
            server._wait_running()
            yield server
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
            log.close()
            for conf in server.conf_files:
                conf.unlink(missing_ok=True)

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=f"localhost:{self.port}")

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(list(args), env=self.env(), capture_output=True, text=True, timeout=60)
        if check and out.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({out.returncode}): {out.stderr}\n{self.log_tail()}")
        return out.stdout

    def log_tail(self, lines: int = 40) -> str:
        path = self.root / "log" / "error_log"
        text = path.read_text(errors="replace") if path.exists() else ""
        errors = [line for line in text.splitlines() if line.startswith(("E ", "W "))]
        return "cupsd errors:\n" + "\n".join(errors[-lines:])

    def _wait_running(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out = (self.root / "log" / "cupsd.out").read_text(errors="replace")
                raise AssertionError(f"cupsd exited ({self.process.returncode}): {out}\n{self.log_tail()}")
            if "scheduler is running" in self.run("lpstat", "-r", check=False):
                return
            time.sleep(0.1)
        raise AssertionError(f"cupsd did not start within 20 s\n{self.log_tail()}")

    def add_pdf_queue(self, name: str, paper: str, out: Path, ppd: Path | None = None) -> None:
        """A PDF queue ``name`` with default paper ``paper``, writing its PDFs into ``out``; made the default."""
        out.mkdir(parents=True, exist_ok=True)
        if as_root():
            conf = CUPS_PDF_CONF / f"cups-pdf-{name}.conf"
            conf.write_text(f"Out {out}\n", encoding="utf-8")
            self.conf_files.append(conf)
            device = f"cups-pdf:/{name}"
        else:
            device = f"file://{out}/{FILE_DEVICE_NAME}"
        model = ["-P", str(ppd)] if ppd is not None else ["-m", "lsb/usr/cups-pdf/" + (cups_pdf_ppd() or Path()).name]
        self.run("lpadmin", "-p", name, "-E", "-v", device, *model, "-o", f"PageSize={paper}", "-o", f"media={paper}")
        self.run("lpadmin", "-d", name)
        assert f"system default destination: {name}" in self.run("lpstat", "-d")

    def job_name(self, job_id: str) -> str:
        """The title a job was sent with (Qt sends the document name), read from CUPS's job file."""
        path = self.root / "spool" / f"c{int(job_id.rsplit('-', 1)[-1]):05d}"
        deadline = time.monotonic() + 15
        while not path.exists() and time.monotonic() < deadline:  # cupsd writes it a moment after the job
            time.sleep(0.2)
        control = path.read_bytes()
        at = control.index(b"\x00\x08job-name") + len(b"\x00\x08job-name")
        size = int.from_bytes(control[at:at + 2], "big")
        return control[at + 2:at + 2 + size].decode("utf-8")

    def pdf_for(self, out: Path, job_id: str, timeout: float = 30) -> Path:
        """The PDF the queue made for ``job_id``: cups-pdf's (named ``…-job_N.pdf``), or the file device's, as PDF."""
        number = job_id.rsplit("-", 1)[-1]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [p for p in out.glob(f"*job_{number}.pdf") if p.stat().st_size > 0]
            if found:
                return found[0]
            written = out / FILE_DEVICE_NAME
            if not as_root() and written.exists() and written.stat().st_size > 0:
                pdf = out / f"file-job_{number}.pdf"
                subprocess.run(["ps2pdf", str(written), str(pdf)], check=True, capture_output=True, timeout=60)
                return pdf
            time.sleep(0.2)
        raise AssertionError(f"no PDF for {job_id} in {out}: {sorted(p.name for p in out.iterdir())}")

    def completed_jobs(self, queue: str) -> list[str]:
        """Job ids (``queue-N``) that CUPS lists as completed."""
        out = self.run("lpstat", "-W", "completed", "-o", queue, check=False)
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def wait_completed(self, queue: str, timeout: float = 60) -> str:
        """The first completed job's id on ``queue``; fails with CUPS's log when none completes in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.completed_jobs(queue)
            if done:
                return done[0]
            time.sleep(0.2)
        pending = self.run("lpstat", "-o", queue, check=False)
        raise AssertionError(f"no job on {queue} completed within {timeout} s; pending: {pending!r}\n"
                             f"{self.log_tail()}")


# ---------------------------------------------------------------------- measuring a printed page


def page_size_pt(pdf: Path) -> tuple[float, float]:
    """Width and height of page 1 in points, as ``pdfinfo`` reports them."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    return float(match.group(1)), float(match.group(2))


def ink_margins_mm(pdf: Path, dpi: int = 72) -> tuple[float, float, float, float]:
    """Left, top, right and bottom distance (mm) from the paper's edges to the nearest non-white pixel."""
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-gray", str(pdf)],
                         capture_output=True, check=True).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
    assert match, out[:40]
    width, height = int(match.group(1)), int(match.group(2))
    pixels = out[match.end():match.end() + width * height]
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    inked_rows = [y for y, row in enumerate(rows) if min(row) < 200]
    assert inked_rows, "the printed page is blank"
    inked_cols = [x for x in range(width) if any(rows[y][x] < 200 for y in inked_rows)]
    mm = 25.4 / dpi
    return (inked_cols[0] * mm, inked_rows[0] * mm, (width - 1 - inked_cols[-1]) * mm,
            (height - 1 - inked_rows[-1]) * mm)


def pdf_text(pdf: Path) -> str:
    """The page's text on one line, ligatures undone ("ﬁ" -> "fi")."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())
