"""Where each evaluation report begins and ends, and what it is about (kind, subject, year)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.read.text import Row
from jixiao.recognize.evaluation.common import is_single, line_text, nf

_REPORT_HEADING = re.compile(r"(?:支出|整体|项目|部门|单位)\S{0,20}?"
                             r"(?:绩效评价报告|绩效评价情况报告|绩效评价结果报告)$")
_SUMMARY_TITLE = re.compile(r"(?:评价结论一览表|评价结果一览表|评价得分一览表)$")
_SELF_EVALUATION = re.compile(r"(?:项目支出绩效自评表|绩效自评表)")
_MAX_HEADING = 60


@dataclass
class Span:
    """Rows ``[start, end)`` of one report in the document's row list."""

    start: int
    end: int
    heading: str = ""
    has_summary: bool = False


def _heading(row: Row) -> str | None:
    if not is_single(row):
        return None
    t = nf(line_text(row))
    return t if 0 < len(t) <= _MAX_HEADING else None


def find_spans(rows: list[Row]) -> list[Span]:
    """One span per report: a 「…绩效评价报告」 heading (or a 结论一览表 title where no heading
    precedes it) starts a report; the next one, or the start of a self-evaluation section, ends it."""
    spans: list[Span] = []
    stop = len(rows)
    for i, row in enumerate(rows):
        h = _heading(row)
        if h is None:
            continue
        if _SELF_EVALUATION.search(h) and "评价报告" not in h:
            stop = i
            break
        if _REPORT_HEADING.search(h) and "自评" not in h:
            spans.append(Span(start=i, end=stop, heading=h))
        elif _SUMMARY_TITLE.search(h):
            if not spans or spans[-1].has_summary:
                spans.append(Span(start=i, end=stop, heading=h))
            spans[-1].has_summary = True
    for n, span in enumerate(spans):
        span.end = spans[n + 1].start if n + 1 < len(spans) else stop
    return [s for s in spans if s.has_summary or _has_table(rows, s)]


def _has_table(rows: list[Row], span: Span) -> bool:
    return any(r.hard and "一级指标" in "".join(nf(c.text) for c in r.cells) for r in rows[span.start:span.end])


def report_kind(heading: str, part_names: list[str], rows: list[Row]) -> str:
    """ "project_evaluation" or "department_evaluation", from the heading, the part names or the text."""
    if "整体" in heading or ("部门" in heading and "项目" not in heading):
        return "department_evaluation"
    if "项目" in heading:
        return "project_evaluation"
    joined = "".join(part_names)
    if "项目" in joined:
        return "project_evaluation"
    if "部门" in joined or "整体" in joined:
        return "department_evaluation"
    head = "".join(nf(line_text(r)) for r in rows[:12])
    return "project_evaluation" if "项目" in head and "整体" not in head else "department_evaluation"


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,80})[”\"」』》]\s*项目")
_UNIT_BEFORE_YEAR = re.compile(r"^([^，。,；;：:“”\"]{2,60}?)\s*(?:19|20)\d{2}\s*年度?\s*(?:部门)?整体")


_UNIT_LABEL = re.compile(r"(?:编制单位|部门名称|单位名称|被评价单位)\s*[:：]\s*(\S{2,60})")


def subject_and_year(kind: str, rows: list[Row]) -> tuple[str, int | None]:
    """The unit (department reports) or project (project reports) evaluated, and the year."""
    year: int | None = None
    subject = ""
    for row in rows[:40]:
        t = line_text(row)
        if year is None:
            m = _YEAR.search(t)
            if m and not re.search(r"于\s*" + m.group(1), t):
                year = int(m.group(1))
        if not subject:
            if kind == "project_evaluation":
                q = _QUOTED.search(t)
                if q:
                    subject = q.group(1).strip()
            else:
                u = _UNIT_BEFORE_YEAR.search(t.strip())
                if u:
                    subject = u.group(1).strip()
        if subject and year is not None:
            break
    if not subject and kind == "department_evaluation":
        for row in rows:
            m = _UNIT_LABEL.search(line_text(row))
            if m:
                subject = m.group(1).strip()
                break
    return subject, year
