"""Budget disclosures (预算01表–14表, 表1–表9 …) and 绩效目标申报表 → BT and TD of DESIGN §5.1.

Tables are found by their titles (:mod:`.sections`: a 预算NN表 code or a budget table's name) and
given a role by that name (:mod:`.roles`), which the checks use instead of the number; a section whose header is a
project target declaration (项目名称 … 一级/二级/三级指标 … 指标值) becomes one TD per project
(:mod:`.declarations`), a 部门整体支出绩效目标申报表 the department TD (:mod:`.department`), any other
section a BT (:mod:`.grid`). Declaration tables printed without a code are found by their header.
The disclosure's narrative figures are read by :mod:`.narrative`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.disclosure import Disclosure
from jixiao.model.tables import BudgetTable
from jixiao.read.text import Row, TextDocument
from jixiao.recognize.budget.declarations import is_header, parse_declarations
from jixiao.recognize.budget.department import is_title, parse_department
from jixiao.recognize.budget.grid import build_table
from jixiao.recognize.budget.narrative import read_narrative
from jixiao.recognize.budget.project_form import parse_project_form, starts_form
from jixiao.recognize.budget.roles import role_of_table
from jixiao.recognize.budget.sections import Section, find_sections, unglue
from jixiao.recognize.budget.spans import Spans
from jixiao.recognize.stream import Tok

_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass
class BudgetRecognition:
    tables: list[BudgetTable] = field(default_factory=list)
    declarations: list[TargetDeclaration] = field(default_factory=list)
    disclosure: Disclosure | None = None


def _free(row: Row, claimed: Spans) -> bool:
    return row.line_start not in claimed and row.line_end not in claimed


def _document_year(rows: list[Row]) -> int | None:
    for row in rows[:20]:
        if not row.hard and row.cells and "预算" in row.cells[0].text:
            m = _YEAR.search(row.cells[0].text)
            if m:
                return int(m.group(1))
    return None


def _section_forms(section: Section, out: BudgetRecognition) -> None:
    rows = section.rows
    headers = [i for i, row in enumerate(rows) if row.hard and is_header(row)]
    if headers:
        end, unit = 0, ""
        for index in headers:  # a header printed again (a new page, one table per project)
            if index >= end:
                found, end = parse_declarations(rows, index, section.name, unit)
                out.declarations.extend(found)
                unit = found[-1].unit if found else unit
        return
    forms = [i for i in range(len(rows)) if starts_form(rows, i)]
    if forms:  # one project per form (项目名称 … 指标值), not a grid
        for index in forms:
            td, _ = parse_project_form(rows, index, section.name)
            out.declarations.append(td)
        return
    if is_title(section.title) or any(c.text and "整体绩效目标" in c.text for r in rows for c in r.cells[:2]):
        td, _ = parse_department(rows, 0, section.name)
        out.declarations.append(td)
        return
    table = build_table(section)
    table.role = role_of_table(section.code, section.title)
    if table.rows or section.code.startswith("预算"):
        out.tables.append(table)  # a title without a table (a mention, a contents line) is no table


def recognize_budget(text: TextDocument, tokens: list[Tok], claimed: list[tuple[int, int]]) -> BudgetRecognition:
    """Every budget table and target declaration outside the ``claimed`` line spans (inclusive),
    which belong to forms already recognized (e.g. the tables attached to an evaluation report)."""
    out = BudgetRecognition()
    taken = Spans(claimed)
    rows = [r for r in unglue(text.rows) if _free(r, taken)]
    sections = find_sections(rows, [])
    for section in sections:
        if section.rows or section.code.startswith("预算"):
            _section_forms(section, out)
    spans = [(s.head_line, s.line_end) for s in sections if s.rows]
    in_section = Spans(spans)
    index = 0
    while index < len(rows):  # declaration tables printed without a 预算NN表 code
        row = rows[index]
        if row.line_start in in_section:
            index += 1
            continue
        if row.hard and is_header(row):
            found, index = parse_declarations(rows, index, None)
            out.declarations.extend(found)
            continue
        if starts_form(rows, index):
            td, index = parse_project_form(rows, index, None)
            out.declarations.append(td)
            continue
        if row.cells and is_title(row.cells[-1].text) and index + 1 < len(rows):
            td, index = parse_department(rows, index + 1, None)
            if td.indicators:
                out.declarations.append(td)
            continue
        index += 1
    year = _document_year(rows)
    for td in out.declarations:
        td.year = td.year or year
    out.declarations.sort(key=lambda d: d.location.line_start or 0)
    if out.tables or out.declarations:
        out.disclosure = read_narrative(rows, year, in_section)
    return out
