"""Projects in the store (SQLite and PostgreSQL): linking on ingest, the typed query API of
``jixiao.store.projects``, a reviewer's decisions, ``jixiao ls projects`` / ``show project``, and
monitoring forms stored like every other kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.samples.layouts import render
from jixiao.store import connect, ingest
from jixiao.store.linking import link_counts, relink_all
from jixiao.store.projects import (
    break_link,
    confirm_link,
    get_link,
    list_projects,
    project_detail,
    unit_completeness,
)
from jixiao.store.schema import FindingRow, Project, Unit
from tests.lifecycle.helpers import self_evaluation, write_pair

runner = CliRunner()


def _setup(tmp_path: Path, db_url: str) -> list[Path]:
    """The 2025 disclosure, 环境整治's self-evaluation with a lowered target, and a self-evaluation of
    「保洁服务费」 (a name close to the declared 保洁服务, printed without a code)."""
    disclosure, selfeval = write_pair(tmp_path / "docs", targets={"整治点位数": "≥15处"})
    close = tmp_path / "docs" / "2025年保洁服务费自评表.txt"
    close.write_text(render([self_evaluation(name="保洁服务费", initial="10")], "tabs"), encoding="utf-8")
    paths = [disclosure, selfeval, close]
    summary = ingest(connect(db_url), paths, jobs=1)
    assert summary.stored == 3 and summary.projects == 2
    return paths


def test_projects_api(tmp_path: Path, db_url: str) -> None:
    _setup(tmp_path, db_url)
    engine = connect(db_url)
    with engine.connect() as conn:
        projects = list_projects(conn)
        assert [(p.name, p.code, p.year, p.uncertain_links, p.findings) for p in projects] == [
            ("环境整治", "11010225T000000000001", 2025, 0, 1), ("保洁服务", "11010225T000000000002", 2025, 1, 5)]
        # 「保洁服务费」 prints 环境整治's indicators: one changed, one dropped, three added against 保洁服务's
        first, second = projects
        assert all(first.forms[s] is None for s in ("monitoring", "evaluation"))
        assert first.forms["declaration"] is not None and first.forms["self_evaluation"] is not None
        assert first.to_json()["forms"] == first.forms and set(first.to_json()) >= {"id", "unit", "code", "name",
                                                                                   "year", "forms"}
        unit = conn.execute(select(Unit.id).where(Unit.name == "示例街道办事处")).scalar_one()
        assert [p.id for p in list_projects(conn, unit_id=unit)] == [first.id, second.id]  # filed under it too
        assert list_projects(conn, year=2024) == []
        detail = project_detail(conn, first.id)
        assert detail is not None and detail.name == "环境整治" and [y.year for y in detail.timeline] == [2025]
        lines = {line.level3: line for line in detail.timeline[0].indicators}
        assert (lines["整治点位数"].declared, lines["整治点位数"].target, lines["整治点位数"].achieved,
                lines["整治点位数"].drift) == ("≥20处", "≥15处", "22处", True)
        assert not lines["居民满意度"].drift and not any(line.dropped or line.added for line in lines.values())
        assert detail.timeline[0].amounts["declared"] == 30 and detail.timeline[0].amounts["budget"] == 30
        assert [(f.code, f.related[0]["form"]["kind"]) for f in detail.findings] == [
            ("LC001", "project_target_declaration")]
        assert sorted((link.stage, link.method, link.state) for link in detail.links) == [
            ("declaration", "name", "linked"), ("self_evaluation", "name", "linked")]
        assert project_detail(conn, 10**6) is None
        completeness = unit_completeness(conn, unit, 2025)
        assert [(c.name, c.missing) for c in completeness] == [("保洁服务", ["monitoring"]),
                                                               ("环境整治", ["monitoring"])]
        fuzzy = next(link for link in project_detail(conn, second.id).links if link.state == "uncertain")  # type: ignore[union-attr]
        assert fuzzy.method == "fuzzy" and 0.85 <= fuzzy.confidence < 1 and fuzzy.evidence["matched"] == "保洁服务"
    with engine.begin() as conn:
        broken = break_link(conn, fuzzy.link_id, user="reviewer1")
    assert broken is not None and broken.state == "broken" and broken.decided_by == "reviewer1"
    with engine.connect() as conn:
        names = [(p.name, p.uncertain_links, p.findings) for p in list_projects(conn)]
        assert names == [("环境整治", 0, 1), ("保洁服务", 0, 0), ("保洁服务费", 0, 0)]  # the form stands alone now
        assert [link.state for link in project_detail(conn, second.id).links] == ["linked", "broken"]  # type: ignore[union-attr]
    with engine.begin() as conn:
        relink_all(conn)  # the decision holds
        confirmed = confirm_link(conn, fuzzy.link_id, user="reviewer2")  # and can be reversed
    assert confirmed is not None and confirmed.state == "confirmed" and confirmed.decided_by == "reviewer2"
    with engine.connect() as conn:
        assert [p.name for p in list_projects(conn)] == ["环境整治", "保洁服务"]
        assert get_link(conn, fuzzy.link_id) == confirmed and get_link(conn, 10**6) is None
        assert break_link(conn, 10**6) is None
    engine.dispose()


def test_linking_is_idempotent_and_keeps_ids(tmp_path: Path, db_url: str) -> None:
    paths = _setup(tmp_path, db_url)
    engine = connect(db_url)

    def state() -> tuple[object, ...]:
        with engine.connect() as conn:
            findings = conn.execute(select(FindingRow.code, FindingRow.form_id, FindingRow.message)
                                    .where(FindingRow.project_id.is_not(None)).order_by(FindingRow.code)).all()
            return tuple((p.id, p.name, p.year, tuple(p.forms.items())) for p in list_projects(conn)), \
                tuple(findings), tuple(sorted(link_counts(conn).items()))

    before = state()
    with engine.begin() as conn:
        relink_all(conn)
    assert state() == before
    ingest(engine, paths, jobs=1)  # unchanged files: nothing to do
    assert state() == before
    engine.dispose()


def test_a_changed_self_evaluation_replaces_its_findings(tmp_path: Path, db_url: str) -> None:
    disclosure, selfeval = write_pair(tmp_path / "docs", targets={"整治点位数": "≥15处"})
    engine = connect(db_url)
    ingest(engine, [disclosure, selfeval], jobs=1)
    codes = select(FindingRow.code).where(FindingRow.category == "lifecycle")
    with engine.connect() as conn:
        assert list(conn.execute(codes).scalars()) == ["LC001"]
    write_pair(tmp_path / "docs")  # the office corrects the target: a new version of the file
    ingest(engine, [selfeval], jobs=1)
    with engine.connect() as conn:
        assert list(conn.execute(codes).scalars()) == []  # the old version's finding went with its link
        assert [p.forms["self_evaluation"] is not None for p in list_projects(conn)] == [True, False]
    engine.dispose()


def test_ls_and_show_project(tmp_path: Path, db_url: str) -> None:
    _setup(tmp_path, db_url)
    listed = runner.invoke(app, ["ls", "projects", "--db", db_url, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["year"], sorted(r["forms"])) for r in rows] == [
        ("环境整治", 2025, ["declaration", "evaluation", "monitoring", "self_evaluation"]),
        ("保洁服务", 2025, ["declaration", "evaluation", "monitoring", "self_evaluation"])]
    assert all(set(r) >= {"id", "unit", "code", "name", "year", "forms"} for r in rows)
    by_unit = runner.invoke(app, ["ls", "projects", "--db", db_url, "--unit", "999001", "--format", "json"])
    assert [r["name"] for r in json.loads(by_unit.stdout)] == ["环境整治", "保洁服务"]
    none = runner.invoke(app, ["ls", "projects", "--db", db_url, "--year", "2020", "--format", "json"])
    assert json.loads(none.stdout) == []
    shown = runner.invoke(app, ["show", "project", str(rows[0]["id"]), "--db", db_url, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.stdout)
    assert detail["name"] == "环境整治" and [f["code"] for f in detail["findings"]] == ["LC001"]
    table = runner.invoke(app, ["show", "project", str(rows[0]["id"]), "--db", db_url])
    assert table.exit_code == 0 and "目标改动" in table.stdout and "LC001" in table.stdout
    missing = runner.invoke(app, ["show", "project", "999999", "--db", db_url])
    assert missing.exit_code == 2 and "no project with id 999999" in missing.output


def test_db_relink_links_a_store_filled_before_projects_existed(tmp_path: Path, db_url: str) -> None:
    _setup(tmp_path, db_url)
    engine = connect(db_url)
    with engine.begin() as conn:  # as a store ingested by an older jixiao: forms, no projects
        conn.execute(delete(Project))
    with engine.connect() as conn:
        assert list_projects(conn) == [] and link_counts(conn) == {"projects": 0}
    result = runner.invoke(app, ["db", "relink", "--db", db_url])
    assert result.exit_code == 0 and "项目 2 个；关联 3，待确认 1" in result.stdout, result.output
    with engine.connect() as conn:
        assert [(p.name, p.findings) for p in list_projects(conn)] == [("环境整治", 1), ("保洁服务", 5)]
    engine.dispose()


def test_an_unfiled_evaluation_joins_its_project_whatever_the_order(tmp_path: Path, db_url: str) -> None:
    from jixiao.samples.cycle import declarations_text, evaluation_text

    declared = tmp_path / "2024年部门预算公开.txt"
    declared.write_text(declarations_text(2024), encoding="utf-8")
    report = tmp_path / "2024年保洁服务项目支出绩效评价报告.txt"  # a third party's: it prints no unit
    report.write_text(evaluation_text(2024), encoding="utf-8")
    for n, order in enumerate(((declared, report), (report, declared))):
        engine = connect(f"{db_url}" if n == 0 else f"sqlite:///{tmp_path / 'other.db'}")
        for path in order:
            ingest(engine, [path], jobs=1)
        with engine.connect() as conn:
            assert [(p.name, p.forms["evaluation"] is not None) for p in list_projects(conn)] == [
                ("环境整治", False), ("保洁服务", True)], order
        engine.dispose()


def test_the_demo_cycle_gives_the_same_projects_and_findings_in_any_order(tmp_path: Path, db_url: str) -> None:
    import random

    from jixiao.samples.generator import deliberate_errors, generate_district

    paths = generate_district(tmp_path / "docs", units=1, projects=2, disclosure=True, cycle=True)
    planted = sorted(str(e["code"]) for e in deliberate_errors(tmp_path / "docs") if str(e["code"]).startswith("LC"))
    results = []
    for n, order in enumerate((paths, paths[::-1], random.Random(3).sample(paths, len(paths)))):
        url = db_url if n == 0 else f"sqlite:///{tmp_path / f'{n}.db'}"
        engine = connect(url)
        for path in order:  # one document at a time
            ingest(engine, [path], jobs=1)
        with engine.connect() as conn:
            projects = [(p.name, p.year, tuple(s for s, i in p.forms.items() if i is not None))
                        for p in list_projects(conn)]
            found = sorted(conn.execute(select(FindingRow.code).where(FindingRow.category == "lifecycle")).scalars())
        engine.dispose()
        results.append((sorted(projects), found))
    assert results[0][1] == planted == ["LC001", "LC002", "LC004", "LC005", "LC006", "LC007"]
    assert results[1] == results[0] and results[2] == results[0]


def test_a_failing_lifecycle_rule_does_not_stop_an_ingest(tmp_path: Path, sqlite_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.store.lifecycle_run as run

    def broken(*_: object) -> list[object]:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(run, "check_lifecycle", broken)
    paths = write_pair(tmp_path / "docs", targets={"整治点位数": "≥15处"})
    summary = ingest(connect(sqlite_url), list(paths), jobs=1)
    assert summary.stored == 2 and not summary.failures and summary.projects == 2
    engine = connect(sqlite_url)
    with engine.connect() as conn:
        assert [p.name for p in list_projects(conn)] == ["环境整治", "保洁服务"] and all(
            p.findings == 0 for p in list_projects(conn))
    engine.dispose()
