"""Ingest on SQLite and PostgreSQL: idempotence, versions, failures, one transaction per document."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from jixiao.extract import extract_path
from jixiao.rules import check_document
from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest, process_bytes
from jixiao.store.pipeline import store_result
from jixiao.store.process import DocResult, process_file
from jixiao.store.queries import Filters, documents, findings, forms, show
from jixiao.store.writer import counts, write


def test_seeds_twice_identical_counts(seeds: Path, db_url: str) -> None:
    engine = connect(db_url)
    first = ingest(engine, [seeds], jobs=2)
    after_first = counts(engine)
    second = ingest(engine, [seeds], jobs=1)
    assert counts(engine) == after_first
    assert (first.seen, first.stored, first.unchanged, first.failures) == (4, 4, 0, [])  # README.md is skipped
    assert (second.stored, second.unchanged, second.forms) == (0, 4, 0)
    docs = [extract_path(p) for p in sorted(seeds.glob("*.txt"))]
    assert after_first["documents"] == 4
    assert after_first["forms"] == sum(d.form_count() for d in docs)
    assert after_first["findings"] == sum(len(check_document(d)) for d in docs)
    with engine.connect() as conn:
        kinds = conn.execute(text("SELECT count(*) FROM forms WHERE kind = 'self_evaluation'")).scalar()
        assert kinds == 159  # 5 + 139 + 15 self-evaluations in the seeds
        se = forms(conn, Filters(kind="self_evaluation"))
    assert len(se) == 159
    assert all(isinstance(f["total_score"], Decimal | None) for f in se)


def test_corrupt_file_recorded_others_stored(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    paths = generate_district(folder, units=3, projects=2)
    (folder / "02_broken.pdf").write_bytes(bytes(range(256)) * 64)
    engine = connect(db_url)
    summary = ingest(engine, [folder], jobs=1)
    assert summary.stored == 4 and summary.forms == 6
    assert [p for p, _ in summary.failures] == [str((folder / "02_broken.pdf").resolve())]
    with engine.connect() as conn:
        failed = documents(conn, Filters(status="failed"))
        ok = documents(conn, Filters(status="ok"))
    assert len(failed) == 1 and failed[0]["file_name"] == "02_broken.pdf"
    assert failed[0]["error"] and failed[0]["forms"] == 0 and failed[0]["size"] == 256 * 64
    assert sorted(d["file_name"] for d in ok) == sorted(p.name for p in paths)
    assert [d["forms"] for d in ok] == [2, 2, 2]
    again = ingest(engine, [folder], jobs=1)
    assert (again.stored, again.unchanged) == (0, 4)


def test_changed_file_is_new_version_old_queryable(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    first = generate_district(folder, units=1, projects=3, seed=1)[0]
    engine = connect(db_url)
    ingest(engine, [first], jobs=1)
    generate_district(folder, units=1, projects=2, seed=2)  # same path, new content
    summary = ingest(engine, [first], jobs=1)
    assert summary.stored == 1
    with engine.connect() as conn:
        current = documents(conn)
        every = documents(conn, Filters(all_versions=True))
        assert len(forms(conn)) == 2
        assert len(forms(conn, Filters(all_versions=True))) == 5
    assert [(d["version"], d["current"]) for d in every] == [(1, False), (2, True)]
    assert [d["id"] for d in current] == [every[1]["id"]]
    with engine.connect() as conn:
        old = conn.execute(text("SELECT previous_id FROM documents WHERE version = 2")).scalar()
    assert old == every[0]["id"]


def test_show_form_with_rows_and_findings(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    generate_district(folder, units=2, projects=4)
    engine = connect(db_url)
    ingest(engine, [folder], jobs=1)
    with engine.connect() as conn:
        listed = forms(conn)
        worst = max(listed, key=lambda f: f["errors"])
        form = show(conn, worst["id"])
        assert show(conn, 10_000) is None
        assert len(findings(conn, form_id=worst["id"])) == worst["errors"] + worst["warnings"] + worst["infos"]
    assert form is not None and worst["errors"] >= 1
    assert form["kind"] == "self_evaluation" and form["name"] == worst["name"]
    assert [r["level3"] for r in form["rows"]] == ["服务人次", "验收合格率", "完成时间", "项目总成本",
                                                   "居民生活环境改善", "居民满意度"]
    assert form["data"]["project_name"] == form["name"]
    assert Decimal(form["data"]["total_score"]) == form["total_score"]
    assert sum(1 for f in form["findings"] if f["severity"] == "error") == worst["errors"]


def test_failed_write_leaves_nothing(tmp_path: Path, db_url: str) -> None:
    """A document whose rows cannot be written is rolled back whole: no document, form or finding."""
    engine = connect(db_url)
    path = generate_district(tmp_path / "in", units=1, projects=2)[0]
    result = process_bytes(str(path), path.read_bytes())
    result.forms[1].idx = result.forms[0].idx  # a duplicate (kind, index): the forms insert must fail
    before = counts(engine)
    with pytest.raises(IntegrityError):
        write(engine, result)
    assert counts(engine) == before
    stored, doc_id = store_result(engine, result)  # what ingest does: record the failure, with its reason
    assert doc_id is not None and stored.status == "failed" and "cannot store" in (stored.error or "")
    after = counts(engine)
    assert (after["documents"], after["forms"], after["findings"]) == (1, 0, 0)
    with engine.connect() as conn:
        assert documents(conn, Filters(status="failed"))[0]["error"] == stored.error


def test_process_is_pure_and_picklable(tmp_path: Path) -> None:
    path = generate_district(tmp_path, units=1, projects=2)[0]
    job = (str(path), path.read_bytes(), "national")
    assert pickle.loads(pickle.dumps(process_file)) is process_file
    first, second = process_file(job), process_file(job)
    assert isinstance(first, DocResult) and pickle.loads(pickle.dumps(first)) == first == second
    assert first.status == "ok" and [f.kind for f in first.forms] == ["self_evaluation"] * 2
    assert first.sha256 == __import__("hashlib").sha256(job[1]).hexdigest()


def test_pool_gives_same_rows_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    generate_district(folder, units=4, projects=3)
    one, pool = connect(str(tmp_path / "one.db")), connect(str(tmp_path / "pool.db"))
    ingest(one, [folder], jobs=1)
    ingest(pool, [folder], jobs=2)
    with one.connect() as a, pool.connect() as b:
        assert forms(a) == forms(b)
        assert findings(a) == findings(b)


def test_two_writers_racing_on_one_path_get_two_versions(tmp_path: Path, db_url: str) -> None:
    """Two changed copies of one file written at the same moment: versions 1 and 2, one current."""
    from concurrent.futures import ThreadPoolExecutor

    engine = connect(db_url)
    for round_ in range(3):
        path = str(tmp_path / f"unit{round_}.txt")
        one, two = (generate_district(tmp_path / f"v{round_}{n}", units=1, projects=n + 1)[0] for n in (1, 2))
        results = [process_bytes(path, one.read_bytes()), process_bytes(path, two.read_bytes())]
        with ThreadPoolExecutor(max_workers=2) as pool:
            ids = list(pool.map(lambda r: write(engine, r), results))
        assert all(i is not None for i in ids)
        with engine.connect() as conn:
            rows = [d for d in documents(conn, Filters(all_versions=True)) if d["path"] == path]
        assert sorted(d["version"] for d in rows) == [1, 2]
        assert [d["current"] for d in sorted(rows, key=lambda d: d["version"])] == [False, True]
