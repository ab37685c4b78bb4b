"""`jixiao check` / `jixiao rules`: JSON contract of DESIGN §5.2 and the exit codes of §5.3."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.rules.finding import CATEGORIES

runner = CliRunner()
FINDING_KEYS = {"code", "category", "severity", "source", "form", "location", "message", "expected", "actual",
                "profile", "rule", "detail", "merged", "related"}
CLEAN = """项目支出绩效自评表
（2023年度）
项目名称\t测试项目
"""


def test_check_json_contract(seeds: Path) -> None:
    path = next(seeds.glob("004_*.txt"))
    result = runner.invoke(app, ["check", "--format", "json", "--profile", "beijing", str(path)])
    assert result.exit_code == 1  # 004 has arithmetic errors
    payload = json.loads(result.stdout)
    assert payload["summary"]["forms_checked"] == 15
    assert payload["summary"]["profile"] == "beijing"
    assert set(payload["summary"]["recomputed_grades"]) >= {"优秀", "良好", "中", "差"}
    for finding in payload["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["category"] in CATEGORIES
        assert finding["profile"] == "beijing"
        assert finding["form"]["kind"] == "self_evaluation"
        assert isinstance(finding["form"]["index"], int)
    se002 = next(f for f in payload["findings"] if f["code"] == "SE002" and f["severity"] == "error")
    assert isinstance(se002["actual"], float) and isinstance(se002["expected"], float)


def test_check_table_output(seeds: Path) -> None:
    result = runner.invoke(app, ["check", str(next(seeds.glob("004_*.txt")))])
    assert result.exit_code == 1
    assert "汇总" in result.stdout and "SE003" in result.stdout


def test_check_exit_0_without_errors(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["by_severity"]["error"] == 0


def test_check_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "无法读取" in result.stderr and "cannot read" in result.stderr
    assert "Traceback" not in result.output


def test_check_unknown_profile_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(app, ["check", "--profile", "mars", str(path)])
    assert result.exit_code == 2
    assert "unknown profile" in result.stderr


def test_rules_lists_every_rule() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows][:3] == ["SE001", "SE002", "SE003"]
    assert all(r["summary"] and r["category"] in CATEGORIES for r in rows)
    assert runner.invoke(app, ["rules"]).exit_code == 0


def test_check_summary_only_gives_one_line_per_file_and_the_same_counts(seeds: Path) -> None:
    paths = [str(next(seeds.glob(f"{p}_*.txt"))) for p in ("000", "004")]
    full = json.loads(runner.invoke(app, ["check", "--format", "json", *paths]).stdout)
    short = runner.invoke(app, ["check", "--format", "json", "--summary-only", *paths])
    assert short.exit_code == 1 and json.loads(short.stdout) == {"summary": full["summary"]}
    table = runner.invoke(app, ["check", "-s", *paths], env={"COLUMNS": "200"})
    assert table.exit_code == 1
    lines = [line for line in table.stdout.splitlines() if "：表单" in line]
    assert [line.split("：")[0] for line in lines] == paths
    for line, path in zip(lines, paths, strict=True):
        mine = [f for f in full["findings"] if f["source"] == path]
        counts = {s: sum(1 for f in mine if f["severity"] == s) for s in ("error", "warning", "info")}
        assert f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}" in line
    assert "汇总" in table.stdout and "代码" not in table.stdout  # no per-form tables


MONITORING = """项目支出绩效目标执行监控表
（2024年度）
项目名称\t社区环境整治
项目资金（万元）\t\t年初预算数\t全年预算数\t1-7月执行数\t1-7月执行率
\t年度资金总额\t30\t30\t12\t40%
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t1-7月实际完成值\t偏差原因分析
\t产出指标\t数量指标\t整治点位数\t≥20处\t8处\t
"""


def test_a_monitoring_form_is_neither_a_declaration_nor_a_self_evaluation(tmp_path: Path) -> None:
    """A 执行监控表 shares labels with both; it is read as what it is (DESIGN §5.1 ``MR``)."""
    path = tmp_path / "monitor.txt"
    path.write_text(MONITORING, encoding="utf-8")
    payload = json.loads(runner.invoke(app, ["extract", "--format", "json", str(path)]).stdout)
    doc = payload["documents"][0]
    assert not (doc["self_evaluations"] or doc["target_declarations"] or doc["budget_tables"])
    assert [m["project_name"] for m in doc["monitoring_reports"]] == ["社区环境整治"]


def test_check_says_what_it_could_not_recognize(tmp_path: Path) -> None:
    """A file with no form in it: nothing is made of it, and the reviewer is told so in both outputs."""
    path = tmp_path / "notice.txt"
    path.write_text("关于开展2024年度项目支出绩效自评工作的通知\n各单位：请于3月底前报送自评材料。\n", encoding="utf-8")
    table = runner.invoke(app, ["check", str(path)])
    assert table.exit_code == 0 and "未识别到任何表单" in table.stdout
    short = runner.invoke(app, ["check", "--summary-only", str(path)])
    assert "表单 0 张" in short.stdout and "另有说明 1 条" in short.stdout


def test_check_lists_errors_first_in_the_json_order_and_hides_info(seeds: Path) -> None:
    path = str(next(seeds.glob("000_*.txt")))
    payload = json.loads(runner.invoke(app, ["check", "--format", "json", path]).stdout)
    severities = [f["severity"] for f in payload["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert all(len(f["message"]) <= 120 for f in payload["findings"])
    table = runner.invoke(app, ["check", path]).stdout
    assert table.index("汇总") < table.index("错误 ")
    listed = [line.split()[2] for line in table.splitlines() if line.startswith(("错误 ", "警告 ", "提示 "))]
    shown = [f["code"] for f in payload["findings"] if f["severity"] != "info"]
    assert listed == shown  # the table and the JSON agree on order; info only with --all
    assert "--all" in table
    everything = runner.invoke(app, ["check", "--all", path]).stdout
    assert sum(line.startswith("提示 ") for line in everything.splitlines()) == severities.count("info")


def test_disclosure_table_fits_and_starts_with_its_errors(seeds: Path) -> None:
    """Issue 16's bar: on the budget disclosure seed the default table is under 200 lines, and the
    errors come right after the summary."""
    table = runner.invoke(app, ["check", str(next(seeds.glob("002_*.txt")))]).stdout
    lines = table.splitlines()
    assert len(lines) < 200
    listed = [line for line in lines if line.startswith(("错误 ", "警告 ", "提示 "))]
    errors = [n for n, line in enumerate(listed) if line.startswith("错误 ")]
    assert errors and errors == list(range(len(errors)))
    assert lines.index(listed[0]) < 10
