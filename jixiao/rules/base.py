"""What a check sees (``Context``) and what a check module provides (``Rule``).

A check module defines ``CODE``, ``NAME``, ``SEVERITY`` (its usual severity), ``CATEGORY`` and
``check(ctx) -> Iterable[Finding]``; its docstring is its documentation (first line: summary; then a
bad and a good example).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType
from typing import Any

from jixiao.model.selfeval import Indicator, SelfEvaluation
from jixiao.rules.finding import Category, Finding, FormRef, Severity, locate
from jixiao.rules.profile import Profile
from jixiao.rules.scoring import FormScore, strip_ordinal


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    category: Category
    summary: str
    doc: str
    check: Callable[[Any], Iterable[Finding]]  # a Context, or the context type of its form kind

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        first = doc.split("\n\n")[0]  # the docstring's first paragraph, its lines joined
        summary = "".join(line.strip() if _cjk_join(prev) else " " + line.strip()
                          for prev, line in zip(["", *first.splitlines()], first.splitlines(), strict=False)).strip()
        return cls(code=module.CODE, name=module.NAME, severity=module.SEVERITY, category=module.CATEGORY,
                   summary=summary, doc=doc, check=module.check)


def _cjk_join(previous: str) -> bool:
    """Whether a wrapped line joins the previous one without a space (after CJK text or at the start)."""
    return not previous or "\u2e80" <= previous.rstrip()[-1:] <= "\uffef"


RULE_MODULE = re.compile(r"^[a-z]{2}\d{3}_\w+$")  # se001_execution_rate, bt004_cross_totals, ev010_figures


def discover(package: str) -> tuple[ModuleType, ...]:
    """Every check module of a package (``seNNN_*``, ``btNNN_*``, ``tdNNN_*``, ``evNNN_*``), in code order:
    a new rule is a new module, listed nowhere else."""
    root = importlib.import_module(package)
    names = sorted(m.name for m in pkgutil.iter_modules(root.__path__) if RULE_MODULE.match(m.name))
    return tuple(importlib.import_module(f"{package}.{name}") for name in names)


@dataclass
class Context:
    """One form under one profile, with its recomputed score."""

    source: str
    index: int
    form: SelfEvaluation
    profile: Profile
    score: FormScore
    rule: Rule | None = None

    @property
    def name(self) -> str:
        if self.form.kind == "department_self_evaluation":
            return f"「{self.form.subject or '本部门'}」部门整体自评表"
        return f"「{self.form.project_name or f'第{self.index + 1}张自评表'}」"

    def finding(self, message: str, *, expected: Any = None, actual: Any = None, line: int | None = None,
                severity: Severity | None = None, code: str | None = None, category: Category | None = None,
                ) -> Finding:
        assert self.rule is not None
        return Finding(code=code or self.rule.code, category=category or self.rule.category,
                       severity=severity or self.rule.severity, source=self.source,
                       form=FormRef(kind=self.form.kind, project_name=self.form.project_name, index=self.index),
                       location=locate(line, self.form.location), message=message, expected=expected,
                       actual=actual, profile=self.profile.name, rule=self.rule.name)


def row_name(indicator: Indicator) -> str:
    """How a message names an indicator row: "产出指标/数量指标/发放人数"."""
    parts = [indicator.level1, indicator.level2, strip_ordinal(indicator.level3) or indicator.level3]
    return "「" + "/".join(p for p in parts if p) + "」"


def dec(value: Decimal | None) -> Decimal | None:
    """Round a recomputed value for ``expected`` (4 decimals, trailing zeros dropped)."""
    if value is None:
        return None
    return value.quantize(Decimal("0.0001")).normalize()


# the cells of the 年度资金总额 row a self-evaluation must fill (SE016), and a scan may hide (OC003)
REQUIRED_FUND_COLUMNS = {"full_year_budget": "全年预算数", "executed": "全年执行数", "execution_rate": "执行率",
                         "score": "预算执行率得分"}


def is_blank(printed: dict[str, str], key: str, value: object) -> bool:
    """A cell with no value and nothing printed in it (a "/" or "—" is printed: not blank)."""
    return value is None and not printed.get(key, "").strip()
