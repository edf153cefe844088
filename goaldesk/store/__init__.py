"""Persistence: peewee models over one SQLite file (or a PostgreSQL server), migrations, and the services.

peewee imports every PostgreSQL driver it can find the moment it is first imported. psycopg alone costs
100-250 ms, on every start, although only a ``postgresql://`` database needs it. So peewee is imported
here with the drivers hidden, and ``goaldesk.store.engine`` hands psycopg to peewee when a server is
opened (``tests/test_store_imports.py`` holds both halves).
"""

import sys


def _import_peewee_without_drivers() -> None:
    if "peewee" in sys.modules:
        return
    hidden = [name for name in ("psycopg", "psycopg2") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # None: "import name" raises ImportError
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_peewee_without_drivers()
