"""Round trip: every self-evaluation form of the seeds, written as DOCX, XLSX and PDF in the
official layout and read back from the file, extracts to the same DESIGN §5.1 JSON."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest

from jixiao.extract import Document, extract_bytes, extract_path
from jixiao.present.forms import write_form
from jixiao.present.jsonout import document_json
from tests.conftest import seed
from tests.helpers import forms_of

SEEDS = (("000", 5), ("001", 139), ("004", 15))
# Every form must come back identical (none is known to differ).
KNOWN_DIFFERENT: set[tuple[str, int]] = set()


@pytest.fixture(scope="module")
def seed_docs(seeds: Path) -> dict[str, Document]:
    return {prefix: extract_path(seed(seeds, prefix)) for prefix, _ in SEEDS}


def _round_trip(doc: Document, fmt: str, path: Path) -> tuple[Document, float]:
    start = time.perf_counter()
    write_form(doc.self_evaluations, fmt, path)
    back = extract_bytes(path.read_bytes(), path.name)
    return back, time.perf_counter() - start


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
@pytest.mark.parametrize(("prefix", "count"), SEEDS)
def test_seed_forms_round_trip(seed_docs: dict[str, Document], tmp_path: Path, prefix: str, count: int,
                               fmt: str) -> None:
    doc = seed_docs[prefix]
    back, seconds = _round_trip(doc, fmt, tmp_path / f"{prefix}.{fmt}")
    assert back.format == fmt
    want, got = forms_of(doc, with_location=False), forms_of(back, with_location=False)
    assert len(want) == len(got) == count
    different = {(prefix, n) for n, (a, b) in enumerate(zip(want, got, strict=True)) if a != b}
    assert different <= KNOWN_DIFFERENT, _first_difference(prefix, want, got)
    print(f"{prefix}.{fmt}: {count} forms written and read back in {seconds:.2f} s")


def _first_difference(prefix: str, want: list[dict[str, Any]], got: list[dict[str, Any]]) -> str:
    for n, (a, b) in enumerate(zip(want, got, strict=True)):
        if (prefix, n) in KNOWN_DIFFERENT:
            continue
        for key in a:
            if a[key] != b[key]:
                return f"form {n} {key}: {a[key]!r} != {b[key]!r}"
    return ""


def test_pdf_forms_carry_their_pages(seed_docs: dict[str, Document], tmp_path: Path) -> None:
    forms = seed_docs["004"].self_evaluations[:3]
    path = tmp_path / "three.pdf"
    write_form(forms, "pdf", path)
    back = extract_bytes(path.read_bytes(), path.name)
    pages = [(f.location.page_start, f.location.page_end) for f in back.self_evaluations]
    assert len(pages) == 3
    assert pages[0][0] == 1
    for (start, end), (next_start, _) in itertools.pairwise(pages):
        assert start is not None and end is not None and next_start is not None
        assert start <= end < next_start  # one form, then the next
    assert all(f.location.line_start is not None for f in back.self_evaluations)


def test_docx_and_xlsx_forms_carry_row_numbers(seed_docs: dict[str, Document], tmp_path: Path) -> None:
    for fmt in ("docx", "xlsx"):
        path = tmp_path / f"two.{fmt}"
        write_form(seed_docs["004"].self_evaluations[:2], fmt, path)
        back = extract_bytes(path.read_bytes(), path.name)
        first, second = back.self_evaluations
        assert first.location.line_start is not None and first.location.line_end is not None
        assert second.location.line_start is not None and first.location.line_end < second.location.line_start
        assert first.location.page_start is None


def _declarations(doc: Document) -> list[Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("location", "line", "warnings")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(document_json(doc)["target_declarations"])  # type: ignore[no-any-return]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_seed_target_declarations_round_trip(seeds: Path, tmp_path: Path, fmt: str) -> None:
    doc = extract_path(seed(seeds, "002"))
    path = tmp_path / f"002.{fmt}"
    write_form(doc.target_declarations, fmt, path)
    back = extract_bytes(path.read_bytes(), path.name)
    want, got = _declarations(doc), _declarations(back)
    assert len(want) == 167
    assert got == want
    assert [d["kind"] for d in got].count("department_target_declaration") == 1


def test_seed_target_declarations_round_trip_pdf(seeds: Path, tmp_path: Path) -> None:
    # In files of 40 declarations: one file of all 167 runs to ~400 pages, past the reader's 300-page
    # cap. Declarations continue across pages, where their merged project cells print as nothing.
    doc = extract_path(seed(seeds, "002"))
    got: list[Any] = []
    for start in range(0, len(doc.target_declarations), 40):
        path = tmp_path / f"002_{start}.pdf"
        write_form(doc.target_declarations[start:start + 40], "pdf", path)
        back = extract_bytes(path.read_bytes(), path.name)
        assert back.format == "pdf"
        got += _declarations(back)
    want = _declarations(doc)
    assert len(want) == 167 and sum(len(d["indicators"]) for d in want) == 1733
    assert got == want
