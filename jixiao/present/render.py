"""Readable terminal output (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from jixiao.extract import Document


def _num(value: object) -> str:
    return "" if value is None else str(value)


def print_extract_table(docs: list[Document], console: Console | None = None) -> None:
    console = console or Console()
    for doc in docs:
        table = Table(title=f"{doc.source}（{len(doc.self_evaluations)} 张自评表）", title_justify="left")
        for header in ("#", "年度", "项目名称", "全年预算数", "全年执行数", "执行率", "指标数", "总分"):
            table.add_column(header, overflow="fold")
        for n, form in enumerate(doc.self_evaluations):
            total = form.funds.total
            rate = total.printed.get("execution_rate", "")
            score = f"{_num(form.total_score)}/{_num(form.total_weight)}" + (" ⚠不完整" if form.incomplete else "")
            table.add_row(str(n + 1), _num(form.year), form.project_name or "", _num(total.full_year_budget),
                          _num(total.executed), rate, str(len(form.indicators)), score)
        console.print(table)
        for warning in doc.warnings:
            console.print(f"[yellow]提示[/yellow] {warning}")
