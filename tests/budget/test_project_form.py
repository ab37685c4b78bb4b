"""项目支出绩效目标申报表 printed one project per form (the national template and its variants), in
every layout a converter prints, and told apart from the 自评表 that shares its first labels."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from jixiao.extract import Document, extract_bytes
from jixiao.present.forms import write_form
from jixiao.present.jsonout import document_json
from jixiao.rules.engine import check_document
from jixiao.samples.layouts import as_docx_lines, as_pipes, as_tabs

TITLE = [["项目支出绩效目标申报表"], ["（2025年度）"]]


def national(total: str = "30", fiscal: str = "30", other: str = "0", control: str = "≤30万元") -> list[list[str]]:
    """The national template: level cells merged (printed once), the value with its sign and unit."""
    return [
        ["项目名称", "社区环境整治", "", ""],
        ["主管部门及代码", "[101]某区城市管理委员会", "实施单位", "某街道办事处"],
        ["项目属性", "经常性项目", "项目期", "1年"],
        ["项目资金（万元）", "年度资金总额", total, ""],
        ["", "其中：财政拨款", fiscal, ""],
        ["", "其他资金", other, ""],
        ["年度绩效目标", "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "整治点位数", "≥20处"],
        ["", "", "质量指标", "验收合格率", "100%"],
        ["", "", "时效指标", "完成时间", "2025年12月底前"],
        ["", "成本指标", "经济成本指标", "项目预算控制数", control],
        ["", "效益指标", "社会效益指标", "人居环境改善", "明显改善"],
        ["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"],
    ]


def with_columns(name: str, lead: str, phone: str, nature: str = "定性", value: str = "优") -> list[list[str]]:
    """A provincial variant: 项目负责人/联系电话, 指标性质/度量单位/指标方向 columns, no title year."""
    return [
        ["项目名称", name], ["实施单位", "某街道办事处"], ["项目负责人", lead, "联系电话", phone],
        ["资金情况（万元）", "资金总额", "12.5"], ["", "财政拨款", "10"], ["", "其他资金", "2.5"],
        ["年度目标"], [f"做好辖区{name}工作，全年按标准完成作业。"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标方向"],
        ["产出指标", "数量指标", "保洁面积", "≥", "5", "万平方米", "正向"],
        ["", "质量指标", "保洁质量", nature, value, "", "正向"],
        ["成本指标", "经济成本指标", "成本控制数", "≤", "12.5", "万元", "反向"],
    ]


def _doc(text: str) -> Document:
    return extract_bytes(text.encode("utf-8"), "declaration.txt")


@pytest.mark.parametrize("layout", [as_tabs, as_docx_lines, as_pipes], ids=["tabs", "docx_lines", "pipes"])
def test_national_form_in_every_layout(layout: object) -> None:
    doc = _doc(layout(TITLE + national()))  # type: ignore[operator]
    assert not doc.self_evaluations
    [td] = doc.target_declarations
    assert (td.kind, td.project_name, td.unit, td.year, td.category) == (
        "project_target_declaration", "社区环境整治", "某街道办事处", 2025, "经常性项目")
    assert td.department == "[101]某区城市管理委员会"
    assert (td.total_amount, td.fiscal_amount, td.other_amount) == (30, 30, 0)
    assert td.goal == "完成辖区环境整治，改善人居环境，全年整治点位不少于20处。"
    assert [(i.level1, i.level2, i.level3, i.nature, i.value, i.unit) for i in td.indicators] == [
        ("产出指标", "数量指标", "整治点位数", "≥", 20, "处"),
        ("产出指标", "质量指标", "验收合格率", None, 100, "%"),
        ("产出指标", "时效指标", "完成时间", None, "2025年12月底前", None),
        ("成本指标", "经济成本指标", "项目预算控制数", "≤", 30, "万元"),
        ("效益指标", "社会效益指标", "人居环境改善", None, "明显改善", None),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", 90, "%")]
    assert td.indicators[0].cell == "≥20处"  # the cell as printed
    assert check_document(doc) == []  # the template has no 指标方向 column: nothing to say about it


def test_form_in_a_real_docx() -> None:
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标申报表")
    document.add_paragraph("（2025年度）")
    rows = national(total="30", fiscal="25", other="0")
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_bytes(buffer.getvalue(), "申报表.docx")
    [td] = doc.target_declarations
    assert (td.project_name, td.total_amount, td.fiscal_amount, len(td.indicators)) == ("社区环境整治", 30, 25, 6)
    sums = [f for f in check_document(doc) if f.code == "TD001"]
    assert len(sums) == 1 and "25.00万元" in sums[0].message and sums[0].severity == "error"


def test_several_forms_without_titles_and_their_checks() -> None:
    text = as_tabs([*with_columns("道路保洁", "张三", "83170000"), [""],
                    *with_columns("绿化养护", "83170001", "李四", nature="定性", value="95")])
    doc = _doc(text)
    assert not doc.self_evaluations
    first, _ = doc.target_declarations
    assert (first.project_name, first.project_lead, first.phone, first.total_amount) == (
        "道路保洁", "张三", "83170000", Decimal("12.5"))
    assert first.goal == "做好辖区道路保洁工作，全年按标准完成作业。"
    assert first.columns[3:] == ["指标性质", "指标值", "度量单位", "指标方向"]
    assert [(i.level1, i.level3, i.nature, i.value, i.unit, i.direction) for i in first.indicators] == [
        ("产出指标", "保洁面积", "≥", 5, "万平方米", "正向"), ("产出指标", "保洁质量", "定性", "优", None, "正向"),
        ("成本指标", "成本控制数", "≤", Decimal("12.5"), "万元", "反向")]
    found = {(f.code, f.form.index) for f in check_document(doc)}
    assert ("TD003", 1) in found and ("TD004", 1) in found  # swapped contacts; 定性 with a number
    assert not {code for code, index in found if index == 0}


def test_a_self_evaluation_is_still_one() -> None:
    """The same first labels with 全年执行数/得分/总分: a 自评表, never a declaration."""
    rows = [["项目支出绩效自评表"], ["项目名称", "社区环境整治"],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "30", "30", "30", "10", "100%", "10"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "整治点位不少于20处。", "完成整治点位22处。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "整治点位数", "≥20处", "22处", "90", "90", ""],
            ["总分", "100", "100"]]
    doc = _doc(as_tabs(rows))
    assert len(doc.self_evaluations) == 1 and not doc.target_declarations


def _without_places(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_places(v) for k, v in value.items() if k not in ("location", "line", "warnings")}
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_forms_written_in_their_layout_read_back_the_same(tmp_path: Path, fmt: str) -> None:
    """A declaration read from a form is written as that form (export-form), and reads back equal."""
    text = as_tabs([*TITLE, *national(), [""], *TITLE,
                    *with_columns("道路保洁", "张三", "83170000", nature="定性", value="95")])
    doc = _doc(text)
    assert [td.layout for td in doc.target_declarations] == ["form", "form"]
    path = tmp_path / f"declarations.{fmt}"
    write_form(doc.target_declarations, fmt, path)
    back = extract_bytes(path.read_bytes(), path.name)
    want = _without_places(document_json(doc)["target_declarations"])
    assert _without_places(document_json(back)["target_declarations"]) == want
    assert [i.cell for i in back.target_declarations[0].indicators][:2] == ["≥20处", "100%"]


DEPARTMENT = [
    ["部门整体支出绩效目标申报表"], ["（2025年度）"], ["部门（单位）名称", "某街道办事处"],
    ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"],
    ["", "", "", "总额", "财政拨款", "其他资金"],
    ["", "城市管理", "辖区环境整治", "50", "50", "0"], ["", "社区治理", "社区服务", "60", "60", "0"],
    ["金额合计", "", "", "110", "110", "0"],
    ["年度总体目标", "保障街道正常运转，提升城市管理和社区治理水平。"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "产出指标", "数量指标", "整治点位数", "≥20处"], ["", "", "质量指标", "验收合格率", "100%"],
    ["", "效益指标", "社会效益指标", "人居环境改善", "明显改善"],
    ["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"],
]


@pytest.mark.parametrize("layout", [as_tabs, as_docx_lines], ids=["tabs", "docx_lines"])
def test_national_department_declaration(layout: object) -> None:
    """The national 部门整体支出绩效目标申报表: amounts from the 金额合计 row under the 年度主要任务, the
    goal, the indicators with their levels carried down and their values taken apart."""
    [td] = _doc(layout(DEPARTMENT)).target_declarations  # type: ignore[operator]
    assert (td.kind, td.unit, td.year) == ("department_target_declaration", "某街道办事处", 2025)
    assert (td.total_amount, td.fiscal_amount, td.other_amount) == (110, 110, 0)
    assert td.goal == "保障街道正常运转，提升城市管理和社区治理水平。"
    assert [(i.level1, i.level2, i.level3, i.nature, i.value, i.unit) for i in td.indicators] == [
        ("产出指标", "数量指标", "整治点位数", "≥", 20, "处"), ("产出指标", "质量指标", "验收合格率", None, 100, "%"),
        ("效益指标", "社会效益指标", "人居环境改善", None, "明显改善", None),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", 90, "%")]
