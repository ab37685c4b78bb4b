"""The XLSX reader: merged ranges as spans with covered positions empty (from the sheet XML, read
in chunks), and a number's stored value kept beside its text."""

from __future__ import annotations

import io
import zipfile

import openpyxl  # type: ignore[import-untyped]
import pytest

from jixiao.read import xlsx
from jixiao.read.office import read_document
from jixiao.read.text import TextDocument


def read(data: bytes) -> TextDocument:
    fmt, doc = read_document(data, "t.xlsx")
    assert fmt == "xlsx", doc.warnings
    return doc


def hard(doc: TextDocument) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.span) for c in row.cells] for row in doc.rows if row.hard]


def merged_book() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"], ws["B1"] = "项目资金", "年度资金总额"
    ws.merge_cells("A1:A3")
    ws.merge_cells("B1:D1")
    ws["B2"], ws["C2"], ws["D2"] = "年初预算数", "全年预算数", "执行数"
    ws["B3"], ws["C3"], ws["D3"] = 20, 20, 18
    buffer = io.BytesIO()
    book.save(buffer)
    # values some writers leave in covered positions (C1 of B1:D1, A2 of A1:A3)
    stray = '<c r="{}" t="inlineStr"><is><t>stray</t></is></c>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = text.replace("</c></row>", "</c>" + stray.format("C1") + "</row>", 1)
                text = text.replace('<row r="2">', '<row r="2">' + stray.format("A2"), 1)
                content = text.encode()
            target.writestr(info, content)
    return out.getvalue()


def test_merged_ranges_give_spans_and_empty_covered_positions() -> None:
    assert hard(read(merged_book())) == [
        [("项目资金", 1), ("年度资金总额", 3), ("", 1), ("", 1)],
        [("", 1), ("年初预算数", 1), ("全年预算数", 1), ("执行数", 1)],
        [("", 1), ("20", 1), ("20", 1), ("18", 1)],
    ]


def test_merge_list_is_read_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    for r in range(1, 401):
        ws.cell(row=r, column=1, value=f"行{r}")
        ws.cell(row=r, column=2, value=r)
        ws.cell(row=r, column=4, value="尾")
        if r % 2:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
    buffer = io.BytesIO()
    book.save(buffer)
    monkeypatch.setattr(xlsx, "_CHUNK", 97)  # every merge element crosses a chunk boundary somewhere
    rows = hard(read(buffer.getvalue()))
    assert len(rows) == 400
    assert rows[0] == [("行1", 1), ("1", 2), ("", 1), ("尾", 1)]
    assert rows[1] == [("行2", 1), ("2", 1), ("", 1), ("尾", 1)]
    assert all(row[1][1] == (2 if n % 2 == 0 else 1) for n, row in enumerate(rows))


def test_rates_read_as_shown_amounts_as_stored_and_value_the_stored_number() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["执行率", "预算", "补零", "文字", "整数", "公式率", "半"])
    ws.append([0.1446, 949.821024, 10, "约14%", 7, 2213.71 / 2237.79, 0.12345])
    ws["A2"].number_format = "0%"
    ws["B2"].number_format = "0.00"
    ws["C2"].number_format = "0.00"
    ws["F2"].number_format = "0.00%"
    ws["G2"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    row = read(buffer.getvalue()).rows[1]
    assert [(c.text, c.value) for c in row.cells] == [
        ("14%", "0.1446"),  # a rate as the form shows it, the stored fraction beside it
        ("949.821024", None),  # an amount keeps its stored precision
        ("10.00", "10"), ("约14%", None), ("7", None),
        ("98.92%", repr(2213.71 / 2237.79)), ("12.3%", "0.12345")]


def test_row_spanned_continuation_keeps_its_colspan_and_a_blank_form_keeps_its_first_row() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:E1")  # a title over the whole width: free text
    ws["A2"] = "项目名称"
    ws.merge_cells("A2:B2")
    ws.merge_cells("C2:E2")  # the blank value beside it: a table row all the same
    ws["A3"] = "项目资金"
    ws.merge_cells("A3:B4")
    ws["C3"], ws["D3"], ws["E3"] = "年初预算数", "全年预算数", "执行数"
    buffer = io.BytesIO()
    book.save(buffer)
    doc = read(buffer.getvalue())
    assert [r.hard for r in doc.rows] == [False, True, True]  # the empty fourth row is a blank
    assert hard(doc) == [
        [("项目名称", 2), ("", 1), ("", 3), ("", 1), ("", 1)],
        [("项目资金", 2), ("", 1), ("年初预算数", 1), ("全年预算数", 1), ("执行数", 1)],
    ]
    ws["C4"] = 10
    buffer = io.BytesIO()
    book.save(buffer)
    assert hard(read(buffer.getvalue()))[2] == [("", 2), ("", 1), ("10", 1), ("", 1), ("", 1)]  # as DOCX's vMerge
