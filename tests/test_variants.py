"""Templates the seeds do not show: 指标性质/度量单位 columns, 项目负责人 and 联系电话, 本年财政拨款,
execution scored out of 20, level-1 labels with their points, leading web-page junk.

The form in ``data/variant_units_columns.txt`` is written by hand after a Sichuan-style template;
its printed total (95.42) is deliberately one point below the sum of its parts (96.42).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import extract_bytes
from jixiao.present.jsonout import document_json
from jixiao.rules import check_document
from jixiao.samples.layouts import as_docx_lines, as_flat, as_pipes

TEXT = (Path(__file__).parent / "data" / "variant_units_columns.txt").read_text(encoding="utf-8")


def forms(text: str, encoding: str = "utf-8", with_lines: bool = True) -> list[dict[str, Any]]:
    doc = document_json(extract_bytes(text.encode(encoding), "variant.txt"))
    result: list[dict[str, Any]] = doc["self_evaluations"]
    if not with_lines:
        result = [_without_lines(f) for f in result]
    return result


def _without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k not in ("line", "location", "total_line")}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def test_fields_funds_and_columns() -> None:
    [form] = forms(TEXT)
    assert (form["year"], form["project_name"], form["project_lead"], form["phone"]) == (
        2021, "老旧小区改造工程", "王明", "0812-3334455")
    assert (form["department"], form["implementing_unit"]) == ("某区住房和城乡建设局", "某区城市更新中心")
    funds = form["funds"]
    assert isinstance(funds, dict)
    assert {k: funds["total"][k] for k in ("initial_budget", "full_year_budget", "executed", "weight",
                                           "execution_rate", "score")} == {
        "initial_budget": 1200, "full_year_budget": 1150, "executed": 1092.5, "weight": 20,
        "execution_rate": 0.95, "score": 19}
    assert funds["current_year_appropriation"]["executed"] == 902.5  # 本年财政拨款
    assert funds["prior_year_carryover"]["full_year_budget"] == 200
    rows = form["indicators"]
    assert isinstance(rows, list) and len(rows) == 7
    first = rows[0]
    assert (first["level1"], first["level2"], first["level3"], first["nature"], first["target"], first["unit"],
            first["actual"], first["weight"], first["score"], first["deviation_note"]) == (
        "产出指标(40分)", "数量指标", "改造小区数量", "≥", "12", "个", "11", 15, 13.75, "一个小区因居民意见未统一延期")
    assert first["target_value"]["op"] == "≥" and first["target_value"]["unit"] == "个"
    assert rows[3]["unit"] == "万元/个" and rows[3]["target_value"]["op"] == "≤"
    assert [r["level1"] for r in rows].count("效益指标(30分)") == 2
    assert (form["total_weight"], form["total_score"]) == (100, 95.42)


@pytest.mark.parametrize("emit", [as_docx_lines, as_pipes])
def test_same_form_in_other_layouts(emit: object) -> None:
    rows = [line.split("\t") for line in TEXT.splitlines()]
    assert callable(emit)
    other = emit(rows)
    assert json.dumps(forms(other, with_lines=False), ensure_ascii=False) == json.dumps(
        forms(TEXT, with_lines=False), ensure_ascii=False)


def test_gbk_with_crlf() -> None:
    assert forms(TEXT.replace("\n", "\r\n"), "gbk") == forms(TEXT)


def test_checks_use_the_nature_and_unit_columns() -> None:
    doc = extract_bytes(TEXT.encode(), "variant.txt")
    codes = {f.code: f for f in check_document(doc, "national")}
    assert set(codes) == {"SE003", "SE005"}  # the wrong total, and 20 points for execution
    assert str(codes["SE003"].expected) == "96.42"
    # The profile where execution is scored out of 20 (and 产出 out of 40) accepts its weights.
    assert {f.code for f in check_document(doc, "execution20")} == {"SE003"}


def test_flattened_line() -> None:
    # On one line, the empty 偏差原因 cells vanish; every printed cell still finds its column.
    rows = [line.split("\t") for line in TEXT.splitlines()]
    assert forms(as_flat(rows), with_lines=False) == forms(TEXT, with_lines=False)


@pytest.mark.parametrize(("printed", "variant"), [
    ("实际完成值", "完成值"), ("实际完成值", "全年实际完成值"), ("实际完成值", "实际完成指标值"),
    ("偏差原因分析及改进措施", "偏差原因及改进措施"), ("偏差原因分析及改进措施", "未完成原因及改进措施"),
    ("偏差原因分析及改进措施", "原因分析及改进措施"), ("偏差原因分析及改进措施", "未完成原因分析及改进措施"),
    ("指标值", "全年指标值"), ("指标值", "目标值"), ("全年执行数", "全年实际支出"), ("总分", "合计"),
    ("全年预算数", "调整后预算数"), ("年初预算数", "年初预算"), ("分值", "权重"), ("度量单位", "计量单位"),
])
def test_other_provinces_wording_reads_the_same_form(printed: str, variant: str) -> None:
    """Column and row labels worded as other templates word them: the same values, cell for cell."""
    assert printed in TEXT
    assert forms(TEXT.replace(printed, variant), with_lines=False) == forms(TEXT, with_lines=False)


@pytest.mark.parametrize(("total_row", "grade", "flagged"), [
    ("总分\t100\t96.42\t优", "优", False),
    ("总分\t100\t96.42\t自评等级：优秀", "优秀", False),  # the long name of 优
    ("总分\t100\t96.42\n自评等级\t良", "良", True),
    ("总分\t100\t96.42\t绩效等级\t良", "良", True),
    ("总分\t100\t96.42\n备注\t良", None, False),  # not a grade's label: nothing is read
])
def test_grade_printed_after_the_total(total_row: str, grade: str | None, flagged: bool) -> None:
    doc = extract_bytes(TEXT.replace("总分\t100\t95.42", total_row).encode(), "g.txt")  # 96.42: the parts' sum
    [form] = doc.self_evaluations
    assert form.total_printed.get("grade") == grade
    grades = [f for f in check_document(doc) if f.code == "SE012"]
    assert bool(grades) == flagged
    if flagged:
        assert grades[0].message.endswith("总分96.42对应等级应为“优”（优/良/中/差），印为“良”。")


def test_grade_is_written_back_with_the_form(tmp_path: Path) -> None:
    from jixiao.present.forms import write_form

    [form] = extract_bytes(TEXT.replace("总分\t100\t95.42", "总分\t100\t96.42\t良").encode(), "g.txt").self_evaluations
    for fmt in ("docx", "xlsx", "pdf"):
        path = tmp_path / f"g.{fmt}"
        write_form(form, fmt, path)
        [back] = extract_bytes(path.read_bytes(), path.name).self_evaluations
        assert back.total_printed == {"total_weight": "100", "total_score": "96.42", "grade": "良"}, fmt
