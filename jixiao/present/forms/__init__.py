"""Write forms in the official layout as DOCX, XLSX or PDF (and blank templates a unit can fill in).

``write_form(form, fmt, path)`` renders a self-evaluation, a target declaration or an evaluation's
score table (or a list of them, one per page/worksheet); ``write_template(kind, fmt, path)`` writes
the blank form. Every written file reads back through :func:`jixiao.read.office.read_document`
into the same forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from jixiao.errors import PresentError
from jixiao.model.declaration import TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.kinds import FORM_KINDS
from jixiao.model.monitoring import MonitoringReport
from jixiao.model.selfeval import SelfEvaluation
from jixiao.present.formats import formats_of
from jixiao.present.forms.layout import Sheet
from jixiao.present.forms.selfeval import selfeval_sheet

FORMATS = formats_of("form")
TEMPLATES = tuple(info.template for info in FORM_KINDS.values() if info.template)
# The form kinds with an official layout, and the layout each is written in.
LAYOUTS = {kind: info.layout for kind, info in FORM_KINDS.items() if info.layout}
Form = SelfEvaluation | TargetDeclaration | Evaluation | MonitoringReport


class FormWriteError(PresentError, ValueError):
    """An unknown format or form kind (one-line reason)."""


def form_model(kind: str, data: str | dict[str, Any]) -> Form:
    """The model of a stored form of ``kind`` (one of :data:`LAYOUTS`) from its JSON (text, or already
    parsed)."""
    model = FORM_KINDS[kind].model
    form = model.model_validate_json(data) if isinstance(data, str) else model.model_validate(data)
    return cast(Form, form)


def sheets_of(forms: Sequence[Form]) -> list[Sheet]:
    from jixiao.present.forms.declaration import declaration_sheet
    from jixiao.present.forms.evaluation import evaluation_sheet
    from jixiao.present.forms.monitoring import monitoring_sheet

    sheets: list[Sheet] = []
    for n, form in enumerate(forms):
        if isinstance(form, SelfEvaluation):
            sheets.append(selfeval_sheet(form, n))
        elif isinstance(form, TargetDeclaration):
            sheets.append(declaration_sheet(form, n))
        elif isinstance(form, Evaluation):
            sheets.append(evaluation_sheet(form, n))
        elif isinstance(form, MonitoringReport):
            sheets.append(monitoring_sheet(form, n))
        else:
            raise FormWriteError(f"不支持的表单类型 / unsupported form: {type(form).__name__}")
    return sheets


def write_sheets(sheets: list[Sheet], fmt: str, path: Path) -> None:
    if fmt == "docx":
        from jixiao.present.forms.docx_writer import write_docx

        write_docx(sheets, path)
    elif fmt == "xlsx":
        from jixiao.present.forms.xlsx_writer import write_xlsx

        write_xlsx(sheets, path)
    elif fmt == "pdf":
        from jixiao.present.forms.pdf_writer import write_pdf

        write_pdf(sheets, path)
    else:
        raise FormWriteError(f"未知格式 / unknown format: {fmt}（docx | xlsx | pdf）")


def write_form(form: Form | Sequence[Form], fmt: str, path: Path) -> None:
    """Write one form, or several (one page or worksheet each), to ``path`` as ``fmt``."""
    forms: Sequence[Form] = [form] if isinstance(
        form, SelfEvaluation | TargetDeclaration | Evaluation | MonitoringReport) else form
    write_sheets(sheets_of(forms), fmt, Path(path))


def write_template(kind: str, fmt: str, path: Path) -> None:
    """The blank official form ``kind`` ("selfeval" | "department" | "declaration" | "monitoring") as ``fmt``."""
    if kind == "selfeval":
        sheet = selfeval_sheet(None)
    elif kind == "department":
        sheet = selfeval_sheet(None, kind="department_self_evaluation")
    elif kind == "declaration":
        from jixiao.present.forms.declaration import declaration_sheet

        sheet = declaration_sheet(None)
    elif kind == "monitoring":
        from jixiao.present.forms.monitoring import monitoring_sheet

        sheet = monitoring_sheet(None)
    else:
        raise FormWriteError(f"未知模板 / unknown template: {kind}（{' | '.join(TEMPLATES)}）")
    write_sheets([sheet], fmt, Path(path))


__all__ = ["FORMATS", "LAYOUTS", "TEMPLATES", "Form", "FormWriteError", "form_model", "write_form", "write_template"]
