"""The edit page of a self-evaluation: the official layout with an edit box in every cell a unit may
change (actual values, scores, notes, amounts, the total), each finding on the row it concerns.

A cell is ``{"path": …, "text": …, "input": "number" | "text" | None}``; ``input`` ``None`` is a
printed cell shown as it is (levels, targets, weights).
"""

from __future__ import annotations

from typing import Any

from jixiao.recognize.edit import FUND_FIELDS, FUND_ROW_NAMES, INDICATOR_FIELDS, TEXT_FIELDS
from jixiao.web.formview import FUND_COLUMNS, INDICATOR_COLUMNS, Placer
from jixiao.web.ocrmarks import doubts


def _cell(path: str | None, cells: dict[str, str], printed: Any = None, edited: frozenset[str] = frozenset(),
          marked: dict[str, Any] | None = None) -> dict[str, Any]:
    """``marked``: the cell was read uncertainly from a scan (its tooltip, :func:`doubts`)."""
    if path is None or path not in cells:
        return {"path": None, "text": "" if printed is None else str(printed), "input": None, "edited": False,
                "doubt": marked}
    kind = "text" if path.rsplit(".", 1)[-1] in TEXT_FIELDS else "number"
    return {"path": path, "id": "cell-" + path.replace(".", "-"), "text": cells[path], "input": kind,
            "edited": path in edited, "doubt": marked}


def edit_layout(form: dict[str, Any], cells: dict[str, str], edited: frozenset[str]) -> dict[str, Any]:
    """Sections of the edit page from a stored form (``views.form``) and its editable cells."""
    data: dict[str, Any] = form.get("data") or {}
    findings: list[dict[str, Any]] = form.get("findings") or []
    placer = Placer(findings)
    doubt = doubts(findings)
    view: dict[str, Any] = {"header": [("项目名称", data.get("project_name")),
                                       ("实施单位", data.get("implementing_unit")), ("年度", data.get("year"))]}
    funds = data.get("funds") or {}
    view["fund_columns"] = [label for _, label in FUND_COLUMNS]
    view["funds"] = []
    for key, name in FUND_ROW_NAMES.items():
        row = funds.get(key) or {}
        printed = row.get("printed") or {}
        view["funds"].append({
            "label": name, "line": row.get("line"), "findings": placer.take(row.get("line")),
            "cells": [_cell(f"funds.{key}.{col}" if col in FUND_FIELDS else None, cells,
                            printed.get(col, row.get(col)), edited, doubt.get(f"funds.{key}.{col}"))
                      for col, _ in FUND_COLUMNS]})
    view["goal_expected"] = data.get("goal_expected") or ""
    view["goal_actual"] = _cell("goal_actual", cells, edited=edited)
    view["columns"] = [label for _, label in INDICATOR_COLUMNS]
    view["rows"] = []
    for n, item in enumerate(data.get("indicators") or []):
        printed = item.get("printed") or {}
        row_cells = []
        for col, _ in INDICATOR_COLUMNS:
            path = f"indicators.{n}.{col}" if col in INDICATOR_FIELDS else None
            row_cells.append(_cell(path, cells, printed.get(col, item.get(col)), edited,
                                   doubt.get(f"indicators.{n}.{col}")))
        view["rows"].append({"line": item.get("line"), "findings": placer.take(item.get("line")), "cells": row_cells})
    total_printed = data.get("total_printed") or {}
    view["total"] = {"weight": total_printed.get("total_weight", data.get("total_weight")) or "",
                     "weight_doubt": doubt.get("total_weight"),
                     "score": _cell("total_score", cells, edited=edited, marked=doubt.get("total_score")),
                     "line": data.get("total_line"), "findings": placer.take(data.get("total_line"))}
    view["other_findings"] = [f for f in findings if f["id"] not in placer.placed]
    return view
