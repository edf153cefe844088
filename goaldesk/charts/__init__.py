"""matplotlib chart builders: plain report dataclasses in, ``matplotlib.figure.Figure`` out.

No Qt and no database here, so charts render the same in the app, the CLI, the smoke test and the tests.
Importing this package imports matplotlib (about a second): import it when a chart is first needed.
"""

from goaldesk.charts.overview import overview_figure
from goaldesk.charts.progress import progress_figure
from goaldesk.charts.render import ChartExportError, figure_svg_bytes, save_figure
from goaldesk.charts.wins import wins_figure

__all__ = ["ChartExportError", "figure_svg_bytes", "overview_figure", "progress_figure", "save_figure", "wins_figure"]
