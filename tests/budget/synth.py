"""The synthetic budget disclosure of :mod:`jixiao.samples.disclosure`, and a helper that extracts it."""

from __future__ import annotations

from pathlib import Path

from jixiao.extract import Document, extract_path
from jixiao.samples.disclosure import (
    UNIT,
    Knobs,
    as_tab_rows,
    declarations,
    disclosure_text,
    narrative,
    rows,
    tables,
    title,
)

__all__ = ["UNIT", "Knobs", "as_tab_rows", "declarations", "disclosure_text", "extract_disclosure", "narrative", "rows",
           "tables", "title"]


def extract_disclosure(tmp_path: Path, **changes: object) -> Document:
    path = tmp_path / "disclosure.txt"
    path.write_text(disclosure_text(None, **changes), encoding="utf-8")
    return extract_path(path)
