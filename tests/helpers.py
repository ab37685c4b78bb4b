"""Shared helpers for the extraction tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.extract import Document, extract_bytes, extract_path
from jixiao.present.jsonout import document_json

CONTRACT_SE_KEYS = ("year", "project_name", "department", "implementing_unit", "project_lead", "phone", "funds",
                    "goal_expected", "goal_actual", "indicators", "total_weight", "total_score")
F_KEYS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
I_KEYS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation_note")


def contract(form: dict[str, Any], with_location: bool = True) -> dict[str, Any]:
    """The DESIGN §5.1 keys of one SE, nothing else."""
    out = {k: form[k] for k in CONTRACT_SE_KEYS}
    out["funds"] = {row: {k: v[k] for k in F_KEYS} for row, v in form["funds"].items()}
    out["indicators"] = [{k: i[k] for k in I_KEYS} for i in form["indicators"]]
    if with_location:
        out["location"] = {k: v for k, v in form["location"].items() if v is not None}
    return out


def forms_of(doc: Document, with_location: bool = True) -> list[dict[str, Any]]:
    return [contract(f, with_location) for f in document_json(doc)["self_evaluations"]]


def extract_text(text: str, encoding: str = "utf-8") -> Document:
    return extract_bytes(text.encode(encoding), "<test>")


__all__ = ["contract", "extract_path", "extract_text", "forms_of"]


def load_seed(path: Path) -> Document:
    return extract_path(path)
