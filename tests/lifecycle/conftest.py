"""The store fixtures: every lifecycle store test runs on SQLite and on a real PostgreSQL."""

from tests.store.conftest import db_url, pg_url, sqlite_url

__all__ = ["db_url", "pg_url", "sqlite_url"]
