"""JSON export and import of everything in a GoalDesk database (format: docs/export-format.md).

Three rooms: ``export`` (database to JSON), ``validate`` (decoding and checking a file, nothing written)
and ``merge`` (writing a checked file into a database). This package re-exports their public names.

Rows refer to each other by goal UUID and category name path, never by database ids, so a file can
be merged into any database. The export is deterministic (sorted lists, ``sort_keys``) so that
"export, import into a new database, export again" gives the same bytes apart from ``exported_at``.

Import validates the whole file before touching the database and names the first problem with its
location ("goals[3].deadline: not a date"). It then applies GoalDesk's own rules, the editor's
validation (domain.validation), to every goal: one message per bad record (a target equal to the
start, a deadline before the start, a check-in in the future, a loop of parent links, a control
character in a title, a date outside 1900..2200...). Only then does it write everything in one
transaction. Any JSON input ends either in a complete import or in TransferError with nothing written.
"""

from goaldesk.store.transfer.common import FORMAT, VERSION, ImportReport, TransferError
from goaldesk.store.transfer.export import dumps, export_data, export_json
from goaldesk.store.transfer.merge import import_data, import_json
from goaldesk.store.transfer.validate import loads, read_file, validate

__all__ = [
    "FORMAT", "VERSION", "ImportReport", "TransferError", "dumps", "export_data", "export_json", "import_data",
    "import_json", "loads", "read_file", "validate",
]
