"""Pure-Python domain: goal types, enums, value checks, SMART rules, progress math.

Nothing here imports Qt or peewee, so the rules are testable and shared by the store, the UI and the CLI.
"""
