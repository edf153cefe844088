"""SharingService: a person shares a goal, read-only, with another person (their manager or mentor).

Only a server has people: each is a PostgreSQL role, and the server's row-level security decides who
sees what (store/policies.py). This service is the app's way in: share and unshare, the goals shared
with me, and feedback on them. On an SQLite file (one person) every call says sharing needs a server.
"""

from __future__ import annotations

from dataclasses import dataclass

from goaldesk.domain.errors import DomainError
from goaldesk.domain.model import CheckIn, Goal
from goaldesk.domain.reflection import Feedback, FeedbackSource, check_feedback
from goaldesk.store.base import Change
from goaldesk.store.convert import select
from goaldesk.store.services._shared import DERIVED, GOAL_COLUMNS, ServiceBase, goal_from_row

_ROLE_NAME_LIMIT = 63  # PostgreSQL's identifier length


@dataclass(frozen=True)
class SharedGoal:
    """A goal someone shared with me, with who owns it."""

    goal: Goal
    owner: str


class SharingService(ServiceBase):
    """Shares (goal -> role), and the grantee's read-only view with feedback."""

    def _require_server(self) -> None:
        if not self.store.is_server:
            raise DomainError("Sharing goals needs a GoalDesk server: one file has only one person.")

    def me(self) -> str:
        """The role this connection acts as ('' on SQLite)."""
        if not self.store.is_server:
            return ""
        with self.store.reading():
            return str(self.db.execute_sql("SELECT current_user").fetchone()[0])

    def _check_grantee(self, grantee: str) -> str:
        name = grantee.strip()
        if not name or len(name) > _ROLE_NAME_LIMIT:
            raise DomainError("Give the name of the person (their server user name) to share with.", "grantee")
        if name == self.me():
            raise DomainError("You can always see your own goals; choose someone else to share with.", "grantee")
        with self.store.reading():
            found = self.db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin", (name,)).fetchone()
        if found is None:
            raise DomainError(f"There is no user “{name}” on this server.", "grantee")
        return name

    def _own_goal(self, goal_id: int) -> None:
        with self.store.reading():
            row = self.db.execute_sql(
                "SELECT 1 FROM goal WHERE id = ? AND owner = current_user AND deleted_at IS NULL", (goal_id,)
            ).fetchone()
        if row is None:
            raise DomainError(f"There is no goal of yours with id {goal_id}.", "goal_id")

    def share_goal(self, goal_id: int, grantee: str) -> None:
        """Let ``grantee`` read this goal (with its check-ins, milestones and feedback) and add feedback."""
        self._require_server()
        name = self._check_grantee(grantee)
        self._own_goal(goal_id)
        with self.store.writing([Change("share", (goal_id,))]):
            self.db.execute_sql(
                "INSERT INTO goal_share (goal_id, grantee, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (goal_id, grantee) DO NOTHING",
                (goal_id, name, str(self.store.now())),
            )

    def unshare_goal(self, goal_id: int, grantee: str) -> None:
        self._require_server()
        with self.store.writing([Change("share", (goal_id,))]):
            self.db.execute_sql("DELETE FROM goal_share WHERE goal_id = ? AND grantee = ?", (goal_id, grantee))

    def shared_with(self, goal_id: int) -> list[str]:
        """Who can read one of my goals, by name."""
        if not self.store.is_server:
            return []
        with self.store.reading():
            rows = self.db.execute_sql(
                "SELECT grantee FROM goal_share WHERE goal_id = ? ORDER BY grantee", (goal_id,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def shared_with_me(self) -> list[SharedGoal]:
        """Other people's goals shared with me (not in their Trash), by owner then title."""
        if not self.store.is_server:
            return []
        sql = (
            f"SELECT {GOAL_COLUMNS}, {DERIVED}, g.owner AS owner FROM goal g "
            "WHERE g.owner <> current_user AND g.deleted_at IS NULL ORDER BY g.owner, g.title, g.id"
        )
        with self.store.reading(), self.db.atomic():
            # The policy that lets a grantee read a goal applies only in this view (policies.py).
            self.db.execute_sql("SET LOCAL goaldesk.view = 'shared'")
            found = select(self.db, sql, [])
        return [SharedGoal(goal_from_row(row), str(row["owner"])) for row in found]

    def checkins(self, goal_id: int) -> list[CheckIn]:
        """A shared goal's check-ins (the server shows them only to its owner and grantees)."""
        from goaldesk.store.services.progress import ProgressService

        return ProgressService(self.store).checkins(goal_id)

    def add_feedback(self, goal_id: int, said: str, *, source: FeedbackSource = FeedbackSource.MANAGER,
                     action: str = "") -> Feedback:
        """Feedback from me on a goal shared with me; its owner sees it in the goal's feedback log."""
        self._require_server()
        text, todo = check_feedback(said, action)
        if not any(s.goal.id == goal_id for s in self.shared_with_me()):
            raise DomainError("That goal is not shared with you, so you cannot give feedback on it.", "goal_id")
        with self.store.writing([Change("feedback", ())]):
            new_id = self.store.engine.insert_returning_id(
                "INSERT INTO feedback (goal_id, on_date, source, said, action, acted_on, created_at) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                (goal_id, str(self.store.today()), FeedbackSource(source).value, text, todo, str(self.store.now())),
            )
        from goaldesk.store.services.reflection import ReflectionService

        return ReflectionService(self.store).feedback(new_id)
