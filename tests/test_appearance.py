"""Dark mode, goal-type colours on screen, the list's title tooltip, the tree's drop highlight, closed windows.

Real widgets on the offscreen platform, real SQLite files and settings files in tmp_path.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from goaldesk.domain.enums import Horizon
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.ui.board.board_model import BoardColumnModel
from goaldesk.ui.board.card_delegate import CardDelegate
from goaldesk.ui.categories.category_model import CategoryTreeModel
from goaldesk.ui.categories.category_view import CategoryPanel
from goaldesk.ui.common import roles, theme
from goaldesk.ui.common.filters import FilterState
from goaldesk.ui.common.mime import encode_ids
from goaldesk.ui.goals.goal_model import Column, GoalTableModel
from goaldesk.ui.reflection.preferences import PreferencesDialog
from goaldesk.ui.shell.context import AppContext

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture(autouse=True)
def system_look_afterwards(qapp: QApplication) -> Iterator[None]:
    """Every test here may switch the whole app to Dark; the rest of the session gets the System look back."""
    theme.remember_system_look(qapp)
    yield
    theme.apply_appearance(theme.SYSTEM, qapp)
    QCoreApplication.processEvents()


def settings_at(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def window_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def cat_id(ctx: AppContext, key: str) -> int:
    found = ctx.categories.category_by_key(key)
    assert found is not None
    return found.id


# ---------------------------------------------------------------------- dark mode


def test_preferences_dark_applies_at_once_persists_and_cancel_reverts(
    ctx: AppContext, qtbot: QtBot, settings_path: Path, tmp_path: Path
) -> None:
    assert window_colour().lightness() > 128  # the offscreen platform is light
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.appearance_combo.currentData() == theme.SYSTEM
    assert [dialog.appearance_combo.itemText(i) for i in range(3)] == ["System", "Light", "Dark"]
    dialog.appearance_combo.setCurrentIndex(2)
    assert window_colour().lightness() < 80  # shown before OK
    assert QApplication.style().name().casefold() == "fusion"
    dialog.reject()
    assert window_colour().lightness() > 128  # Cancel: back as it was
    assert theme.appearance(ctx.settings) == theme.SYSTEM

    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.appearance_combo.setCurrentIndex(theme.MODES.index(theme.DARK))
    dialog.accept()
    assert window_colour().lightness() < 80
    assert settings_at(settings_path).value(theme.APPEARANCE_KEY) == "dark"  # on disk

    # A later start (new QApplication look, new settings object on the same file) comes up dark.
    theme.apply_appearance(theme.SYSTEM)
    assert window_colour().lightness() > 128
    assert theme.apply_saved_appearance(settings_at(settings_path)) == theme.DARK
    assert window_colour().lightness() < 80

    # Light is Fusion's light palette, whatever the desktop.
    theme.apply_appearance(theme.LIGHT)
    assert window_colour() == theme.light_palette().color(QPalette.ColorRole.Window)


def test_a_window_opened_with_dark_settings_is_dark(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from goaldesk.ui.shell.app import open_window

    settings = settings_at(tmp_path / "dark.ini")
    settings.setValue(theme.APPEARANCE_KEY, theme.DARK)
    settings.sync()
    window = open_window(tmp_path / "dark.sqlite3", settings=settings_at(tmp_path / "dark.ini"))
    assert window is not None
    try:
        QCoreApplication.processEvents()
        assert window.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert window.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
    finally:
        window.close()


def test_closed_windows_leave_the_list_and_are_deleted(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from goaldesk.ui.shell import app

    before = len(app.open_windows())
    settings = settings_at(tmp_path / "w.ini")
    for round_ in range(3):
        opened = [app.open_window(tmp_path / f"w{round_}-{i}.sqlite3", settings=settings) for i in range(4)]
        assert all(w is not None for w in opened)
        assert len(app.open_windows()) == before + 4
        qtbot.wait(30)  # their first-show timers run, as they do before anyone can close a window
        for window in opened:
            assert window is not None
            window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        assert len(app.open_windows()) == before
        assert not any(shiboken6.isValid(w) for w in opened)  # deleted, not just hidden


# ---------------------------------------------------------------------- board cards


def _paint_card(ctx: AppContext, model: BoardColumnModel, pal: QPalette) -> QImage:
    delegate = CardDelegate(ctx)
    option = QStyleOptionViewItem()
    option.font = QApplication.font()
    option.palette = pal
    option.state = QStyle.StateFlag.State_Enabled
    option.rect.setRect(0, 0, 360, 0)
    size = delegate.sizeHint(option, model.index(0))
    option.rect.setRect(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(pal.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()
    return image


@pytest.mark.parametrize("dark", [False, True])
def test_cards_show_the_type_colour_strip_and_palette_colours(ctx: AppContext, dark: bool) -> None:
    ctx.goals.create_goal(GoalDraft(title="Lead the Q3 project", category_id=cat_id(ctx, "leadership")))
    model = BoardColumnModel(ctx, FilterState(), Horizon.SHORT)
    pal = theme.dark_palette() if dark else theme.light_palette()
    image = _paint_card(ctx, model, pal)
    mid_y = image.height() // 2
    # Down the left edge, just inside the card's border: the type's colour (orange), as drawn on this palette.
    strip_x = next(x for x in range(image.width()) if image.pixelColor(x, mid_y).saturation() > 150)
    strip = image.pixelColor(strip_x + 1, mid_y)
    expected = theme.type_colour("#e69f00", pal)
    assert expected is not None
    assert abs(strip.hue() - expected.hue()) < 12 and strip.saturation() > 150
    # The rest of the card is the palette's base, so a dark palette gives a dark card.
    body = image.pixelColor(image.width() // 2, image.height() - 8)
    assert abs(body.lightness() - pal.color(QPalette.ColorRole.Base).lightness()) < 12

    # "No colour": no strip at all.
    ctx.categories.set_category_colour(cat_id(ctx, "leadership"), None)
    plain = _paint_card(ctx, model, pal)
    assert max(plain.pixelColor(x, mid_y).saturation() for x in range(0, 40)) < 60


# ---------------------------------------------------------------------- the list


def test_list_rows_carry_the_type_colour_and_the_full_title(ctx: AppContext) -> None:
    title = "Publish a conference talk on modern data pipelines & what we learned from running them for a year"
    ctx.goals.create_goal(GoalDraft(title=title, category_id=cat_id(ctx, "leadership"),
                                    description="Submit to two conferences"))
    mine = ctx.categories.create_category("Side projects", None)
    ctx.goals.create_goal(GoalDraft(title="Build a shed", category_id=mine.id))
    model = GoalTableModel(ctx)
    rows = {model.goal_at(r).title: r for r in range(model.rowCount())}
    lead, shed = rows[title], rows["Build a shed"]

    tip = str(model.index(lead, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole))
    assert " ".join(tip.split()).startswith(title)  # every word, wrapped onto lines a tooltip can show
    assert max(len(line) for line in tip.splitlines()) <= 90
    assert tip.endswith("Submit to two conferences")
    short = model.index(shed, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert short == "Build a shed"

    colour = model.index(lead, Column.TITLE).data(roles.TypeColourRole)
    assert isinstance(colour, QColor) and colour == theme.type_colour("#e69f00")
    swatch = model.index(lead, Column.TYPE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(swatch, QIcon) and not swatch.isNull()
    centre = swatch.pixmap(QSize(14, 14)).toImage().pixelColor(7, 7)
    assert abs(centre.hue() - QColor("#e69f00").hue()) < 12
    assert model.index(shed, Column.TYPE).data(roles.TypeColourRole) is None
    assert model.index(shed, Column.TYPE).data(Qt.ItemDataRole.DecorationRole) is None

    # A colour chosen later reaches the rows already shown.
    ctx.categories.set_category_colour(mine.id, "#56b4e9")
    assert model.index(shed, Column.TYPE).data(roles.TypeColourRole) == theme.type_colour("#56b4e9")


# ---------------------------------------------------------------------- the tree


@pytest.fixture
def panel(ctx: AppContext, qtbot: QtBot) -> Iterator[CategoryPanel]:
    widget = CategoryPanel(ctx, FilterState())
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def test_tree_swatches_and_the_colour_menu_are_one_undo_step(panel: CategoryPanel, ctx: AppContext) -> None:
    mine = ctx.categories.create_category("Side projects", None).id
    model = panel.model
    leadership = model.index_for_id(cat_id(ctx, "leadership"))
    icon = leadership.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert abs(icon.pixmap(16, 16).toImage().pixelColor(8, 8).hue() - QColor("#e69f00").hue()) < 12
    blank = model.index_for_id(mine).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(blank, QIcon) and blank.pixmap(16, 16).toImage().pixelColor(8, 8).alpha() == 0  # aligned

    panel.select_category(mine)
    menu = panel.colour_menu()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in entries] == [
        "Orange", "Sky blue", "Bluish green", "Yellow", "Blue", "Vermilion", "Reddish purple", "&No colour"
    ]
    assert entries[-1].isChecked() and not any(a.isChecked() for a in entries[:-1])
    entries[1].trigger()  # Sky blue
    assert ctx.categories.category(mine).colour == "#56b4e9"
    assert ctx.undo_stack.count() == 1 and "Side projects" in ctx.undo_stack.undoText()
    icon = model.index_for_id(mine).data(Qt.ItemDataRole.DecorationRole)
    assert abs(icon.pixmap(16, 16).toImage().pixelColor(8, 8).hue() - QColor("#56b4e9").hue()) < 12
    assert [a.isChecked() for a in panel.colour_menu().actions() if not a.isSeparator()][1]
    ctx.undo_stack.undo()
    assert ctx.categories.category(mine).colour is None
    ctx.undo_stack.redo()
    assert ctx.categories.category(mine).colour == "#56b4e9"
    assert not panel.set_colour("#56b4e9")  # the same colour again: nothing to undo
    assert ctx.undo_stack.count() == 1
    panel.select_category(0)  # All goals has no colour to choose
    assert not panel.colour_menu().isEnabled()


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def _drag_over(panel: CategoryPanel, data: object, point: QPoint) -> QDragMoveEvent:
    view = panel.tree
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    button, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, actions, data, button, mods))  # type: ignore[arg-type]
    move = QDragMoveEvent(point, actions, data, button, mods)  # type: ignore[arg-type]
    QApplication.sendEvent(view.viewport(), move)
    return move


def test_the_row_a_drag_is_over_is_highlighted(panel: CategoryPanel, ctx: AppContext, qtbot: QtBot) -> None:
    goal = ctx.goals.create_goal(GoalDraft(title="Run a 10k", category_id=cat_id(ctx, "health-fitness")))
    view = panel.tree
    target = panel.model.index_for_id(cat_id(ctx, "networking"))
    view.scrollTo(target)
    rect = view.visualRect(target)
    before = view.viewport().grab().toImage()

    # Near the row's top edge: Qt would drop "between rows" (on Professional); goals go on the row itself.
    move = _drag_over(panel, encode_ids([goal.id]), QPoint(rect.center().x(), rect.top() + 1))
    assert move.isAccepted()
    assert view.drop_target() == target
    qtbot.wait(20)
    after = view.viewport().grab().toImage()
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    right = view.viewport().width() - 4  # past the text: the whole row is marked, not just the label
    for image, marked in ((before, False), (after, True)):
        pixel = image.pixelColor(right, rect.center().y())
        base = view.palette().color(QPalette.ColorRole.Base)
        assert (distance(pixel, base) > 60 and distance(pixel, highlight) < distance(base, highlight) - 60) is marked
        edge = image.pixelColor(right, rect.top() + 1)  # the outline, in the highlight colour itself
        assert (distance(edge, highlight) < 40) is marked

    # Over "All goals" a goal cannot be dropped: no highlight. Leaving the tree clears it too.
    all_rect = view.visualRect(panel.model.index_for_id(0))
    move = _drag_over(panel, encode_ids([goal.id]), all_rect.center())
    assert not move.isAccepted() and not view.drop_target().isValid()
    _drag_over(panel, encode_ids([goal.id]), rect.center())
    assert view.drop_target() == target
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert not view.drop_target().isValid()
    assert not view.dragDropOverwriteMode()  # type drags keep "between rows" for nesting

    # And the drop goes where the highlight was.
    from PySide6.QtGui import QDropEvent

    point = QPoint(rect.center().x(), rect.top() + 1)
    data = encode_ids([goal.id])  # kept alive: the events hold only a pointer to it
    _drag_over(panel, data, point)
    drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    assert ctx.goals.get_goal(goal.id).category_id == cat_id(ctx, "networking")
    assert not view.drop_target().isValid()


def test_tree_model_reports_colours(ctx: AppContext) -> None:
    model = CategoryTreeModel(ctx)
    index = model.index_for_id(cat_id(ctx, "financial"))
    assert index.data(roles.CategoryColourRole) == "#f0e442"
    assert model.index_for_id(0).data(roles.CategoryColourRole) is None
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(int(top.internalId())))
    ctx.categories.set_category_colour(cat_id(ctx, "financial"), "#0072b2")
    assert cat_id(ctx, "financial") in changed
    assert index.data(roles.CategoryColourRole) == "#0072b2"


def test_every_built_in_type_starts_with_a_colour(tmp_path: Path) -> None:
    """A new database shows colours on the board straight away: its eleven built-in types have one."""
    store = Store(open_database(tmp_path / "demo.sqlite3"), today=lambda: date(2026, 1, 5))
    try:
        from goaldesk.store.services import Services

        assert len(Services(store).categories.colours()) == 11
    finally:
        store.close()


def test_models_stay_consistent_while_colours_change(ctx: AppContext) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    from goaldesk.ui.categories.category_commands import SetCategoryColour
    from goaldesk.ui.common.commands import run

    ctx.goals.create_goal(GoalDraft(title="Lead the Q3 project", category_id=cat_id(ctx, "leadership")))
    tree, table = CategoryTreeModel(ctx), GoalTableModel(ctx)
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    testers = [QAbstractItemModelTester(tree, fatal), QAbstractItemModelTester(table, fatal)]
    assert run(ctx, SetCategoryColour(ctx, cat_id(ctx, "leadership"), "#0072b2"))
    assert table.index(0, Column.TYPE).data(roles.TypeColourRole) == theme.type_colour("#0072b2")
    ctx.undo_stack.undo()
    assert table.index(0, Column.TYPE).data(roles.TypeColourRole) == theme.type_colour("#e69f00")
    assert tree.index_for_id(cat_id(ctx, "leadership")).data(roles.CategoryColourRole) == "#e69f00"
    ctx.undo_stack.redo()
    assert tree.index_for_id(cat_id(ctx, "leadership")).data(roles.CategoryColourRole) == "#0072b2"
    assert len(testers) == 2
