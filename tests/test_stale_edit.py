"""Two people (or two windows) editing the same goal never silently overwrite each other.

Each goal has a row version. A save made from an older version is refused with StaleEdit, which
carries the goal as it is now, and nothing is written. Runs on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import pytest

from goaldesk.domain.enums import GoalStatus
from goaldesk.domain.model import GoalDraft
from goaldesk.store.base import Store
from goaldesk.store.db import open_database
from goaldesk.store.errors import StaleEdit
from goaldesk.store.services import Services

ENGINES = ("sqlite", "postgres")


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(service: Services, db_target) -> None:  # type: ignore[no-untyped-def]
    category = service.categories.categories()[1].id
    goal = service.goals.create_goal(GoalDraft(title="Earn the PMP certification", category_id=category))
    assert goal.version == 0
    other = Services(Store(open_database(db_target)))  # a second client: another window or machine
    try:
        theirs = other.goals.get_goal(goal.id)
        mine = service.goals.get_goal(goal.id)
        saved = other.goals.update_goal(goal.id, theirs.draft().replace(why="My manager asked for it"),
                                        expected_version=theirs.version)
        assert saved.version == 1
        with pytest.raises(StaleEdit) as refused:
            service.goals.update_goal(goal.id, mine.draft().replace(title="Earn the PMP in 6 months"),
                                      expected_version=mine.version)
        assert "changed elsewhere" in refused.value.message
        assert refused.value.current.why == "My manager asked for it"  # what is there now, to reload
        now = service.goals.get_goal(goal.id)
        assert now.title == "Earn the PMP certification" and now.why == "My manager asked for it"
        assert now.version == 1
        # Reloading (the fresh version) lets the save through.
        again = service.goals.update_goal(goal.id, now.draft().replace(title="Earn the PMP in 6 months"),
                                          expected_version=now.version)
        assert again.title == "Earn the PMP in 6 months" and again.version == 2
    finally:
        other.store.close()


def test_status_changes_and_undo_count_as_edits(service: Services) -> None:
    category = service.categories.categories()[1].id
    goal = service.goals.create_goal(GoalDraft(title="Run a 10 km race", category_id=category))
    opened = goal.version
    service.goals.set_status(goal.id, GoalStatus.ACHIEVED)
    with pytest.raises(StaleEdit):
        service.goals.update_goal(goal.id, goal.draft().replace(title="Run a half marathon"), expected_version=opened)
    assert service.goals.get_goal(goal.id).status is GoalStatus.ACHIEVED
    before_undo = service.goals.get_goal(goal.id).version
    service.goals.replace_goal(goal)  # undo of the status change
    assert service.goals.get_goal(goal.id).version == before_undo + 1


def test_moves_do_not_make_an_open_editor_stale(service: Services) -> None:
    """Dragging a card on the board changes where it stands, not what the editor shows."""
    from goaldesk.domain.enums import Horizon

    category = service.categories.categories()[1].id
    goal = service.goals.create_goal(GoalDraft(title="Read twelve books", category_id=category))
    service.board.move_goals([goal.id], Horizon.LONG)
    saved = service.goals.update_goal(goal.id, goal.draft().replace(title="Read twelve books this year",
                                                                   horizon=Horizon.LONG),
                                      expected_version=goal.version)
    assert saved.title == "Read twelve books this year"
