"""The findings list and the units list are counted, filtered, paged and restricted to the user's
units in the database (SQLite and PostgreSQL): unit staff see exactly their unit's findings, the
totals are right, pages neither overlap nor leave gaps, and the cached counts follow the store
when more documents are ingested."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import Filters, findings, units
from jixiao.web import create_app
from jixiao.web.users import add_user
from tests.store.conftest import db_url, pg_url, sqlite_url  # noqa: F401  (fixtures: both databases)
from tests.web.conftest import PASSWORD


def _store(url: str, folder: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    engine = connect(url)
    summary = ingest(engine, generate_district(folder, units=3, projects=6), jobs=1)
    assert summary.stored == 3 and summary.findings["error"] > 0
    with engine.connect() as conn:
        a, b = [(u["id"], u["name"]) for u in units(conn) if u["forms"]][:2]
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    add_user(engine, "staff_a", PASSWORD, "unit", [a[1]])
    engine.dispose()
    return a, b


def _listed(url: str, unit: str | None = None, severity: str | None = None) -> list[int]:
    """Finding ids as ``jixiao ls findings`` lists them (current documents), filtered in Python."""
    engine = connect(url)
    with engine.connect() as conn:
        rows = findings(conn, Filters(severity=severity))
    engine.dispose()
    return [r["id"] for r in rows if unit is None or r["unit"] == unit]


def _client(app: Any, username: str) -> TestClient:
    client = TestClient(app)
    assert client.post("/api/login", json={"username": username, "password": PASSWORD}).status_code == 200
    return client


def _all_pages(client: TestClient, limit: int, **params: str) -> tuple[list[int], list[int]]:
    """Every finding id, page by page, and the totals each page reported."""
    ids: list[int] = []
    totals: list[int] = []
    offset = 0
    while True:
        page = client.get("/api/findings", params={**params, "offset": str(offset), "limit": str(limit)}).json()
        totals.append(page["total"])
        ids += [f["id"] for f in page["findings"]]
        assert len(page["findings"]) <= limit
        if not page["truncated"]:
            return ids, totals
        offset += limit


def test_unit_staff_page_through_exactly_their_units_findings(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    a, b = _store(db_url, tmp_path / "s")
    mine, everything = _listed(db_url, unit=a[1]), _listed(db_url)
    assert 0 < len(mine) < len(everything)
    app = create_app(db_url, secret="s")
    staff, reviewer = _client(app, "staff_a"), _client(app, "reviewer")

    ids, totals = _all_pages(staff, limit=3)
    assert ids == mine  # all of unit A's, in id order, each once, nothing of unit B
    assert set(totals) == {len(mine)}
    ids, totals = _all_pages(reviewer, limit=7)
    assert ids == everything and set(totals) == {len(everything)}

    errors = _listed(db_url, unit=a[1], severity="error")
    ids, totals = _all_pages(staff, limit=2, severity="error")
    assert ids == errors and set(totals) == {len(errors)}

    beyond = staff.get("/api/findings", params={"offset": str(len(mine) + 5), "limit": "10"}).json()
    assert beyond["findings"] == [] and beyond["total"] == len(mine) and beyond["truncated"] is False
    # asking for unit B by name gives staff of A nothing (the filter narrows, never widens)
    assert staff.get("/api/findings", params={"unit": b[1]}).json()["total"] == 0
    page = staff.get("/findings", params={"offset": "0"})
    assert page.status_code == 200 and f"共 {len(mine)} 个问题" in page.text
    app.state.engine.dispose()


def test_units_list_counts_and_its_cache_follows_an_ingest(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    a, _ = _store(db_url, tmp_path / "s")
    app = create_app(db_url, secret="s")
    staff, reviewer = _client(app, "staff_a"), _client(app, "reviewer")
    errors_a = len(_listed(db_url, unit=a[1], severity="error"))
    listed = staff.get("/api/units").json()["units"]
    assert [(u["id"], u["errors"]) for u in listed] == [(a[0], errors_a)]
    before = {u["name"]: (u["forms"], u["errors"]) for u in reviewer.get("/api/units").json()["units"]}
    assert before[a[1]] == (6, errors_a)
    total = reviewer.get("/api/findings").json()["total"]

    # another process (the CLI) ingests two more units: the cached counts must follow
    engine = connect(db_url)
    more = generate_district(tmp_path / "more", units=5, projects=4, seed=11)[3:]
    assert ingest(engine, more, jobs=1).stored == 2
    engine.dispose()
    after = {u["name"]: (u["forms"], u["errors"]) for u in reviewer.get("/api/units").json()["units"]}
    assert len(after) == len(before) + 2
    assert after[a[1]] == before[a[1]]
    assert sum(n for n, _ in after.values()) == sum(n for n, _ in before.values()) + 8
    assert reviewer.get("/api/findings").json()["total"] == len(_listed(db_url)) >= total
    assert [u["id"] for u in staff.get("/api/units").json()["units"]] == [a[0]]
    app.state.engine.dispose()
