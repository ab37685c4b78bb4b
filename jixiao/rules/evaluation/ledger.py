"""The amounts a report's own tables give, by meaning: the figures the text quotes are checked
against these (决算表 for department reports, 项目预算执行情况表 for project reports). The recognizer
reads them (``jixiao.recognize.evaluation.ledger``); here they are named and turned into rates."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.evaluation import Evaluation
from jixiao.model.evaluation import LedgerAmount as Amount  # the name the rules know it by


def amounts(ev: Evaluation) -> dict[str, Amount]:
    """Named amounts (万元): budget, initial_budget, executed, basic_*, project_*, carryover, public_*
    — as the recognizer read them from the report's tables (``Evaluation.amounts``)."""
    return ev.amounts


def rates(found: dict[str, Amount]) -> dict[str, tuple[Decimal, str]]:
    """Rates recomputed from the amounts, with the formula as a message shows it."""
    out: dict[str, tuple[Decimal, str]] = {}
    budget, executed, initial = found.get("budget"), found.get("executed"), found.get("initial_budget")
    if budget and executed and budget.value:
        out["预算执行率"] = (executed.value / budget.value, f"{executed.printed}÷{budget.printed}")
        out["预决算差异率"] = ((executed.value - budget.value) / budget.value,
                           f"({executed.printed}−{budget.printed})÷{budget.printed}")
    carry = found.get("carryover")
    if carry and budget and budget.value:
        out["结转结余率"] = (carry.value / budget.value, f"{carry.printed}÷{budget.printed}")
    if budget and initial and initial.value:
        out["支出预算调整率"] = ((budget.value - initial.value) / initial.value,
                             f"({budget.printed}−{initial.printed})÷{initial.printed}")
    pub_b, pub_e = found.get("public_budget"), found.get("public_executed")
    if pub_b and pub_e and pub_b.value:
        out["公用经费控制率"] = (pub_e.value / pub_b.value, f"{pub_e.printed}÷{pub_b.printed}")
    out_alias = dict(out)
    if "预算执行率" in out:
        out_alias["支出预算执行率"] = out["预算执行率"]
    return out_alias


# figure name → amount key
AMOUNT_OF: dict[str, str] = {
    "全年预算数": "budget", "调整预算数": "budget", "预算金额": "budget", "年初预算数": "initial_budget",
    "基本支出预算数": "basic_budget", "项目支出预算数": "project_budget", "总体支出": "executed",
    "实际支出": "executed", "支出": "executed", "基本支出": "basic_executed", "项目支出": "project_executed",
    "结转结余": "carryover",
}


__all__ = ["AMOUNT_OF", "Amount", "amounts", "rates"]
