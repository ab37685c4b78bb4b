"""The fault tests use the store's database fixtures (SQLite and a real PostgreSQL)."""

from tests.store.conftest import db_url, pg_url, sqlite_url

__all__ = ["db_url", "pg_url", "sqlite_url"]
