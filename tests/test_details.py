"""The goal details panel, driven like a user would: type a check-in, press OK, tick milestones, undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import GoalDraft
from goaldesk.domain.validation import NOTE_MAX
from goaldesk.ui.common.announce import announcer
from goaldesk.ui.progress.chart_panel import ChartKind, ChartPanel
from goaldesk.ui.progress.checkin_dialog import CheckInDialog
from goaldesk.ui.progress.details import GoalDetails
from goaldesk.ui.progress.progress_commands import add_checkin
from goaldesk.ui.progress.wins_view import WinsLogDialog
from goaldesk.ui.shell.context import AppContext

pytestmark = pytest.mark.gui

TITLE = "Earn the PMP certification"


def make_goal(ctx: AppContext, title: str = TITLE, target: float | None = 10.0) -> int:
    cat = ctx.categories.category_by_key("educational")
    assert cat is not None
    today = ctx.today()
    draft = GoalDraft(
        title=title, category_id=cat.id, start_date=today - timedelta(days=30), deadline=today + timedelta(days=30),
        metric_name="modules", unit="modules", baseline=0.0 if target is not None else None, target=target,
    )
    return ctx.goals.create_goal(draft).id


@pytest.fixture
def goal_id(ctx: AppContext) -> int:
    return make_goal(ctx)


@pytest.fixture
def details(ctx: AppContext, qtbot: QtBot, goal_id: int) -> GoalDetails:
    panel = GoalDetails(ctx)
    qtbot.addWidget(panel)
    panel.resize(560, 760)
    panel.show()
    panel.show_goal(goal_id)
    return panel


def ok_button(dialog: CheckInDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def type_checkin(qtbot: QtBot, dialog: CheckInDialog, value: str, note: str = "") -> None:
    dialog.value_edit.clear()
    qtbot.keyClicks(dialog.value_edit, value)
    if note:
        dialog.note_edit.setPlainText(note)


def values(ctx: AppContext, goal_id: int) -> list[float]:
    return [c.value for c in ctx.progress.checkins(goal_id)]


def test_empty_state_until_a_goal_is_selected(ctx: AppContext, qtbot: QtBot) -> None:
    panel = GoalDetails(ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.stack.currentWidget() is panel.empty
    assert "Select a goal to see its progress" in panel.empty.text()
    gid = make_goal(ctx)
    panel.show_goal(gid)
    assert panel.stack.currentIndex() == 1
    assert panel.title_label.text() == TITLE
    assert "Educational" in panel.meta_label.text() and "Active" in panel.meta_label.text()
    assert "in 30 days" in panel.deadline_label.text()
    assert panel.score_label.text().startswith("SMART score")
    assert panel.pace_label.text() == "Pace: Behind"  # half the time gone, nothing done yet
    tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert tabs[:3] == ["Check-ins", "Milestones", "Chart"]
    with qtbot.waitSignal(panel.smartRequested) as blocker:
        qtbot.mouseClick(panel.smart_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [gid]
    panel.show_goal(0)
    assert panel.stack.currentWidget() is panel.empty


def test_add_checkin_through_dialog_then_undo_redo(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                   goal_id: int) -> None:
    dialog = details.add_checkin()
    assert dialog is not None and dialog.isVisible()
    assert "running total" in dialog.kind_label.text() and "modules" in dialog.kind_label.text()
    assert not ok_button(dialog).isEnabled()  # nothing typed yet
    type_checkin(qtbot, dialog, "3", "Finished the scope module")
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    stored = ctx.progress.checkins(goal_id)
    assert [(c.on, c.value, c.note) for c in stored] == [(ctx.today(), 3.0, "Finished the scope module")]
    assert details.checkin_model.rowCount() == 1
    assert details.checkin_model.index(0, 1).data() == "3"
    assert details.progress_bar.value() == 30
    assert details.progress_text.text() == "3 of 10 modules"
    assert ctx.undo_stack.undoText() == f"Add check-in to “{TITLE}”"

    ctx.undo_stack.undo()
    assert values(ctx, goal_id) == []
    assert details.checkin_model.rowCount() == 0
    assert details.progress_bar.value() == 0
    ctx.undo_stack.redo()
    again = ctx.progress.checkins(goal_id)
    assert [c.id for c in again] == [stored[0].id]  # redo puts back the very same row
    assert details.progress_bar.value() == 30


def test_edit_and_delete_checkins_with_keyboard_and_undo(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                         goal_id: int) -> None:
    today = ctx.today()
    ctx.progress.add_checkin(goal_id, today - timedelta(days=3), 2.0)
    ctx.progress.add_checkin(goal_id, today - timedelta(days=1), 3.0)
    assert details.checkin_model.rowCount() == 2
    assert details.checkin_model.index(0, 1).data() == "3"  # newest first

    table = details.checkin_table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = details.checkin_dialog
    assert dialog is not None and dialog.checkin is not None and dialog.value_edit.text() == "3"
    type_checkin(qtbot, dialog, "4")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert values(ctx, goal_id) == [2.0, 4.0]
    assert ctx.undo_stack.undoText() == f"Edit check-in of “{TITLE}”"
    ctx.undo_stack.undo()
    assert values(ctx, goal_id) == [2.0, 3.0]
    ctx.undo_stack.redo()
    assert values(ctx, goal_id) == [2.0, 4.0]

    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert values(ctx, goal_id) == [4.0]
    assert details.checkin_model.rowCount() == 1
    ctx.undo_stack.undo()
    assert values(ctx, goal_id) == [2.0, 4.0]

    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert details.checkin_dialog is not dialog and details.checkin_dialog.checkin is None
    details.checkin_dialog.reject()
    assert values(ctx, goal_id) == [2.0, 4.0]


def test_bad_input_explains_inline_and_writes_nothing(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                      goal_id: int) -> None:
    dialog = details.add_checkin()
    assert dialog is not None
    type_checkin(qtbot, dialog, "abc")
    assert dialog.value_message.isVisible()
    assert "must be a number" in dialog.value_message.text()
    assert not ok_button(dialog).isEnabled()

    type_checkin(qtbot, dialog, "5")
    assert not dialog.value_message.isVisible() and ok_button(dialog).isEnabled()
    tomorrow = ctx.today() + timedelta(days=1)
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))
    assert dialog.date_message.isVisible() and "future" in dialog.date_message.text()
    assert not ok_button(dialog).isEnabled()
    assert dialog.problems().keys() == {"date"}
    dialog.accept()  # Enter pressed anyway: refused, nothing written
    assert values(ctx, goal_id) == []

    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))
    dialog.note_edit.setPlainText("x" * (NOTE_MAX + 1))
    assert dialog.note_message.isVisible() and "keep it under" in dialog.note_message.text()
    assert not ok_button(dialog).isEnabled()
    dialog.accept()
    assert values(ctx, goal_id) == []
    assert ctx.undo_stack.count() == 0
    assert tomorrow > ctx.today()


def test_milestones_add_tick_rename_delete_with_undo(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                     goal_id: int) -> None:
    details.tabs.setCurrentIndex(1)
    details.add_milestone()
    asked = details.input_dialog
    assert asked is not None and asked.isVisible()
    asked.setTextValue("Book the exam")
    asked.accept()
    assert [m.title for m in ctx.progress.milestones(goal_id)] == ["Book the exam"]
    assert details.milestone_list.count() == 1

    item = details.milestone_list.item(0)
    item.setCheckState(Qt.CheckState.Checked)  # what a click or Space on the box does
    milestone = ctx.progress.milestones(goal_id)[0]
    assert milestone.done_on == ctx.today()
    assert ctx.undo_stack.undoText() == "Mark milestone “Book the exam” done"
    assert [w.what for w in ctx.wins.wins(goal_id)] == ["Milestone done: Book the exam"]
    assert details.celebrator.isVisible()

    ctx.undo_stack.undo()
    assert ctx.progress.milestones(goal_id)[0].done_on is None
    assert ctx.wins.wins(goal_id) == []
    assert details.milestone_list.item(0).checkState() == Qt.CheckState.Unchecked
    ctx.undo_stack.redo()
    assert ctx.progress.milestones(goal_id)[0].done_on == ctx.today()
    assert len(ctx.wins.wins(goal_id)) == 1

    details.milestone_list.setCurrentRow(0)
    assert details.rename_milestone(title="Book the PMP exam")
    assert ctx.progress.milestones(goal_id)[0].title == "Book the PMP exam"
    details.milestone_list.setCurrentRow(0)
    qtbot.keyClick(details.milestone_list, Qt.Key.Key_Delete)
    assert ctx.progress.milestones(goal_id) == []
    ctx.undo_stack.undo()
    assert [m.title for m in ctx.progress.milestones(goal_id)] == ["Book the PMP exam"]
    ctx.undo_stack.undo()
    assert [m.title for m in ctx.progress.milestones(goal_id)] == ["Book the exam"]


@pytest.fixture
def announced() -> Iterator[list[str]]:
    """What screen readers were told (``announce``), in order."""
    said: list[str] = []

    def heard(text: str, _assertive: bool) -> None:
        said.append(text)

    announcer().announced.connect(heard)
    yield said
    announcer().announced.disconnect(heard)


def test_halfway_win_is_celebrated_logged_and_undone(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                     goal_id: int, announced: list[str]) -> None:
    wins_log = WinsLogDialog(ctx)
    qtbot.addWidget(wins_log)
    wins_log.show()
    assert wins_log.rows() == []

    dialog = details.add_checkin()
    assert dialog is not None
    type_checkin(qtbot, dialog, "5")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    banner = details.celebrator
    assert banner.isVisible() and not banner.isModal() and not banner.isWindow()
    assert "Halfway there on “Earn the PMP certification”!" in banner.label.text()
    assert "+1 more win" in banner.label.text()  # 25 % was crossed on the way
    day = f"{ctx.today().day} {ctx.today():%b %Y}"
    assert wins_log.rows() == [
        (day, TITLE, "Halfway there (50%)"),
        (day, TITLE, "A quarter of the way (25%)"),
    ]
    assert announced[-1] == banner.label.text()  # said aloud too: it appears away from the focus
    # Up long enough to read (9 s), then it goes away by itself; shortened here to keep the test quick.
    assert banner.timer.interval() >= 8000
    qtbot.wait(1000)
    assert banner.isVisible()
    banner.timer.start(50)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=2000)

    ctx.undo_stack.undo()
    assert ctx.wins.wins(goal_id) == []
    assert wins_log.rows() == []
    ctx.undo_stack.redo()
    assert [r[2] for r in wins_log.rows()] == ["Halfway there (50%)", "A quarter of the way (25%)"]
    assert not banner.isVisible()  # a redo is not a new achievement


def test_reaching_target_offers_mark_achieved(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                              goal_id: int) -> None:
    add_checkin(ctx, ctx.goals.get_goal(goal_id), ctx.today(), 10)
    assert details.offer_visible()
    assert details.pace_label.text() == "Pace: Achieved"
    assert "Goal reached" in details.celebrator.label.text()
    qtbot.mouseClick(details.achieve_button, Qt.MouseButton.LeftButton)
    assert ctx.goals.get_goal(goal_id).status is GoalStatus.ACHIEVED
    assert not details.offer_visible()
    assert "Achieved" in details.meta_label.text()
    ctx.undo_stack.undo()
    assert ctx.goals.get_goal(goal_id).status is GoalStatus.ACTIVE
    assert details.offer_visible()
    qtbot.mouseClick(details.not_now_button, Qt.MouseButton.LeftButton)
    assert not details.offer_visible()
    assert ctx.goals.get_goal(goal_id).status is GoalStatus.ACTIVE


def test_forecast_and_pace_follow_checkins(details: GoalDetails, ctx: AppContext, goal_id: int) -> None:
    today = ctx.today()
    assert "add check-ins" in details.forecast_label.text()
    ctx.progress.add_checkin(goal_id, today - timedelta(days=20), 1.0)
    ctx.progress.add_checkin(goal_id, today - timedelta(days=10), 2.0)
    assert details.forecast_label.text().startswith("Forecast: done by")
    assert details.pace_label.text() == "Pace: Behind"
    ctx.progress.add_checkin(goal_id, today, 1.0)  # going backwards: never converges
    assert "no convergence" in details.forecast_label.text()


def test_chart_panel_draws_and_redraws_on_new_checkin(details: GoalDetails, ctx: AppContext, qtbot: QtBot,
                                                      goal_id: int) -> None:
    ctx.progress.add_checkin(goal_id, ctx.today() - timedelta(days=5), 2.0)
    panel = details.chart_panel
    with qtbot.waitSignal(panel.redrawn, timeout=10000):
        details.tabs.setCurrentWidget(panel)
    assert panel.figure is not None and panel.canvas is not None and panel.canvas.isVisible()
    ax = panel.figure.axes[0]
    actual = [line for line in ax.get_lines() if line.get_label() == "Actual"]
    assert len(actual) == 1 and len(actual[0].get_xdata()) == 1
    first = panel.figure

    with qtbot.waitSignal(panel.redrawn, timeout=10000):
        add_checkin(ctx, ctx.goals.get_goal(goal_id), ctx.today(), 4)
    assert panel.figure is not first
    actual = [line for line in panel.figure.axes[0].get_lines() if line.get_label() == "Actual"]
    assert len(actual[0].get_xdata()) == 2

    with qtbot.waitSignal(panel.redrawn, timeout=10000):
        panel.set_kind(ChartKind.WINS)
    assert "Small wins" in panel.figure.get_suptitle()
    _figure, header = panel.figure_for_print()
    assert header.title == "Small wins"


def test_chart_panel_follows_a_dark_palette_and_shows_no_data(ctx: AppContext, qtbot: QtBot) -> None:
    gid = make_goal(ctx, "Learn pivot tables", target=None)
    panel = ChartPanel(ctx)
    qtbot.addWidget(panel)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    panel.setPalette(dark)
    panel.show_goal(gid)
    with qtbot.waitSignal(panel.redrawn, timeout=10000):
        panel.show()
    assert panel.figure is not None
    assert panel.figure.get_facecolor()[0] < 0.5  # dark background
    texts = [t.get_text() for t in panel.figure.axes[0].texts]
    assert "No check-ins yet" in texts
    printed, header = panel.figure_for_print()
    assert printed.get_facecolor()[0] > 0.9  # paper stays white
    assert header.title == "Learn pivot tables"
    with qtbot.waitSignal(panel.redrawn, timeout=10000):
        panel.show_goal(0)
    assert panel.canvas is None and "Select a goal" in panel.message.text()


def test_checkin_dialog_for_increments_says_so(ctx: AppContext, qtbot: QtBot) -> None:
    from goaldesk.domain.enums import MetricKind

    gid = make_goal(ctx, "Read 12 books")
    goal = ctx.goals.get_goal(gid)
    goal = ctx.goals.update_goal(gid, goal.draft().replace(metric_kind=MetricKind.INCREMENT, unit="books"))
    dialog = CheckInDialog(goal, ctx.today())
    qtbot.addWidget(dialog)
    assert "amount added since your last check-in" in dialog.kind_label.text()
    assert "books" in dialog.kind_label.text()
    qtbot.keyClicks(dialog.value_edit, "1,5")
    assert dialog.values() == (ctx.today(), 1.5, "")
    assert date.today() >= dialog.values()[0]


def test_markup_in_a_title_is_shown_as_typed(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from goaldesk.domain.model import GoalDraft
    from goaldesk.ui.progress.details import GoalDetails

    cat = ctx.categories.category_by_key("networking")
    goal = ctx.goals.create_goal(GoalDraft(title="Meet <b>5</b> people & <i>follow up</i>", category_id=cat.id))
    panel = GoalDetails(ctx)
    qtbot.addWidget(panel)
    panel.show_goal(goal.id)
    assert panel.title_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.title_label.text() == "Meet <b>5</b> people & <i>follow up</i>"


def test_the_percentage_sits_beside_the_bar_in_one_colour(details: GoalDetails, ctx: AppContext, goal_id: int) -> None:
    """Drawn on the bar, "50%" was half white on the fill and half black beside it; now it is a label."""
    ctx.progress.add_checkin(goal_id, ctx.today(), 5)
    details.reload()
    bar, label = details.progress_bar, details.percent_label
    assert not bar.isTextVisible()
    assert label.isVisible() and label.text() == f"{bar.value()}%"
    assert not bar.geometry().intersects(label.geometry())  # beside, never on the fill
