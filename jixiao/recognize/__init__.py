"""Recognizers (DESIGN §4 ``recognize``): a grid of cells → typed forms of :mod:`jixiao.model`.
Recognizers never see file formats; a province's wording is lexicon data, not code.

Public API::

    from jixiao.recognize import tokenize, recognize_self_evaluations, recognize_evaluations, recognize_budget

:func:`jixiao.extract.extract_bytes` chains them into one :class:`jixiao.model.Document`;
:func:`apply_edit` re-reads one corrected cell of a self-evaluation. Names load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.lazy import lazy_names

if TYPE_CHECKING:
    from jixiao.recognize.budget import BudgetRecognition, recognize_budget
    from jixiao.recognize.edit import CellEdit, EditError, apply_edit, editable_paths
    from jixiao.recognize.evaluation import recognize_evaluations
    from jixiao.recognize.selfeval import recognize_self_evaluations
    from jixiao.recognize.stream import tokenize

_WHERE = {
    "tokenize": "jixiao.recognize.stream",
    "recognize_self_evaluations": "jixiao.recognize.selfeval",
    "recognize_evaluations": "jixiao.recognize.evaluation",
    "recognize_budget": "jixiao.recognize.budget",
    "BudgetRecognition": "jixiao.recognize.budget",
    "CellEdit": "jixiao.recognize.edit",
    "EditError": "jixiao.recognize.edit",
    "apply_edit": "jixiao.recognize.edit",
    "editable_paths": "jixiao.recognize.edit",
}
__all__ = [
    "BudgetRecognition", "CellEdit", "EditError", "apply_edit", "editable_paths", "recognize_budget",
    "recognize_evaluations", "recognize_self_evaluations", "tokenize",
]
__getattr__ = lazy_names(__name__, _WHERE)
