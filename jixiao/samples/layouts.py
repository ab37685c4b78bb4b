"""Render a :class:`SelfEvaluation` back into text in each layout the reader understands.

The cells are the printed ones (``printed``), so a form read, rendered and read again must give
the same data: that round trip is the reader's best test.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.model.selfeval import FUND_COLUMNS, FUND_ROWS, SelfEvaluation

FUND_LABELS = {"total": "年度资金总额", "current_year_appropriation": "其中：当年财政拨款",
               "prior_year_carryover": "上年结转资金", "other": "其他资金"}
FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
INDICATOR_HEADERS = ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施")


def form_rows(form: SelfEvaluation) -> list[list[str]]:
    """The form as a grid of printed cells, merged cells written once (as offices print them)."""
    year = [f"（{form.year}年度）" if form.year else ""]
    if form.kind == "department_self_evaluation":  # opens on the unit
        rows: list[list[str]] = [["部门整体支出绩效自评表"], year, ["部门（单位）名称", form.department or ""]]
    else:
        rows = [["项目支出绩效自评表"], year, ["项目名称", form.project_name or ""],
                ["主管部门", form.department or "", "实施单位", form.implementing_unit or ""]]
    if form.project_lead or form.phone:
        rows.append(["项目负责人", form.project_lead or "", "联系电话", form.phone or ""])
    rows.append(["项目资金（万元）", "", *FUND_HEADERS])
    for name in FUND_ROWS:
        fund = getattr(form.funds, name)
        rows.append(["", FUND_LABELS[name], *(fund.printed.get(c, "") for c in FUND_COLUMNS)])
    rows.append(["年度总体目标", "预期目标", "实际完成情况"])
    rows.append(["", form.goal_expected or "", form.goal_actual or ""])
    rows.append(list(INDICATOR_HEADERS))
    level1 = level2 = None
    for ind in form.indicators:
        l1 = ind.level1 if ind.level1 != level1 else ""
        l2 = ind.level2 if (ind.level2 != level2 or l1) else ""
        level1, level2 = ind.level1, ind.level2
        rows.append(["", l1 or "", l2 or "", ind.level3 or "", ind.target or "", ind.actual or "",
                     ind.printed.get("weight", ""), ind.printed.get("score", ""), ind.deviation_note or ""])
    rows.append(["总分", form.total_printed.get("total_weight", ""), form.total_printed.get("total_score", "")])
    return rows


def as_tabs(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows) + "\n"


def as_pipes(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" if len(r) > 1 else r[0] for r in rows) + "\n"


def as_docx_lines(rows: list[list[str]]) -> str:
    """One cell per line, tab-indented, a blank line between rows (python-docx style dumps)."""
    return "\n\n".join("\n".join("\t" + c for c in r) for r in rows) + "\n"


def as_flat(rows: list[list[str]]) -> str:
    """The whole table on one line of space-separated non-empty cells."""
    return " ".join(c for r in rows for c in r if c) + "\n"


LAYOUTS: dict[str, Callable[[list[list[str]]], str]] = {
    "tabs": as_tabs, "pipes": as_pipes, "docx_lines": as_docx_lines, "flat": as_flat,
}


def render(forms: list[SelfEvaluation], layout: str, preamble: str = "") -> str:
    """Several forms in one document, in one layout."""
    emit = LAYOUTS[layout]
    return preamble + "\n".join(emit(form_rows(f)) for f in forms)
