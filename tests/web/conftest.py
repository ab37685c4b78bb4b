"""A real SQLite store filled by ingesting generated sample documents, with one user per role.

Unit names come from the database, never from the test: ``unit_a`` / ``unit_b`` are the first two
units the ingest recognised. Every user's password is :data:`PASSWORD`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import units
from jixiao.web import create_app
from jixiao.web.users import add_user

PASSWORD = "correct-horse-9"


@dataclass(frozen=True)
class Site:
    path: Path
    url: str
    unit_a: tuple[int, str]
    unit_b: tuple[int, str]
    samples: Path


def _build(folder: Path) -> Site:
    samples = folder / "samples"
    paths = generate_district(samples, units=3, projects=6)
    db = folder / "web.db"
    url = f"sqlite:///{db}"
    engine: Engine = connect(url)
    summary = ingest(engine, paths, jobs=1)
    assert summary.stored == 3 and not summary.failures
    with engine.connect() as conn:
        found = [(u["id"], u["name"]) for u in units(conn) if u["forms"]]
    assert len(found) >= 2, found
    a, b = found[0], found[1]
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    add_user(engine, "staff_a", PASSWORD, "unit", [a[1]])
    add_user(engine, "staff_b", PASSWORD, "unit", [b[1]])
    add_user(engine, "evaluator_b", PASSWORD, "evaluator", [b[1]])
    engine.dispose()
    return Site(path=db, url=url, unit_a=a, unit_b=b, samples=samples)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(tmp_path_factory.mktemp("web"))


# what merely using the shared site writes (a log-in, a download): not part of the site as built
ACTIVITY_TABLES = ("web_sessions", "login_failures", "audit_log")


def copy_database(path: Path, copy: Path) -> None:
    """A copy of a shared test site's SQLite database as built: through SQLite's backup (what other tests'
    log-ins left in its write-ahead log included), then without their sessions, login failures and log
    lines, so that no test sees what the tests before it did (the suite runs in random order)."""
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
        for table in ACTIVITY_TABLES:
            target.execute(f"DELETE FROM {table}")
        target.commit()


def writable_copy(site: Site, copy: Path) -> Site:
    """A writable copy of the site (see :func:`copy_database`)."""
    copy_database(site.path, copy)
    return Site(path=copy, url=f"sqlite:///{copy}", unit_a=site.unit_a, unit_b=site.unit_b, samples=site.samples)


@pytest.fixture
def writable_site(site: Site, tmp_path: Path) -> Site:
    """A copy of the site's database for tests that write (uploads)."""
    return writable_copy(site, tmp_path / "web.db")


@pytest.fixture
def app(site: Site) -> FastAPI:
    return create_app(site.url, secret="test-secret", login_attempts=3, login_delay=30)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def own_client(writable_site: Site) -> Iterator[TestClient]:
    """A client of an app on a copy of the site: for tests whose failed logins must not slow the
    other tests down (the login backoff lives in the database)."""
    with TestClient(create_app(writable_site.url, secret="test-secret", login_attempts=3, login_delay=30),
                    follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the login page; returns the session's CSRF token."""
    page = client.get("/login")
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": csrf_of(page.text), "next": "/"})
    assert response.status_code == 303, response.text
    token = csrf_of(client.get("/upload").text)
    return token


def return_every_form(url: str, comment: str = "请核对后修改") -> None:
    """The reviewer returns every current form for correction (a workflow step each), so that the
    units' staff may edit them: forms filed by ``jixiao ingest`` start as 已提交, read-only for a unit."""
    from datetime import UTC, datetime

    from jixiao.store.queries import D, F
    from jixiao.store.workflow import record_step
    from jixiao.web.users import USERS

    engine = connect(url)
    with engine.begin() as conn:
        reviewer = conn.execute(select(USERS.c.id).where(USERS.c.username == "reviewer")).scalar()
        forms = list(conn.execute(select(F.c.id).join(D, D.c.id == F.c.document_id)
                                  .where(D.c.current.is_(True))).scalars())
        record_step(conn, forms, "returned", comment, reviewer, datetime.now(UTC))
    engine.dispose()
