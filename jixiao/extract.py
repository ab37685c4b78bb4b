"""The library entry point for extraction: a file (or bytes) → one DOC of DESIGN §5.1."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from jixiao.model.declaration import TargetDeclaration
from jixiao.model.disclosure import Disclosure
from jixiao.model.evaluation import Evaluation
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.tables import BudgetTable
from jixiao.read.office import locate_pages, read_document
from jixiao.recognize.budget import recognize_budget
from jixiao.recognize.evaluation import recognize_evaluations
from jixiao.recognize.forms import recognize as recognize_forms
from jixiao.recognize.forms import view
from jixiao.recognize.forms.choose import choose, fill_funds_rows
from jixiao.recognize.selfeval import recognize_self_evaluations
from jixiao.recognize.stream import tokenize

MAX_BYTES = 64 * 1024 * 1024


class Document(BaseModel):
    """Everything recognized in one input file."""

    source: str
    format: str = "text"
    encoding: str | None = None
    self_evaluations: list[SelfEvaluation] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    target_declarations: list[TargetDeclaration] = Field(default_factory=list)
    budget_tables: list[BudgetTable] = Field(default_factory=list)
    budget_disclosure: Disclosure | None = None  # a budget disclosure's narrative figures
    warnings: list[str] = Field(default_factory=list)

    def form_count(self) -> int:
        return (len(self.self_evaluations) + len(self.evaluations) + len(self.target_declarations)
                + len(self.budget_tables))


def extract_bytes(data: bytes, source: str) -> Document:
    """Read and recognize one document given as bytes. Never raises on bad content."""
    fmt, text = read_document(data, source)
    doc = Document(source=source, format=fmt, encoding=text.encoding, warnings=list(text.warnings))
    tokens = tokenize(text.rows)
    by_stream = recognize_self_evaluations(tokens)
    # Text whose cells lost their grid is the stream reader's: the header reader reads what it did not
    # find, and only the funds of what it did. Grid documents are the header reader's first.
    known = None if fmt != "text" else [(se.location.line_start, se.location.line_end or se.location.line_start)
                                        for se in by_stream if se.location.line_start is not None]
    by_headers = recognize_forms(view(text.rows, grid=fmt != "text"), known)
    doc.self_evaluations = choose(by_stream, by_headers.forms, prefer_grid=fmt != "text",
                                  margin=0.0 if fmt != "text" else 1.0, partial=by_headers.partial)
    doc.evaluations = recognize_evaluations(text, tokens)
    if doc.evaluations:  # an evaluation report's own tables are not self-evaluations
        doc.self_evaluations = [se for se in doc.self_evaluations if se not in by_headers.forms
                                or not _inside(se, doc.evaluations)]
    for se in doc.self_evaluations:
        fill_funds_rows(se)
    if by_headers.blank and not doc.self_evaluations:
        doc.warnings.append(f"{source}: 空白表单模板（没有任何数值），未作为自评表记录 / blank form template")
    claimed = [(ev.location.line_start, ev.location.line_end) for ev in doc.evaluations
               if ev.location.line_start is not None and ev.location.line_end is not None]
    claimed += [(se.location.line_start, se.location.line_end) for se in doc.self_evaluations
                if se.location.line_start is not None and se.location.line_end is not None]
    budget = recognize_budget(text, tokens, claimed)
    doc.budget_tables, doc.target_declarations = budget.tables, budget.declarations
    doc.budget_disclosure = budget.disclosure
    locate_pages(text, doc.self_evaluations, doc.evaluations, doc.target_declarations, doc.budget_tables)  # PDF pages
    if not doc.form_count():
        doc.warnings.append(f"{source}: 未识别到任何表单 / no form recognized")
    for n, form in enumerate(doc.self_evaluations):
        if form.incomplete:
            name = form.project_name or "未命名"
            doc.warnings.append(f"{source}: 第{n + 1}张自评表（{name}）不完整：{'；'.join(form.warnings)}")
    return doc


def _inside(form: SelfEvaluation, reports: list[Evaluation]) -> bool:
    start = form.location.line_start or 0
    return any(ev.location.line_start is not None and ev.location.line_end is not None
               and ev.location.line_start <= start <= ev.location.line_end for ev in reports)


def extract_path(path: Path) -> Document:
    """Read one file; raises ``OSError`` when it cannot be read at all."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise OSError(f"文件过大（{size} 字节，上限 {MAX_BYTES}）/ file too large")
    return extract_bytes(path.read_bytes(), str(path))
