"""Evaluation reports (部门整体 / 项目支出绩效评价) → :class:`~jixiao.model.evaluation.Evaluation`."""

from __future__ import annotations

from jixiao.model.evaluation import Evaluation
from jixiao.read.text import TextDocument
from jixiao.recognize.stream import Tok


def recognize_evaluations(text: TextDocument, tokens: list[Tok]) -> list[Evaluation]:
    """Every evaluation report in the document, in document order (with its attached tables)."""
    return []
