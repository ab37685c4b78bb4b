"""The demo's cycle (jixiao.samples.cycle) ingested into a real SQLite store with one user per role (the
fixtures of the project-page tests: ``cycle_site``, ``client``, ``own_client``, ``fuzzy_client``), and the
helpers those tests share."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Table, select

from jixiao.samples import cycle, disclosure
from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.projects import list_projects
from jixiao.store.queries import units
from jixiao.store.units import add_unit
from jixiao.web import create_app
from jixiao.web.schema import AuditEntry
from jixiao.web.users import add_user
from tests.store.conftest import pg_url  # noqa: F401  (the fixture: a scratch PostgreSQL database, for the PostgreSQL test)
from tests.web.conftest import PASSWORD, copy_database

YEAR = 2024


@dataclass(frozen=True)
class CycleSite:
    path: Path
    url: str
    projects: dict[str, int]  # name → project id
    forms: dict[tuple[str, int], dict[str, int | None]]  # (name, year) → stage → form id
    unit_id: int  # the projects' own unit
    other_unit: int  # a unit with no part in the cycle


def _build(folder: Path, url: str | None = None) -> CycleSite:
    paths = generate_district(folder / "demo", units=2, projects=2, year=YEAR, cycle=True)
    url = url or f"sqlite:///{folder / 'web.db'}"
    engine = connect(url)
    # the master list names the unit as its self-evaluations do, with 预算13表's 「999001-…（本级）」 as an alias
    add_unit(engine, cycle.UNIT, aliases=[disclosure.UNIT])
    summary = ingest(engine, paths, jobs=1)
    assert not summary.failures
    with engine.connect() as conn:
        coded = [p for p in list_projects(conn) if p.code]
        names = {u["id"]: u["name"] for u in units(conn)}
    assert sorted({p.name for p in coded}) == ["保洁服务", "环境整治"]
    (unit_id,) = set().union(*(p.unit_ids for p in coded))  # every form of both projects under the one unit
    assert names[unit_id] == cycle.UNIT and {p.unit_id for p in coded} == {unit_id}
    other = next(uid for uid in sorted(names) if uid != unit_id)
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    add_user(engine, "staff_cycle", PASSWORD, "unit", [cycle.UNIT])
    add_user(engine, "staff_other", PASSWORD, "unit", [names[other]])
    engine.dispose()
    return CycleSite(path=folder / "web.db", url=url, projects={p.name: p.id for p in coded},
                     forms={(p.name, p.year or 0): {str(k): v for k, v in p.forms.items()} for p in coded},
                     unit_id=unit_id, other_unit=other)


@pytest.fixture(scope="session")
def cycle_site(tmp_path_factory: pytest.TempPathFactory) -> CycleSite:
    return _build(tmp_path_factory.mktemp("projects"))


@pytest.fixture
def client(cycle_site: CycleSite) -> Iterator[TestClient]:
    with TestClient(create_app(cycle_site.url, secret="test-secret"), follow_redirects=False) as c:
        yield c


@pytest.fixture
def own_client(cycle_site: CycleSite, tmp_path: Path) -> Iterator[TestClient]:
    """A client on a copy of the store, for the tests that decide on links."""
    copy = tmp_path / "web.db"
    copy_database(cycle_site.path, copy)
    with TestClient(create_app(f"sqlite:///{copy}", secret="test-secret"), follow_redirects=False) as c:
        yield c


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _indicator_row(page: str, year: int, name: str) -> tuple[str, dict[str, str], str]:
    """(the row's class, its cells' text by class, the row's HTML) of one indicator of one year."""
    table = re.search(rf'<table class="list indicators" data-year="{year}">(.*?)</table>', page, re.S)
    assert table, f"no indicator table of {year}"
    row = re.search(rf'<tr class="([^"]*)" data-indicator="{name}">(.*?)</tr>', table.group(1), re.S)
    assert row, f"no row {name} in {year}"
    cells = {m.group(1): _text(m.group(2)) for m in re.finditer(r'<td class="([\w-]+)">(.*?)</td>', row.group(2), re.S)}
    return row.group(1), cells, row.group(2)


def _link_ids(client: TestClient, pid: int) -> dict[str, dict[str, Any]]:
    return {f"{link['stage']}:{link['year']}": link for link in client.get(f"/api/projects/{pid}").json()["links"]}


def _logged(client: TestClient, action: str) -> list[tuple[str, str, str]]:
    """The 操作日志 lines of ``action`` in the client's store, oldest first."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    log = cast(Table, AuditEntry.__table__)
    with engine.connect() as conn:
        rows = conn.execute(select(log.c.username, log.c.target, log.c.detail).where(log.c.action == action)
                            .order_by(log.c.id)).all()
    return [tuple(r) for r in rows]


FILLED = {"full_year_budget": "10", "executed": "9.5", "goal_actual": "全年完成保洁作业，辖区道路整洁。",
          "actual_0": "5.2万平方米", "weight_0": "24", "score_0": "24", "actual_1": "9.5万元", "weight_1": "22",
          "score_1": "22", "actual_2": "优", "weight_2": "22", "score_2": "22", "actual_3": "93%", "weight_3": "22",
          "score_3": "22"}


@pytest.fixture
def fuzzy_client(cycle_site: CycleSite, tmp_path: Path) -> Iterator[TestClient]:
    """A copy of the store with one more self-evaluation: 保洁服务's next year, printed without its code and
    under a name written another way (「保洁服务费」), so it joins the project on a fuzzy name: uncertain."""
    copy = tmp_path / "web.db"
    copy_database(cycle_site.path, copy)
    text = cycle.self_evaluation_text(YEAR + 1).replace(f"{cycle.CODES['保洁服务']}-保洁服务", "保洁服务费")
    path = tmp_path / "示例街道办事处_2025年自评（保洁服务费）.txt"
    path.write_text(text, encoding="utf-8")
    engine = connect(f"sqlite:///{copy}")
    assert ingest(engine, [path], jobs=1).stored == 1
    engine.dispose()
    with TestClient(create_app(f"sqlite:///{copy}", secret="test-secret"), follow_redirects=False) as c:
        yield c
