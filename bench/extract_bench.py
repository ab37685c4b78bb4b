"""Extraction throughput on the seeds (in one process, after start-up): forms/s and MB/s.

    .venv/bin/python bench/extract_bench.py [SEEDS_DIR] [--rounds N] [--scale K]

``--scale K`` also times a synthetic district of K × 40 forms to show that cost grows linearly.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jixiao.extract import extract_bytes
from jixiao.samples.generator import generate_district


def _time(blobs: list[tuple[str, bytes]], rounds: int) -> tuple[float, int]:
    times = []
    forms = 0
    for _ in range(rounds):
        start = time.perf_counter()
        forms = sum(len(extract_bytes(data, name).self_evaluations) for name, data in blobs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), forms


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get("JIXIAO_SEEDS", str(Path(__file__).resolve().parents[1].parent / "shared" / "seeds"))
    parser.add_argument("seeds", nargs="?", default=default)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 4, 16])
    args = parser.parse_args()
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    if not seeds:
        sys.exit(f"no seeds in {args.seeds}")
    blobs = [(p.name, p.read_bytes()) for p in seeds]
    size = sum(len(b) for _, b in blobs) / 1e6
    seconds, forms = _time(blobs, args.rounds)
    print(f"seeds: {len(blobs)} files, {size:.2f} MB, {forms} forms: median {seconds * 1000:.0f} ms "
          f"→ {forms / seconds:.0f} forms/s, {size / seconds:.2f} MB/s")
    for name, data in blobs:
        s, n = _time([(name, data)], args.rounds)
        print(f"  {name}: {n} forms, {s * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.scale:
            paths = generate_district(Path(tmp) / str(k), units=k * 5, projects=8)
            district = [(p.name, p.read_bytes()) for p in paths]
            s, n = _time(district, 3)
            print(f"synthetic district ×{k}: {n} forms, {s * 1000:.0f} ms → {n / s:.0f} forms/s "
                  f"({s / n * 1000:.2f} ms/form)")


if __name__ == "__main__":
    main()
