"""CardDelegate: paints a goal as a board card (type colour strip, title, goal type, deadline, progress, SMART badge).

Every colour comes from the palette (blends of text, base and highlight), so a dark palette gives
dark cards with light text; every size comes from the font metrics, so 200 % scaling stays readable.
The goal type's colour is a strip down the card's left edge, its lightness nudged to stay visible on
the card (``theme.type_colour``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from goaldesk.domain.dates import deadline_hint, is_overdue
from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import Goal
from goaldesk.domain.smart_base import counted, fmt, score_text
from goaldesk.store.base import Change
from goaldesk.ui.common import roles
from goaldesk.ui.common.notifier import touches
from goaldesk.ui.common.theme import type_colour
from goaldesk.ui.goals.goal_model import spoken_score
from goaldesk.ui.shell.context import AppContext

Index = QModelIndex | QPersistentModelIndex

_ALERT = QColor(220, 30, 30)
"""Only ever blended with the palette's text colour, never used alone, so it reads on light and dark."""


MIN_TITLE_CHARS = 10
"""Below this many characters' room beside the SMART badge, a card shows its title without the badge."""


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a share ``t`` (0..1) of the way toward ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def overdue_colour(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """Red-ish but derived from the text colour: dark red on a light palette, light red on a dark one."""
    return blend(palette.color(group, QPalette.ColorRole.Text), _ALERT, 0.6)


def badge_text(score: int | None) -> str:
    return score_text(score, form="badge")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardDelegate", text)


def measure_text(goal: Goal) -> str:
    """Where a goal stands, said once: "3 of 10 songs" (the unit once, however metric and unit overlap)."""
    if goal.target is not None:
        now = goal.current if goal.current is not None else goal.baseline or 0.0
        return _tr("%1 of %2").replace("%1", fmt(now)).replace("%2", counted(goal.target, goal.metric_name, goal.unit))
    if goal.milestones_total:
        return _tr("%1 of %2 milestones done").replace("%1", str(goal.milestones_done)).replace(
            "%2", str(goal.milestones_total))
    return ""


def card_text(goal: Goal, type_name: str, score: int | None, today: date) -> str:
    """A card as a screen reader says it (and its tooltip): everything the card shows, in words.

    "Learn ten songs on the guitar, Hobbies & Learning, 3 days overdue, 30% done (3 of 10 songs),
    SMART 4 of 5"; a card without a target or milestones says "no measure yet"; an achieved one "achieved".
    """
    if goal.status is GoalStatus.ACHIEVED:
        when = _tr("achieved")
    elif goal.status is GoalStatus.ABANDONED:
        when = _tr("abandoned")
    else:
        when = deadline_hint(goal.deadline, today)
    parts = [goal.title, type_name, when]
    if goal.progress is None:
        parts.append(_tr("no measure yet"))
    else:
        done = _tr("%1% done").replace("%1", str(round(goal.progress * 100)))
        measure = measure_text(goal)
        parts.append(f"{done} ({measure})" if measure else done)
    parts.append(spoken_score(score))
    return ", ".join(p for p in parts if p)


class _Metrics:
    """Card geometry from one font: margins, line heights and bar height all scale with it."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        if font.pointSizeF() > 0:
            self.small.setPointSizeF(font.pointSizeF() * 0.9)
        elif font.pixelSize() > 0:
            self.small.setPixelSize(max(1, round(font.pixelSize() * 0.9)))
        self.fm = QFontMetrics(self.font)
        self.fm_bold = QFontMetrics(self.bold)
        self.fm_small = QFontMetrics(self.small)
        h = self.fm.height()
        self.margin = max(3, h // 4)  # gap between cards, drawn here so drops never hit empty viewport
        self.pad = max(4, h // 2)
        self.gap = max(2, h // 4)
        self.bar = max(6, round(h * 0.55))
        self.strip = max(4, h // 4)  # the goal-type colour down the left edge

    def height(self) -> int:
        return (
            2 * self.margin
            + 2 * self.pad
            + self.fm_bold.height()
            + self.gap
            + self.fm_small.height()
            + self.gap
            + max(self.bar, self.fm_small.height())
        )


class CardDelegate(QStyledItemDelegate):
    """Paints board cards; caches goal-type names (cleared when categories change)."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._names: dict[int, str] = {}
        self._colours: dict[int, str] | None = None
        ctx.notifier.changed.connect(self._on_changed)

    def _on_changed(self, changes: list[Change]) -> None:
        if touches(changes, "category"):
            self._names.clear()
            self._colours = None

    def category_colour(self, category_id: int) -> str | None:
        """The stored ``#rrggbb`` of a goal type, None for none (all types read in one query, then cached)."""
        if self._colours is None:
            self._colours = self.ctx.categories.colours()
        return self._colours.get(category_id)

    def category_name(self, category_id: int) -> str:
        if category_id not in self._names:
            try:
                self._names[category_id] = self.ctx.categories.category(category_id).name
            except DomainError:
                self._names[category_id] = ""
        return self._names[category_id]

    # ---------------------------------------------------------------- size

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        m = _Metrics(option.font)
        width = option.rect.width() if option.rect.width() > 0 else m.fm.averageCharWidth() * 30
        return QSize(width, m.height())

    # ---------------------------------------------------------------- paint

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        goal = index.data(roles.GoalRole)
        if not isinstance(goal, Goal):
            super().paint(painter, option, index)
            return
        m = _Metrics(option.font)
        pal = option.palette
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)

        base = pal.color(group, QPalette.ColorRole.Base)
        text = pal.color(group, QPalette.ColorRole.Text)
        highlight = pal.color(group, QPalette.ColorRole.Highlight)
        if selected:
            fill = highlight
            text = pal.color(group, QPalette.ColorRole.HighlightedText)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            fill = blend(base, highlight, 0.08)
        else:
            fill = base
        secondary = blend(text, fill, 0.35)
        border = highlight if focused or selected else blend(text, base, 0.75)

        card = option.rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        radius = max(3.0, m.pad * 0.6)
        painter.setPen(QPen(border, 2.0 if focused else 1.0))
        painter.setBrush(fill)
        shape = QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(shape, radius, radius)
        strip = type_colour(self.category_colour(goal.category_id), pal)
        if strip is not None:
            outline = QPainterPath()
            outline.addRoundedRect(shape, radius, radius)
            band = QPainterPath()
            band.addRect(QRectF(shape.left(), shape.top(), m.strip + radius / 2, shape.height()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(strip)
            painter.drawPath(outline.intersected(band))

        inner = card.adjusted(m.pad + m.strip, m.pad, -m.pad, -m.pad)
        y = inner.top()

        # Row 1: SMART badge on the right, the title elided into what is left. A narrow card (1024 px, 200%)
        # keeps the title and leaves the badge out: the score stays in the tooltip and the spoken name.
        score = index.data(roles.SmartScoreRole)
        label = badge_text(score if isinstance(score, int) else None)
        badge_w = m.fm_small.horizontalAdvance(label) + 2 * m.pad
        badge_h = m.fm_small.height() + 2
        title_h = m.fm_bold.height()
        badge = QRect(inner.right() - badge_w + 1, y + (title_h - badge_h) // 2, badge_w, badge_h)
        title_w = max(0, badge.left() - inner.left() - m.gap)
        if title_w >= m.fm_bold.averageCharWidth() * MIN_TITLE_CHARS:
            painter.setPen(QPen(blend(text, fill, 0.5), 1.0))
            painter.setBrush(blend(fill, highlight, 0.15) if score == 5 and not selected else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), badge_h / 2, badge_h / 2)
            painter.setFont(m.small)
            painter.setPen(text)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        else:
            title_w = inner.width()
            painter.setPen(text)
        painter.setFont(m.bold)
        title = m.fm_bold.elidedText(goal.title, Qt.TextElideMode.ElideRight, title_w)
        painter.drawText(
            QRect(inner.left(), y, title_w, title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        y += title_h + m.gap

        # Row 2: goal type, then the deadline (overdue in the alert blend).
        painter.setFont(m.small)
        line_h = m.fm_small.height()
        today = self.ctx.today()
        if goal.status is GoalStatus.ACHIEVED:
            due, late = "achieved", False
        elif goal.status is GoalStatus.ABANDONED:
            due, late = "abandoned", False
        else:
            due, late = deadline_hint(goal.deadline, today), is_overdue(goal.deadline, today)
        due_font = _bold(m.small) if late else m.small
        due_w = QFontMetrics(due_font).horizontalAdvance(due)
        kind = self.category_name(goal.category_id)
        kind_w = max(0, inner.width() - due_w - m.pad)
        painter.setPen(secondary)
        painter.drawText(
            QRect(inner.left(), y, kind_w, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            m.fm_small.elidedText(kind, Qt.TextElideMode.ElideRight, kind_w),
        )
        painter.setPen(overdue_colour(pal, group) if late and not selected else secondary)
        painter.setFont(due_font)
        painter.drawText(
            QRect(inner.right() - due_w - 2, y, due_w + 2, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            due,
        )
        y += line_h + m.gap

        # Row 3: a progress bar drawn by the style (so it follows the palette), or a hint.
        painter.setFont(m.small)
        row_h = max(m.bar, line_h)
        progress = index.data(roles.ProgressRole)
        if isinstance(progress, float):
            percent = round(progress * 100)
            pct_text = f"{percent}%"
            pct_w = m.fm_small.horizontalAdvance("100%")
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(inner.left(), y + (row_h - m.bar) // 2, max(0, inner.width() - pct_w - m.gap), m.bar)
            bar.minimum = 0
            bar.maximum = 100
            bar.progress = percent
            bar.textVisible = False
            bar.palette = pal
            bar.state = QStyle.StateFlag.State_Horizontal | (option.state & QStyle.StateFlag.State_Enabled)
            widget = option.widget
            style = widget.style() if isinstance(widget, QWidget) else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
            # Some styles draw the groove in the base colour, invisible on a card: outline it faintly.
            painter.setPen(QPen(blend(text, fill, 0.7), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(bar.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)
            painter.setPen(text)
            painter.drawText(
                QRect(inner.right() - pct_w, y, pct_w, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                pct_text,
            )
        else:
            painter.setPen(secondary)
            painter.drawText(
                QRect(inner.left(), y, inner.width(), row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                m.fm_small.elidedText("No measure yet: add a target or milestones", Qt.TextElideMode.ElideRight,
                                      inner.width()),
            )
        painter.restore()


def _bold(font: QFont) -> QFont:
    out = QFont(font)
    out.setBold(True)
    return out
