"""Storage on SQLite through sqlite-utils: the schema's migrations and the store.

Only this package imports sqlite3 or sqlite_utils (tests/test_architecture.py checks it).
"""
