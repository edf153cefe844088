"""GoalDesk: set SMART goals, track progress, print progress charts.

App identity lives here only; the PyInstaller spec, the About box and the desktop metadata read it.
"""

__all__ = ["APP_ID", "APP_NAME", "ORG_DOMAIN", "ORG_NAME", "SUMMARY", "__version__"]

APP_ID = "io.github.goaldesk.GoalDesk"
APP_NAME = "GoalDesk"
ORG_NAME = "GoalDesk"
ORG_DOMAIN = "goaldesk.github.io"
SUMMARY = "Set SMART goals, track progress and print progress charts"
__version__ = "0.1.0"
