"""Checking throughput (scoring + every rule) on already extracted forms, in one process.

    .venv/bin/python bench/check_bench.py [SEEDS_DIR] [--rounds N] [--scale K ...]

Extraction is done once beforehand, so the figures are the cost of ``check_document`` alone: the
seeds' self-evaluation forms, then synthetic districts of K × 40 forms to show linear growth.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jixiao.extract import Document, extract_path
from jixiao.rules import check_document, load_profile
from jixiao.samples.generator import generate_district


def _time(docs: list[Document], rounds: int) -> tuple[float, int, int]:
    profile = load_profile("national")
    times = []
    findings = 0
    for _ in range(rounds):
        start = time.perf_counter()
        findings = sum(len(check_document(doc, profile)) for doc in docs)
        times.append(time.perf_counter() - start)
    forms = sum(len(d.self_evaluations) for d in docs)
    return statistics.median(times), forms, findings


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get("JIXIAO_SEEDS", str(Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))
    parser.add_argument("seeds", nargs="?", default=default)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 4, 16])
    args = parser.parse_args()
    paths = sorted(Path(args.seeds).glob("*.txt"))
    if not paths:
        sys.exit(f"no seeds in {args.seeds}")
    docs = [extract_path(p) for p in paths]
    docs = [Document(source=d.source, self_evaluations=d.self_evaluations) for d in docs]
    seconds, forms, findings = _time(docs, args.rounds)
    print(f"seeds: {forms} self-evaluation forms, {findings} findings: median {seconds * 1000:.0f} ms "
          f"→ {forms / seconds:.0f} forms/s ({seconds / forms * 1000:.2f} ms/form)")
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.scale:
            district = [extract_path(p) for p in generate_district(Path(tmp) / str(k), units=k * 5, projects=8)]
            s, n, found = _time(district, 3)
            print(f"synthetic district ×{k}: {n} forms, {found} findings, {s * 1000:.0f} ms → {n / s:.0f} forms/s "
                  f"({s / n * 1000:.2f} ms/form)")


if __name__ == "__main__":
    main()
