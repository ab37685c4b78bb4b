"""Cells read uncertainly from a scan, as the form pages mark them: from the form's findings of
category ``ocr`` (OC001 low confidence, OC002 a digit that breaks the form's arithmetic), each naming
its cell by path (``funds.total.executed``, ``indicators.3.score``, ``total_score``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from jixiao.store.queries import X

OCR_CLASS = "ocr-doubt"


def doubts(findings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Cell path → ``{"confidence", "suggest", "title"}`` (the tooltip: 识别存疑, the confidence, the
    reading the arithmetic suggests) for every cell an OCR finding names."""
    out: dict[str, dict[str, Any]] = {}
    for finding in findings:
        actual = finding.get("actual")
        if finding.get("category") != "ocr" or not isinstance(actual, dict) or not isinstance(actual.get("field"), str):
            continue
        confidence = actual.get("confidence")
        title = "识别存疑"
        if isinstance(confidence, int | float):
            title += f"：扫描识别置信度 {confidence:.2f}"
        suggest = finding.get("expected")
        if suggest not in (None, ""):
            title += f"；按表内勾稽疑为「{suggest}」"
        title += "，请对照原件核对"
        out.setdefault(actual["field"], {"confidence": confidence, "suggest": suggest, "title": title})
    return out




def ocr_paths(conn: Connection, form_id: int) -> set[str]:
    """The cells of a stored form that its findings name as read uncertainly from a scan: what a
    reviewer may correct, and what an edit records as an OCR correction (``form_edits.kind`` "ocr")."""
    paths: set[str] = set()
    for (actual,) in conn.execute(select(X.c.actual).where(X.c.form_id == form_id, X.c.category == "ocr")):
        value = json.loads(actual) if actual else None
        if isinstance(value, dict) and isinstance(value.get("field"), str):
            paths.add(value["field"])
    return paths


__all__ = ["OCR_CLASS", "doubts", "ocr_paths"]
