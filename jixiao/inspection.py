"""How jixiao reads one file, as plain data: the grid, the header rows and the concept of each column,
each candidate form's boundaries and what became of it, the fields left empty (``jixiao inspect`` prints
it; the web app's 我的上传 says with it why nothing in a file was recognized)."""

from __future__ import annotations

from typing import Any

from jixiao.extract import extract_bytes
from jixiao.read.office import read_document
from jixiao.recognize.forms import recognize, view
from jixiao.recognize.forms.streams import restore_cells

STATUS_NAMES = {"taken": "识别为自评表", "rejected": "未采用", "blank": "空白模板", "partial": "仅补读资金行"}


def inspect_bytes(data: bytes, source: str, show_rows: int | None = None) -> dict[str, Any]:
    """The inspection of one file's bytes (the JSON of ``jixiao inspect --format json``); ``show_rows``:
    how many grid rows to include (None: all)."""
    fmt, grid = read_document(data, source)
    rows = view(restore_cells(grid.rows, fmt == "text"), grid=fmt != "text")
    found = recognize(rows)
    doc = extract_bytes(data, source)
    limit = len(rows) if show_rows is None else show_rows
    return {
        "source": source,
        "format": fmt,
        "reader_warnings": list(grid.warnings),
        "row_count": len(rows),
        "rows": [{"line": r.line_start, "hard": r.hard, "origin": r.origin,
                  "cells": [{"col": c.col, "span": c.span, "text": c.text,
                             "concepts": [f"{k.section}.{k.name}" for k in c.concepts]} for c in r.filled]}
                 for r in rows[:limit]],
        "forms": [{
            "lines": [t.line_start, t.line_end], "status": t.status, "reason": t.reason, "kind": t.kind,
            "headers": [{"section": m.section, "lines": [rows[i].line_start for i in m.header_rows],
                         "aligned": m.aligned,
                         "columns": [{"concept": c.concept, "printed": c.text, "columns": [c.start, c.end],
                                      "points": str(c.points) if c.points is not None else None}
                                     for c in m.columns],
                         "unmapped": [c.text for i in m.header_rows for c in rows[i].filled
                                      if not c.has(m.section, "goal", "block")]} for m in t.headers],
            "fields": t.fields, "empty": t.empty} for t in found.trace],
        "extracted": {"self_evaluations": len(doc.self_evaluations), "evaluations": len(doc.evaluations),
                      "target_declarations": len(doc.target_declarations), "budget_tables": len(doc.budget_tables)},
        "warnings": doc.warnings,
    }


def not_recognized_reason(report: dict[str, Any]) -> str:
    """Why nothing in the inspected file became a form, in one line: what the reader said, each
    candidate form and why it was not taken, or that no candidate was found at all."""
    parts = [str(w) for w in report["reader_warnings"]]
    for form in report["forms"]:
        if form["status"] != "taken":
            status = STATUS_NAMES.get(form["status"], form["status"])
            parts.append(f"第{form['lines'][0]}–{form['lines'][1]}行的候选表单{status}"
                         + (f"：{form['reason']}" if form["reason"] else ""))
    if not report["forms"]:
        rows = report["row_count"]
        parts.append(f"读取到 {rows} 行，没有一处像表单（没有表名、资金表头或指标表头）" if rows
                     else "没有读取到任何表格或文字")
    return "；".join(dict.fromkeys(p for p in parts if p))
