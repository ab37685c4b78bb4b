"""Office formats throughput (in one process, after start-up): DOCX/XLSX forms/s, PDF pages/s.

    .venv/bin/python bench/office_bench.py [SEEDS_DIR] [--rounds N]

The forms are the seeds' self-evaluation forms written by jixiao's own writers; the "100-page PDF"
is the first forms of seed 001 up to at least 100 pages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from jixiao.extract import extract_bytes, extract_path
from jixiao.model.selfeval import SelfEvaluation
from jixiao.present.forms import write_form


def _median(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pages(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get("JIXIAO_SEEDS", str(Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))
    parser.add_argument("seeds", nargs="?", default=default)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    forms: list[SelfEvaluation] = []
    for path in sorted(Path(args.seeds).glob("*.txt")):
        forms += extract_path(path).self_evaluations
    if not forms:
        raise SystemExit(f"no seed forms in {args.seeds}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "xlsx", "pdf"):
            path = Path(tmp) / f"all.{fmt}"
            write = _median(lambda: write_form(forms, fmt, path), 1)  # noqa: B023
            data = path.read_bytes()
            read = _median(lambda: extract_bytes(data, path.name), args.rounds)  # noqa: B023
            extra = ""
            if fmt == "pdf":
                pages = _pages(data)
                extra = f", {pages} pages → {pages / read:.0f} pages/s"
            print(f"{fmt}: {len(forms)} forms, {len(data) / 1e6:.2f} MB; write {write:.2f} s "
                  f"({len(forms) / write:.0f} forms/s); read+recognize median {read:.2f} s "
                  f"({len(forms) / read:.0f} forms/s{extra})")
        count = 1
        while True:
            path = Path(tmp) / "hundred.pdf"
            write_form(forms[:count], "pdf", path)
            data = path.read_bytes()
            pages = _pages(data)
            if pages >= 100 or count >= len(forms):
                break
            count = min(len(forms), max(count + 1, count * 100 // max(pages, 1)))
        read = _median(lambda: extract_bytes(data, "hundred.pdf"), args.rounds)
        print(f"100-page PDF: {pages} pages, {count} forms; read+recognize median {read:.2f} s "
              f"({pages / read:.0f} pages/s)")


if __name__ == "__main__":
    main()
