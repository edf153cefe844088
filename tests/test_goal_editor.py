"""The goal editor as a user meets it: the deadline the wording names, typed dates, readable errors,
Ctrl+K for a live SMART check of the draft, and plural wording."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from goaldesk.domain.model import GoalDraft
from goaldesk.domain.smart import Criterion
from goaldesk.domain.wording import add_months
from goaldesk.ui.goals.date_field import DateField
from goaldesk.ui.goals.field_message import FieldMessage, error_colour
from goaldesk.ui.goals.goal_editor import GoalEditor, pydate
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win


@pytest.fixture
def editor(window: MainWindow, qtbot) -> GoalEditor:  # type: ignore[no-untyped-def]
    ed = window.goals.make_editor()
    qtbot.addWidget(ed)
    ed.show()
    return ed


def add(ctx: AppContext, title: str, **kw: object) -> int:
    cat = ctx.categories.category_by_key("educational")
    assert cat is not None
    return ctx.goals.create_goal(GoalDraft(title=title, category_id=cat.id).replace(**kw)).id


def qd(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


# ---------------------------------------------------------------- the deadline the wording names


def test_within_six_months_is_offered_and_used(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    today = ctx.today()
    due = add_months(today, 6)
    assert not editor.deadline_offer.isVisible()
    qtbot.keyClicks(editor.title_edit, "Earn the PMP certification within 6 months")
    # The untouched deadline field follows the wording; nothing is set until the user says so.
    assert pydate(editor.deadline_edit.date()) == due
    assert not editor.has_deadline.isChecked()
    assert editor.offered_deadline() == qd(due)
    assert editor.deadline_offer.isVisible()
    assert editor.deadline_offer.text() == f"Use {due.day} {qd(due).toString('MMM')} {due.year}"
    assert "within 6 months" in editor.deadline_offer.toolTip()

    qtbot.mouseClick(editor.deadline_offer, Qt.MouseButton.LeftButton)
    assert editor.has_deadline.isChecked()
    assert not editor.deadline_offer.isVisible()
    draft = editor.draft()
    assert draft is not None and draft.deadline == due


@pytest.mark.parametrize(
    ("title", "months", "weeks"),
    [("Learn Spanish in two months", 2, 0), ("Read 4 books within 3 weeks", 0, 3), ("Save 3,000 in a year", 12, 0)],
)
def test_other_time_frames(editor: GoalEditor, ctx: AppContext, qtbot, title: str, months: int, weeks: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor.title_edit, title)
    expected = add_months(ctx.today(), months) + timedelta(weeks=weeks)
    assert editor.offered_deadline() == qd(expected)


def test_a_date_the_user_chose_is_never_overwritten(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    mine = ctx.today() + timedelta(days=100)
    qtbot.mouseClick(editor.has_deadline, Qt.MouseButton.LeftButton)
    editor.deadline_edit.setDate(qd(mine))
    qtbot.keyClicks(editor.title_edit, "Read 4 books within 3 weeks")
    assert pydate(editor.deadline_edit.date()) == mine  # kept
    assert editor.deadline_offer.isVisible()  # only offered
    draft = editor.draft()
    assert draft is not None and draft.deadline == mine


def test_a_stored_deadline_stays(window: MainWindow, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored = ctx.today() + timedelta(days=40)
    goal = ctx.goals.get_goal(add(ctx, "Pass the AWS exam within 6 months", deadline=stored))
    editor = window.goals.make_editor(goal)
    qtbot.addWidget(editor)
    assert pydate(editor.deadline_edit.date()) == stored and editor.has_deadline.isChecked()
    assert editor.offered_deadline() == qd(add_months(ctx.today(), 6))
    editor.why_edit.setText("Cloud roles ask for it")
    assert pydate(editor.deadline_edit.date()) == stored


def test_no_offer_without_a_time_frame(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor.title_edit, "Grow in my career")
    assert editor.offered_deadline() is None and not editor.deadline_offer.isVisible()
    assert pydate(editor.deadline_edit.date()) == ctx.today()


# ---------------------------------------------------------------- typing a date


def click_part(qtbot, field: DateField, index: int) -> None:  # type: ignore[no-untyped-def]
    """Click inside the year (0), month (1) or day (2) of a yyyy-MM-dd field, as a mouse would."""
    line = field.lineEdit()
    text = line.text()
    offset = {0: 2, 1: 6, 2: 9}[index]
    x = line.fontMetrics().horizontalAdvance(text[:offset]) + line.cursorRect().width()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x + 2, line.height() // 2))


def test_clicking_the_year_and_typing_takes(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor.title_edit.setText("Finish the course")
    field = editor.deadline_edit
    year = ctx.today().year + 1
    click_part(qtbot, field, 0)
    assert field.lineEdit().selectedText() == str(ctx.today().year)  # the click selects the whole year
    qtbot.keyClicks(field, str(year))
    assert field.date().year() == year
    assert editor.has_deadline.isChecked()  # a typed date is meant as the deadline
    draft = editor.draft()
    assert draft is not None and draft.deadline is not None and draft.deadline.year == year


def test_typing_month_and_day_part_by_part(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = editor.deadline_edit
    year = ctx.today().year + 1
    click_part(qtbot, field, 0)
    qtbot.keyClicks(field, f"{year}-06-08")  # the "-" after a full year does not skip the month
    assert field.date() == QDate(year, 6, 8)
    click_part(qtbot, field, 1)
    qtbot.keyClicks(field, "11")
    assert field.date() == QDate(year, 11, 8)
    click_part(qtbot, field, 2)
    qtbot.keyClicks(field, "30")
    assert field.date() == QDate(year, 11, 30)


def test_select_all_and_type_a_whole_date(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = editor.deadline_edit
    year = ctx.today().year + 2
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field, f"{year}-03-15")
    assert field.date() == QDate(year, 3, 15)


def test_a_two_digit_year_is_kept(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = editor.deadline_edit
    year = ctx.today().year + 1
    click_part(qtbot, field, 0)
    qtbot.keyClicks(field, str(year)[2:])
    assert field.lineEdit().text().startswith(str(year)[2:] + "-")  # unfinished while typing
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # on to the month: Qt alone would drop "27" and keep the old year
    assert field.date().year() == year


def test_the_start_date_takes_typing_too(editor: GoalEditor, ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(editor.start_edit, DateField) and editor.start_edit.displayFormat() == "yyyy-MM-dd"
    click_part(qtbot, editor.start_edit, 2)
    qtbot.keyClicks(editor.start_edit, "01")
    assert editor.start_edit.date().day() == 1


# ---------------------------------------------------------------- error style


def test_errors_are_readable_not_link_blue(editor: GoalEditor, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor.title_edit.setText("Save money")
    editor.target_edit.setText("abc")
    message = editor._messages["target"]
    assert isinstance(message, FieldMessage) and message.isVisible()
    assert "must be a number" in message.text()
    colour = message.colour()
    assert colour != editor.palette().color(QPalette.ColorRole.Link)
    assert colour.red() > colour.blue() and colour.red() > colour.green()  # reads as an error
    assert message.label.font().bold()
    assert message.icon.pixmap() is not None and not message.icon.pixmap().isNull()
    assert message.label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert not message.label.openExternalLinks()
    assert message.styleSheet() == "" and message.label.styleSheet() == ""


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_error_colour_follows_a_dark_palette(editor: GoalEditor, qtbot) -> None:  # type: ignore[no-untyped-def]
    light = QPalette(QColor(240, 240, 240))
    dark = QPalette(QColor(45, 45, 48))
    dark.setColor(QPalette.ColorRole.WindowText, QColor(230, 230, 230))
    for palette in (light, dark):
        colour = error_colour(palette)
        assert contrast(colour, palette.color(QPalette.ColorRole.Window)) >= 4.5, palette
    editor.title_edit.setText("")
    message = editor._messages["title"]
    editor.setPalette(dark)
    assert message.colour() == error_colour(dark)
    assert message.colour().lightness() > 128  # light red on the dark background
    editor.setPalette(light)
    assert message.colour() == error_colour(light)
    assert message.colour().lightness() < 128


# ---------------------------------------------------------------- Ctrl+K and the live SMART check


def test_ctrl_k_in_the_editor_opens_a_live_smart_check(editor: GoalEditor, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.smart.smart_dialog import SmartDialog

    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.title_edit.setFocus()
    qtbot.keyClicks(editor.title_edit, "Grow in my career")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.smart_dialog
    assert isinstance(dialog, SmartDialog) and dialog.isVisible()
    assert editor.title_edit.text() == "Grow in my career"  # Ctrl+K did not delete to the end of the line
    assert not dialog.isModal() and dialog.windowModality() == Qt.WindowModality.NonModal
    assert "Live" in dialog.mode_note.text()
    assert dialog.sections[Criterion.SPECIFIC].verdict_label.text().startswith("✘")

    # Typing in the editor while the check is open changes what it shows.
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "Earn the PMP certification within 6 months")
    assert dialog.sections[Criterion.SPECIFIC].verdict_label.text() == "✔ Met"
    assert dialog.sections[Criterion.TIME_BOUND].verdict_label.text() == "✔ Met"

    # Ctrl+K again (from the description) brings the same check forward rather than a second one.
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.description_edit.setFocus()
    qtbot.keyClick(editor.description_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.smart_dialog is dialog

    # Its ticks go to the editor on OK; closing the editor closes it.
    dialog.sections[Criterion.RELEVANT].override_box.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert editor.pending_overrides == frozenset({"relevant"})
    assert editor.smart_dialog is None
    editor.smart_action.trigger()
    second = editor.smart_dialog
    assert second is not None and second.isVisible()
    editor.reject()
    assert not second.isVisible()


def test_ctrl_k_shortcut_is_shown(editor: GoalEditor) -> None:
    assert editor.smart_action.shortcut().toString() == "Ctrl+K"
    assert "Ctrl+K" in editor.smart_button.toolTip()


# ---------------------------------------------------------------- plurals


def test_moved_to_trash_message_uses_plural_forms(window: MainWindow, ctx: AppContext) -> None:
    first = add(ctx, "Read 4 books")
    add(ctx, "Run 5 km")
    window.select_goal(first)
    assert window.goals.delete_selected()
    assert window.statusBar().currentMessage().startswith("Moved 1 goal to the Trash.")
    ctx.undo_stack.undo()
    window.table.selectAll()
    assert window.goals.delete_selected()
    assert window.statusBar().currentMessage().startswith("Moved 2 goals to the Trash.")


def test_other_dialogs_take_typed_dates_too(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from goaldesk.ui.progress.checkin_dialog import CheckInDialog
    from goaldesk.ui.reflection.feedback_view import FeedbackDialog

    today = ctx.today()
    feedback = FeedbackDialog(None, qd(today))
    qtbot.addWidget(feedback)
    feedback.show()
    assert isinstance(feedback.date_edit, DateField)
    click_part(qtbot, feedback.date_edit, 2)
    qtbot.keyClicks(feedback.date_edit, "01")
    assert feedback.date_edit.date() == QDate(today.year, today.month, 1)

    goal = ctx.goals.get_goal(add(ctx, "Read 12 books", target=12.0))
    checkin = CheckInDialog(goal, today)
    qtbot.addWidget(checkin)
    checkin.show()
    field = checkin.date_edit
    assert isinstance(field, DateField) and field.displayFormat() == "d MMM yyyy"
    line = field.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.cursorRect().width() + 2, line.height() // 2))
    assert line.selectedText() == str(today.day)  # the click took the whole day part
    qtbot.keyClicks(field, "1")
    assert field.date().day() == 1
