"""Blank templates from the CLI, filled in by a unit (here: with openpyxl / python-docx), read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl  # type: ignore[import-untyped]
import pytest

from jixiao.extract import extract_bytes
from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.evaluation import Evaluation, EvaluationIndicator, EvaluationPart
from jixiao.present.forms import FormWriteError, write_form, write_template
from jixiao.read.office import read_document


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "jixiao.present", *args], capture_output=True, env=env,
                          timeout=120, check=False)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_template_command_writes_a_readable_blank_form(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"blank.{fmt}"
    result = run_cli("template", "selfeval", "--format", fmt, "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    doc = extract_bytes(out.read_bytes(), out.name)
    assert doc.format == fmt
    (form,) = doc.self_evaluations
    assert form.project_name is None and form.total_score is None and form.indicators == []


def test_template_command_rejects_unknown_kind_and_format(tmp_path: Path) -> None:
    bad_kind = run_cli("template", "budget", "--output", str(tmp_path / "x.docx"))
    bad_format = run_cli("template", "selfeval", "--format", "odt", "--output", str(tmp_path / "x.odt"))
    for result in (bad_kind, bad_format):
        assert result.returncode == 2
        assert len(result.stderr.decode().strip().splitlines()) == 1
    with pytest.raises(FormWriteError):
        write_template("selfeval", "rtf", tmp_path / "x.rtf")


def test_filled_xlsx_template_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "selfeval.xlsx"
    write_template("selfeval", "xlsx", path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    ws["A2"] = "（2024年度）"
    cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row}

    def right_of(label: str, offset: int = 1) -> tuple[int, int]:
        r, c = next(k for k, cell in cells.items() if cell.value == label)
        return r, c + offset

    for label, value in (("项目名称", "社区绿化养护"), ("主管部门", "某街道办事处"), ("实施单位", "城市管理办公室")):
        r, c = right_of(label)
        ws.cell(row=r, column=c, value=value)
    r, c = right_of("年度资金总额")
    for k, amount in enumerate((20, 20, 18, 10, "90%", 9)):
        ws.cell(row=r, column=c + k, value=amount)
    r, _ = right_of("一级指标", 0)
    for k, cell_value in enumerate(("产出指标", "数量指标", "养护面积", "≥5000平方米", "5200平方米", 90, 88, "")):
        ws.cell(row=r + 1, column=2 + k, value=cell_value)
    r, _ = right_of("总分", 0)
    ws.cell(row=r, column=7, value=100)
    ws.cell(row=r, column=8, value=97)
    book.save(path)
    (form,) = extract_bytes(path.read_bytes(), path.name).self_evaluations
    assert (form.project_name, form.department, form.implementing_unit) == (
        "社区绿化养护", "某街道办事处", "城市管理办公室")
    assert form.funds.total.printed["executed"] == "18" and form.funds.total.score == 9
    assert [(i.level1, i.level2, i.level3, i.target, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "养护面积", "≥5000平方米", 90, 88)]
    assert (form.total_weight, form.total_score) == (100, 97)


def test_declaration_and_evaluation_sheets_are_written(tmp_path: Path) -> None:
    td = TargetDeclaration(unit="某街道", project_name="社区绿化", total_amount="20.50", fiscal_amount="20.50",
                           goal="养护绿地。", indicators=[DeclaredIndicator(level1="产出指标", level2="数量指标",
                                                                         level3="养护面积", nature="≥", value="5000",
                                                                         unit="平方米", direction="正向")])
    ev = Evaluation(subject="某街道部门整体支出", year=2023, total_score="86.5", grade="良好",
                    parts=[EvaluationPart(name="部门决策", max="20", score="18")],
                    indicators=[EvaluationIndicator(level1="决策", level2="目标设定", level3="绩效目标",
                                                    level4="目标合理性", weight="5", score="4",
                                                    deduction_reason="指标未细化")])
    for fmt in ("docx", "xlsx", "pdf"):
        path = tmp_path / f"forms.{fmt}"
        write_form([td, ev], fmt, path)
        _, grid = read_document(path.read_bytes(), path.name)
        rows = [[c.text for c in row.cells if c.text] for row in grid.rows]
        assert ["某街道", "社区绿化", "20.50", "20.50", "养护绿地。", "产出指标", "数量指标", "养护面积", "≥", "5000",
                "平方米", "正向"] in rows, fmt
        assert ["决策", "目标设定", "绩效目标", "目标合理性", "5", "4", "指标未细化"] in rows, fmt
        assert ["综合得分", "100", "86.5", "绩效等级：良好"] in rows, fmt
    back = extract_bytes((tmp_path / "forms.docx").read_bytes(), "forms.docx")
    assert [(d.project_name, d.total_amount) for d in back.target_declarations] == [("社区绿化", 20.5)]
    section = docx.Document(str(tmp_path / "forms.docx")).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height  # 16 columns: landscape


def test_cli_extract_reads_docx_xlsx_pdf(tmp_path: Path) -> None:
    paths = []
    for fmt in ("docx", "xlsx", "pdf"):
        path = tmp_path / f"form.{fmt}"
        write_template("selfeval", fmt, path)
        paths.append(str(path))
    result = run_cli("extract", *paths, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    docs = json.loads(result.stdout)["documents"]
    assert [d["format"] for d in docs] == ["docx", "xlsx", "pdf"]
    assert [len(d["self_evaluations"]) for d in docs] == [1, 1, 1]
    assert docs[2]["self_evaluations"][0]["location"]["page_start"] == 1


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_department_template_reads_back_as_a_department_self_evaluation(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"department.{fmt}"
    result = run_cli("template", "department", "--format", fmt, "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    (form,) = extract_bytes(out.read_bytes(), out.name).self_evaluations
    assert (form.kind, form.department, form.total_score, form.indicators) == (
        "department_self_evaluation", None, None, [])
