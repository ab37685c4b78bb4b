"""Numbers quoted in a report's text: rates and amounts (``figures``) and statements about the
indicator system (「产出指标（30 分）」, 「项目决策指标，满分 10 分，评价得分为 9.84 分」)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.evaluation import Amount, Breakdown, Figure, Statement
from jixiao.read.text import Row
from jixiao.recognize.evaluation.common import line_text
from jixiao.recognize.evaluation.vocabulary import COMPILED

_NUMBER = re.compile(r"(-?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(%|万元|元)")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:、（）()“”\"]")
_SYSTEM = re.compile(r"([\u4e00-\u9fff]{2,6}?)指标\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_RESULT = re.compile(r"([\u4e00-\u9fff]{2,6}?)指标\s*[,，]\s*满分\s*(\d+(?:\.\d+)?)\s*分\s*[,，]\s*评价得分(?:为)?\s*"
                     r"(\d+(?:\.\d+)?)\s*分")


def figures_in(text: str, line: int, source: str = "narrative") -> list[Figure]:
    """Every 「name number unit」 in ``text`` whose name is in the vocabulary."""
    found: list[Figure] = []
    for m in _NUMBER.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        clause = _CLAUSE_BREAK.split(before)[-1]
        clause = re.sub(r"\s+", "", clause)
        for name, pattern in COMPILED:
            hit = pattern.search(clause)
            if hit:
                raw = m.group(1).replace(" ", "")
                found.append(Figure(name=name, label=clause, value=Decimal(raw.replace(",", "")), unit=m.group(2),
                                    printed=m.group(0), line=line, source=source))
                break
    return found


_MONEY = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元)")


def _amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    for m in _MONEY.finditer(text):
        label = re.sub(r"\s+", "", _CLAUSE_BREAK.split(text[max(0, m.start() - 30):m.start()])[-1])
        found.append(Amount(label=label, value=Decimal(m.group(1).replace(",", "")), unit=m.group(2),
                            printed=m.group(0)))
    return found


def breakdowns_in(text: str, line: int) -> list[Breakdown]:
    """Each sentence 「A x 万元，其中 B y 万元、C z 万元」 with at least two parts after 「其中」."""
    found: list[Breakdown] = []
    for sentence in re.split(r"[。；;]", text):
        head, sep, tail = sentence.partition("其中")
        if not sep:
            continue
        totals, parts = _amounts(head), _amounts(tail)
        if totals and len(parts) >= 2 and "约" not in sentence and "余" not in sentence:
            found.append(Breakdown(total=totals[-1], parts=parts, line=line))
    return found


def narrative(rows: list[Row], lo: int, hi: int) -> tuple[list[Figure], list[Statement]]:
    figures: list[Figure] = []
    statements: list[Statement] = []
    for row in rows[lo:hi]:
        if row.hard:
            continue
        text = line_text(row)
        figures.extend(figures_in(text, row.line_start))
        for m in _SYSTEM.finditer(text):
            statements.append(Statement(part=_part(m.group(1)), max=Decimal(m.group(2)), printed=m.group(0),
                                        line=row.line_start))
        for m in _RESULT.finditer(text):
            statements.append(Statement(part=_part(m.group(1)), max=Decimal(m.group(2)), score=Decimal(m.group(3)),
                                        printed=m.group(0), line=row.line_start))
    return figures, statements


def _part(words: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+是|其中|和|及)", "", words)
