"""The HTML reader on pages the tests write: Word-exported pages in layout tables, GBK/UTF-8/UTF-16,
rowspan/colspan grids, and hostile pages."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.present.forms import write_form
from jixiao.read.docx import read_docx
from jixiao.read.html import decode_html, read_html
from jixiao.read.limits import MAX_CELLS
from jixiao.read.office import read_document
from jixiao.read.sniff import sniff
from jixiao.read.text import TextDocument
from tests.conftest import seed
from tests.helpers import forms_of
from tests.read.readkit import docx_to_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "office"))
from tests.office.test_office_readers import self_evaluation_docx


def grid(doc: TextDocument) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in doc.rows]


def cells(doc: TextDocument) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.span) for c in row.cells] for row in doc.rows if row.hard]


def page(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("word", "charset", "layout"), [(True, "gb2312", True), (False, "utf-8", False),
                                                         (True, "utf-8", True)])
def test_word_page_gives_the_docx_grid(word: bool, charset: str, layout: bool) -> None:
    data = self_evaluation_docx()
    document = docx.Document(io.BytesIO(data))
    page_bytes = docx_to_html(document, word=word, charset=charset, layout=layout)
    assert sniff(page_bytes) == "html"
    fmt, got = read_document(page_bytes, "form.html")
    assert fmt == "html" and not got.warnings
    want = read_docx(data)
    assert cells(got) == cells(want)  # texts, spans, covered and continued positions
    assert [r.cells[0].text for r in got.rows if not r.hard][:2] == ["项目支出绩效自评表", "（2023年度）"]
    assert all(r.origin == "html" for r in got.rows if r.hard)
    assert not any("首页" in c.text or "菜单" in c.text or "p.MsoNormal" in c.text for r in got.rows for c in r.cells)


def test_word_page_self_evaluation_extracts_as_from_docx() -> None:
    data = self_evaluation_docx()
    page_bytes = docx_to_html(docx.Document(io.BytesIO(data)))
    from_html, from_docx = extract_bytes(page_bytes, "form.htm"), extract_bytes(data, "form.docx")
    assert from_html.format == "html"
    assert forms_of(from_html, with_location=False) == forms_of(from_docx, with_location=False)
    assert from_html.self_evaluations[0].project_name == "社区绿化养护"


def test_seed_forms_as_web_pages_read_back(seeds: Path, tmp_path: Path) -> None:
    doc = extract_path(seed(seeds, "004"))
    path = tmp_path / "forms.docx"
    write_form(doc.self_evaluations, "docx", path)
    page_bytes = docx_to_html(docx.Document(str(path)))
    back = extract_bytes(page_bytes, "forms.html")
    want, got = forms_of(doc, with_location=False), forms_of(back, with_location=False)
    assert len(got) == len(want) == 15
    assert got == want


def test_rowspan_colspan_expand_to_grid_positions() -> None:
    body = """<table><tr><th rowspan=3>一级</th><th colspan=2>二级</th><td>x</td></tr>
    <tr><td rowspan=2 colspan=2>合并</td><td>y</td></tr>
    <tr><td>z</td></tr>
    <tr><td>a</td><td>b</td><td>c</td><td rowspan=0>d</td></tr>
    <tr><td>e</td></tr></table>"""
    got = cells(read_html(page(body)))
    assert got == [
        [("一级", 1), ("二级", 2), ("", 1), ("x", 1)],
        [("", 1), ("合并", 2), ("", 1), ("y", 1)],
        [("", 1), ("", 2), ("", 1), ("z", 1)],  # a rowspan continues with its colspan, as DOCX gives it
        [("a", 1), ("b", 1), ("c", 1), ("d", 1)],
        [("e", 1), ("", 1), ("", 1), ("", 1)],  # rowspan=0: to the end of the table
    ]


def test_lines_in_a_cell_join_like_other_readers() -> None:
    body = ("<table><tr><td><p>年度资金</p><p>总额</p></td><td>完成养护<br>5200 平方米</td>"
            "<td>Word\n wraps 项目支出绩效自\r\n评表</td></tr></table>")
    want = ["年度资金总额", "完成养护 5200 平方米", "Word wraps 项目支出绩效自评表"]  # joined as DOCX cells are
    assert grid(read_html(page(body))) == [want]


def test_text_outside_tables_paragraph_by_paragraph() -> None:
    body = ("<h1>部门整体支出绩效自评报告</h1><div>一、基本情况<br>（一）部门职能</div><p>正文 第一段</p>"
            "<ul><li><a href=a>首页</a></li><li><a href=b>新闻</a></li><li><a href=c>公开</a></li></ul>"
            "<p style='display:none'>隐藏</p><nav>导航</nav><p>填报人：张三</p>")
    doc = read_html(page(body))
    assert grid(doc) == [["部门整体支出绩效自评报告"], ["一、基本情况"], ["（一）部门职能"], ["正文 第一段"],
                         ["填报人：张三"]]
    assert not any(r.hard for r in doc.rows)


def test_nested_layout_tables_read_inner_tables_as_rows() -> None:
    body = """<table><tr><td><a href=1>首页</a><a href=2>机构</a><a href=3>动态</a></td>
    <td><table><tr><td>附表1</td></tr><tr><td><table border=1><tr><td>项目名称</td><td>道路养护</td></tr>
    <tr><td>主管部门</td><td>交通局</td></tr></table></td></tr></table></td></tr></table><p>表后</p>"""
    doc = read_html(page(body))
    assert grid(doc) == [["附表1"], ["项目名称", "道路养护"], ["主管部门", "交通局"], ["表后"]]
    assert [r.hard for r in doc.rows] == [False, True, True, False]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_encodings(encoding: str) -> None:
    text = "<html><body><table><tr><td>项目名称</td><td>𠀀镕</td></tr></table></body></html>"
    data = text.encode(encoding if encoding != "utf-16" else "utf-16")
    assert sniff(data) == "html"
    assert grid(read_document(data, "e.html")[1]) == [["项目名称", "𠀀镕"]]


def test_meta_charset_honoured_and_a_wrong_one_detected() -> None:
    gbk = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>" \
          "<body><p>绩效自评</p></body></html>"
    assert decode_html(gbk.encode("gb18030"))[1] == "gb18030"
    # a page saved again as UTF-8 that kept its gb2312 meta: the bytes win
    text, encoding = decode_html(gbk.encode("utf-8"))
    assert encoding == "utf-8" and "绩效自评" in text
    latin = "<html><head><meta charset=iso-8859-1></head><body><p>绩效</p></body></html>".encode()
    assert "绩效" in decode_html(latin)[0]


def test_sniff_html_not_text_or_xml_office() -> None:
    assert sniff(b"\n<!-- saved from url=(0022)http://x.gov.cn/ -->\n<html><body></body></html>") == "html"
    assert sniff(b"<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x'>\n<html>") == "html"
    assert sniff(b"  <table border=1><tr><td>a</td></tr></table>") == "html"
    assert sniff(b"<?xml version='1.0'?><?mso-application progid='Word.Document'?><w:wordDocument/>") == "text"
    assert sniff(b"<?xml version='1.0'?><Workbook xmlns='urn:schemas-microsoft-com:office:spreadsheet'/>") == "text"
    assert sniff("说明：网页中的 <table> 标签\n项目名称\t道路".encode()) == "text"
    assert sniff(b"<table> is the tag for a table, nothing more") == "text"
    assert sniff("项目名称 | <html> |".encode()) == "text"


def one_line_warning(data: bytes) -> str:
    doc = extract_bytes(data, "hostile.html")
    assert doc.format == "html" and doc.warnings
    assert all("\n" not in w and "Traceback" not in w for w in doc.warnings)
    return doc.warnings[0]


def test_hostile_pages() -> None:
    deep = b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>"
    assert "嵌套" in one_line_warning(deep)
    tables = b"<html><body>" + b"<table><tr><td>" * 5_000 + b"x</body></html>"
    one_line_warning(tables)
    cells_ = b"<html><body><table><tr>" + b"<td colspan=64>a</td>" * (MAX_CELLS // 64 + 10) + b"</tr></table>"
    assert "单元格过多" in one_line_warning(cells_)
    laughs = (b"<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
              b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><html><body><p>&c;&c;&c;&c;</p></body></html>")
    doc = read_html(laughs)
    assert sum(len(c.text) for r in doc.rows for c in r.cells) < 200  # never expanded


def test_huge_spans_are_clamped() -> None:
    body = "<table><tr><td colspan=999999 rowspan=999999>总计</td><td>1</td></tr><tr><td>2</td></tr></table>"
    got = cells(read_html(page(body)))
    assert got[0][0] == ("总计", 64) and len(got[0]) == 65
    assert got[1][:64] == [("", 64)] + [("", 1)] * 63 and got[1][64] == ("2", 1)


def test_menu_bar_tables_and_word_placeholder_cells_are_dropped() -> None:
    body = ("<table><tr><td><a href=/>首页</a> | <a href=/a>政务公开</a> | <a href=/b>财政资金</a></td>"
            "<td><form><input name=q><input type=submit value=搜索></form></td></tr></table>"
            "<table border=1><tr><td>项目名称</td><td colspan=2>道路养护</td>"
            "<td style='border:none' width=0><p>&nbsp;</p></td></tr></table>")
    assert cells(read_html(page(body))) == [[("项目名称", 1), ("道路养护", 2), ("", 1)]]


def test_empty_and_broken_pages() -> None:
    assert read_document(b"<html></html>", "e.html")[1].rows == []
    assert read_document(b"<html><body><table><tr><td>a<td>b<tr><td>c", "b.html")[1].rows[0].cells[1].text == "b"
