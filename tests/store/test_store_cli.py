"""`jixiao db upgrade | ingest | ls | show | export | demo`: outputs, filters, exit codes (DESIGN §5.3–5.4)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.samples.generator import generate_district
from jixiao.store import HEAD, connect
from jixiao.web.users import authenticate

runner = CliRunner()


@pytest.fixture
def district(tmp_path: Path) -> Path:
    folder = tmp_path / "district"
    generate_district(folder, units=3, projects=4)
    return folder


def _ls(db: str, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["ls", *args, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_ingest_then_ls_every_list(district: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(district), "--db", db_url, "--jobs", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["stored"], summary["forms"], summary["failed"]) == (3, 3, 12, [])
    units = _ls(db_url, "units")
    assert [u["name"] for u in units] == ["示例街道办事处", "样板街道办事处", "演示镇人民政府"]
    assert [u["forms"] for u in units] == [4, 4, 4]
    docs = _ls(db_url, "documents")
    assert [d["status"] for d in docs] == ["ok"] * 3 and all("id" in d for d in docs)
    forms = _ls(db_url, "forms")
    assert len(forms) == 12 and {f["kind"] for f in forms} == {"self_evaluation"}
    assert all(isinstance(f["total_score"], int | float) for f in forms)
    findings = _ls(db_url, "findings")
    errors = _ls(db_url, "findings", "--severity", "error")
    assert errors and {f["severity"] for f in errors} == {"error"} and len(errors) < len(findings)
    rule = str(errors[0]["code"])
    assert {f["code"] for f in _ls(db_url, "findings", "--rule", rule.lower())} == {rule}
    assert {f["unit"] for f in _ls(db_url, "findings", "--unit", "样板")} <= {"样板街道办事处"}
    assert len(_ls(db_url, "forms", "--unit", "演示镇")) == 4
    assert _ls(db_url, "forms", "--year", "2023") == []
    assert len(_ls(db_url, "forms", "--year", "2024", "--kind", "self_evaluation")) == 12
    with_errors = _ls(db_url, "forms", "--severity", "error")
    assert {f["id"] for f in with_errors} == {f["form_id"] for f in errors}


def test_ls_csv_and_table(district: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    assert runner.invoke(app, ["ingest", str(district), "--db", db, "--jobs", "1"]).exit_code == 0
    result = runner.invoke(app, ["ls", "forms", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0 and len(rows) == 12 and rows[0]["kind"] == "self_evaluation"
    table = runner.invoke(app, ["ls", "findings", "--db", db, "--severity", "error"])
    assert table.exit_code == 0 and "错误" in table.stdout


def test_show_json_and_table(district: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    runner.invoke(app, ["ingest", str(district), "--db", db, "--jobs", "1"])
    shown = runner.invoke(app, ["show", "1", "--db", db, "--format", "json"])
    form = json.loads(shown.stdout)
    assert shown.exit_code == 0 and form["id"] == 1 and form["kind"] == "self_evaluation"
    assert len(form["rows"]) == 6 and form["data"]["year"] == 2024
    table = runner.invoke(app, ["show", "1", "--db", db])
    assert table.exit_code == 0 and form["name"] in table.stdout
    missing = runner.invoke(app, ["show", "999", "--db", db])
    assert missing.exit_code == 2 and "999" in missing.stderr


def test_db_option_wins_over_env(district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_db, flag_db = tmp_path / "env.db", tmp_path / "flag.db"
    monkeypatch.setenv("JIXIAO_DB", str(env_db))
    assert runner.invoke(app, ["ingest", str(district), "--db", str(flag_db), "--jobs", "1"]).exit_code == 0
    assert flag_db.exists() and not env_db.exists()
    assert runner.invoke(app, ["ingest", str(district), "--jobs", "1"]).exit_code == 0
    assert env_db.exists()
    assert len(_ls(str(flag_db), "documents")) == 3


def test_unreachable_database_exit_2_one_line(tmp_path: Path) -> None:
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    for args in (["ls", "units", "--db", unreachable], ["ingest", str(tmp_path), "--db", unreachable]):
        result = subprocess.run([sys.executable, "-m", "jixiao.present", *args], capture_output=True, text=True,
                                timeout=60, check=False)  # a real process: no traceback on stderr
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("jixiao: "), result.stderr
    for args in (["ls", "forms", "--db", str(tmp_path / "missing.db")],
                 ["show", "1", "--db", str(tmp_path / "missing.db")],
                 ["export", "--format", "json", "--db", str(tmp_path / "missing.db")],
                 ["ingest", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "dir.db")],
                 ["ls", "everything", "--db", str(tmp_path / "j.db")],
                 ["ingest", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "j.db")]):
        invoked = runner.invoke(app, args)
        assert invoked.exit_code == 2, (args, invoked.output)
        assert invoked.stderr.count("\n") == 1 and invoked.stderr.startswith("jixiao: "), invoked.stderr
    assert not (tmp_path / "missing.db").exists()  # listing never creates a database


def test_ingest_exit_1_when_a_document_fails(district: Path, tmp_path: Path) -> None:
    (district / "broken.docx").write_bytes(b"\x00\x01\x02 not a document" * 100)
    result = runner.invoke(app, ["ingest", str(district), "--db", str(tmp_path / "j.db"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "broken.docx" in result.stderr and "失败 1" in result.stderr


def test_export_xlsx_is_a_reviewers_workbook(district: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    db, out = str(tmp_path / "j.db"), tmp_path / "review.xlsx"
    runner.invoke(app, ["ingest", str(district), "--db", db, "--jobs", "1"])
    result = runner.invoke(app, ["export", "--format", "xlsx", "--output", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["项目支出绩效自评表", "部门整体支出绩效自评表", "部门整体支出绩效评价报告",
                               "项目支出绩效评价报告", "项目支出绩效目标申报表", "部门整体支出绩效目标申报表",
                               "预算决算表", "项目支出绩效运行监控表", "问题清单", "文档"]  # a sheet per kind
    se, problems = book["项目支出绩效自评表"], book["问题清单"]
    assert [c.value for c in se[1]][:5] == ["表单ID", "单位", "年度", "名称", "序号"]
    assert se.max_row == 13 and se.freeze_panes == "A2" and se.auto_filter.ref == "A1:V13"
    assert problems.freeze_panes == "A2" and problems.auto_filter.ref.startswith("A1:S")
    review = ["审核状态", "意见", "审核人", "时间"]  # the workflow: an ingested form is 已提交, nothing decided
    assert [c.value for c in se[1]][-4:] == review and [c.value for c in problems[1]][-4:] == review
    assert [c.value for c in se[2]][-4:] == ["已提交", None, None, None]
    findings = _ls(db, "findings")
    assert problems.max_row == len(findings) + 1
    assert {problems.cell(row=r, column=8).value for r in range(2, problems.max_row + 1)} <= {"错误", "警告", "提示"}
    widths = {c: se.column_dimensions[c].width for c in "ABDQ"}
    assert widths["A"] >= 8 and widths["D"] >= 20 and widths["Q"] <= 60  # names wide, paths capped
    assert se.cell(row=2, column=8).number_format == "0.00%"


def test_export_csv_and_json(district: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    runner.invoke(app, ["ingest", str(district), "--db", db, "--jobs", "1"])
    result = runner.invoke(app, ["export", "--format", "csv", "--output", str(tmp_path / "csv"), "--db", db])
    assert result.exit_code == 0
    with (tmp_path / "csv" / "问题清单.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["问题ID", "表单ID", "单位"] and len(rows) == len(_ls(db, "findings")) + 1
    exported = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)
    assert set(exported) == {"units", "documents", "forms", "findings"}
    keys = ("review_state", "review_comment", "reviewer", "reviewed_at")
    assert {f["review_state"] for f in exported["forms"]} == {"submitted"}
    assert [{k: v for k, v in f.items() if k not in keys} for f in exported["forms"]] == _ls(db, "forms")
    assert all(f["review_state"] is None and f["reviewer"] is None for f in exported["findings"])


def test_db_upgrade_and_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    up = runner.invoke(app, ["db", "upgrade", "--db", str(tmp_path / "up.db")])
    assert up.exit_code == 0 and f"revision {HEAD}" in up.stdout
    from jixiao.read.ocr import available

    scanned = int(available())  # the demo's scanned self-evaluation is read with the ocr extra only
    result = runner.invoke(app, ["demo", "--units", "2", "--projects", "3", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    # two units' self-evaluations, the budget disclosure (9 budget tables, 3 target declarations) and the
    # cycle of its two projects the year before (a disclosure, 2 monitoring reports, 2 self-evaluations, a report),
    # every form stored (the monitoring reports too), and a scanned self-evaluation
    assert (tmp_path / "jixiao.db").exists() and len(list((tmp_path / "demo").glob("*.txt"))) == 7
    assert len(list((tmp_path / "demo").glob("*.jpg"))) == 1
    assert "审核摘要" in result.stdout and f"表单 {35 + scanned} 张" in result.stdout
    # a store without web accounts gets admin with a random password, printed once and valid
    password = re.search(r"用户 admin，密码 (\S+?)（", result.stdout)
    assert password, result.stdout
    engine = connect(str(tmp_path / "jixiao.db"))
    user = authenticate(engine, "admin", password.group(1))
    assert user is not None and user.role == "admin"
    engine.dispose()
    again = runner.invoke(app, ["demo", "--units", "2", "--projects", "3", "--jobs", "1"])
    assert again.exit_code == 0 and f"表单 {35 + scanned} 张" in again.stdout  # re-running changes nothing
    assert "用已有的账户登录" in again.stdout and "密码" not in again.stdout
    forms = _ls(str(tmp_path / "jixiao.db"), "forms")
    assert Counter(f["kind"] for f in forms) == {
        "self_evaluation": 8 + scanned, "budget_table": 18, "project_target_declaration": 4,
        "department_target_declaration": 2, "project_evaluation": 1, "monitoring": 2}
