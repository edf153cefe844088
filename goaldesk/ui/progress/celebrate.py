"""A brief, non-blocking celebration of a small win: a banner that fades in over the window and hides itself.

Small wins keep people going, but a dialog to click away would turn praise into a chore, so the banner
never takes focus or blocks input. It stays long enough to read (9 s, longer while the pointer rests on
it) and until dismissed with its × button; screen readers hear it as an announcement, since it appears
away from the keyboard focus.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QEasingCurve, QEvent, QPropertyAnimation, Qt, QTimer
from PySide6.QtGui import QEnterEvent, QFontDatabase, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolButton,
    QWidget,
)

from goaldesk.domain.reports import Win
from goaldesk.ui.common.announce import announce
from goaldesk.ui.common.commands import short

SHOW_MS = 9000
FADE_MS = 250

_PHRASES = {
    25: "A quarter of the way",
    50: "Halfway there",
    75: "Three quarters done",
    100: "Goal reached",
}


@cache
def has_emoji_font() -> bool:
    """True when some installed font draws emoji; otherwise an emoji would show as an empty box."""
    return any("emoji" in family.lower() for family in QFontDatabase.families())


def emoji(symbol: str) -> str:
    """``symbol`` plus a space where emoji can be drawn, else nothing."""
    return f"{symbol} " if has_emoji_font() else ""


def message_for(win: Win, goal_title: str = "") -> str:
    """How a win is announced: "🎉 Halfway there on “Earn PMP”!"."""
    on = f" on “{short(goal_title)}”" if goal_title else ""
    threshold = win.threshold
    what = _PHRASES.get(threshold, win.what) if threshold is not None else win.what
    return f"{emoji('🎉')}{what}{on}!"


class Celebrator(QFrame):
    """A banner inside ``window`` that fades in, says what was achieved (also aloud), and hides after 9 s."""

    def __init__(self, window: QWidget, ctx: object | None = None) -> None:
        super().__init__(window)
        self.ctx = ctx if ctx is not None else getattr(window, "ctx", None)
        self.setObjectName("celebration")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        # Tooltip colours follow the system palette, light or dark, and stand out from the window.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAccessibleName(self.tr("Celebration"))
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes the goal's title
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.label.setFont(font)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the celebration"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.dismiss)
        layout = self.box = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 6, 8)
        layout.addWidget(self.label)
        layout.addWidget(self.close_button)

        self.effect = QGraphicsOpacityEffect(self)
        self.effect.setOpacity(1.0)
        self.setGraphicsEffect(self.effect)
        self.fade = QPropertyAnimation(self.effect, b"opacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.fade.finished.connect(self._faded)
        self._fading_out = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOW_MS)
        self.timer.timeout.connect(self.fade_out)
        self.hide()

    def _title(self, goal_id: int) -> str:
        goals = getattr(self.ctx, "goals", None)
        goal = goals.find_goal(goal_id) if goals is not None else None
        return goal.title if goal is not None else ""

    def celebrate(self, win: Win, goal_title: str | None = None) -> None:
        """Show one win (replacing any banner on screen) and restart the 4-second timer."""
        title = self._title(win.goal_id) if goal_title is None else goal_title
        self.show_text(message_for(win, title))

    def celebrate_all(self, wins: Sequence[Win]) -> None:
        """Several wins from one action: the biggest is named, the rest counted."""
        if not wins:
            return
        best = max(wins, key=lambda w: w.threshold or 0)
        text = message_for(best, self._title(best.goal_id))
        if len(wins) > 1:
            text += " " + self.tr("(+%n more win(s))", "", len(wins) - 1)
        self.show_text(text)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.box.activate()  # size hints must reflect the new text before placing
        self._place()
        self._fading_out = False
        self.fade.stop()
        self.fade.setStartValue(self.effect.opacity() if self.isVisible() else 0.0)
        self.fade.setEndValue(1.0)
        self.show()
        self.raise_()
        self.fade.start()
        self.timer.start()
        announce(self, text)

    def enterEvent(self, event: QEnterEvent) -> None:
        """The pointer on the banner keeps it up: someone is reading it."""
        self.timer.stop()
        if self._fading_out:
            self._fading_out = False
            self.fade.stop()
            self.effect.setOpacity(1.0)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.isVisible():
            self.timer.start()
        super().leaveEvent(event)

    def _place(self) -> None:
        """Top centre of the window's content area, clear of the menu bar and toolbars."""
        parent = self.parentWidget()
        if parent is None:
            return
        top = 8
        central = parent.centralWidget() if isinstance(parent, QMainWindow) else None
        if central is not None:
            top = central.geometry().top() + 8
        hint = self.box.totalSizeHint()
        width = min(hint.width(), max(120, parent.width() - 16))
        self.resize(width, max(hint.height(), self.box.totalMinimumSize().height()))
        self.move(max(0, (parent.width() - width) // 2), top)

    def fade_out(self) -> None:
        self._fading_out = True
        self.fade.stop()
        self.fade.setStartValue(self.effect.opacity())
        self.fade.setEndValue(0.0)
        self.fade.start()

    def dismiss(self) -> None:
        self.timer.stop()
        self.fade.stop()
        self.hide()

    def _faded(self) -> None:
        if self._fading_out:
            self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.dismiss()
        event.accept()
