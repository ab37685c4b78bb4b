"""The template-family development set: the renderers make real files (real merges, numbers stored as
numbers) and every truth agrees with its own form's arithmetic. Recognition accuracy is not tested here."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.samples.families.families import FAMILIES, Sample, family_truth
from jixiao.samples.families.layout import Cell, Table, check_table, table
from jixiao.samples.families.render import office_pdf, soffice, to_docx, to_html, to_pdf, to_text, to_xlsx
from jixiao.samples.families.score import compare, field_count, write_family_set
from tests.conftest import need_soffice


@cache
def samples(name: str) -> tuple[Sample, ...]:
    return tuple(FAMILIES[name].build())


def forms(name: str) -> list[Any]:
    return [s.form for s in samples(name)]


def spans(tb: Table) -> set[tuple[int, int, int, int]]:
    return {(p.row, p.col, p.last_row, p.last_col) for p in tb.placed()
            if p.cell.rowspan > 1 or p.cell.colspan > 1}


def D(x: Any) -> Decimal:
    return Decimal(str(x))


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("name", list(FAMILIES))
def test_every_table_is_rectangular(name: str) -> None:
    for s in samples(name):
        for tb in s.form.tables:
            assert check_table(tb) == []


def test_table_widens_the_last_cell_of_a_short_row() -> None:
    tb = table(4, [[Cell("a", rowspan=2), Cell("b")], [Cell("c")]])
    assert [(p.row, p.col, p.cell.colspan) for p in tb.placed()] == [(0, 0, 1), (0, 1, 3), (1, 1, 3)]
    assert check_table(tb) == []


# ---------------------------------------------------------------- renderers


@pytest.mark.parametrize("name", ["central", "yunnan", "sichuan_510000"])
def test_docx_merges_are_real(name: str) -> None:
    from docx import Document

    doc = Document(io.BytesIO(to_docx(forms(name))))
    assert len(doc.tables) == len(samples(name))
    for t, s in zip(doc.tables, samples(name), strict=True):
        layout = s.form.tables[0]
        xml = t._tbl.xml
        assert "w:gridSpan" in xml and "w:vMerge" in xml
        ncols = len(t.columns)
        assert ncols == layout.ncols
        grid = t._cells  # python-docx's grid, a merged cell repeated over the slots it covers (built once)
        for p in layout.placed():
            top = grid[p.row * ncols + p.col]
            for r in (p.row, p.last_row):
                for c in (p.col, p.last_col):
                    assert grid[r * ncols + c]._tc is top._tc
            assert top.text == p.cell.text


def test_xlsx_merged_ranges_and_stored_numbers() -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    wb = load_workbook(io.BytesIO(to_xlsx(forms("central"))))
    assert len(wb.worksheets) == 3
    ws = wb.worksheets[0]
    layout = samples("central")[0].form.tables[0]
    offset = len(samples("central")[0].form.before) + 1  # title rows above the table
    merged = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
    for r0, c0, r1, c1 in spans(layout):
        assert (r0 + offset, c0 + 1, r1 + offset, c1 + 1) in merged
    rates = [c for row in ws.iter_rows() for c in row if isinstance(c.value, int | float) and "%" in c.number_format]
    assert rates, "rates are stored as numbers with a percent format"
    truth = samples("central")[0].truth
    total = truth["funds"]["total"]
    amounts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    assert total["full_year_budget"] in amounts and total["executed"] in amounts


def test_xlsx_text_is_never_a_formula() -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(to_xlsx(forms("central"))))
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "=100%" in texts
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_xlsx_rate_displays_rounded_but_stores_the_fraction() -> None:
    from openpyxl import load_workbook

    anhui = samples("anhui")
    wb = load_workbook(io.BytesIO(to_xlsx([s.form for s in anhui])))
    for ws, s in zip(wb.worksheets, anhui, strict=True):
        stored = [c for row in ws.iter_rows() for c in row if c.number_format == "0%"]
        assert stored
        shown = s.truth["funds"]["total"]["execution_rate"]
        assert any(abs(D(c.value) - D(shown)) <= Decimal("0.005") for c in stored)


@pytest.mark.parametrize("style", ["word", "site"])
def test_html_tables_keep_spans(style: str) -> None:
    from lxml import html as lhtml  # type: ignore[import-untyped]

    data = to_html(forms("yunnan"), style)
    if style == "site":
        assert b'<meta charset="gbk">' in data
        text = data.decode("gbk")
        assert "首页" in text  # wrapped in site navigation
    else:
        text = data.decode("utf-8")
        assert "MsoNormalTable" in text
    root = lhtml.fromstring(text)
    tables = [t for t in root.iter("table") if t.xpath("./tr/td[@rowspan] | ./tbody/tr/td[@rowspan]")]
    assert len(tables) == 3
    layout = samples("yunnan")[0].form.tables[0]
    cells = tables[0].findall(".//td")
    assert len(cells) == len(layout.placed())
    got = {(int(td.get("rowspan", 1)), int(td.get("colspan", 1))) for td in cells}
    assert got == {(p.cell.rowspan, p.cell.colspan) for p in layout.placed()}


def _pdf_text(data: bytes) -> tuple[int, str]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(data)
    return len(pdf), "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.mark.parametrize("name", ["yunnan", "chongqing_td"])
def test_pdf_opens_with_text(name: str) -> None:
    pages, text = _pdf_text(to_pdf(forms(name)))
    assert pages >= len(samples(name))
    flat = "".join(text.split())
    for s in samples(name):
        assert "".join(s.truth["project_name"].split()) in flat


def test_office_pdf_from_docx() -> None:
    need_soffice()
    data = office_pdf(to_docx(forms("national_td")[:1]), ".docx")
    assert data is not None
    pages, text = _pdf_text(data)
    assert pages >= 1 and "项目支出绩效目标申报表" in text


def test_office_pdf_skips_cleanly_without_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    assert soffice() is None and office_pdf(b"x", ".docx") is None


def test_text_layouts() -> None:
    f = forms("anhui")[:1]
    pipes = to_text(f, "pipes").decode()
    assert any(line.count(" | ") >= 6 for line in pipes.splitlines())
    tabs = to_text(f, "tabs").decode()
    assert any(line.count("\t") >= 6 for line in tabs.splitlines())
    cells = to_text(f, "cells").decode().splitlines()
    assert cells.count("|") >= 50 and all(" | " not in line for line in cells)


# ---------------------------------------------------------------- truth arithmetic


SE_FAMILIES = [n for n in FAMILIES if samples(n)[0].section == "self_evaluations" and n != "blank_central"]


@pytest.mark.parametrize("name", SE_FAMILIES)
def test_funds_cross_foot_and_rates_match(name: str) -> None:
    for s in samples(name):
        rows = s.truth["funds_rows"]
        total, parts = rows[0], rows[1:]
        assert total["role"] == "total"
        for key in ("initial_budget", "full_year_budget", "executed"):
            if key in total and parts:
                assert D(total[key] or 0) == sum((D(r.get(key) or 0) for r in parts), Decimal(0)), (name, key)
        for r in rows:
            budget = r.get("full_year_budget", r.get("initial_budget"))
            if r.get("execution_rate") is not None and budget:
                assert abs(D(r["executed"]) / D(budget) - D(r["execution_rate"])) <= Decimal("0.005")
        f = s.truth["funds"]["total"]
        if f.get("score") is not None and f.get("weight") is not None:
            budget = f.get("full_year_budget", f.get("initial_budget"))
            expected = min(D(f["executed"]) / D(budget), Decimal(1)) * D(f["weight"])
            assert abs(expected - D(f["score"])) <= Decimal("0.01")


@pytest.mark.parametrize("name", SE_FAMILIES)
def test_weights_and_scores_add_up(name: str) -> None:
    for s in samples(name):
        tr = s.truth
        inds = tr["indicators"]
        fund = tr["funds"]["total"]
        for i in inds:
            if "weight" in i:
                assert D(i["score"]) <= D(i["weight"])
        assert "weight" in inds[0] or name == "yunnan_old"
        if name == "yunnan_old":  # no per-row 分值: the 20 for execution and the block's 80
            assert all("weight" not in i for i in inds)
            assert sum((D(i["score"]) for i in inds), Decimal(0)) <= 80
        else:
            weights = sum((D(i["weight"]) for i in inds), Decimal(0)) + D(fund["weight"])
            assert weights == 100
            if "total_weight" in tr:
                assert D(tr["total_weight"]) == weights
        scores = sum((D(i["score"]) for i in inds), Decimal(0)) + D(fund["score"])
        assert D(tr["total_score"]) == scores


@pytest.mark.parametrize("name", ["anhui", "sichuan_510000"])
def test_level1_points_match_weights(name: str) -> None:
    for s in samples(name):
        if name == "anhui":  # 一级 cells print their points: 产出指标(50分)
            text = to_text([s.form], "pipes").decode()
            assert "产出指标(50分)" in text
        assert all("(" not in i["level1"] for i in s.truth["indicators"])


def test_split_target_joins_its_parts() -> None:
    for name in ("yunnan", "sichuan_510000", "chongqing_dept"):
        for s in samples(name):
            for i in s.truth["indicators"]:
                if i["nature"] != "定性":
                    assert i["target"] == f"{i['nature']}{i['value']}{i['unit'] or ''}"


def test_declarations_add_up() -> None:
    for name in ("national_td", "chongqing_td"):
        for s in samples(name):
            tr = s.truth
            assert D(tr["total_amount"]) == D(tr["fiscal_amount"]) + D(tr["other_amount"])
            assert tr["kind"] == "project_target_declaration" and tr["indicators"]
    for s in samples("chongqing_td"):
        assert sum(D(i["weight"]) for i in s.truth["indicators"]) == 90


def test_blank_template_prints_no_digits() -> None:
    (s,) = samples("blank_central")
    text = to_text([s.form], "pipes").decode()
    assert not any(ch.isdigit() for ch in text)


# ---------------------------------------------------------------- scorer and the set


def test_compare_counts_fields() -> None:
    truth = family_truth(list(samples("central")))
    perfect = compare(json.loads(json.dumps(truth)), truth)
    assert perfect.accuracy == 1 and perfect.forms_found == 3 == perfect.forms_expected
    assert perfect.total == field_count(truth)
    nothing = compare({"self_evaluations": []}, truth)
    assert nothing.right == 0 and nothing.forms_found == 0
    altered = json.loads(json.dumps(truth))
    first = altered["self_evaluations"][0]
    first["project_name"] = " ".join(first["project_name"])  # spaces do not matter
    first["total_score"] = str(first["total_score"])  # a number as text is the same number
    first["funds"]["total"]["executed"] = 0
    score = compare(altered, truth)
    assert [m.path for m in score.mismatches] == ["self_evaluations[0].funds.total.executed"]


def test_write_family_set(tmp_path: Path) -> None:
    index = write_family_set(tmp_path, formats=("txt_pipes", "html"), families=("anhui", "national_td"))
    assert len(index) == 4
    saved = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert saved.keys() == index.keys()
    assert saved["national_td.html.html"]["truth"]["target_declarations"]
