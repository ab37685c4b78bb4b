"""The header-driven reader on template families written for the purpose (jixiao.samples.families):
every province's layout in every office format, against what a careful reader reads (issue 14's bar:
every form found and at least 97% of the fields right on templates from elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import extract_bytes, extract_path
from jixiao.present.jsonout import document_json
from jixiao.samples.families.score import Score, compare, write_family_set

SELF_EVALUATION_FAMILIES = ("central", "sichuan_county", "sichuan_510000", "anhui", "yunnan_old", "yunnan",
                            "guizhou_dept", "chongqing_dept")
GRID_FORMATS = ("docx", "xlsx", "html", "html_gbk", "pdf")


def _scores(tmp: Path, formats: tuple[str, ...], families: tuple[str, ...]) -> dict[str, Score]:
    index = write_family_set(tmp, formats=formats, families=families)
    out: dict[str, Score] = {}
    for name, entry in index.items():
        extracted: dict[str, Any] = document_json(extract_path(tmp / name))
        out[name] = compare(extracted, entry["truth"])
    return out


@pytest.fixture(scope="module")
def grid_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    return _scores(tmp_path_factory.mktemp("families"), GRID_FORMATS, SELF_EVALUATION_FAMILIES)


@pytest.mark.parametrize("family", SELF_EVALUATION_FAMILIES)
@pytest.mark.parametrize("fmt", GRID_FORMATS)
def test_every_form_found_and_fields_right(grid_scores: dict[str, Score], family: str, fmt: str) -> None:
    [score] = [s for name, s in grid_scores.items() if name.startswith(f"{family}.{fmt}.")]
    assert score.forms_found == score.forms_expected > 0
    wrong = [f"{m.path}: {m.expected!r} ≠ {m.got!r}" for m in score.mismatches]
    assert score.accuracy >= 0.97, wrong[:10]


def test_all_grid_formats_together_read_at_least_99_percent(grid_scores: dict[str, Score]) -> None:
    total = Score()
    for score in grid_scores.values():
        total.add(score)
    assert total.forms_found == total.forms_expected
    assert total.accuracy >= 0.99, total.accuracy


@pytest.mark.parametrize("fmt", ["txt_pipes", "txt_tabs"])
def test_text_layouts_of_the_same_families(tmp_path: Path, fmt: str) -> None:
    scores = _scores(tmp_path, (fmt,), SELF_EVALUATION_FAMILIES)
    total = Score()
    for score in scores.values():
        total.add(score)
    assert total.forms_found == total.forms_expected
    assert total.accuracy >= 0.9, total.accuracy


def test_a_blank_template_is_a_blank_form_not_an_error(tmp_path: Path) -> None:
    from jixiao.rules import check_document

    index = write_family_set(tmp_path, formats=("docx", "txt_tabs"), families=("blank_central",))
    for name in index:
        doc = extract_path(tmp_path / name)
        [form] = doc.self_evaluations
        assert form.blank and not form.incomplete
        assert any("空白表单模板" in w for w in doc.warnings)
        assert not any("未识别到任何表单" in w or "不完整" in w for w in doc.warnings)
        assert check_document(doc) == []


def test_a_filled_form_is_not_blank(tmp_path: Path) -> None:
    index = write_family_set(tmp_path, formats=("docx",), families=("central",))
    [name] = index
    assert not any(f.blank for f in extract_path(tmp_path / name).self_evaluations)


def test_columns_a_template_does_not_print_are_not_missing(tmp_path: Path) -> None:
    """Yunnan's older form has no 分值 column (the points sit in the block label) and Chongqing's
    department form lists its indicators with no 一级指标 column: neither is reported as missing."""
    from jixiao.rules import check_document

    index = write_family_set(tmp_path, formats=("docx",), families=("yunnan_old", "chongqing_dept"))
    for name in index:
        doc = extract_path(tmp_path / name)
        codes = {f.code for f in check_document(doc)}
        assert not codes & {"SE016", "SE019"}, (name, codes)
    yunnan = extract_path(tmp_path / "yunnan_old.docx.docx").self_evaluations[0]
    assert "weight" not in yunnan.indicator_columns and yunnan.funds.total.weight == 20


def test_an_empty_weight_cell_under_a_weight_column_is_still_missing() -> None:
    from jixiao.rules import check_document
    from tests.recognize.test_lexicon import FORM

    text = FORM.format(executed="全年执行数")
    assert "SE016" not in {f.code for f in check_document(extract_bytes(text.encode(), "a.txt"))}
    text = text.replace("≥10%\t12%\t30\t30", "≥10%\t12%\t\t30")  # one 分值 cell left empty
    assert "SE016" in {f.code for f in check_document(extract_bytes(text.encode(), "a.txt"))}


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "pdf"])
def test_declaration_forms_of_other_templates(tmp_path: Path, fmt: str) -> None:
    """The national 申报表 and Chongqing's 审批表 (a planned 执行率 row, per-indicator 分值, 一级 labels with
    point ranges "产出指标（40-50分）", 业务主管部门, 当年年度预算, 年度主要目标和成果)."""
    scores = _scores(tmp_path, (fmt,), ("national_td", "chongqing_td"))
    for name, score in scores.items():
        assert score.forms_found == score.forms_expected > 0, name
        assert score.accuracy >= 0.97, (name, [f"{m.path}: {m.expected!r} ≠ {m.got!r}" for m in score.mismatches][:8])


def test_a_code_printed_before_the_name_is_split_off_by_either_reader() -> None:
    import random

    from jixiao.samples.generator import make_form
    from jixiao.samples.layouts import as_pipes, as_tabs, form_rows

    form = make_form(random.Random(3), "某街道", "社区绿化养护", 2024, None)
    form.project_name = "51092324T000010263357-社区绿化养护"
    for layout in (as_pipes, as_tabs):  # text: the stream reader's
        doc = extract_bytes(layout(form_rows(form)).encode(), "x.txt")
        assert [(se.project_code, se.project_name) for se in doc.self_evaluations] == [
            ("51092324T000010263357", "社区绿化养护")]
    form.project_name = "社区绿化养护"  # no code: nothing split
    doc = extract_bytes(as_pipes(form_rows(form)).encode(), "x.txt")
    assert [(se.project_code, se.project_name) for se in doc.self_evaluations] == [(None, "社区绿化养护")]
