"""Readable terminal output (rich tables): one line per form, a table per form kind."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from jixiao.model.document import Document


def _num(value: object) -> str:
    return "" if value is None else str(value)


def _table(title: str, headers: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def print_extract_table(docs: list[Document], console: Console | None = None) -> None:
    console = console or Console()
    for doc in docs:
        if doc.self_evaluations or not doc.form_count():
            table = _table(f"{doc.source}（{len(doc.self_evaluations)} 张自评表）",
                           ("#", "年度", "项目名称", "全年预算数", "全年执行数", "执行率", "指标数", "总分"))
            for n, form in enumerate(doc.self_evaluations):
                total = form.funds.total
                rate = total.printed.get("execution_rate", "")
                score = f"{_num(form.total_score)}/{_num(form.total_weight)}" + (" ⚠不完整" if form.incomplete else "")
                name = form.subject or ""
                if form.kind == "department_self_evaluation":
                    name = f"{name}（部门整体）"
                table.add_row(str(n + 1), _num(form.year), name, _num(total.full_year_budget),
                              _num(total.executed), rate, str(len(form.indicators)), score)
            console.print(table)
        if doc.evaluations:
            table = _table(f"{doc.source}（{len(doc.evaluations)} 份评价报告）",
                           ("#", "类型", "年度", "评价对象", "综合得分", "等级", "部分", "指标行", "附表", "引用数字"))
            for n, ev in enumerate(doc.evaluations):
                kind = "部门整体" if ev.kind == "department_evaluation" else "项目支出"
                parts = "，".join(f"{p.name} {_num(p.score)}/{_num(p.max)}" for p in ev.parts)
                table.add_row(str(n + 1), kind, _num(ev.year), ev.subject, _num(ev.total_score), ev.grade or "",
                              parts, str(len(ev.indicators)), str(len(ev.tables)), str(len(ev.figures)))
            console.print(table)
        if doc.target_declarations:
            table = _table(f"{doc.source}（{len(doc.target_declarations)} 张绩效目标申报表）",
                           ("#", "单位", "项目编码", "项目名称", "资金总额", "财政拨款", "其他资金", "指标数"))
            for n, td in enumerate(doc.target_declarations):
                name = td.project_name or ("部门整体" if td.kind == "department_target_declaration" else "")
                table.add_row(str(n + 1), td.unit, td.project_code or "", name, _num(td.total_amount),
                              _num(td.fiscal_amount), _num(td.other_amount), str(len(td.indicators)))
            console.print(table)
        if doc.budget_tables:
            table = _table(f"{doc.source}（{len(doc.budget_tables)} 张预算表）",
                           ("#", "表号", "表名", "单位", "列", "行"))
            for n, bt in enumerate(doc.budget_tables):
                table.add_row(str(n + 1), bt.code, bt.title, bt.money_unit, str(len(bt.columns)), str(len(bt.rows)))
            console.print(table)
        for warning in doc.warnings:
            console.print(f"[yellow]提示[/yellow] {warning}")
