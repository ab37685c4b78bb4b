"""Lists that hold a district: search, sort, year and batch on every list a page shows.

The page's query string says what to show — ``q`` (words that must all appear in the row),
``sort`` and ``order`` (a column of the list), ``year`` (forms of that year, and the documents and
findings that belong to them) and ``batch`` (批次: the day and who filed the file, as in 待办). A
template sifts its rows with ``{% set rows = rows | sift("forms") %}`` and draws the controls with
the ``list_controls`` macro (``_lists.html``); the same links work without JavaScript, and
``static/lists.js`` sorts a table by a click on its header and filters it while typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from jinja2 import pass_context

from jixiao.web.formview import CATEGORY_NAMES, KIND_NAMES, SEVERITY_NAMES
from jixiao.web.todo import batch_of

Row = dict[str, Any]

# For each kind of list: the columns it sorts by (name → Chinese label) and the texts it searches.
SORTS: dict[str, dict[str, str]] = {
    "units": {"name": "单位", "forms": "表单数", "errors": "错误数"},
    "documents": {"file_name": "文件", "ingested_at": "入库时间", "forms": "表单", "findings": "问题", "batch": "批次"},
    "forms": {"name": "表单", "unit": "单位", "year": "年度", "total_score": "总分", "execution_rate": "执行率",
              "errors": "错误", "warnings": "警告"},
    "findings": {"severity": "级别", "code": "规则", "unit": "单位", "year": "年度", "category": "类别"},
    "uploads": {"created_at": "时间", "file_name": "文件", "outcome_name": "结果", "form_count": "表单"},
    "directory": {"name": "单位", "code": "代码", "forms": "表单数"},
    "projects": {"name": "项目", "code": "编码", "unit": "单位", "year": "年度", "uncertain_links": "待确认",
                 "findings": "前后不符"},
}
SEARCHED: dict[str, tuple[str, ...]] = {
    "units": ("name", "code", "region"),
    "documents": ("file_name", "format", "batch"),
    "forms": ("name", "unit", "kind_name", "grade", "recomputed_grade"),
    "findings": ("code", "message", "unit", "name", "category_name", "severity_name"),
    "uploads": ("file_name", "created_at", "username", "unit_name", "outcome_name", "assignment_name",
                "assigned_name", "reason"),
    "directory": ("name", "code", "alias_names"),
    "projects": ("name", "code", "unit", "year"),
}
# Searched texts that a row does not hold as they are shown: names of its codes, its aliases.
COMPUTED: dict[str, Callable[[Row], str]] = {
    "kind_name": lambda r: KIND_NAMES.get(str(r.get("kind")), ""),
    "category_name": lambda r: CATEGORY_NAMES.get(str(r.get("category")), ""),
    "severity_name": lambda r: SEVERITY_NAMES.get(str(r.get("severity")), ""),
    "alias_names": lambda r: " ".join(str(a.get("alias") or "") for a in r.get("aliases") or []),
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class ListQuery:
    q: str = ""
    sort: str = ""
    order: str = "asc"
    year: int | None = None
    batch: str = ""

    @classmethod
    def of(cls, args: Any) -> ListQuery:
        year = str(args.get("year") or "").strip()
        return cls(q=str(args.get("q") or "").strip()[:100], sort=str(args.get("sort") or ""),
                   order="desc" if args.get("order") == "desc" else "asc",
                   year=int(year) if year.isdigit() and len(year) == 4 else None,
                   batch=str(args.get("batch") or "").strip()[:200])


def with_batch(documents: list[Row]) -> list[Row]:
    """The documents, each with its 批次 (``batch``)."""
    for doc in documents:
        if "batch" not in doc:
            moment = doc.get("ingested_at")
            when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
            doc["batch"] = batch_of(str(doc.get("path") or ""), when.replace(tzinfo=when.tzinfo or UTC)
                                    if when else None)
    return documents


def _key(value: Any) -> tuple[int, Any]:
    """Sort key: numbers by value, text by its characters, empty last."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float | Decimal):
        return (0, float(value))
    return (1, str(value))


def _text(row: Row, key: str) -> str:
    if key in row:
        value = row[key]
        return "" if value is None else str(value)
    computed = COMPUTED.get(key)
    return computed(row) if computed else ""


def _texts(kind: str, row: Row) -> str:
    """What a search looks in: the row's searched columns as one lower-case text (an empty cell is no
    text, so "none" finds nothing)."""
    return " ".join(_text(row, k) for k in SEARCHED[kind]).lower()


def sift_rows(rows: list[Row], kind: str, query: ListQuery, batches: dict[int, str] | None = None) -> list[Row]:
    """The rows of a ``kind`` list that match ``query``, in its order. ``batches`` (document id →
    批次) lets forms and findings be chosen by the batch of their document."""
    chosen = list(rows)
    if kind == "documents" and (query.batch or query.sort == "batch" or query.q):
        with_batch(chosen)
    if query.year is not None and kind in ("forms", "findings"):
        chosen = [r for r in chosen if r.get("year") == query.year]
    if query.batch:
        if kind == "documents":
            chosen = [r for r in chosen if r.get("batch") == query.batch]
        elif batches is not None and kind in ("forms", "findings"):
            chosen = [r for r in chosen if batches.get(int(r.get("document_id") or 0)) == query.batch]
    if query.q:
        words = query.q.lower().split()
        chosen = [r for r in chosen if all(w in _texts(kind, r) for w in words)]
    if query.sort in SORTS.get(kind, {}):
        get: Callable[[Row], Any] = (lambda r: SEVERITY_ORDER.get(str(r.get("severity")), 3)) \
            if query.sort == "severity" else (lambda r: r.get(query.sort))
        present = [r for r in chosen if get(r) not in (None, "")]
        empty = [r for r in chosen if get(r) in (None, "")]
        present.sort(key=lambda r: _key(get(r)), reverse=query.order == "desc")
        chosen = present + empty  # rows without the value stay last either way
    return chosen


@pass_context
def sift_filter(context: Any, rows: list[Row], kind: str, batches: dict[int, str] | None = None) -> list[Row]:
    """``{{ rows | sift("forms") }}`` with the page's query string."""
    request = context.get("request")
    return sift_rows(rows, kind, ListQuery.of(request.query_params if request else {}), batches)


def choices(rows: list[Row], key: str) -> list[Any]:
    """The distinct values of ``key`` in ``rows`` (newest year or batch first)."""
    return sorted({r[key] for r in rows if r.get(key) not in (None, "")}, reverse=True)


def document_batches(documents: list[Row]) -> dict[int, str]:
    return {int(d["id"]): d["batch"] for d in with_batch(documents)}


def sift_unit(data: dict[str, Any], args: Any) -> dict[str, Any]:
    """A unit's page data (documents, forms, findings) chosen and ordered as its page shows them
    for the query string ``args`` (the JSON twin of the unit page)."""
    query = ListQuery.of(args)
    batches = document_batches(data["documents"])
    forms = sift_rows(data["forms"], "forms", query, batches)
    documents = sift_rows(data["documents"], "documents", ListQuery(q=query.q, batch=query.batch))
    if query.year is not None:
        documents = [d for d in documents if d["id"] in {f["document_id"] for f in forms}]
    return {**data, "documents": documents, "forms": forms,
            "findings": sift_rows(data["findings"], "findings", query, batches),
            "years": choices(data["forms"], "year"), "batches": choices(data["documents"], "batch")}


FILTERS = {"sift": sift_filter, "choices": choices, "document_batches": document_batches}
