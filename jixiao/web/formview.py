"""A stored form laid out like the official form, with each finding placed on the row it concerns.

Findings carry the line they point at (``line_start``); rows of the form carry the line they were
read from. A finding goes to the row with its line, else to the form as a whole. Each placed
finding shows the printed value (``actual``) beside the recomputed one (``expected``).
"""

from __future__ import annotations

from typing import Any

from jixiao.model.kinds import FORM_KINDS
from jixiao.model.selfeval import SELF_EVALUATION_KINDS
from jixiao.web.formatting import INTERNAL_FIELDS, field_name
from jixiao.web.ocrmarks import doubts

FUND_ROWS = (("total", "年度资金总额"), ("current_year_appropriation", "其中：当年财政拨款"),
             ("prior_year_carryover", "上年结转资金"), ("other", "其他资金"))
FUND_COLUMNS = (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("executed", "全年执行数"),
                ("weight", "分值"), ("execution_rate", "执行率"), ("score", "得分"))
INDICATOR_COLUMNS = (("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标"), ("target", "年度指标值"),
                     ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                     ("deviation_note", "偏差原因分析及改进措施"))
ROW_COLUMNS = (("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标"), ("level4", "四级指标"),
               ("code", "编码"), ("item", "项目"), ("target", "指标值"), ("nature", "指标性质"),
               ("measure", "度量单位"), ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
               ("note", "说明"))
KIND_NAMES = {kind: info.name for kind, info in FORM_KINDS.items()}
CATEGORY_NAMES = {
    "execution_rate": "执行率计算", "execution_score": "执行率得分", "total": "合计/总分", "weights": "权重",
    "score_bounds": "得分越界", "score_unjustified": "得分依据不足", "score_unexplained": "扣分未说明",
    "grade": "等级", "crossfoot": "表内/表间勾稽", "narrative": "文表不符", "units": "计量单位",
    "indicator_quality": "指标质量", "typo": "笔误/格式", "missing": "缺项", "ocr": "识别存疑"}
# The header fields of the other forms (declarations, reports, tables): one mapping, jixiao.web.formatting.
HIDDEN_FIELDS = ("kind", "layout", "role")
DECLARED_CELLS = {"target": "value", "weight": "weight"}  # a declared indicator's stored column → its cell
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


class Placer:
    def __init__(self, findings: list[dict[str, Any]]) -> None:
        self.by_line: dict[int, list[dict[str, Any]]] = {}
        for finding in findings:
            if finding.get("line_start") is not None:
                self.by_line.setdefault(int(finding["line_start"]), []).append(finding)
        self.placed: set[int] = set()

    def take(self, line: Any) -> list[dict[str, Any]]:
        if not isinstance(line, int) or line not in self.by_line:
            return []
        found = self.by_line.pop(line)
        self.placed.update(f["id"] for f in found)
        return found


def layout(form: dict[str, Any]) -> dict[str, Any]:
    """Sections of the form page: header fields, funds block, indicator rows, total, other findings."""
    data: dict[str, Any] = form.get("data") or {}
    findings: list[dict[str, Any]] = form.get("findings") or []
    placer = Placer(findings)
    view: dict[str, Any] = {"title": KIND_NAMES.get(form["kind"], form["kind"]), "kind": form["kind"]}
    if form["kind"] in SELF_EVALUATION_KINDS:
        view["header"] = [("项目名称", data.get("project_name")), ("主管部门", data.get("department")),
                          ("实施单位", data.get("implementing_unit")), ("项目负责人", data.get("project_lead")),
                          ("联系电话", data.get("phone")), ("年度", data.get("year"))]
        if form["kind"] == "department_self_evaluation":
            view["header"] = [("部门（单位）名称", data.get("department")), ("年度", data.get("year"))]
        funds = data.get("funds") or {}
        doubt = doubts(findings)  # cells read uncertainly from a scan: marked, with a tooltip
        view["fund_columns"] = [label for _, label in FUND_COLUMNS]
        view["funds"] = []
        for key, label in FUND_ROWS:
            row = funds.get(key) or {}
            printed = row.get("printed") or {}
            view["funds"].append({"label": label, "line": row.get("line"), "findings": placer.take(row.get("line")),
                                  "cells": [_cell(printed.get(c, row.get(c))) for c, _ in FUND_COLUMNS],
                                  "doubts": [doubt.get(f"funds.{key}.{c}") for c, _ in FUND_COLUMNS]})
        view["goals"] = [("预期目标", data.get("goal_expected")), ("实际完成情况", data.get("goal_actual"))]
        view["columns"] = [label for _, label in INDICATOR_COLUMNS]
        view["rows"] = []
        for n, item in enumerate(data.get("indicators") or []):
            printed = item.get("printed") or {}
            view["rows"].append({"line": item.get("line"), "findings": placer.take(item.get("line")),
                                 "cells": [_cell(printed.get(c, item.get(c))) for c, _ in INDICATOR_COLUMNS],
                                 "doubts": [doubt.get(f"indicators.{n}.{c}") for c, _ in INDICATOR_COLUMNS]})
        total_printed = data.get("total_printed") or {}
        view["total"] = {"weight": _cell(total_printed.get("total_weight", data.get("total_weight")))
                         if isinstance(total_printed, dict) else _cell(data.get("total_weight")),
                         "score": _cell(total_printed.get("total_score", data.get("total_score")))
                         if isinstance(total_printed, dict) else _cell(data.get("total_score")),
                         "line": data.get("total_line"), "findings": placer.take(data.get("total_line")),
                         "weight_doubt": doubt.get("total_weight"), "score_doubt": doubt.get("total_score")}
    else:
        rows = form.get("rows") or []
        used = [(k, label) for k, label in ROW_COLUMNS if any(r.get(k) not in (None, "") for r in rows)]
        if any(r.get("values") for r in rows):
            columns = (data.get("columns") or []) if isinstance(data.get("columns"), list) else []
            width = max(len(r.get("values") or []) for r in rows)
            value_labels = [str(c) for c in columns[-width:]] if len(columns) >= width else [""] * width
        else:
            width, value_labels = 0, []
        view["columns"] = [label for _, label in used] + value_labels
        doubt = doubts(findings)  # a declaration's cells read uncertainly from a scan
        view["rows"] = [{"line": r.get("line"), "findings": placer.take(r.get("line")),
                         "cells": [_cell(r.get(k)) for k, _ in used]
                         + [_cell(v) for v in (r.get("values") or [])] + [""] * (width - len(r.get("values") or [])),
                         "doubts": [doubt.get(f"indicators.{r.get('position')}.{DECLARED_CELLS[k]}")
                                    if r.get("section") == "declared_indicator" and k in DECLARED_CELLS else None
                                    for k, _ in used]}
                        for r in rows]
        view["header"] = [(field_name(k), v) for k, v in data.items()
                          if isinstance(v, str | int | float) and v != "" and k not in HIDDEN_FIELDS
                          and k not in INTERNAL_FIELDS][:14]
    view["other_findings"] = [f for f in findings if f["id"] not in placer.placed]
    view["ocr_doubts"] = len(doubts(findings))  # cells read uncertainly from a scan
    return view
