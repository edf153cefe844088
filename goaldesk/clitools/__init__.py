"""Subcommands of the ``goaldesk`` command line, one module each.

A module here exposes ``add_arguments(parser)`` and ``run(args) -> int``. The table below names them
with their help line, so the CLI imports only the module of the command being run (starting the GUI
imports none of them).
"""

# (command name, module in goaldesk.clitools, one-line help)
SUBCOMMANDS: tuple[tuple[str, str, str], ...] = (
    ("list", "list_goals", "list goals (title, type, horizon, deadline, progress)"),
    ("smart-check", "smart_check", "check a goal statement against the SMART criteria"),
    ("chart", "chart", "render a progress, overview or wins chart to PDF, SVG or PNG"),
    ("export", "export", "export everything to JSON (or goals/check-ins to CSV)"),
    ("import", "import_", "import a GoalDesk JSON export (validated first; all or nothing)"),
    ("backup", "backup", "list, make or restore backups of the database"),
    ("copy", "copy", "copy a whole database into an empty one (SQLite and PostgreSQL, either way)"),
)
