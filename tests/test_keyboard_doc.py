"""Every action has a keyboard path, and docs/keyboard.md tells it (issue 20).

The real main window is built (with the board and the details panel, which add actions of their own);
every QAction with a shortcut must appear in docs/keyboard.md with that shortcut, and every action in
a menu must have a mnemonic (``&``), so Alt opens the menu and one letter picks the item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo import fill_demo
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from goaldesk.store.services import Services
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "keyboard.md"


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    fill_demo(Services(ctx.store), ctx.today())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentIndex(1)  # the board is built on first view, with its own actions
    win.tabs.setCurrentIndex(0)
    win.select_goal(ctx.goals.list_goals()[0].id)
    win.details  # noqa: B018 - the details panel is built on first use, with its own actions
    yield win


def shortcut_actions(window: MainWindow) -> dict[str, list[str]]:
    """Action text (without &) -> its shortcuts as written in the doc (portable text: Ctrl+Shift+C)."""
    found: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&") or action.objectName()
            found.setdefault(name, [])
            found[name] += [k for k in keys if k not in found[name]]
    return found


def menu_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{path} > {action.text()}", action
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from menu_actions(sub, f"{path} > {action.text()}")


def test_every_shortcut_is_in_the_keyboard_doc(window: MainWindow) -> None:
    doc = DOC.read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("|")]
    actions = shortcut_actions(window)
    assert len(actions) >= 20, sorted(actions)  # menus, board, goal types: not a handful
    missing = []
    for name, keys in sorted(actions.items()):
        for key in keys:
            # The shortcut on a row of the table that names the action (its menu text, without "…").
            wanted = name.rstrip("…").strip()
            if not any(f"`{key}`" in row and wanted.lower() in row.lower() for row in rows):
                missing.append(f"{name}: {key}")
    assert not missing, "not in docs/keyboard.md: " + "; ".join(missing)


def test_every_menu_action_has_a_mnemonic(window: MainWindow) -> None:
    bar = window.menuBar()
    assert isinstance(bar, QMenuBar)
    without = []
    for top in bar.actions():
        if not re.search(r"&[^&]", top.text()):
            without.append(top.text())
        menu = top.menu()
        if isinstance(menu, QMenu):
            without += [path for path, action in menu_actions(menu, top.text())
                        if not re.search(r"&[^&]", action.text())]
    assert not without, f"menu items without a mnemonic: {without}"


def test_the_doc_covers_every_part_of_the_window() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for part in ("Main window", "Board", "List", "Goal types", "Details", "Goal editor", "SMART"):
        assert f"## {part}" in doc, part
