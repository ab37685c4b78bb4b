"""A tiny evaluator for the formulas printed under execution tables: column numbers, + − × ÷,
parentheses and a trailing 「*100%」. Never raises; ``None`` when a formula cannot be evaluated."""

from __future__ import annotations

import re
from decimal import Decimal, DivisionByZero, InvalidOperation

_TOKEN = re.compile(r"\d+|[-+*/()]")


def evaluate(expression: str, values: list[Decimal | None]) -> tuple[Decimal, bool] | None:
    """(value, is_percent) of ``expression`` over a row's values (column n = values[n-1], empty = 0)."""
    text = expression.replace("×", "*").replace("÷", "/").replace("（", "(").replace("）", ")").replace(" ", "")
    percent = bool(re.search(r"\*100%$", text))
    text = re.sub(r"\*100%$", "", text).rstrip("%")
    while text.count(")") > text.count("(") and text.endswith(")"):
        text = text[:-1]
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text or not tokens:
        return None
    parser = _Parser(tokens, values)
    try:
        value = parser.expr()
    except (IndexError, ValueError, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
    if parser.pos != len(tokens) or value is None:
        return None
    return value, percent


class _Parser:
    def __init__(self, tokens: list[str], values: list[Decimal | None]) -> None:
        self.tokens, self.values, self.pos = tokens, values, 0

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expr(self) -> Decimal:
        value = self.term()
        while self._peek() in ("+", "-"):
            op = self.tokens[self.pos]
            self.pos += 1
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self._peek() in ("*", "/"):
            op = self.tokens[self.pos]
            self.pos += 1
            right = self.factor()
            if op == "/" and right == 0:
                raise ValueError("division by zero")
            value = value * right if op == "*" else value / right
        return value

    def factor(self) -> Decimal:
        token = self.tokens[self.pos]
        self.pos += 1
        if token == "(":
            value = self.expr()
            if self._peek() != ")":
                raise ValueError("unbalanced")
            self.pos += 1
            return value
        if not token.isdigit():
            raise ValueError(token)
        n = int(token)
        if not 1 <= n <= len(self.values):
            raise ValueError(token)
        return self.values[n - 1] or Decimal(0)
