"""The bar of issue 18: a budget disclosure with its declarations and a separately published
self-evaluation of one of its projects whose target was lowered — ``jixiao check`` on both files and
``jixiao ingest`` of both report the drift citing both documents; with the target unchanged, nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.store import connect
from jixiao.store.schema import FindingRow
from tests.lifecycle.helpers import write_pair

runner = CliRunner()


def _check(*paths: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["check", *map(str, paths), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _lifecycle(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["category"] == "lifecycle"]


def test_check_reports_a_lowered_target_citing_both_documents(tmp_path: Path) -> None:
    disclosure, selfeval = write_pair(tmp_path, targets={"整治点位数": "≥15处"})
    found = _lifecycle(_check(disclosure, selfeval)["findings"])
    assert [(f["code"], f["severity"]) for f in found] == [("LC001", "warning")]
    f = found[0]
    assert f["source"] == str(selfeval) and f["form"] == {"kind": "self_evaluation", "project_name": "环境整治",
                                                          "index": 0}
    assert f["expected"] == "≥20处" and f["actual"] == "≥15处"
    assert f["related"] == [{"source": str(disclosure), "location": {"line_start": 414, "line_end": 414},
                             "form": {"kind": "project_target_declaration", "project_name": "环境整治", "index": 0}}]
    text = f.get("detail") or f["message"]
    assert disclosure.name in text and "第414行" in text and "「≥15处」" in text and "「≥20处」" in text
    assert f["location"]["line_start"] > 0  # the self-evaluation's row


def test_check_reports_nothing_when_the_target_is_unchanged(tmp_path: Path) -> None:
    disclosure, selfeval = write_pair(tmp_path)
    assert _lifecycle(_check(disclosure, selfeval)["findings"]) == []
    assert _lifecycle(_check(selfeval)["findings"]) == []  # one file alone has nothing to compare


def test_check_of_one_file_alone_reports_no_drift(tmp_path: Path) -> None:
    _, selfeval = write_pair(tmp_path, targets={"整治点位数": "≥15处"})
    assert _lifecycle(_check(selfeval)["findings"]) == []


def _stored(db: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    engine = connect(db)
    with engine.connect() as conn:
        rows = conn.execute(select(FindingRow.code, FindingRow.message, FindingRow.related)
                            .where(FindingRow.category == "lifecycle").order_by(FindingRow.id)).all()
    engine.dispose()
    return [(code, message, json.loads(related or "[]")) for code, message, related in rows]


def test_ingest_of_both_reports_the_drift(tmp_path: Path, db_url: str) -> None:
    disclosure, selfeval = write_pair(tmp_path / "docs", targets={"整治点位数": "≥15处"})
    # one at a time, the self-evaluation first: the finding appears when its declaration arrives
    for path in (selfeval, disclosure):
        result = runner.invoke(app, ["ingest", str(path), "--db", db_url, "--jobs", "1"])
        assert result.exit_code == 0, result.output
    stored = _stored(db_url)
    assert [code for code, _, _ in stored] == ["LC001"]
    _, message, related = stored[0]
    assert "≥15处" in message and "≥20处" in message and disclosure.name in message
    assert related[0]["source"] == str(disclosure) and related[0]["form"]["kind"] == "project_target_declaration"
    again = runner.invoke(app, ["ingest", str(tmp_path / "docs"), "--db", db_url, "--jobs", "1"])
    assert again.exit_code == 0 and _stored(db_url) == stored  # idempotent


def test_ingest_of_both_unchanged_reports_nothing(tmp_path: Path, db_url: str) -> None:
    write_pair(tmp_path / "docs")
    result = runner.invoke(app, ["ingest", str(tmp_path / "docs"), "--db", db_url, "--jobs", "1", "--format",
                                 "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["projects"] == 2  # 环境整治 and 保洁服务
    assert _stored(db_url) == []


def test_check_of_the_demo_cycle_finds_each_planted_error_citing_its_other_document(tmp_path: Path) -> None:
    from jixiao.samples.generator import deliberate_errors, generate_district

    paths = generate_district(tmp_path, units=1, projects=2, disclosure=True, cycle=True)
    planted = sorted((str(e["code"]), str(e["file"]), str(e["kind"]), int(str(e["form_index"])),
                      str(e["other"]["file"]), str(e["other"]["kind"]))  # type: ignore[index]
                     for e in deliberate_errors(tmp_path) if str(e["code"]).startswith("LC"))
    found = sorted((f["code"], Path(f["source"]).name, f["form"]["kind"], f["form"]["index"],
                    Path(f["related"][0]["source"]).name, f["related"][0]["form"]["kind"])
                   for f in _lifecycle(_check(*paths)["findings"]))
    assert found == planted and len(found) == 6
