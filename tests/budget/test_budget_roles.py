"""Budget tables known by the name in their title, not by their number: Beijing's 预算01表 …, the
national 表1 …, 附表三 …, or no number at all; and the text that only looks like a title."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.recognize.budget.roles import role_of, role_of_table
from jixiao.recognize.budget.sections import printed_title
from jixiao.rules.engine import check_document
from jixiao.samples.disclosure import disclosure_text, rows


@pytest.mark.parametrize(("title", "role"), [
    ("收支总表", "summary"), ("部门收支总体情况表", "summary"), ("2025年某局部门收入支出预算总表", "summary"),
    ("收入总表", "income"), ("部门收入总体情况表", "income"),
    ("支出预算总表", "spending"), ("部门支出总表", "spending"),
    ("项目支出表", "projects"), ("项目支出预算表", "projects"),
    ("财政拨款收支预算总表", "fiscal_summary"), ("财政拨款收支总表", "fiscal_summary"),
    ("一般公共预算财政拨款支出表", "general_spending"), ("一般公共预算支出表", "general_spending"),
    ("一般公共预算财政拨款基本支出表", "general_basic"), ("一般公共预算基本支出表", "general_basic"),
    ("政府性基金预算财政拨款支出表", "government_fund"), ("国有资本经营预算支出表", "state_capital"),
    ("一般公共预算“三公”经费支出情况表", "three_public"), ("政府购买服务预算表", "purchase_services"),
    ("上级转移支付细化明细表", "transfers"), ("政府采购预算表", "procurement"),
    ("项目支出绩效表", "project_targets"), ("项目支出绩效目标申报表", "project_targets"),
    ("部门整体支出绩效目标申报表", "department_targets"),
    # other documents' tables and things that are no table
    ("收入支出决算总表", None), ("项目支出绩效自评表", None), ("项目预算执行情况表", None), ("人员名单", None),
])
def test_roles_by_title(title: str, role: str | None) -> None:
    assert role_of(title) == role


def test_beijing_numbering_only_when_the_title_says_nothing() -> None:
    assert role_of_table("预算04表", "") == "projects"
    assert role_of_table("预算04表", "一般公共预算“三公”经费支出情况表") == "three_public"
    assert role_of_table("表4", "") is None  # other numberings mean nothing by themselves


@pytest.mark.parametrize(("text", "found"), [
    ("表1 部门收支总表", ("表1", "部门收支总表")),
    ("表6 一般公共预算基本支出表", ("表6", "一般公共预算基本支出表")),
    ("附表三、2025年某局部门支出总表（单位：万元）", ("附表3", "2025年某局部门支出总表(单位:万元)")),
    ("表十二：政府购买服务预算表", ("表12", "政府购买服务预算表")),
    ("附件2", ("附件2", "")),
    ("表3", ("表3", "")),
    ("一、部门收入总表", (None, "部门收入总表")),
    ("[bookmark: _Toc9]2025年某街道一般公共预算“三公”经费支出表", (None, "2025年某街道一般公共预算“三公”经费支出表")),
    # not titles: a sentence, a reference, a contents line, another document's table, no table at all
    ("本部门2025年收入预算110万元，详见部门收支总表。", None),
    ("详见部门收支总表", None),
    ("表1 部门收支总表……………………3", None),
    ("表1 收入支出决算总表", None),
    ("2025年项目支出绩效自评表", None),
    ("表1 人员情况", None),
    ("一、部门收支总体情况", None),
])
def test_printed_titles(text: str, found: tuple[str | None, str] | None) -> None:
    assert printed_title(text) == found


def _tables(path: Path) -> list[tuple[str, str | None, int]]:
    return [(t.code, t.role, len(t.rows)) for t in extract_path(path).budget_tables]


def test_national_numbering_reads_the_same_tables(tmp_path: Path) -> None:
    beijing, national = tmp_path / "beijing.txt", tmp_path / "national.txt"
    beijing.write_text(disclosure_text(), encoding="utf-8")
    national.write_text(disclosure_text(numbering="national"), encoding="utf-8")
    a, b = extract_path(beijing), extract_path(national)
    assert [t.code for t in b.budget_tables] == ["表1", "表2", "表3", "表5", "表6", "表7", "表9", "表10", "表11"]
    by_role_a = {t.role: t for t in a.budget_tables}
    by_role_b = {t.role: t for t in b.budget_tables}
    assert set(by_role_a) == set(by_role_b) == {
        "summary", "income", "spending", "projects", "general_spending", "general_basic", "state_capital",
        "three_public", "purchase_services"}
    for role, table in by_role_a.items():
        other = by_role_b[role]
        assert [(r.item, r.values) for r in other.rows] == [(r.item, r.values) for r in table.rows], role
        assert other.columns == table.columns, role
    assert [(d.kind, d.project_name, d.table) for d in b.target_declarations] == [
        ("project_target_declaration", "环境整治", "表12"), ("project_target_declaration", "保洁服务", "表12"),
        ("department_target_declaration", None, "表13")]
    assert b.target_declarations[2].total_amount == a.target_declarations[2].total_amount == 110


def test_contents_and_references_make_no_tables(tmp_path: Path) -> None:
    """A table of contents listing the titles and a sentence naming a table add nothing: the same tables,
    the same findings."""
    text = disclosure_text(numbering="national")
    head, tables = text.split("第二部分", 1)
    contents = "目录\n表1 部门收支总表\n表2 部门收入总表\n表3 部门支出总表\n\n详见部门收支总表\n"
    plain, listed = tmp_path / "plain.txt", tmp_path / "listed.txt"
    plain.write_text(text, encoding="utf-8")
    listed.write_text(head + contents + "第二部分" + tables, encoding="utf-8")
    assert _tables(listed) == _tables(plain)
    doc = extract_path(listed)
    assert [(f.code, f.severity) for f in check_document(doc)] == [("BT006", "info")]


def test_a_table_named_without_any_number(tmp_path: Path) -> None:
    text = disclosure_text(numbering="national", total_03="111")
    for n in range(1, 14):  # drop every printed number: the titles alone remain
        text = text.replace(f"表{n}\n", "").replace(f"表{n} ", "")
    path = tmp_path / "unnumbered.txt"
    path.write_text(text, encoding="utf-8")
    doc = extract_path(path)
    assert [t.code for t in doc.budget_tables][:3] == ["summary", "income", "spending"]
    cross = [f.message for f in check_document(doc) if f.code == "BT004"]
    assert any("部门收支总表本年支出合计110.00万元" in m and "部门支出总表合计111.00万元" in m for m in cross), cross


def test_workbook_tables_named_by_their_sheets() -> None:
    """One table per sheet, the sheet's tab its only title (表1 部门收支总表): found, and checked across."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "表1 部门收支总表"
    for row in (["单位：万元"], ["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
                ["一、一般公共预算拨款收入", 100, "一、一般公共服务支出", 60], ["", "", "十二、城乡社区支出", 50],
                ["本年收入合计", 100, "本年支出合计", 110], ["上年结转结余", 10, "年终结转结余", None],
                ["收入总计", 110, "支出总计", 110]):
        summary.append(row)
    spending = book.create_sheet("表3 部门支出总表")
    for row in (["支出功能分类科目", "合计", "基本支出", "项目支出"], ["2010301-行政运行", 60, 60, None],
                ["2120501-城乡社区环境卫生", 50, None, 50], ["合计", 111, 60, 50]):
        spending.append(row)
    book.create_sheet("Sheet3")  # a default name is no title
    buffer = io.BytesIO()
    book.save(buffer)
    doc = extract_bytes(buffer.getvalue(), "budget.xlsx")
    assert [(t.code, t.role, t.title) for t in doc.budget_tables] == [
        ("表1", "summary", "部门收支总表"), ("表3", "spending", "部门支出总表")]
    assert [r.values[0] for r in doc.budget_tables[1].rows] == [60, 50, 111]
    cross = [f.message for f in check_document(doc) if f.code == "BT004"]
    assert cross == ["表1本年支出合计110.00万元与表3合计111.00万元不一致，相差1.00万元。"]


def test_tables_printed_in_yuan_are_compared_in_wan(tmp_path: Path) -> None:
    """One table in 元, another in 万元: compared after conversion; a table's own sums are reported in
    the unit it prints."""
    def text(spending_total: str, basic: str) -> str:
        return ("表1 部门收支总表\n\n" + rows(
            ["", "", "单位：元"], ["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
            ["一、一般公共预算拨款收入", "1100000.00", "一、一般公共服务支出", "600000.00"],
            ["", "", "十二、城乡社区支出", "500000.00"],
            ["本年收入合计", "1100000.00", "本年支出合计", spending_total],
            ["收入总计", "1100000.00", "支出总计", spending_total])
            + "表3 部门支出总表\n\n" + rows(
            ["", "", "", "单位：万元"], ["支出功能分类科目", "合计", "基本支出", "项目支出"],
            ["2010301-行政运行", "60", basic, ""], ["2120501-城乡社区环境卫生", "50", "", "50"],
            ["合计", "110", "60", "50"]))

    path = tmp_path / "yuan.txt"
    path.write_text(text("1100000.00", "60"), encoding="utf-8")
    doc = extract_path(path)
    assert [t.money_unit for t in doc.budget_tables] == ["元", "万元"]
    assert doc.budget_tables[0].rows[0].values == [1100000]  # extracted as printed
    assert check_document(doc) == []
    path.write_text(text("1000000.00", "59"), encoding="utf-8")
    messages = {f.code: f.message for f in check_document(extract_path(path))}
    assert "表1本年支出合计100.00万元与表3合计110.00万元不一致" in messages["BT004"]
    assert "支出总计1,000,000.00元" in messages["BT001"] and "万元" not in messages["BT001"]
    assert "「基本支出」列各行之和59.00万元" in messages["BT002"]
