"""The main window as the features see it: the explicit hooks MainWindow offers its action groups.

``MainWindow`` builds the feature action groups (goals, data, progress, reflection) and hands itself
over as a ``WindowHooks``. The features import this module, never ``main_window`` or ``app``, so the
shell depends on the features and not the other way round (no import circle). Everything a feature
may use of the window is declared here; ``MainWindow`` provides it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from goaldesk.domain.model import Goal
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.shell.context import AppContext

if TYPE_CHECKING:
    from goaldesk.ui.goals.goal_actions import GoalActions

WindowOpener = Callable[..., QWidget | None]
"""``open_window(path, parent_window=None, settings=None)``: a new main window on another database."""


class WindowHooks(QMainWindow):
    """Menus to fill, the selection to read, and a few calls back; MainWindow is the only implementation."""

    goalSelected = Signal(int)  # 0 when nothing is selected
    firstPainted = Signal()  # start-up work that can wait listens to this

    ctx: AppContext
    filters: FilterState
    goals: GoalActions
    file_menu: QMenu
    file_menu_extras: QAction  # the separator before Quit: data and chart actions go above it
    edit_menu: QMenu
    view_menu: QMenu
    goal_menu: QMenu | None = None  # made by the first feature that needs it (progress: Add Check-in)
    toolbar: QToolBar
    toolbar_extras: QAction
    details_dock: QDockWidget
    open_window: WindowOpener | None = None  # set by the app; None in tests that build a bare window

    def selected_goals(self) -> list[Goal]:
        raise NotImplementedError

    def current_goal(self) -> Goal | None:
        raise NotImplementedError

    def select_goal(self, goal_id: int) -> None:
        raise NotImplementedError

    def reveal_goal(self, goal_id: int) -> None:
        raise NotImplementedError

    def filters_show(self, goal: Goal) -> None:
        raise NotImplementedError

    def save_state(self) -> None:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        raise NotImplementedError
