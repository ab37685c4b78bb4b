"""PDF geometry on files drawn by the test (reportlab): cells keep their x-range and colspan, glyphs
outside the page or their clip path are dropped, text beside a table stays out of its rows, and rows
and merged cells a page break split are joined again."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from jixiao.read.office import read_document
from jixiao.read.text import TextDocument
from tests.conftest import need_soffice
from tests.read.readkit import cjk_font, ruled_table

X = [50.0, 150.0, 250.0, 350.0, 450.0]


def pdf_bytes(*pages: Any) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    font = cjk_font()
    for draw in pages:
        draw(pdf, font)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def read(data: bytes) -> TextDocument:
    fmt, doc = read_document(data, "t.pdf")
    assert fmt == "pdf", doc.warnings
    return doc


def grid(doc: TextDocument) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in doc.rows]


def test_cells_keep_x_range_and_colspan() -> None:
    def page(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X, 700, [["项目名称", "道路养护", "", ""], ["资金", "年初", "全年", "执行"],
                                        ["", "20", "20", "18"]], merges=((0, 1, 0, 3), (1, 0, 2, 0)))

    doc = read(pdf_bytes(page))
    first, second, third = doc.rows
    assert [(c.text, c.span) for c in first.cells] == [("项目名称", 1), ("道路养护", 3), ("", 1), ("", 1)]
    assert (first.cells[1].x0, first.cells[1].x1) == pytest.approx((150, 450), abs=1)  # the merged range
    assert (first.cells[2].x0, first.cells[2].x1) == pytest.approx((250, 350), abs=1)  # a covered position
    edges = [edge for c in second.cells for edge in (c.x0, c.x1)]
    assert edges == pytest.approx([50, 150, 150, 250, 250, 350, 350, 450], abs=1)
    assert [c.text for c in third.cells] == ["", "20", "20", "18"]  # row-spanned continuation: empty


def test_glyphs_outside_clip_path_and_page_are_dropped() -> None:
    def page(pdf: Any, font: str) -> None:
        pdf.translate(10, -20)  # the clip path and the text are placed through the CTM
        ruled_table(pdf, font, X[:4], 700, [["项目名称", "", ""], ["执行率", "", "90%"]])
        pdf.saveState()
        clip = pdf.beginPath()
        clip.rect(150, 680, 100, 20)
        pdf.clipPath(clip, stroke=0, fill=0)
        pdf.setFont(font, 9)
        pdf.drawString(152, 686, "农村公路养护延伸到右边单元格外面")  # a spreadsheet's clipped overflow
        pdf.restoreState()
        pdf.setFont(font, 9)
        pdf.drawString(-300, 400, "页面左侧之外")
        pdf.drawString(100, 900, "页面上方之外")
        pdf.drawString(60, 300, "页面内的正文")

    doc = read(pdf_bytes(page))
    rows = grid(doc)
    assert rows[0][0] == "项目名称" and rows[0][2] == ""  # nothing spills into the next cell
    assert rows[0][1].startswith("农村公路") and len(rows[0][1]) < 14  # only what the cell shows
    assert rows[1] == ["执行率", "", "90%"]
    assert rows[2:] == [["页面内的正文"]]


def test_text_beside_a_table_never_comes_between_its_rows() -> None:
    def page(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X[:4], 700, [["一级指标", "二级指标", "分值"], ["产出指标", "数量指标", "30"],
                                            ["效益指标", "社会效益", "30"]])
        pdf.setFont(font, 9)
        pdf.drawString(400, 666, "旁注：单位万元")  # beside the header row, outside the ruled grid

    doc = read(pdf_bytes(page))
    assert grid(doc) == [["一级指标", "二级指标", "分值"], ["产出指标", "数量指标", "30"],
                         ["效益指标", "社会效益", "30"], ["旁注：单位万元"]]
    assert [r.hard for r in doc.rows] == [True, True, True, False]


HEADER = ["一级指标", "三级指标", "年度指标值", "偏差原因"]


def test_row_cut_by_a_page_break_without_ruling_is_joined() -> None:
    def first(pdf: Any, font: str) -> None:
        bottom = ruled_table(pdf, font, X, 160, [HEADER, ["产出指标", "养护里程", "≥100公里", "受雨季影响"]],
                             height=40, ruled_bottom=False)
        pdf.line(X[0], bottom, X[0], 60)  # the cells' sides run on to the page's bottom margin, unruled
        for x in X[1:]:
            pdf.line(x, bottom, x, 60)
        pdf.setFont(font, 9)
        pdf.drawString(X[3] + 2, 100, "部分路段")

    def second(pdf: Any, font: str) -> None:
        for x in X:
            pdf.line(x, 780, x, 760)  # unruled top: the cut row goes on
        ruled_table(pdf, font, X, 760, [["效益指标", "通行时间", "缩短", ""]], ruled_top=True)
        pdf.setFont(font, 9)
        pdf.drawString(X[3] + 2, 768, "延期施工")

    doc = read(pdf_bytes(first, second))
    assert grid(doc) == [HEADER, ["产出指标", "养护里程", "≥100公里", "受雨季影响部分路段延期施工"],
                         ["效益指标", "通行时间", "缩短", ""]]
    assert doc.pages == [1, 1, 2]  # type: ignore[attr-defined]


def test_ruled_cut_joins_only_the_rest_of_a_full_cell() -> None:
    long_lines = ["第一行说明", "第二行说明", "第三行说明"]

    def first(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X, 150, [HEADER, ["产出指标", "养护里程", "≥100公里", ""]], height=45)
        pdf.setFont(font, 9)
        for n, line in enumerate(long_lines):  # a cell filled down to the bottom of the page's last row
            pdf.drawString(X[3] + 2, 93 - 11 * n, line)

    def rest(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X, 760, [["", "", "", "第四行说明"], ["", "质量", "合格", ""]])

    def new_row(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X, 760, [["", "质量", "合格", "好"]])

    joined = grid(read(pdf_bytes(first, rest)))
    assert joined[1] == ["产出指标", "养护里程", "≥100公里", "第一行说明第二行说明第三行说明第四行说明"]
    assert joined[2] == ["", "质量", "合格", ""]
    kept = grid(read(pdf_bytes(first, new_row)))
    assert kept[1][3] == "第一行说明第二行说明第三行说明" and kept[2] == ["", "质量", "合格", "好"]


def test_merged_cell_cut_by_a_page_break_is_joined() -> None:
    def first(pdf: Any, font: str) -> None:
        ruled_table(pdf, font, X, 140, [HEADER, ["产出", "养护里程", "≥100公里", ""]], height=40,
                    ruled_bottom=False)
        for c in range(1, 4):  # the rows end here; the first column's merged cell goes on
            pdf.line(X[c], 60, X[c + 1], 60)
        pdf.line(X[0], 60, X[0], 40)
        pdf.line(X[1], 60, X[1], 40)

    def second(pdf: Any, font: str) -> None:
        bottom = ruled_table(pdf, font, X, 760, [["指标", "养护质量", "合格", ""]], ruled_top=False)
        for c in range(1, 4):
            pdf.line(X[c], 760, X[c + 1], 760)
        pdf.line(X[0], bottom, X[-1], bottom)

    rows = grid(read(pdf_bytes(first, second)))
    assert rows[1][0] == "产出指标"  # "产出" + "指标" across the break
    assert rows[2] == ["", "养护质量", "合格", ""]


def test_libreoffice_row_split_across_pages_is_joined(tmp_path: Path) -> None:
    need_soffice()
    document = docx.Document()
    for n in range(20):
        document.add_paragraph(f"正文第{n}段")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for r, texts in enumerate([["一级指标", "三级指标", "说明"], ["产出指标", "数量", "第1行"],
                               ["", "质量", "合格"], ["效益指标", "社会", "好"]]):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    for n in range(2, 40):
        table.cell(1, 2).add_paragraph(f"说明第{n}行")
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    path = tmp_path / "split.docx"
    document.save(str(path))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    doc = read((tmp_path / "split.pdf").read_bytes())
    rows = [r for r in doc.rows if r.hard]
    assert [c.text for c in rows[0].cells] == ["一级指标", "三级指标", "说明"]
    assert rows[1].cells[2].text.startswith("第1行说明第2行") and rows[1].cells[2].text.endswith("说明第39行")
    assert [c.text for c in rows[2].cells] == ["", "质量", "合格"]
    assert len(rows) == 4
