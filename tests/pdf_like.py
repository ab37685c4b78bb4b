"""Render a self-evaluation the way PDF-to-text converters print it (the layout of seed 000).

Every cell comes out as its own block of lines, wrapped at the width of its column; blocks are
separated by blank lines; narrow label cells come out as fragments of two or three characters; the
numbers of a row that fit on one line stay on one line ("827 10 10"); a page break is a run of
blank lines. Used to test the PDF path of the recognizer on forms it has never seen.
"""

from __future__ import annotations

from jixiao.model.selfeval import FUND_COLUMNS, FUND_ROWS, SelfEvaluation

FUND_LABELS = {"total": ["年度资金总额"], "current_year_appropriation": ["其中：当年财政拨", "款"],
               "prior_year_carryover": ["上年结转", "资金"], "other": ["其他资金"]}
HEADER = ["项目资金", "（万元）", "年初预算", "数", "全年预算数", "全年执行", "数", "分", "值", "执行率 得分"]
INDICATOR_HEADER = ["绩效指", "标", "一", "级", "指", "标", "二级指", "标", "三级指标", "年度指标", "值", "实际完",
                    "成值", "分", "值", "得", "分", "偏差原因分析", "及改进措施"]


def wrap(text: str, width: int) -> list[str]:
    """Cut a cell's text into lines of ``width`` characters (ASCII counting half)."""
    lines: list[str] = []
    line = ""
    used = 0.0
    for ch in text:
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def fragments(label: str) -> list[str]:
    """A label in a narrow merged cell: one or two characters per line."""
    return [label[i:i + 1] for i in range(len(label))] if len(label) <= 5 else wrap(label, 3)


def render(form: SelfEvaluation, widths: tuple[int, int, int] = (12, 5, 5), page_break_after: int | None = None
           ) -> str:
    """The form as PDF text; ``widths`` are the 三级指标 / 指标值 / 实际完成值 column widths."""
    out: list[str] = ["项目支出绩效自评表", "", f"（{form.year} 年度）" if form.year else "", ""]
    out += [f"项目名称 {form.project_name}", ""]
    out += [f"主管部门 {form.department or ''} 实施单位 {form.implementing_unit or ''}", ""]
    if form.project_lead or form.phone:
        out += [f"项目负责人 {form.project_lead or ''} 联系电话 {form.phone or ''}", ""]
    for fragment in HEADER:
        out += [fragment, ""]
    for name in FUND_ROWS:
        fund = getattr(form.funds, name)
        cells = [fund.printed.get(c, "") for c in FUND_COLUMNS]
        numbers = " ".join(c for c in cells if c)
        label = FUND_LABELS[name]
        if len(label) == 1:
            out += [f"{label[0]} {numbers}".strip(), ""]
        else:
            out += [label[0], "", label[1], numbers, ""]
    out += ["年度总", "", "体目标", "", "预期目标 实际完成情况", ""]
    out += [*wrap(form.goal_expected or "", 20), "", *wrap(form.goal_actual or "", 16), ""]
    for fragment in INDICATOR_HEADER:
        out += [fragment, ""]
    level1 = level2 = None
    for n, ind in enumerate(form.indicators):
        if ind.level1 != level1:
            for f in fragments(ind.level1 or ""):
                out += [f, ""]
            level1, level2 = ind.level1, None
        if ind.level2 != level2:
            out += [*wrap(ind.level2 or "", 3), ""]
            level2 = ind.level2
        out += [*wrap(ind.level3 or "", widths[0]), ""]
        target, actual = wrap(ind.target or "", widths[1]), wrap(ind.actual or "", widths[2])
        scores = " ".join(x for x in (ind.printed.get("weight"), ind.printed.get("score")) if x)
        if len(target) == 1 and len(actual) == 1:
            out += [f"{target[0]} {actual[0]} {scores}".strip(), ""]
        else:
            out += [*target, "", *actual, "", scores, ""]
        if ind.deviation_note:
            out[-2] = f"{out[-2]} {ind.deviation_note}"
        if page_break_after == n:
            out += ["", "", ""]
    out += [f"总分 {form.total_printed.get('total_weight', '')} {form.total_printed.get('total_score', '')}", ""]
    return "\n".join(out) + "\n"
