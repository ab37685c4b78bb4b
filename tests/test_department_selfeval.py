"""部门整体支出绩效自评表: the department-wide self-evaluation opens on the unit (部门（单位）名称)
instead of a project; it is read, scored and checked like a project's, as its own kind."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.extract import extract_bytes
from jixiao.present.forms import write_form
from jixiao.present.jsonout import document_json
from jixiao.rules import check_document
from jixiao.samples.layouts import render

TEXT = (Path(__file__).parent / "data" / "department_selfeval.txt").read_text(encoding="utf-8")
PROJECT = (Path(__file__).parent / "data" / "variant_units_columns.txt").read_text(encoding="utf-8")


def test_department_form_is_read_as_its_own_kind() -> None:
    [form] = extract_bytes(TEXT.encode(), "dept.txt").self_evaluations
    assert (form.kind, form.department, form.project_name, form.year) == (
        "department_self_evaluation", "某街道办事处", None, 2023)
    total = form.funds.total
    assert (total.full_year_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        1200, 1140, 10, Decimal("0.95"), Decimal("9.5"))
    assert form.goal_actual == "机关正常运转，辖区治理任务全部完成。"
    assert [(i.level3, i.weight, i.score) for i in form.indicators] == [
        ("社区服务覆盖率", 20, 20), ("信访办结率", 15, 15), ("资金支付及时率", 15, 15), ("辖区安全事故", 30, 30),
        ("居民满意度", 10, 10)]
    assert (form.total_weight, form.total_score) == (100, Decimal("99.5"))
    [as_json] = document_json(extract_bytes(TEXT.encode(), "dept.txt"))["self_evaluations"]
    assert as_json["kind"] == "department_self_evaluation"  # a project's SE carries no kind (DESIGN §5.1)


def test_department_form_is_checked_and_named_by_its_unit() -> None:
    assert check_document(extract_bytes(TEXT.encode(), "dept.txt")) == []
    findings = check_document(extract_bytes(TEXT.replace("99.5", "100").encode(), "dept.txt"))
    [total] = [f for f in findings if f.code == "SE003"]
    assert (total.form.kind, total.form.index) == ("department_self_evaluation", 0)
    assert total.message.startswith("「某街道办事处」部门整体自评表总分印为100")


def test_project_and_department_forms_in_one_file_count_within_their_kinds() -> None:
    text = PROJECT.replace("95.42", "96.42") + "\n" + TEXT.replace("99.5", "100")
    doc = extract_bytes(text.encode(), "both.txt")
    assert [f.kind for f in doc.self_evaluations] == ["self_evaluation", "department_self_evaluation"]
    refs = {(f.code, f.form.kind, f.form.index) for f in check_document(doc)}
    assert ("SE003", "department_self_evaluation", 0) in refs
    assert not any(kind == "self_evaluation" and code == "SE003" for code, kind, _ in refs)


def test_a_unit_label_inside_a_project_form_opens_nothing() -> None:
    text = PROJECT.replace("项目负责人\t王明", "单位名称\t某区城市更新中心\n项目负责人\t王明")
    [form] = extract_bytes(text.encode(), "p.txt").self_evaluations
    assert (form.kind, form.project_name, len(form.indicators)) == ("self_evaluation", "老旧小区改造工程", 7)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_department_form_written_back_reads_the_same(tmp_path: Path, fmt: str) -> None:
    [form] = extract_bytes(TEXT.encode(), "dept.txt").self_evaluations
    path = tmp_path / f"dept.{fmt}"
    write_form(form, fmt, path)
    [back] = extract_bytes(path.read_bytes(), path.name).self_evaluations
    drop = {"location", "total_line", "line", "warnings", "funds_columns", "indicator_columns"}  # how it was read

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k not in drop}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    assert plain(json.loads(back.model_dump_json())) == plain(json.loads(form.model_dump_json()))


@pytest.mark.parametrize("layout", ["tabs", "pipes", "docx_lines", "flat"])
def test_department_form_in_every_text_layout(layout: str) -> None:
    [form] = extract_bytes(TEXT.encode(), "dept.txt").self_evaluations
    [back] = extract_bytes(render([form], layout).encode(), f"{layout}.txt").self_evaluations
    assert (back.kind, back.department, back.total_score, back.goal_actual) == (
        "department_self_evaluation", "某街道办事处", Decimal("99.5"), form.goal_actual)
    assert [(i.level3, i.target, i.actual, i.weight, i.score) for i in back.indicators] == [
        (i.level3, i.target, i.actual, i.weight, i.score) for i in form.indicators]


@pytest.mark.parametrize("line", ["部门名称：某街道办事处", "部门（单位）名称：某街道办事处", "单位名称 某街道办事处"])
def test_unit_label_and_name_in_one_line(line: str) -> None:
    text = TEXT.replace("部门（单位）名称\t某街道办事处", line)
    [form] = extract_bytes(text.encode(), "dept.txt").self_evaluations
    assert (form.kind, form.department, form.total_score) == ("department_self_evaluation", "某街道办事处",
                                                              Decimal("99.5"))
