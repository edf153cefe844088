"""Subcommands of the ``goaldesk`` command line, one module each.

A module here exposes ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; the
CLI lists the modules named in ``SUBCOMMANDS`` and imports one only when it runs.
"""

SUBCOMMANDS: tuple[str, ...] = ("smart_check", "chart", "export", "import_", "backup", "list_goals")
