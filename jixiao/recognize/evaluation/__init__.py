"""Evaluation reports (部门整体 / 项目支出绩效评价) → :class:`~jixiao.model.evaluation.Evaluation`.

A report runs from its heading (「…绩效评价报告」, or its 结论一览表 where no heading precedes it)
to the next report or the start of a self-evaluation section; everything inside is recognized by
the structure of its tables (header words, numbered columns, 行次) and never by their position in
the document, so sections may come in any order.
"""

from __future__ import annotations

from jixiao.model.evaluation import Evaluation
from jixiao.model.selfeval import Location
from jixiao.read.text import Row, TextDocument
from jixiao.recognize.evaluation.accounts import find_accounts_tables
from jixiao.recognize.evaluation.declarations import find_declarations
from jixiao.recognize.evaluation.execution import find_execution_tables, find_goal_funds_tables
from jixiao.recognize.evaluation.indicator_table import find_indicator_table
from jixiao.recognize.evaluation.ledger import ledger_amounts
from jixiao.recognize.evaluation.narrative import breakdowns_in, figures_in, narrative
from jixiao.recognize.evaluation.sections import Span, find_spans, report_kind, subject_and_year
from jixiao.recognize.evaluation.summary import find_summary, stated_results
from jixiao.recognize.stream import Tok

__all__ = ["recognize_evaluations"]


def recognize_evaluations(text: TextDocument, tokens: list[Tok]) -> list[Evaluation]:
    """Every evaluation report in the document, in document order (with its attached tables)."""
    rows = text.rows
    return [_report(rows, span) for span in find_spans(rows)]


def _report(rows: list[Row], span: Span) -> Evaluation:
    lo, hi = span.start, span.end
    summary = find_summary(rows, lo, hi)
    part_names = [p.name for p in summary.parts] if summary else []
    kind = report_kind(span.heading, part_names, rows[lo:hi])
    subject, year = subject_and_year(kind, rows[lo:hi])
    last = rows[hi - 1] if hi > lo else rows[lo]
    ev = Evaluation(kind=kind, subject=subject, year=year,
                    location=Location(line_start=rows[lo].line_start, line_end=last.line_end))
    if summary is not None:
        ev.parts, ev.total_score, ev.grade = summary.parts, summary.total, summary.grade
        ev.total_printed, ev.total_max, ev.total_line = summary.total_printed, summary.total_max, summary.total_line
        ev.grade_line, ev.summary_line = summary.grade_line, summary.header_line
    else:
        ev.warnings.append("未找到绩效评价结论一览表")
    table = find_indicator_table(rows, lo, hi, part_names)
    if table is not None:
        ev.indicators, ev.indicator_style = table.rows, table.style
        ev.indicator_total_weight, ev.indicator_total_score = table.total_weight, table.total_score
        ev.indicator_total_printed, ev.indicator_total_line = table.total_printed, table.total_line
    else:
        ev.warnings.append("未找到指标体系及打分情况表")
    ev.tables = [*find_accounts_tables(rows, lo, hi), *find_execution_tables(rows, lo, hi),
                 *find_goal_funds_tables(rows, lo, hi)]
    ev.tables.sort(key=lambda t: t.location.line_start or 0)
    ev.declarations = find_declarations(rows, lo, hi)
    figures, statements = narrative(rows, lo, hi)
    for ind in ev.indicators:
        if ind.deduction_reason and ind.line is not None:
            figures.extend(figures_in(ind.deduction_reason, ind.line, source="indicators"))
    ev.figure_details, ev.statements = figures, statements
    for fig in figures:
        if fig.source == "narrative" and fig.name not in ev.figures:
            ev.figures[fig.name] = fig.fraction
    ev.stated_results = stated_results(rows, lo, hi)
    ev.breakdowns = [b for row in rows[lo:hi] if not row.hard
                     for b in breakdowns_in(" ".join(c.text for c in row.cells), row.line_start)]
    ev.amounts = ledger_amounts(ev)
    return ev
