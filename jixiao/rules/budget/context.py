"""What a budget check sees: the document's tables, declarations and narrative, one profile, and
the helpers that turn a problem into a ``Finding`` on the right form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.tables import ROLE_NAMES, BudgetTable
from jixiao.rules.finding import Category, Finding, FormRef, Severity, locate
from jixiao.rules.profile import Profile

if TYPE_CHECKING:
    from jixiao.model.document import Document
    from jixiao.rules.base import Rule


TEN_THOUSAND = Decimal(10000)
AMOUNTS = ("total_amount", "fiscal_amount", "other_amount", "fiscal_basic", "fiscal_project", "other_basic",
           "other_project")


class BudgetSettings(BaseModel):
    """The ``[budget]`` table of a profile."""

    # Differences up to this many 万元 per summed row are display rounding (info), never an error.
    rounding_per_row: Decimal = Decimal("0.005")
    # A narrative amount is printed to this many decimals (万元); within half a unit it agrees.
    narrative_places: int = 2
    # Level-3 wording of a cost-control indicator that states the project's whole amount.
    control_words: list[str] = Field(default_factory=lambda: [
        "预算控制数", "总成本", "成本控制数", "预算总额", "项目预算", "控制在"])
    # Wording of a per-unit cost (每人, 人均, 单价 …): never compared with the project amount.
    per_unit_words: list[str] = Field(default_factory=lambda: [
        "每", "人均", "户均", "单价", "标准", "/"])
    # Placeholder text left from a template.
    placeholders: list[str] = Field(default_factory=lambda: ["**", "＊＊", "XX", "xx", "××", "……"])


def in_wan(table: BudgetTable) -> BudgetTable:
    """The table with its amounts in 万元: every value of a table printed in 元 ÷ 10,000 (the printed
    texts stay as printed)."""
    if table.money_unit != "元":
        return table
    rows = [row.model_copy(update={"values": [v / TEN_THOUSAND if v is not None else None for v in row.values]})
            for row in table.rows]
    return table.model_copy(update={"rows": rows, "money_unit": "万元"})


def declaration_in_wan(td: TargetDeclaration) -> TargetDeclaration:
    if td.money_unit != "元":
        return td
    amounts = {k: getattr(td, k) / TEN_THOUSAND for k in AMOUNTS if getattr(td, k) is not None}
    return td.model_copy(update={**amounts, "money_unit": "万元"})


@dataclass
class BudgetContext:
    source: str
    doc: Document
    profile: Profile
    settings: BudgetSettings
    rule: Rule | None = None
    _tables: dict[str, tuple[int, BudgetTable]] = field(default_factory=dict)
    _roles: dict[str, BudgetTable] = field(default_factory=dict)
    _view: list[BudgetTable] = field(default_factory=list)
    _forms: list[TargetDeclaration] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self._view or self._forms:
            return  # a copy for another rule: already built
        self._view = [in_wan(t) for t in self.doc.budget_tables]
        self._forms = [declaration_in_wan(d) for d in self.doc.target_declarations]
        for index, table in enumerate(self._view):
            self._tables.setdefault(table.code, (index, table))
            if table.role and (table.role not in self._roles or not self._roles[table.role].rows):
                self._roles[table.role] = table

    @property
    def tables(self) -> list[BudgetTable]:
        """The document's budget tables, amounts in 万元 (a table printed in 元 is scaled)."""
        return self._view

    def table(self, role: str) -> BudgetTable | None:
        """The document's table of one role ("summary", "income" …, see recognize/budget/roles.py),
        whatever number the document gives it."""
        return self._roles.get(role)

    @staticmethod
    def name(table: BudgetTable | None, role: str = "") -> str:
        """How a message names a table: its printed code ("预算01表", "表1"), else its title."""
        if table is not None and table.printed_code:
            return table.printed_code
        if table is not None and table.title:
            return table.title
        return ROLE_NAMES.get(role, role)

    @staticmethod
    def full_name(table: BudgetTable) -> str:
        """"预算01表（收支总表）", or the title alone where the document prints no code."""
        if table.printed_code:
            return f"{table.printed_code}（{table.title}）" if table.title else table.printed_code
        return table.title or ROLE_NAMES.get(table.role or "", table.code)

    def projects(self) -> list[tuple[int, TargetDeclaration]]:
        return self._declarations("project_target_declaration")

    def departments(self) -> list[tuple[int, TargetDeclaration]]:
        return self._declarations("department_target_declaration")

    def _declarations(self, kind: str) -> list[tuple[int, TargetDeclaration]]:
        forms = [d for d in self._forms if d.kind == kind]
        return list(enumerate(forms))

    @property
    def year(self) -> int | None:
        if self.doc.budget_disclosure and self.doc.budget_disclosure.year:
            return self.doc.budget_disclosure.year
        return next((d.year for d in self.doc.target_declarations if d.year), None)

    def _make(self, form: FormRef, line: int | None, message: str, expected: Any, actual: Any,
              severity: Severity | None, code: str | None, category: Category | None, where: Any = None) -> Finding:
        assert self.rule is not None
        location = locate(line, where) if line is not None or where is not None else {}
        return Finding(code=code or self.rule.code, category=category or self.rule.category,
                       severity=severity or self.rule.severity, source=self.source, form=form,
                       location=location, message=message, expected=expected, actual=actual,
                       profile=self.profile.name, rule=self.rule.name)

    def on_table(self, table: BudgetTable, message: str, *, line: int | None = None, expected: Any = None,
                 actual: Any = None, severity: Severity | None = None, code: str | None = None,
                 category: Category | None = None) -> Finding:
        index = self._tables[table.code][0] if table.code in self._tables else 0
        line = line if line is not None else table.location.line_start
        return self._make(FormRef(kind="budget_table", project_name=None, index=index), line, message,
                          expected, actual, severity, code, category, table.location)

    def on_declaration(self, index: int, form: TargetDeclaration, message: str, *, line: int | None = None,
                       expected: Any = None, actual: Any = None, severity: Severity | None = None,
                       code: str | None = None, category: Category | None = None) -> Finding:
        line = line if line is not None else form.location.line_start
        return self._make(FormRef(kind=form.kind, project_name=form.project_name, index=index), line, message,
                          expected, actual, severity, code, category, form.location)

    def on_narrative(self, message: str, *, line: int | None = None, expected: Any = None, actual: Any = None,
                     severity: Severity | None = None, code: str | None = None,
                     category: Category | None = None) -> Finding:
        """A finding on the disclosure's narrative itself (no table involved)."""
        return self._make(FormRef(kind="budget_disclosure", project_name=None, index=0), line, message, expected,
                          actual, severity, code, category)
