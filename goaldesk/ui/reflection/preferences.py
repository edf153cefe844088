"""Preferences: the look (System, Light or Dark), the weekly review at start-up, an opt-in tray reminder.

Stored in ``ctx.settings`` (QSettings). The tray reminder is off by default: an app should not nag
unless asked to. A new appearance shows at once, so the user sees it before pressing OK; Cancel puts
the previous one back.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from goaldesk.ui.common import theme
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
        self.setWindowTitle(self.tr("Preferences"))
        self.review_check = QCheckBox(self.tr("Show the &review panel at start-up"))
        self.review_check.setChecked(review_at_startup(ctx.settings))
        self.tray_check = QCheckBox(self.tr("Remind me in the system &tray when goals are overdue"))
        self.tray_check.setChecked(tray_remind_overdue(ctx.settings))
        self.saved_mode = theme.appearance(ctx.settings)
        self.appearance_combo = QComboBox()
        self.appearance_combo.setObjectName("appearanceCombo")
        for mode in theme.MODES:
            self.appearance_combo.addItem(theme.mode_label(mode), mode)
        self.appearance_combo.setCurrentIndex(theme.MODES.index(self.saved_mode))
        self.appearance_combo.setToolTip(
            self.tr("System follows your desktop; Light and Dark look the same on every desktop.")
        )
        self.appearance_combo.currentIndexChanged.connect(lambda _i: theme.apply_appearance(self.mode()))
        form = QFormLayout()
        form.addRow(self.tr("&Appearance:"), self.appearance_combo)
        self.appearance_combo.setAccessibleName(self.tr("Appearance"))
        hint = QLabel(self.tr("The reminder appears once when GoalDesk starts, only if a goal is past its deadline."))
        hint.setWordWrap(True)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            hint.setText(hint.text() + " " + self.tr("This desktop has no system tray, so it will not show here."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.review_check)
        layout.addWidget(self.tray_check)
        layout.addWidget(hint)
        self.tray_check.setAccessibleDescription(hint.text())
        layout.addWidget(self.buttons)

    def mode(self) -> str:
        """The appearance chosen in the dialog (shown already, saved on OK)."""
        return str(self.appearance_combo.currentData())

    def reject(self) -> None:
        if self.mode() != self.saved_mode:
            theme.apply_appearance(self.saved_mode)
        super().reject()

    def accept(self) -> None:
        self.ctx.settings.setValue(theme.APPEARANCE_KEY, self.mode())
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
