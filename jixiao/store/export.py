"""Exports of the store: a reviewer's XLSX workbook, CSV files, one JSON object.

Workbook: one sheet per form kind, one for findings, one for documents; Chinese headers, frozen
header row, auto-filter, column widths from the content. CSV: the same sheets, one file each
(UTF-8 with BOM so that Excel opens it right). JSON: ``{"units", "documents", "forms", "findings"}``.
Forms and findings carry the workflow (:mod:`jixiao.store.workflow`): 审核状态, 意见, 审核人, 时间.
Text beginning with = + - @ (or a tab or CR) never becomes a live formula: a string cell with a quote
prefix in the workbook, a leading apostrophe in CSV.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from jixiao.model.kinds import FORM_KINDS
from jixiao.model.values import plain
from jixiao.store.queries import KINDS, NO_FILTERS, Filters, documents, findings, forms, units
from jixiao.store.workflow import FINDING_STATES, STATES, with_decisions

KIND_LABELS = {kind: info.sheet_name for kind, info in FORM_KINDS.items()}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

Column = tuple[str, str]  # (key, Chinese header)
FORM_SHEET: tuple[Column, ...] = (
    ("id", "表单ID"), ("unit", "单位"), ("year", "年度"), ("name", "名称"), ("index", "序号"),
    ("amount", "全年预算数/金额"), ("executed", "全年执行数"), ("execution_rate", "执行率"),
    ("total_weight", "总分值"), ("total_score", "总分"), ("grade", "等级（填报）"),
    ("recomputed_grade", "等级（重算）"), ("rows", "指标/行数"), ("errors", "错误"), ("warnings", "警告"),
    ("infos", "提示"), ("source", "来源文件"), ("line_start", "起始行"),
    ("review_state", "审核状态"), ("review_comment", "意见"), ("reviewer", "审核人"), ("reviewed_at", "时间"),
)
FINDING_SHEET: tuple[Column, ...] = (
    ("id", "问题ID"), ("form_id", "表单ID"), ("unit", "单位"), ("year", "年度"), ("kind", "表单类型"),
    ("name", "表单名称"), ("code", "规则"), ("severity", "级别"), ("category", "类别"), ("message", "说明"),
    ("expected", "应为"), ("actual", "实为"), ("source", "来源文件"), ("line_start", "行"), ("profile", "规则配置"),
    ("review_state", "审核状态"), ("review_comment", "意见"), ("reviewer", "审核人"), ("reviewed_at", "时间"),
)
DOCUMENT_SHEET: tuple[Column, ...] = (
    ("id", "文档ID"), ("file_name", "文件名"), ("format", "格式"), ("size", "字节数"), ("version", "版本"),
    ("status", "状态"), ("error", "失败原因"), ("forms", "表单数"), ("findings", "问题数"), ("profile", "规则配置"),
    ("jixiao_version", "jixiao版本"), ("sha256", "SHA-256"), ("path", "路径"),
)


def export_json(conn: Connection, filters: Filters = NO_FILTERS) -> dict[str, Any]:
    all_forms, found = forms(conn, filters), findings(conn, filters)
    with_decisions(conn, all_forms, found)  # review_state (a code of workflow.STATES), comment, reviewer, time
    result: dict[str, Any] = plain({"units": units(conn, filters), "documents": documents(conn, filters),
                  "forms": all_forms, "findings": found})
    return result


def sheets(conn: Connection, filters: Filters = NO_FILTERS) -> list[tuple[str, Sequence[Column], list[dict[str, Any]]]]:
    """(sheet title, columns, rows) of the reviewer's workbook, in workbook order."""
    all_forms, found = forms(conn, filters), findings(conn, filters)
    with_decisions(conn, all_forms, found)
    for form in all_forms:
        form["review_state"] = STATES.get(form["review_state"], form["review_state"])
    result: list[tuple[str, Sequence[Column], list[dict[str, Any]]]] = []
    for kind in KINDS:
        result.append((KIND_LABELS[kind], FORM_SHEET, [f for f in all_forms if f["kind"] == kind]))
    others = sorted({f["kind"] for f in all_forms} - set(KINDS))
    result += [(kind[:31], FORM_SHEET, [f for f in all_forms if f["kind"] == kind]) for kind in others]
    for row in found:
        row["review_state"] = FINDING_STATES.get(row["review_state"], row["review_state"])
        row["severity"] = SEVERITY_LABELS.get(row["severity"], row["severity"])
        row["kind"] = KIND_LABELS.get(row["kind"], row["kind"])
    result.append(("问题清单", FINDING_SHEET, found))
    result.append(("文档", DOCUMENT_SHEET, documents(conn, filters)))
    return result


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, int | float | Decimal | str):
        return value
    return json.dumps(plain(value), ensure_ascii=False)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for the start of a formula


def is_formula_like(value: Any) -> bool:
    """Text that Excel or LibreOffice could evaluate (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _inert_csv(value: Any) -> Any:
    """A CSV cell as text: formula-like text gets a leading apostrophe (the OWASP advice)."""
    return "'" + value if is_formula_like(value) else value


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def export_xlsx(conn: Connection, output: Path, filters: Filters = NO_FILTERS) -> int:
    """Write the workbook; the number of data rows written."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    total = 0
    for title, columns, rows in sheets(conn, filters):
        sheet = book.create_sheet(title)
        sheet.append([header for _, header in columns])
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = header_font, header_fill, Alignment(vertical="center")
        widths = [_width(h) for _, h in columns]
        for row in rows:
            values = [_cell(row.get(key)) for key, _ in columns]
            sheet.append(values)
            for n, value in enumerate(values, start=1):
                if is_formula_like(value):  # a string cell shown as typed text, never a live formula
                    target = sheet.cell(row=sheet.max_row, column=n)
                    target.data_type, target.quotePrefix = "s", True
            widths = [max(w, _width(v)) for w, v in zip(widths, values, strict=True)]
        for n, (key, _) in enumerate(columns, start=1):
            letter = get_column_letter(n)
            sheet.column_dimensions[letter].width = min(max(widths[n - 1] + 2, 8), 60)
            if key == "execution_rate":
                for cell in sheet[letter][1:]:
                    cell.number_format = "0.00%"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
        total += len(rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    book.save(output)
    return total


def export_csv(conn: Connection, folder: Path, filters: Filters = NO_FILTERS) -> list[Path]:
    """One CSV per sheet in ``folder``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for title, columns, rows in sheets(conn, filters):
        path = folder / f"{title}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            write_csv(handle.write, columns, rows)
        written.append(path)
    return written


def write_csv(write: Callable[[str], Any], columns: Sequence[Column], rows: list[dict[str, Any]],
              headers: bool = True) -> None:
    """Rows as CSV through ``write``; Chinese headers (or the keys with ``headers=False``). Text that a
    spreadsheet would take for a formula is written with a leading apostrophe."""

    class _Sink:
        def write(self, text: str) -> Any:
            return write(text)

    writer = csv.writer(_Sink())
    writer.writerow([h if headers else k for k, h in columns])
    for row in rows:
        writer.writerow(["" if (v := _cell(row.get(k))) is None else _inert_csv(v) for k, _ in columns])
