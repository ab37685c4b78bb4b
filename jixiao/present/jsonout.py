"""Documents → the JSON of DESIGN §5.1: money and scores as JSON numbers, as printed."""

from __future__ import annotations

from typing import Any

from jixiao.model.document import Document
from jixiao.model.values import plain


def document_json(doc: Document) -> dict[str, Any]:
    data = doc.model_dump(mode="python")
    for form in data["self_evaluations"]:
        if form["kind"] == "self_evaluation":
            form.pop("kind")  # DESIGN §5.1's SE; a 部门整体 self-evaluation says what it is
    for key in ("self_evaluations", "evaluations", "target_declarations", "budget_tables", "monitoring_reports"):
        for form in data[key]:
            form["location"] = {k: v for k, v in form["location"].items() if v is not None}
    return plain(data)  # type: ignore[no-any-return]
