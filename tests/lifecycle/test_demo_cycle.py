"""The demo's cycle over two years (jixiao.samples.cycle): one coherent set of documents for the same two
projects, every deliberate error found where the manifest says, and nothing else at warning or error."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest

from jixiao.extract import extract_path
from jixiao.samples.cycle import CODES, CROSS_ERRORS, file_names
from jixiao.samples.generator import deliberate_errors, generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import findings, forms

YEAR = 2024


@cache
def _district(folder: Path) -> tuple[list[dict[str, object]], dict[tuple[str, str, int], int], list[dict[str, Any]]]:
    generate_district(folder / "demo", units=3, projects=4, year=YEAR, cycle=True)
    engine = connect(str(folder / "j.db"))
    ingest(engine, [folder / "demo"], jobs=1)
    with engine.connect() as conn:
        by_form = {(Path(f["source"]).name, f["kind"], f["index"]): f["id"] for f in forms(conn)}
        found = findings(conn)
    engine.dispose()
    return deliberate_errors(folder / "demo"), by_form, found


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[
        list[dict[str, object]], dict[tuple[str, str, int], int], list[dict[str, Any]]]:
    return _district(tmp_path_factory.mktemp("cycle"))


def _form_ids(entry: dict[str, object], by_form: dict[tuple[str, str, int], int]) -> set[int]:
    """The form an entry is planted on and, for a cross-document error, the other form it cites."""
    refs = [entry, *([cast(dict[str, object], entry["other"])] if "other" in entry else [])]
    return {by_form[(str(r["file"]), str(r.get("kind", "self_evaluation")), int(str(r["form_index"])))]
            for r in refs}


def test_the_cycle_is_planted(district: tuple[list[dict[str, object]], dict[tuple[str, str, int], int],
                                              list[dict[str, Any]]]) -> None:
    manifest, by_form, _ = district
    planted = {str(m["error"]) for m in manifest if "other" in m}
    assert planted == set(CROSS_ERRORS)
    for m in manifest:  # every manifest entry names forms that were read and stored
        assert _form_ids(m, by_form)
    names = file_names(YEAR)
    kinds = {(file, kind) for file, kind, _ in by_form}
    assert (names["monitoring"], "monitoring") in kinds
    assert (names["evaluation"], "project_evaluation") in kinds
    assert (names["self_evaluation"], "self_evaluation") in kinds
    assert sum(1 for file, kind, _ in by_form if file == names["declaration"] and
               kind == "project_target_declaration") == 2


def test_same_projects_across_the_documents(tmp_path: Path) -> None:
    """The projects carry the same code and name in the N and N+1 declarations, the monitoring reports and
    the self-evaluations; the evaluation report is on one of them."""
    folder = tmp_path / "demo"
    generate_district(folder, units=1, projects=1, year=YEAR, cycle=True)
    names = file_names(YEAR)
    now = extract_path(folder / names["declaration"]).target_declarations
    after = extract_path(folder / f"00_示例街道办事处_{YEAR + 1}年部门预算公开.txt").target_declarations
    mid = extract_path(folder / names["monitoring"]).monitoring_reports
    end = extract_path(folder / names["self_evaluation"]).self_evaluations
    ev = extract_path(folder / names["evaluation"]).evaluations
    expected = list(CODES.items())
    for decl in (now, after):
        projects = [(d.project_code, d.project_name) for d in decl if d.kind == "project_target_declaration"]
        assert projects == [(code, name) for name, code in expected]
    assert [(m.project_code, m.project_name, m.year, m.period) for m in mid] == [
        (code, name, YEAR, "1-7月") for name, code in expected]
    # the year-end forms print "code-name" in one cell: the code is split off
    assert [(s.project_code, s.project_name, s.year) for s in end] == [(code, name, YEAR) for name, code in expected]
    assert [(e.kind, e.subject, e.grade, str(e.total_score)) for e in ev] == [
        ("project_evaluation", f"{YEAR}年保洁服务", "差", "55.00")]
    # the planted differences themselves, as printed
    amounts = {d.project_name: (d.total_amount, n.total_amount) for d, n in zip(now, after, strict=True)
               if d.kind == "project_target_declaration"}
    assert {k: (str(a), str(b)) for k, (a, b) in amounts.items()} == {"环境整治": ("30", "30"), "保洁服务": ("8", "10")}
    assert end[0].funds.total.printed["initial_budget"] == "35"
    assert [i.level3 for i in end[0].indicators] == ["整治点位数", "项目预算控制数", "人居环境改善", "居民满意度"]
    assert [i.target for i in end[1].indicators] == ["≥3万平方米", "≤8万元", "优", "≥90%"]
    assert mid[1].funds.printed["execution_rate"] == "10.00%"


def test_within_document_errors_found_and_only_them(district: tuple[
        list[dict[str, object]], dict[tuple[str, str, int], int], list[dict[str, Any]]]) -> None:
    """Every deliberate error inside one document (SE, BT, TD, MR) is found on its form; no other warning
    or error comes from a rule that reads one document."""
    manifest, by_form, found = district
    expected: dict[int, set[str]] = defaultdict(set)
    for m in manifest:
        if "other" not in m:
            (form_id,) = _form_ids(m, by_form)
            expected[form_id] |= {str(m["code"]), *map(str, cast(list[object], m["also"]))}
    got: dict[int, set[str]] = defaultdict(set)
    for f in found:
        if f["category"] != "lifecycle" and (f["severity"] != "info" or f["form_id"] in expected):
            got[f["form_id"]].add(f["code"])
    assert dict(got) == dict(expected)


def test_every_cross_document_error_found_by_the_lifecycle_rules(district: tuple[
        list[dict[str, object]], dict[tuple[str, str, int], int], list[dict[str, Any]]]) -> None:
    """Each planted cross-document error gives its LC finding on one of the two forms it sits between,
    and the lifecycle rules report nothing else at warning or error."""
    manifest, by_form, found = district
    lifecycle = [f for f in found if f["category"] == "lifecycle"]
    missing = []
    explained: set[int] = set()
    for m in manifest:
        if "other" not in m:
            continue
        forms_ = _form_ids(m, by_form)
        hits = [f for f in lifecycle if f["code"] == m["code"] and f["form_id"] in forms_]
        if not hits:
            missing.append((m["error"], m["code"], m["project_name"]))
        explained |= {f["id"] for f in hits}
    assert missing == []
    extra = [(f["code"], f["name"], f["message"]) for f in lifecycle
             if f["id"] not in explained and f["severity"] in ("error", "warning")]
    assert extra == []


def test_check_on_the_cycles_files_reports_the_planted_errors_only(tmp_path: Path) -> None:
    """`jixiao check` given the cycle's files (no database) links them in memory: its warnings and errors
    are exactly the manifest's entries on those files, the cross-document ones included."""
    from typer.testing import CliRunner

    from jixiao.present.cli import app

    folder = tmp_path / "demo"
    generate_district(folder, units=1, projects=1, year=YEAR, cycle=True)
    files = sorted(folder.glob("00_*"))
    assert len(files) == 5  # the two disclosures, the monitoring reports, the self-evaluations, the report
    result = CliRunner().invoke(app, ["check", *map(str, files), "--format", "json"])
    assert result.stdout.strip(), result.output
    found = {(Path(f["source"]).name, f["form"]["kind"], f["form"]["index"], f["code"])
             for f in json.loads(result.stdout)["findings"] if f["severity"] in ("error", "warning")}
    names = {f.name for f in files}
    planted = {(str(m["file"]), str(m.get("kind", "self_evaluation")), int(str(m["form_index"])), str(m["code"]))
               for m in deliberate_errors(folder) if m["file"] in names}
    assert found == planted
    assert {code for *_, code in found} >= {code for code, _ in CROSS_ERRORS.values()}
