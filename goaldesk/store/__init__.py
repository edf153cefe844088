"""Persistence: peewee models over one SQLite file, migrations, and the service API (the only door)."""
