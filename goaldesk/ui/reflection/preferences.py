"""Preferences for reflection: the weekly review at start-up, and an opt-in tray reminder for overdue goals.

Stored in ``ctx.settings`` (QSettings). The tray reminder is off by default: an app should not nag
unless asked to.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from goaldesk.ui.shell.context import AppContext

REVIEW_AT_STARTUP = "review/at_startup"
TRAY_REMIND_OVERDUE = "tray/remind_overdue"


def _flag(settings: QSettings, key: str, default: bool) -> bool:
    return bool(settings.value(key, default, type=bool))  # INI text such as "true"/"false" becomes a bool


def review_at_startup(settings: QSettings) -> bool:
    """Show the review panel at start-up (default on)."""
    return _flag(settings, REVIEW_AT_STARTUP, True)


def tray_remind_overdue(settings: QSettings) -> bool:
    """Remind in the system tray about overdue goals (default off)."""
    return _flag(settings, TRAY_REMIND_OVERDUE, False)


class PreferencesDialog(QDialog):
    """Two check boxes; OK saves them, Cancel leaves the settings as they were."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Preferences")
        self.review_check = QCheckBox("Show the &review panel at start-up")
        self.review_check.setChecked(review_at_startup(ctx.settings))
        self.tray_check = QCheckBox("Remind me in the system &tray when goals are overdue")
        self.tray_check.setChecked(tray_remind_overdue(ctx.settings))
        hint = QLabel("The reminder appears once when GoalDesk starts, only if a goal is past its deadline.")
        hint.setWordWrap(True)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            hint.setText(hint.text() + " This desktop has no system tray, so it will not show here.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.review_check)
        layout.addWidget(self.tray_check)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        self.ctx.settings.setValue(REVIEW_AT_STARTUP, self.review_check.isChecked())
        self.ctx.settings.setValue(TRAY_REMIND_OVERDUE, self.tray_check.isChecked())
        self.ctx.settings.sync()
        super().accept()


def maybe_tray_reminder(ctx: AppContext, window: QWidget) -> bool:
    """Show a tray message about overdue goals when enabled, a tray exists and a goal is overdue.

    Returns whether the message was shown. The icon is kept on ``window`` (attribute ``tray_icon``) so it
    stays alive while the window does.
    """
    if not tray_remind_overdue(ctx.settings) or not QSystemTrayIcon.isSystemTrayAvailable():
        return False
    overdue = ctx.review.review(ctx.today()).overdue
    if not overdue:
        return False
    icon = window.windowIcon()
    if icon.isNull():
        app = QApplication.instance()
        icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
    tray = getattr(window, "tray_icon", None)
    if not isinstance(tray, QSystemTrayIcon):
        tray = QSystemTrayIcon(icon, window)
        window.tray_icon = tray  # type: ignore[attr-defined]
    tray.show()
    if len(overdue) == 1:
        text = f"“{overdue[0].title}” is past its deadline. Adjusting a goal is fine: open it to decide what next."
    else:
        text = f"{len(overdue)} goals are past their deadline. Open the weekly review to decide what next."
    tray.showMessage("GoalDesk", text, QSystemTrayIcon.MessageIcon.Information, 10_000)
    return True
