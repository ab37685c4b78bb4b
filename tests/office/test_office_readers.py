"""The office readers on files the tests build with python-docx, openpyxl and reportlab, laid out
as offices lay them out: merged cells, nested tables, several sheets, numbers as stored, dates."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import openpyxl  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from jixiao.extract import extract_bytes
from jixiao.read.grid import normalize_cjk
from jixiao.read.office import read_document
from jixiao.read.sniff import sniff
from jixiao.read.text import TextDocument

HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]


def grid(doc: TextDocument) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in doc.rows]


def docx_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def self_evaluation_docx() -> bytes:
    """A 自评表 as a Word table, merged the way offices merge it."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2023年度）")
    rows = [
        ["项目名称", "社区绿化养护", "", "", "", "", "", "", ""],
        ["主管部门", "某街道办事处", "", "", "实施单位", "城市管理办公室", "", "", ""],
        ["项目负责人", "张三", "", "", "联系电话", "12345678", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", "20", "20", "18", "10", "90.00%", "9", ""],
        ["", "其中：当年财政拨款", "20", "20", "18", "—", "90.00%", "—", ""],
        ["", "上年结转资金", "", "", "", "—", "", "—", ""],
        ["", "其他资金", "", "", "", "—", "", "—", ""],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", "养护绿地5000平方米。", "", "", "", "完成养护5200平方米。", "", "", ""],
        HEADER,
        ["", "产出指标", "数量指标", "养护面积", "≥5000平方米", "5200平方米", "30", "30", ""],
        ["", "", "质量指标", "成活率", "≥95%", "96%", "20", "20", ""],
        ["", "效益指标", "社会效益指标", "环境改善", "优良中差", "优", "30", "28", "部分路段养护滞后"],
        ["", "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", "10", "10", ""],
        ["总分", "", "", "", "", "", "100", "97", ""],
    ]
    table = document.add_table(rows=len(rows), cols=9)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    for (r0, c0), (r1, c1) in [((0, 1), (0, 8)), ((1, 1), (1, 3)), ((1, 5), (1, 8)), ((3, 0), (7, 0)),
                               ((8, 0), (9, 0)), ((8, 1), (8, 4)), ((9, 1), (9, 4)), ((8, 5), (8, 8)),
                               ((9, 5), (9, 8)), ((10, 0), (14, 0)), ((11, 1), (12, 1)), ((0, 0), (0, 0))]:
        if (r0, c0) != (r1, c1):
            text = table.cell(r0, c0).text
            merged = table.cell(r0, c0).merge(table.cell(r1, c1))
            merged.text = text
    return docx_bytes(document)


def test_docx_merged_cells_resolved_once() -> None:
    fmt, doc = read_document(self_evaluation_docx(), "form.docx")
    assert fmt == "docx"
    rows = grid(doc)
    assert rows[0] == ["项目支出绩效自评表"] and rows[1] == ["（2023年度）"]
    assert rows[2] == ["项目名称", "社区绿化养护", "", "", "", "", "", "", ""]  # gridSpan: text once
    assert rows[3][:6] == ["主管部门", "某街道办事处", "", "", "实施单位", "城市管理办公室"]
    assert rows[6][0] == "" and rows[6][1] == "年度资金总额"  # vMerge continuation: empty
    assert rows[14][1] == ""  # 产出指标 merged down over two rows
    assert all(row[0] == "" for row in rows[13:17])
    assert all(len(row) == 9 for row in rows[2:])
    assert all(r.hard and r.origin == "docx" for r in doc.rows[2:])
    assert [r.line_start for r in doc.rows] == list(range(1, len(doc.rows) + 1))


def test_docx_self_evaluation_extracts() -> None:
    document = extract_bytes(self_evaluation_docx(), "form.docx")
    assert document.format == "docx"
    (form,) = document.self_evaluations
    assert (form.year, form.project_name, form.department, form.implementing_unit) == (
        2023, "社区绿化养护", "某街道办事处", "城市管理办公室")
    assert form.funds.total.printed == {"initial_budget": "20", "full_year_budget": "20", "executed": "18",
                                        "weight": "10", "execution_rate": "90.00%", "score": "9"}
    assert str(form.funds.total.execution_rate) == "0.90"
    rows = [(i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score) for i in form.indicators]
    assert rows[1] == ("产出指标", "质量指标", "成活率", "≥95%", "96%", 20, 20)
    assert rows[2][:3] == ("效益指标", "社会效益指标", "环境改善")
    assert form.indicators[2].deviation_note == "部分路段养护滞后"
    assert (form.total_weight, form.total_score) == (100, 97)


def test_docx_nested_table_follows_its_row() -> None:
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表"
    outer.cell(0, 1).text = "含内表"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    outer.cell(1, 0).text = "第二行"
    document.add_paragraph("表后段落")
    rows = grid(read_document(docx_bytes(document), "n.docx")[1])
    assert rows == [["外表", "含内表"], ["内1", "内2"], ["第二行", ""], ["表后段落"]]


def test_xlsx_merged_header_several_sheets_numbers_as_stored() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "预算表"
    ws["A1"] = "部门预算表"
    ws.merge_cells("A1:D1")
    ws["A2"], ws["B2"], ws["D2"] = "项目", "金额", "日期"
    ws.merge_cells("B2:C2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("D2:D3")
    ws["B3"], ws["C3"] = "预算数", "执行率"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "办公经费", 949.821024, 0.9717, dt.datetime(2024, 3, 1)
    ws["B4"].number_format = "0.00"  # displayed 949.82, stored 949.821024
    ws["C4"].number_format = "0.00%"
    ws["A5"], ws["B5"] = "培训费", 10
    ws["B5"].number_format = "0.00"
    second = book.create_sheet("第二张")
    second["A1"], second["B1"] = "合计", 959.821024
    buffer = io.BytesIO()
    book.save(buffer)
    fmt, doc = read_document(buffer.getvalue(), "budget.xlsx")
    assert fmt == "xlsx"
    assert grid(doc) == [
        ["预算表"],  # the sheet's name, then a title line above the table: free text
        ["部门预算表"],
        ["项目", "金额", "", "日期"],
        ["", "预算数", "执行率", ""],
        ["办公经费", "949.821024", "97.17%", "2024-03-01"],
        ["培训费", "10.00", "", ""],
        ["第二张"],
        ["合计", "959.821024"],
    ]
    assert [r.hard for r in doc.rows] == [False, False, True, True, True, True, False, True]
    assert doc.rows[-2].gap_before >= 1  # sheets are separated


def cjk_pdf(pages: list[list[str]]) -> bytes:
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for lines in pages:
        pdf.setFont("STSong-Light", 10)
        for n, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * n, line)
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(72, 820, "某街道办事处 内部资料")  # running header
        pdf.drawString(290, 20, f"- {len(lines)} -")  # page number
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_text_lines_with_pages_and_running_headers_removed() -> None:
    data = cjk_pdf([["项目名称 社区绿化", "主管部门 某街道"], ["年度资金总额 20 20 18", "总分 100 97"]])
    fmt, doc = read_document(data, "x.pdf")
    assert fmt == "pdf"
    assert grid(doc) == [["项目名称 社区绿化"], ["主管部门 某街道"], ["年度资金总额 20 20 18"], ["总分 100 97"]]
    assert doc.pages == [1, 1, 2, 2]  # type: ignore[attr-defined]
    assert not any(r.hard for r in doc.rows)


def test_kangxi_radicals_are_normalised() -> None:
    assert normalize_cjk("项⽬⽀出 第⼀⻚") == "项目支出 第一页"


def test_sniff_uses_content_not_name(tmp_path: Path) -> None:
    data = self_evaluation_docx()
    assert sniff(data) == "docx"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff("项目名称\t某项目\n".encode()) == "text"
    lying = tmp_path / "report.pdf"
    lying.write_bytes(data)
    document = extract_bytes(lying.read_bytes(), str(lying))
    assert document.format == "docx" and len(document.self_evaluations) == 1
