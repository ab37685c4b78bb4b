"""The demo includes one scanned document. Without the ``ocr`` extra the demo still works — every
other file is read, checked and stored — and says, for the scan, in one line how to enable OCR."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.read.sniff import sniff
from jixiao.samples.demo_scan import FILE_NAME, scanned_self_evaluation


def test_the_demo_scan_is_an_image_made_the_same_way_every_time() -> None:
    data = scanned_self_evaluation(2024)
    assert sniff(data) == "image" and data[:2] == b"\xff\xd8"  # a JPEG, sniffed from its bytes
    assert scanned_self_evaluation(2024) == data


def test_the_demo_without_ocr_says_how_to_enable_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as on an install without the extra
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    result = CliRunner().invoke(app, ["demo", "--units", "1", "--projects", "2", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    scan = FILE_NAME.format(year=2024)
    assert (tmp_path / "demo" / scan).exists()
    lines = [line for line in result.stdout.splitlines() if scan in line]
    assert len(lines) == 1 and "pip install 'jixiao[ocr]'" in lines[0]
    assert "审核摘要" in result.stdout and "表单 0 张" not in result.stdout  # the rest was read


def test_the_demo_scan_read_by_ocr_marks_its_blotted_total(ocr_home: Path) -> None:
    """An ink blot sits under the last digit of the scan's 总分. Read by OCR, the total is either read
    right, or read wrongly and reported as 识别存疑 on that cell with the reading the scores add up
    to — never as the unit's wrong total (SE003)."""
    import random

    from jixiao.extract import extract_bytes
    from jixiao.rules import check_document
    from jixiao.samples.generator import make_form

    printed = make_form(random.Random(11), "示例街道办事处", "社区环境综合整治项目", 2024, None).total_printed
    doc = extract_bytes(scanned_self_evaluation(2024), FILE_NAME.format(year=2024))
    assert len(doc.self_evaluations) == 1
    form = doc.self_evaluations[0]
    findings = check_document(doc)
    assert "SE003" not in [f.code for f in findings]
    assert "total_score" in form.total_confidence
    if form.total_printed.get("total_score") != printed["total_score"]:
        marked = [f for f in findings if f.category == "ocr" and f.actual["field"] == "total_score"]
        assert len(marked) == 1
        assert marked[0].code == "OC001" or marked[0].expected == printed["total_score"]
