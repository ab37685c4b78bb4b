"""Per-core throughput of the per-document work a cluster runs, by kind of input, and the client's cost.

    .venv/bin/python bench/scale_bench.py [--rounds 3] [--scans 2] [--dask]

Each kind is run through :func:`jixiao.store.process.process_bytes` — exactly what a pool worker or
a Dask worker runs for a document (read, OCR, recognize, check, flatten) — in this one process after
a warm-up, and timed in CPU seconds (``time.process_time``: steadier than wall time on a machine
shared with others; one core's work, since every step is single-threaded with ``JIXIAO_OCR_THREADS=1``):

- text: generated self-evaluations as text (several layouts, UTF-8 and GB18030), 8 forms a file;
- office: DOCX and XLSX, 4 forms a file (jixiao's own form writers);
- pdf: text PDFs, 4 forms a file, per page;
- scanned: one-page scans (150–300 dpi, rotated, seal, JPEG/PNG; jixiao.samples.scan), OCR cache off.

Then what the one storing client spends per form: ``write`` into a fresh SQLite file (and PostgreSQL
with ``--pg URL``). With ``--dask``: the client's CPU per document to submit the
bytes to a one-worker LocalCluster and take the result back (without storing). Not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("JIXIAO_OCR_THREADS", "1")
os.environ["JIXIAO_OCR_CACHE"] = "off"

from jixiao.present.forms import write_form
from jixiao.samples.generator import generate_district, make_form
from jixiao.store.process import DocResult, process_bytes

UNITS = ("某某区民政局", "某某县教育局", "某某区文化旅游局", "某某镇人民政府")


def _forms(n: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    return [make_form(rng, UNITS[k % len(UNITS)], f"示例项目{seed}-{k}", 2024, None) for k in range(n)]


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def inputs(folder: Path, scans: int) -> dict[str, list[tuple[str, bytes, int]]]:
    """Kind → [(name, bytes, units of work: forms, or pages for PDF and scans)]."""
    kinds: dict[str, list[tuple[str, bytes, int]]] = {"text": [], "docx": [], "xlsx": [], "pdf": [], "scanned": []}
    for path in generate_district(folder / "text", units=6, projects=8):
        kinds["text"].append((path.name, path.read_bytes(), 8))
    for fmt in ("docx", "xlsx", "pdf"):
        for n in range(4):
            path = folder / f"{fmt}{n}.{fmt}"
            write_form(_forms(4, 10 * n), fmt, path)
            data = path.read_bytes()
            kinds[fmt].append((path.name, data, _pages(data) if fmt == "pdf" else 4))
    if scans:
        from jixiao.read.ocr import available
        from jixiao.samples.scan import Degradation, scan_page

        if not available():
            raise SystemExit("OCR extra not installed: pip install 'jixiao[ocr]' (or --scans 0)")
        for n in range(scans):
            path = folder / f"scan{n}.pdf"
            write_form(_forms(1, 100 + n), "pdf", path)
            options = Degradation(dpi=(200, 150, 300)[n % 3], angle=(1.0, -1.5, 0.5)[n % 3],
                                  fmt="png" if n % 2 else "jpeg", seed=n)
            kinds["scanned"].append((f"scan{n}.{options.fmt}", scan_page(path.read_bytes(), 0, options), 1))
    return kinds


def cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def bench_kinds(kinds: dict[str, list[tuple[str, bytes, int]]], rounds: int) -> list[DocResult]:
    results: list[DocResult] = []
    print(f"{'kind':8} {'files':>5} {'units':>6} {'MB':>6}  {'CPU s/unit':>10}  {'units/s/core':>12}  "
          f"{'files/s/core':>12}")
    for kind, docs in kinds.items():
        if not docs:
            continue
        process_bytes(docs[0][0], docs[0][1])  # warm: imports, lexicon, profile (and the OCR engine)
        times = []
        for _ in range(1 if kind == "scanned" else rounds):
            start = time.process_time()
            results.extend(process_bytes(name, data) for name, data, _ in docs)
            times.append(time.process_time() - start)
        seconds = statistics.median(times)
        units = sum(n for _, _, n in docs)
        size = sum(len(d) for _, d, _ in docs) / 1e6
        unit = "page" if kind in ("pdf", "scanned") else "form"
        print(f"{kind:8} {len(docs):5} {units:5}{unit[0]} {size:6.2f}  {seconds / units:10.4f}  "
              f"{units / seconds:10.2f}/{unit[0]}  {len(docs) / seconds:12.2f}")
        bad = [r.path for r in results if r.status != "ok" or not r.forms]
        assert not bad, f"not read: {bad}"
    return results


def bench_store(results: list[DocResult], url: str, label: str) -> None:
    from jixiao.store.db import connect
    from jixiao.store.writer import write

    engine = connect(url, migrate=True)
    try:
        forms = sum(len(r.forms) for r in results)
        for r in results:
            r.path = f"/bench/{uuid.uuid4().hex}/{r.file_name}"  # each stored anew
        seconds = cpu(lambda: [write(engine, r) for r in results])
        print(f"store {label:10}: {forms} forms, {seconds / forms * 1000:.2f} ms CPU/form in the client "
              f"→ {forms / seconds:.0f} forms/s per client core")
    finally:
        engine.dispose()


def bench_dask(kinds: dict[str, list[tuple[str, bytes, int]]]) -> None:
    from jixiao.store.distributed import cluster, runner

    jobs = [(name, data, "national") for name, data, _ in kinds["text"] * 10]
    with cluster("local:1") as client:
        run = runner(client)
        list(run(iter(jobs[:4])))  # warm the worker
        start, start_wall = time.process_time(), time.perf_counter()
        done = list(run(iter(jobs)))
        seconds, wall = time.process_time() - start, time.perf_counter() - start_wall
    assert len(done) == len(jobs)
    print(f"dask client: {len(jobs)} documents, {seconds / len(jobs) * 1000:.1f} ms CPU/document to submit "
          f"and take back (wall {wall:.1f} s with one worker)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scans", type=int, default=2)
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL to store into as well (a scratch database)")
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kinds = inputs(Path(folder), args.scans)
        results = bench_kinds(kinds, args.rounds)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this one worker-like process: {peak:.0f} MiB")
        plain = [r for r in results if r.format != "image"]
        bench_store(plain, f"sqlite:///{folder}/bench.db", "SQLite")
        if args.pg:
            bench_store(plain, args.pg, "PostgreSQL")
        if args.dask:
            bench_dask(kinds)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
