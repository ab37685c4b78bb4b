"""Build self-evaluations in code: a clean form that no rule flags, and small edits to break it."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.selfeval import FundRow, Funds, Indicator, Location, SelfEvaluation
from jixiao.model.values import parse_number, parse_percent, parse_value

Row = tuple[str | None, ...]  # level1 level2 level3 target actual weight score [deviation note]
ROWS: list[Row] = [
    ("产出指标", "数量指标", "发放人次", "≥400人次", "400人次", "20", "20"),
    ("产出指标", "质量指标", "验收合格率", "=100%", "100%", "10", "10"),
    ("产出指标", "时效指标", "支出时间", "≤12月", "11月", "10", "10"),
    ("产出指标", "成本指标", "全年总成本", "≤100万元", "100万元", "10", "10"),
    ("效益指标", "社会效益指标", "居民生活改善", "优良中差", "优", "30", "28"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", "10", "10"),
]


def fund_row(budget: str | None = "100", executed: str | None = "100", weight: str = "10", rate: str | None = "100%",
             score: str | None = "10", line: int = 5) -> FundRow:
    printed = {k: v for k, v in (("full_year_budget", budget), ("executed", executed), ("weight", weight),
                                 ("execution_rate", rate), ("score", score)) if v is not None}
    return FundRow(full_year_budget=parse_number(budget), executed=parse_number(executed), weight=parse_number(weight),
                   execution_rate=parse_percent(rate), score=parse_number(score), printed=printed, line=line)


def indicator(level1: str | None, level2: str | None, level3: str | None, target: str | None, actual: str | None,
              weight: str | None, score: str | None, note: str | None = None, line: int = 20) -> Indicator:
    printed = {k: v for k, v in (("weight", weight), ("score", score)) if v is not None}
    return Indicator(level1=level1, level2=level2, level3=level3, target=target, actual=actual,
                     weight=parse_number(weight), score=parse_number(score), deviation_note=note,
                     target_value=parse_value(target), actual_value=parse_value(actual), printed=printed, line=line)


def _indicator_of(row: Row, line: int) -> Indicator:
    """A :data:`Row` (seven cells, and a deviation note where it has an eighth) as an indicator."""
    level1, level2, level3, target, actual, weight, score, *note = row
    return indicator(level1, level2, level3, target, actual, weight, score, note[0] if note else None, line=line)


def make_form(rows: list[Row] | None = None, total_score: str = "98",
              total_weight: str = "100", **funds: str | None) -> SelfEvaluation:
    """A correct form (98 of 100) unless rows, total or funds say otherwise. ``current``, ``carryover``
    and ``other`` print the 全年执行数 of the funds block's 其中 rows (not printed by default)."""
    indicators = [_indicator_of(row, 20 + n) for n, row in enumerate(rows if rows is not None else ROWS)]
    parts = {name: funds.pop(key) for key, name in (("current", "current_year_appropriation"),
                                                   ("carryover", "prior_year_carryover"), ("other", "other"))
             if key in funds}
    part_rows = {name: FundRow(executed=parse_number(value), printed={"executed": value} if value else {}, line=6 + n)
                 for n, (name, value) in enumerate(parts.items())}
    return SelfEvaluation(
        year=2023, project_name="测试项目", funds=Funds(total=fund_row(**funds), **part_rows),  # type: ignore[arg-type]
        indicators=indicators, total_weight=parse_number(total_weight), total_score=parse_number(total_score),
        total_printed={"total_weight": total_weight, "total_score": total_score}, total_line=40,
        location=Location(line_start=1, line_end=40))


def replace_row(n: int, rows: list[Row] | None = None, **changes: str | None) -> list[Row]:
    """ROWS with row ``n`` changed (keys: level1 level2 level3 target actual weight score note)."""
    keys = ("level1", "level2", "level3", "target", "actual", "weight", "score", "note")
    result = [[*r, None][:8] for r in (rows if rows is not None else ROWS)]
    for key, value in changes.items():
        result[n][keys.index(key)] = value
    return [tuple(r) for r in result]


def dec(text: str) -> Decimal:
    return Decimal(text)
