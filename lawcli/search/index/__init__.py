"""The search index (SQLite FTS5); query.py holds it for now."""
