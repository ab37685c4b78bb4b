"""The per-document work of an ingest: bytes → extracted, checked and flattened into rows.

:func:`process_bytes` is pure (no I/O, no database, no globals written) and its argument and result
are plain picklable data, so a process pool — or later a distributed engine — can run it anywhere.
The parent process only writes the :class:`DocResult` to the database.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from jixiao import __version__
from jixiao.extract import MAX_BYTES, Document, collector_paused, extract_bytes
from jixiao.model.declaration import TargetDeclaration
from jixiao.model.evaluation import Evaluation
from jixiao.model.monitoring import MonitoringReport
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.tables import BudgetTable
from jixiao.rules import check_document, load_profile, score_form
from jixiao.rules.finding import Finding
from jixiao.rules.scoring import printed_grade

F = TypeVar("F", bound=BaseModel)


@dataclass(slots=True)
class FormRecord:
    """One form, flattened: key columns, child rows and the full JSON."""

    kind: str
    idx: int
    name: str | None
    unit: str | None
    year: int | None
    columns: dict[str, Any]
    rows: list[dict[str, Any]]
    data: str


@dataclass(slots=True)
class DocResult:
    """Everything the parent writes for one document version."""

    path: str
    file_name: str
    sha256: str
    size: int | None
    status: str  # "ok" | "failed"
    error: str | None = None
    format: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    forms: list[FormRecord] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    profile: str = "national"
    jixiao_version: str = __version__
    extra: str = "{}"  # JSON of the document-level results that are not forms (e.g. a disclosure's figures)
    owner_unit: int | None = None  # an upload's unit: every form is filed under it, whatever the file names
    held: bool = False  # an upload naming other units: its forms wait unfiled (no unit) until confirmed

    def severities(self) -> Counter[str]:
        return Counter(f["severity"] for f in self.findings)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def failed(path: str, reason: str, data: bytes | None = None, profile: str = "national") -> DocResult:
    """A document that could not be read or recognized at all."""
    return DocResult(path=path, file_name=Path(path).name, sha256=sha256_of(data) if data is not None else "",
                     size=len(data) if data is not None else None, status="failed", error=reason, profile=profile)


EMPTY = "空文件，未入库 / empty file, not stored"


def process_bytes(path: str, data: bytes, profile: str = "national") -> DocResult:
    """Extract and check one document. Never raises: an unexpected error is a failed result. An
    empty file is a failed result of size 0, which :func:`jixiao.store.pipeline.store_result` never
    stores."""
    if not data:
        return failed(path, EMPTY, data, profile)
    try:
        if len(data) > MAX_BYTES:
            return failed(path, f"文件过大（{len(data)} 字节，上限 {MAX_BYTES}）/ file too large", data, profile)
        with collector_paused():  # linear CPU on big files (see ``collector_paused``)
            doc = extract_bytes(data, path)
        if not doc.form_count() and _unreadable(doc):
            reason = "；".join(w for w in doc.warnings if "未识别到任何表单" not in w)
            return failed(path, f"无法识别文件内容 / unreadable content: {reason}", data, profile)
        prof = load_profile(profile)
        findings = check_document(doc, prof)
        return DocResult(path=path, file_name=Path(path).name, sha256=sha256_of(data), size=len(data), status="ok",
                         format=doc.format, encoding=doc.encoding, warnings=list(doc.warnings),
                         forms=_records(doc, prof), findings=[finding_record(f) for f in findings], profile=prof.name,
                         extra=doc.model_dump_json(exclude=DOCUMENT_FIELDS))
    except Exception as error:  # a bug in a recognizer must not stop an ingest of thousands of files
        return failed(path, f"处理出错 / internal error: {type(error).__name__}: {error}", data, profile)


DOCUMENT_FIELDS = {"source", "format", "encoding", "self_evaluations", "evaluations", "target_declarations",
                   "budget_tables", "monitoring_reports",
                   "warnings"}  # stored elsewhere; every other field goes to ``extra``


def process_file(job: tuple[str, bytes, str]) -> DocResult:
    """``process_bytes`` for ``ProcessPoolExecutor`` (one picklable argument)."""
    return process_bytes(*job)


def _unreadable(doc: Document) -> bool:
    """No form, and the reader itself complained (binary or undecodable content)."""
    return any("未识别到任何表单" not in w for w in doc.warnings)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def finding_record(f: Finding) -> dict[str, Any]:
    data = f.model_dump(mode="json")
    return {"kind": f.form.kind, "idx": f.form.index, "code": f.code, "severity": f.severity,
            "category": f.category, "rule": f.rule or None, "line_start": f.location.get("line_start",
                                                                                       f.location.get("page_start")),
            "location": json.dumps(f.location, ensure_ascii=False, sort_keys=True), "message": f.message,
            "expected": _json(data["expected"]), "actual": _json(data["actual"]), "profile": f.profile}


def _location(form: Any) -> dict[str, Any]:
    loc = form.location
    return {"line_start": loc.line_start, "line_end": loc.line_end, "page_start": loc.page_start,
            "page_end": loc.page_end}


def _row(section: str, position: int, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ROW_KEYS)
    row.update(values, section=section, position=position)
    return row


ROW_KEYS = ("section", "position", "level1", "level2", "level3", "level4", "code", "item", "target", "actual",
            "nature", "measure", "direction", "weight", "score", "note", "values", "line")


def self_evaluation_record(form: SelfEvaluation, idx: int, grade: str | None) -> FormRecord:
    total = form.funds.total
    rows = [_row("indicator", n, level1=i.level1, level2=i.level2, level3=i.level3, target=i.target,
                 actual=i.actual, nature=i.nature, measure=i.unit, weight=i.weight, score=i.score,
                 note=i.deviation_note, line=i.line) for n, i in enumerate(form.indicators)]
    columns = {"total_score": form.total_score, "total_weight": form.total_weight, "grade": printed_grade(form),
               "recomputed_grade": grade, "amount": total.full_year_budget, "executed": total.executed,
               "execution_rate": total.execution_rate, **_location(form)}
    return FormRecord(form.kind, idx, form.subject, form.implementing_unit or form.department, form.year,
                      columns, rows, form.model_dump_json())


def _evaluation(form: Evaluation, idx: int) -> FormRecord:
    rows = [_row("part", n, item=p.name, weight=p.max, score=p.score) for n, p in enumerate(form.parts)]
    rows += [_row("indicator", n, level1=i.level1, level2=i.level2, level3=i.level3, level4=i.level4,
                  weight=i.weight, score=i.score, note=i.deduction_reason, line=i.line)
             for n, i in enumerate(form.indicators)]
    rate = form.figures.get("预算执行率")
    columns = {"total_score": form.total_score, "total_weight": None, "grade": form.grade, "recomputed_grade": None,
               "amount": None, "executed": None, "execution_rate": rate, **_location(form)}
    unit = form.subject if form.kind == "department_evaluation" else None
    return FormRecord(form.kind, idx, form.subject or None, unit or None, form.year, columns, rows,
                      form.model_dump_json())


def _declaration(form: TargetDeclaration, idx: int) -> FormRecord:
    rows = [_row("declared_indicator", n, level1=i.level1, level2=i.level2, level3=i.level3, nature=i.nature,
                 target=None if i.value is None else format(i.value, "f") if isinstance(i.value, Decimal)
                 else str(i.value), measure=i.unit, direction=i.direction, line=i.line)
            for n, i in enumerate(form.indicators)]
    columns = {"total_score": None, "total_weight": None, "grade": None, "recomputed_grade": None,
               "amount": form.total_amount, "executed": None, "execution_rate": None, **_location(form)}
    return FormRecord(form.kind, idx, form.project_name or form.unit or None, form.unit or None,
                      _extra_year(form), columns, rows, form.model_dump_json())


def _table(form: BudgetTable, idx: int) -> FormRecord:
    rows = [_row("table_row", n, code=r.code, item=r.item, line=r.line,
                 values=json.dumps([None if v is None else format(v, "f") for v in r.values]))
            for n, r in enumerate(form.rows)]
    columns = {"total_score": None, "total_weight": None, "grade": None, "recomputed_grade": None,
               "amount": None, "executed": None, "execution_rate": None, **_location(form)}
    name = f"{form.printed_code or ''} {form.title}".strip() or form.code or None
    return FormRecord(form.kind, idx, name, None, _extra_year(form), columns, rows, form.model_dump_json())


def _monitoring(form: MonitoringReport, idx: int) -> FormRecord:
    rows = [_row("indicator", n, level1=i.level1, level2=i.level2, level3=i.level3, target=i.target,
                 actual=i.actual_to_date, note=i.note, line=i.line,
                 values=json.dumps({"forecast": i.forecast, "deviation_cause": i.deviation_cause,
                                    "likelihood": i.likelihood}, ensure_ascii=False))
            for n, i in enumerate(form.indicators)]
    funds = form.funds
    columns = {"total_score": None, "total_weight": None, "grade": None, "recomputed_grade": None,
               "amount": funds.full_year_budget if funds.full_year_budget is not None else funds.initial_budget,
               "executed": funds.executed_to_date, "execution_rate": funds.execution_rate, **_location(form)}
    return FormRecord(form.kind, idx, form.project_name or None,
                      form.unit or form.implementing_unit or form.department or None, form.year, columns, rows,
                      form.model_dump_json())


def _extra_year(form: BaseModel) -> int | None:
    year = getattr(form, "year", None)
    return year if isinstance(year, int) else None


def _by_kind(forms: Sequence[F]) -> list[list[F]]:
    """Forms grouped by kind (kinds in order of first appearance), document order kept within a kind."""
    groups: dict[str, list[F]] = {}
    for form in forms:
        groups.setdefault(str(getattr(form, "kind", "")), []).append(form)
    return list(groups.values())


def _records(doc: Document, prof: Any) -> list[FormRecord]:
    """Every form in document order per kind; ``idx`` counts within a kind as findings do (§5.2).
    Forms that print no unit or year are filed under the document's only unit/year, if it has one."""
    records = [self_evaluation_record(f, n, score_form(f, prof).recomputed_grade)
               for group in _by_kind(doc.self_evaluations) for n, f in enumerate(group)]
    records += [_evaluation(e, n) for group in _by_kind(doc.evaluations) for n, e in enumerate(group)]
    records += [_declaration(t, n) for group in _by_kind(doc.target_declarations) for n, t in enumerate(group)]
    records += [_table(t, n) for group in _by_kind(doc.budget_tables) for n, t in enumerate(group)]
    records += [_monitoring(m, n) for n, m in enumerate(doc.monitoring_reports)]
    units = {r.unit for r in records if r.unit}
    years = {r.year for r in records if r.year}
    for record in records:
        if record.unit is None and len(units) == 1:
            record.unit = next(iter(units))
        if record.year is None and len(years) == 1:
            record.year = next(iter(years))
    return records
