"""The cells of a self-evaluation read from a scan, and the form's own arithmetic over them.

A cell is named by its path (``funds.total.executed``, ``indicators.3.score``, ``total_score``: the
paths of the web's edit machinery, plus the weights). The arithmetic a form must satisfy is a list of
:class:`Relation` — each funds row's 执行率 = 全年执行数 ÷ 全年预算数, the 预算执行率得分 = min(执行率, 1) ×
分值, each funds column's parts = its 年度资金总额, the scores = the 总分, the weights = 总分栏分值 (or the
profile's 100) — compared at the printed precision as the rules compare them (``jixiao.rules.numeric``).

:func:`repairs` looks for a single-digit change (one digit replaced, dropped or added) of one OCR'd
cell after which every relation the cell takes part in holds (at least one of them was broken):
what an OCR misreading looks like. Nothing here changes the form; a repair is only a suggestion a finding names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.selfeval import FUND_ROWS, SelfEvaluation
from jixiao.model.values import is_blank, parse_number, parse_percent
from jixiao.rules.numeric import compare, compare_sum
from jixiao.rules.profile import Profile

FUND_COLUMNS = {"initial_budget": "年初预算数", "full_year_budget": "全年预算数", "executed": "全年执行数",
                "weight": "分值", "execution_rate": "执行率", "score": "得分"}
FUND_ROW_NAMES = {"total": "年度资金总额", "current_year_appropriation": "当年财政拨款",
                  "prior_year_carryover": "上年结转资金", "other": "其他资金"}
INDICATOR_NUMBERS = {"weight": "分值", "score": "得分"}
INDICATOR_VALUES = {"target": "年度指标值", "actual": "实际完成值"}
CROSSFOOT = ("initial_budget", "full_year_budget", "executed")
ONE = Decimal(1)
PERCENT_FINE = Decimal("0.1")
MAX_REPAIRS = 3  # misread cells looked for on one form


@dataclass(frozen=True, slots=True)
class OcrCell:
    """A cell the form took from a scan: its path, how a message names it, its row's line, the
    text as read and its OCR confidence; ``number``: an amount, rate, weight, score or total (else a
    target or actual)."""

    path: str
    label: str
    line: int | None
    text: str
    confidence: float
    number: bool


Getter = Callable[[str], tuple[Decimal | None, str | None]]


@dataclass(frozen=True, slots=True)
class Relation:
    """One equation of the form: its name in a message, the finding category that reports it broken,
    the cells it reads, and whether it holds (``None``: it cannot be checked, a cell is empty)."""

    name: str
    category: str
    paths: tuple[str, ...]
    holds: Callable[[Getter], bool | None]


@dataclass(frozen=True, slots=True)
class Repair:
    cell: OcrCell
    text: str  # the suggested reading
    restores: tuple[str, ...]  # names of the relations it makes hold
    categories: tuple[str, ...]  # the finding categories that report those relations broken


def ocr_cells(form: SelfEvaluation) -> list[OcrCell]:
    """Every cell of the form with an OCR confidence, in the order the form prints them."""
    cells: list[OcrCell] = []
    for row in FUND_ROWS:
        fund = getattr(form.funds, row)
        for col, text in fund.printed.items():
            if col in fund.confidence and col in FUND_COLUMNS:
                cells.append(OcrCell(f"funds.{row}.{col}", f"{FUND_ROW_NAMES[row]}{FUND_COLUMNS[col]}", fund.line,
                                     text, fund.confidence[col], True))
    canonical = {id(getattr(form.funds, row)) for row in FUND_ROWS}
    for k, entry in enumerate(form.funds_rows):  # rows beyond the four canonical ones (基本支出 …)
        if entry.role in FUND_ROWS or (k == 0 and entry.role is None) or id(entry) in canonical:
            continue
        for col, text in entry.printed.items():
            if col in entry.confidence and col in FUND_COLUMNS:
                cells.append(OcrCell(f"funds_rows.{k}.{col}", f"{entry.label}{FUND_COLUMNS[col]}", entry.line, text,
                                     entry.confidence[col], True))
    for n, ind in enumerate(form.indicators):
        name = ind.level3 or ind.level2 or ""
        for key, what in INDICATOR_NUMBERS.items():
            text = ind.printed.get(key)
            if text and key in ind.confidence:
                cells.append(OcrCell(f"indicators.{n}.{key}", f"第{n + 1}行指标「{name}」{what}", ind.line, text,
                                     ind.confidence[key], True))
        for key, what in INDICATOR_VALUES.items():
            text = getattr(ind, key)
            if text and key in ind.confidence:
                cells.append(OcrCell(f"indicators.{n}.{key}", f"第{n + 1}行指标「{name}」{what}", ind.line, text,
                                     ind.confidence[key], False))
    for key, what in (("total_weight", "总分栏分值"), ("total_score", "总分")):
        text = form.total_printed.get(key)
        if text and key in form.total_confidence:
            cells.append(OcrCell(key, what, form.total_line, text, form.total_confidence[key], True))
    return cells


def _value(path: str, text: str | None) -> Decimal | None:
    if text is None or is_blank(text):
        return None
    if path.endswith(".execution_rate"):
        rate = parse_percent(text)
        if rate is not None:
            return rate
        number = parse_number(text)
        return number if number is None or number <= 1 else number / 100
    return parse_number(text)


def getter(form: SelfEvaluation, override: dict[str, str] | None = None) -> Getter:
    """(value, printed text) of a path, with ``override`` texts in place of the printed ones."""
    def get(path: str) -> tuple[Decimal | None, str | None]:
        if override and path in override:
            return _value(path, override[path]), override[path]
        parts = path.split(".")
        if parts[0] == "funds":
            row = getattr(form.funds, parts[1])
            return getattr(row, parts[2]), row.printed.get(parts[2])
        if parts[0] == "funds_rows":
            entry = form.funds_rows[int(parts[1])]
            return getattr(entry, parts[2]), entry.printed.get(parts[2])
        if parts[0] == "indicators":
            ind = form.indicators[int(parts[1])]
            return getattr(ind, parts[2]), ind.printed.get(parts[2])
        return getattr(form, parts[0]), form.total_printed.get(parts[0])
    return get


def relations(form: SelfEvaluation, profile: Profile) -> list[Relation]:
    """The form's arithmetic (the equations its printed cells allow checking)."""
    units = profile.scoring.rounding_units
    out: list[Relation] = []
    for row in FUND_ROWS:
        p = f"funds.{row}."
        out.append(Relation(f"{FUND_ROW_NAMES[row]}执行率", "execution_rate",
                            (p + "full_year_budget", p + "executed", p + "execution_rate"), _rate(p, units)))
    p = "funds.total."
    out.append(Relation("预算执行率得分", "execution_score",
                        (p + "full_year_budget", p + "executed", p + "execution_rate", p + "weight", p + "score"),
                        _execution_score(profile.weights.execution, units)))
    for col in CROSSFOOT:
        paths = tuple(f"funds.{row}.{col}" for row in FUND_ROWS)
        out.append(Relation(f"资金{FUND_COLUMNS[col]}合计", "crossfoot", paths, _crossfoot(paths, units)))
    scored = [n for n, ind in enumerate(form.indicators) if ind.score is not None or ind.weight is not None]
    scores = ("funds.total.score", *(f"indicators.{n}.score" for n in scored))
    out.append(Relation("各项得分之和", "total", (*scores, "total_score"), _total(scores, units)))
    weights = ("funds.total.weight", *(f"indicators.{n}.weight" for n in scored))
    out.append(Relation("各项分值之和", "weights", (*weights, "total_weight"),
                        _weights(weights, profile.weights.total)))
    return out


def _rate(p: str, units: Decimal) -> Callable[[Getter], bool | None]:
    def holds(get: Getter) -> bool | None:
        (budget, _), (executed, _), (rate, text) = get(p + "full_year_budget"), get(p + "executed"), \
            get(p + "execution_rate")
        if budget is None or executed is None or rate is None or budget <= 0:
            return None
        return compare(rate * 100, executed / budget * 100, text, units, fine=PERCENT_FINE) != "mismatch"
    return holds


def _execution_score(default_weight: Decimal, units: Decimal) -> Callable[[Getter], bool | None]:
    p = "funds.total."

    def holds(get: Getter) -> bool | None:
        (budget, _), (executed, _), (rate, _) = get(p + "full_year_budget"), get(p + "executed"), \
            get(p + "execution_rate")
        (weight, _), (score, text) = get(p + "weight"), get(p + "score")
        if budget is not None and executed is not None and budget > 0:
            rate = executed / budget
        if rate is None or score is None:
            return None
        return compare(score, min(rate, ONE) * (weight if weight is not None else default_weight), text,
                       units) != "mismatch"
    return holds


def _crossfoot(paths: tuple[str, ...], units: Decimal) -> Callable[[Getter], bool | None]:
    def holds(get: Getter) -> bool | None:
        (total, text), *parts = (get(p) for p in paths)
        if total is None or all(v is None for v, _ in parts):
            return None  # a blank part counts as 0, as the crossfoot check counts it
        computed = sum((v for v, _ in parts if v is not None), Decimal(0))
        return compare_sum(total, computed, text, [t for _, t in parts], units) != "mismatch"
    return holds


def _total(paths: tuple[str, ...], units: Decimal) -> Callable[[Getter], bool | None]:
    def holds(get: Getter) -> bool | None:
        total, text = get("total_score")
        parts = [get(p) for p in paths]
        if total is None or any(v is None for v, _ in parts):
            return None
        computed = sum((v for v, _ in parts if v is not None), Decimal(0))
        return compare_sum(total, computed, text, [t for _, t in parts], units, at_parts_precision=True) != "mismatch"
    return holds


def _weights(paths: tuple[str, ...], full: Decimal) -> Callable[[Getter], bool | None]:
    def holds(get: Getter) -> bool | None:
        parts = [get(p)[0] for p in paths]
        if any(v is None for v in parts):
            return None
        total = get("total_weight")[0]
        return sum((v for v in parts if v is not None), Decimal(0)) == (total if total is not None else full)
    return holds


def variants(text: str) -> Iterator[str]:
    """Every text one digit away from ``text``: a digit replaced, dropped or added."""
    seen = {text}
    digits = "0123456789"
    for k, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for d in digits:
            if d != ch:
                seen.add(text[:k] + d + text[k + 1:])
        seen.add(text[:k] + text[k + 1:])
    for k in range(len(text) + 1):
        near = text[k - 1:k] + text[k:k + 1]
        if any(c.isdigit() for c in near):
            for d in digits:
                seen.add(text[:k] + d + text[k:])
    seen.discard(text)
    yield from sorted(seen)


@dataclass
class _State:
    override: dict[str, str] = field(default_factory=dict)


def repairs(form: SelfEvaluation, profile: Profile) -> list[Repair]:
    """The misread cells that best explain the broken arithmetic: repeatedly, the one single-digit
    change of an OCR'd number cell that restores the most broken relations and breaks none (ties: the
    less certain cell first), until nothing is broken or no change helps."""
    cells = {c.path: c for c in ocr_cells(form) if c.number}
    if not cells:
        return []
    rels = relations(form, profile)
    state = _State()
    found: list[Repair] = []
    for _ in range(MAX_REPAIRS):
        get = getter(form, state.override)
        verdicts = [r.holds(get) for r in rels]
        broken = [r for r, v in zip(rels, verdicts, strict=True) if v is False]
        if not broken:
            break
        best: tuple[int, float, str, Repair] | None = None
        candidates = {p for r in broken for p in r.paths if p in cells and p not in state.override}
        for path in sorted(candidates):
            cell = cells[path]
            touched = [(r, v) for r, v in zip(rels, verdicts, strict=True) if path in r.paths]
            for text in variants(cell.text):
                if _value(path, text) is None:
                    continue
                trial = getter(form, {**state.override, path: text})
                after = [(r, v, r.holds(trial)) for r, v in touched]
                if any(now is False or (v is True and now is not True) for _, v, now in after):
                    continue  # a misreading explains every sum of its cell, and breaks none that held
                restored = [r for r, v, now in after if v is False and now is True]
                if not restored:
                    continue
                key = (-len(restored), cell.confidence, path)
                if best is None or key < best[:3]:
                    best = (*key, Repair(cell, text, tuple(r.name for r in restored),
                                         tuple(dict.fromkeys(r.category for r in restored))))
        if best is None:
            break
        repair = best[3]
        found.append(repair)
        state.override[repair.cell.path] = repair.text
    return found


__all__ = ["OcrCell", "Relation", "Repair", "ocr_cells", "relations", "repairs", "variants"]
