"""The narrative of a budget disclosure (部门预算情况说明) as data: the figures it states.

Each figure keeps the sentence it came from, so that a check can quote it. Amounts in 万元 as
printed (Decimal), counts as integers, rates as fractions.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class Figure(BaseModel):
    """One number the narrative states: ``name`` is a stable key ("income_total", "three_public.
    reception" …), ``label`` the Chinese words it was found after."""

    name: str
    label: str
    value: Decimal
    unit: str = "万元"  # "万元" | "元" | "个" | "%" …
    year: int | None = None  # the year the figure is about, where the sentence says
    text: str = ""  # the sentence, as printed
    line: int | None = None


class Claim(BaseModel):
    """A statement without a number that tables can contradict (「无国有资本经营预算拨款收支」)."""

    name: str
    text: str
    line: int | None = None


class Disclosure(BaseModel):
    year: int | None = None
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def figure(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)


def as_wan(figure: Figure) -> Decimal | None:
    """A money figure in 万元."""
    if figure.unit == "万元":
        return figure.value
    if figure.unit == "元":
        return figure.value / Decimal(10000)
    return None
