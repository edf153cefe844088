"""matplotlib imported off the GUI thread after the first paint, so the first chart does not freeze the window.

matplotlib, numpy and the chart modules take about a second to import, and several on a cold disk or
on the first run ever (matplotlib builds its font cache then). A daemon thread imports them and draws
one tiny figure (which loads the fonts); the GUI thread stays free, and a chart asked for before the
thread has finished shows a busy bar until it has.

The thread competes with the GUI thread for Python's interpreter lock, so it starts only once the GUI
has been idle for a moment (``start_when_idle``): the first paint and the start-up work after it (the
rest of a long list, the weekly review) run at full speed first. Asking for a chart starts it at once.
"""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QObject, QTimer

WARM_MODULES = ("goaldesk.charts", "goaldesk.ui.progress.chart_fit", "matplotlib.backends.backend_qtagg")


class ChartWarmer:
    """One background import per process; ``done()`` once the chart modules are ready to use."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self.error: BaseException | None = None
        self.seconds: float | None = None
        """How long the background import and first draw took (None until done)."""
        self.thread_name = ""

    def start(self) -> bool:
        """Start the background import unless it ran or the modules are already loaded; True if started."""
        if self._thread is not None or self._done.is_set():
            return False
        if all(name in sys.modules for name in WARM_MODULES):
            self.seconds = 0.0
            self._done.set()
            return False
        self._thread = threading.Thread(target=self._run, name="goaldesk-chart-warm-up", daemon=True)
        self.thread_name = self._thread.name
        self._thread.start()
        return True

    def started(self) -> bool:
        return self._thread is not None

    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until done (benchmarks and tests); True when done."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        start = time.perf_counter()
        try:
            from matplotlib.backends import backend_qtagg  # noqa: F401  - only class definitions, no widgets
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            import goaldesk.charts  # matplotlib, numpy, the font manager
            import goaldesk.ui.progress.chart_fit  # noqa: F401

            fig = Figure(figsize=(2.0, 1.5), layout="constrained")
            fig.suptitle("Warm-up")
            fig.add_subplot().plot([0, 1], [0, 1], label="line")
            fig.legend(loc="outside lower center")
            FigureCanvasAgg(fig).draw()  # loads the fonts and the layout code the first chart needs
        except Exception as exc:  # the GUI thread imports again and reports what really fails
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - start
            self._done.set()


WARMER = ChartWarmer()
"""The process's one warmer."""

IDLE_TICK_MS = 50
IDLE_TICKS = 6
"""This many on-time ticks in a row (300 ms with nothing else running) count as idle."""
LATEST_MS = 5000
"""Start anyway this long after asking, busy or not."""


class _IdleStart(QObject):
    """Starts the warmer once the GUI thread has been idle for IDLE_TICKS ticks, or after LATEST_MS."""

    def __init__(self) -> None:
        super().__init__()
        self.quiet = 0
        self.waited = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer(self)
        self.timer.setInterval(IDLE_TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self.last) * 1000 - IDLE_TICK_MS
        self.waited += (now - self.last) * 1000
        self.last = now
        self.quiet = self.quiet + 1 if late < 20 else 0
        if WARMER.done() or WARMER.started() or self.quiet >= IDLE_TICKS or self.waited >= LATEST_MS:
            self.timer.stop()
            WARMER.start()
            self.deleteLater()


def start_when_idle() -> None:
    """Start the background import once the GUI thread is idle (at most once per process)."""
    global _idle
    if _idle is None and not WARMER.started() and not WARMER.done():
        _idle = _IdleStart()


_idle: _IdleStart | None = None
