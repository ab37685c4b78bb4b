"""The typed forms themselves (DESIGN §4 ``model``): pydantic classes, no I/O.

Public API::

    from jixiao.model import Document, SelfEvaluation, FORM_KINDS
    for kind, index, form in document.forms(): ...

A :class:`Document` is what ``recognize`` hands to every later stage; :data:`FORM_KINDS` is the one
registry of form kinds (Chinese name, model, DOC key, layout).
"""

from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
from jixiao.model.disclosure import Disclosure
from jixiao.model.document import Document, Form
from jixiao.model.evaluation import Evaluation, EvaluationIndicator, EvaluationPart
from jixiao.model.kinds import FORM_KINDS, KINDS, FormKind, KindInfo, kind_label, kind_name
from jixiao.model.selfeval import SELF_EVALUATION_KINDS, FundRow, Funds, Indicator, Location, SelfEvaluation
from jixiao.model.tables import BudgetTable, TableRow
from jixiao.model.values import Value

__all__ = [
    "FORM_KINDS", "KINDS", "SELF_EVALUATION_KINDS", "BudgetTable", "DeclaredIndicator", "Disclosure", "Document",
    "Evaluation", "EvaluationIndicator", "EvaluationPart", "Form", "FormKind", "FundRow", "Funds", "Indicator",
    "KindInfo", "Location", "SelfEvaluation", "TableRow", "TargetDeclaration", "Value", "kind_label", "kind_name",
]
