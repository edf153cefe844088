"""People on a shared PostgreSQL server: who owns a row, who may read it, as row-level security.

Each person is a PostgreSQL role. A goal belongs to the role that made it (``goal.owner`` defaults to
``current_user``), and so do its check-ins, milestones, history, wins, trait links and shares. A
person sees and changes only their own; the server enforces it, so hand-written SQL through psql is
held to the same rules as GoalDesk. A person can share a goal read-only with another role (their
manager or mentor): that role can read it with its check-ins, milestones and feedback, and add
feedback of its own, and nothing else.

The table owner (the role that built the schema, normally the admin's) is not subject to these
policies: PostgreSQL exempts a table's owner unless FORCE is given. A one-person database whose
single role owns it therefore behaves exactly as before. docs/server.md has the admin's SQL.

Shared goals stay out of a person's own list and board: the policy that lets a grantee read a goal
applies only while the session variable ``goaldesk.view`` is 'shared', which the sharing service sets
for its own reads. Setting it by hand only shows what was shared with you anyway.
"""

from __future__ import annotations

# Tables whose rows hang off one goal (goal_id); their rights follow the goal's.
GOAL_CHILDREN = ("checkin", "milestone", "goal_history", "win", "goal_trait")

# SECURITY DEFINER: these read goal and goal_share as the schema owner, so the policies of goal,
# goal_share and the child tables can refer to each other without recursing into one another.
FUNCTIONS = """
CREATE OR REPLACE FUNCTION goaldesk_owns(gid integer, who text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM goal WHERE id = gid AND owner = who) $$;
CREATE OR REPLACE FUNCTION goaldesk_shared_with(gid integer, who text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM goal_share WHERE goal_id = gid AND grantee = who) $$;
REVOKE ALL ON FUNCTION goaldesk_owns(integer, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION goaldesk_shared_with(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION goaldesk_owns(integer, text) TO PUBLIC;
GRANT EXECUTE ON FUNCTION goaldesk_shared_with(integer, text) TO PUBLIC
"""


def statements() -> list[str]:
    """The PostgreSQL statements that set owners, defaults, functions and policies (one migration)."""
    out = []
    for table, column in (("goal", "owner"), ("category", "owner"), ("trait", "owner"), ("feedback", "author")):
        out.append(f"UPDATE {table} SET {column} = current_user")
        out.append(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT current_user")
    out.extend(s.strip() for s in FUNCTIONS.strip().split(";\n") if s.strip())
    mine = "owner = current_user"
    out += [
        "ALTER TABLE goal ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY goal_own ON goal USING ({mine}) WITH CHECK ({mine})",
        "CREATE POLICY goal_shared_read ON goal FOR SELECT USING ("
        "current_setting('goaldesk.view', true) = 'shared' AND goaldesk_shared_with(id, current_user))",
    ]
    owns = "goaldesk_owns(goal_id, current_user)"
    shared = "goaldesk_shared_with(goal_id, current_user)"
    for table in GOAL_CHILDREN:
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {table}_own ON {table} USING ({owns}) WITH CHECK ({owns})",
            f"CREATE POLICY {table}_shared_read ON {table} FOR SELECT USING ({shared})",
        ]
    # Feedback: the owner's own notes (also those about no goal: goal_id NULL, by its author), and
    # entries by the people a goal is shared with, who may add and change only what they wrote.
    out += [
        "ALTER TABLE feedback ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY feedback_own ON feedback USING ({owns} OR (goal_id IS NULL AND author = current_user))"
        f" WITH CHECK ({owns} OR (goal_id IS NULL AND author = current_user))",
        f"CREATE POLICY feedback_shared_read ON feedback FOR SELECT USING ({shared})",
        f"CREATE POLICY feedback_shared_write ON feedback FOR INSERT WITH CHECK ({shared} AND author = current_user)",
        f"CREATE POLICY feedback_shared_edit ON feedback FOR UPDATE USING ({shared} AND author = current_user)"
        f" WITH CHECK ({shared} AND author = current_user)",
        "ALTER TABLE goal_share ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY goal_share_own ON goal_share USING ({owns}) WITH CHECK ({owns})",
        "CREATE POLICY goal_share_mine ON goal_share FOR SELECT USING (grantee = current_user)",
        "ALTER TABLE trait ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY trait_own ON trait USING ({mine}) WITH CHECK ({mine})",
        # Goal types: the built-in ones are everyone's to read; a person's own are theirs.
        "ALTER TABLE category ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY category_read ON category FOR SELECT USING (builtin = 1 OR owner = current_user)",
        f"CREATE POLICY category_own ON category USING ({mine}) WITH CHECK ({mine})",
    ]
    return out
