"""Database fixtures: every store test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``JIXIAO_TEST_PG`` (a ``postgresql+psycopg://`` URL of a database the tests
may use to create and drop scratch databases; ``.ci/run`` sets it). Without it the PostgreSQL
variants skip with the reason, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BACKENDS = ("sqlite", "postgresql")


def pg_admin_url() -> str:
    url = os.environ.get("JIXIAO_TEST_PG")
    if not url:
        message = "PostgreSQL not configured: set JIXIAO_TEST_PG=postgresql+psycopg://… (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin = make_url(pg_admin_url())
    name = f"jixiao_t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # the server must be there when configured
        pytest.fail(f"PostgreSQL at {admin.render_as_string()} unusable: {error}")
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'jixiao.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on SQLite and on PostgreSQL."""
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    return url
