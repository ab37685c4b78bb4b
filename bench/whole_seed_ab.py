"""Whole-process CPU of extracting the seeds, this checkout against an earlier revision, paired.

    .venv/bin/python bench/whole_seed_ab.py [--base 3d3f1dd] [--runs 21] [SEEDS_DIR]

Each side is a copy of one revision's ``jixiao/`` (``git archive``), bytecode compiled first, run as
``python -c "extract_path on every seed"`` in a fresh process: start-up, imports and the first
extraction are all counted, as a user running ``jixiao extract`` pays them. A and B run in turn
(A B A B …, after one warm-up each) and the ratio is taken pair by pair, so a machine whose speed
drifts moves both sides of a pair. CPU is the child's user + system time (``getrusage``); the median
ratio is the figure to quote, min and max say how noisy the machine was.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ("import glob, sys\nfrom pathlib import Path\nfrom jixiao.extract import extract_path\n"
          "for p in sorted(glob.glob(sys.argv[1] + '/*.txt')):\n    extract_path(Path(p))\n")


def export(revision: str, into: Path) -> Path:
    """``jixiao/`` of ``revision`` (or of the working tree for ``"."``) under ``into``, compiled."""
    into.mkdir(parents=True)
    if revision == ".":
        archive = subprocess.run(["git", "-C", str(ROOT), "stash", "create"], capture_output=True, text=True,
                                 check=True).stdout.strip() or "HEAD"
    else:
        archive = revision
    data = subprocess.run(["git", "-C", str(ROOT), "archive", archive, "jixiao"], capture_output=True,
                          check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    compileall.compile_dir(str(into / "jixiao"), quiet=1)
    return into


def cpu_of(tree: Path, seeds: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", SCRIPT, seeds], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def spread(values: list[float]) -> str:
    return f"{min(values):8.3f} {statistics.median(values):8.3f} {max(values):8.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.environ.get("JIXIAO_SEEDS", str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("seeds", nargs="?", default=default)
    parser.add_argument("--base", default="3d3f1dd", help="the revision to compare with (B)")
    parser.add_argument("--head", default=".", help="the revision measured (A; '.': the working tree)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    if not list(Path(args.seeds).glob("*.txt")):
        sys.exit(f"no seed documents in {args.seeds}: give their folder or set JIXIAO_SEEDS")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = export(args.head, Path(tmp) / "a"), export(args.base, Path(tmp) / "b")
        cpu_of(a, args.seeds), cpu_of(b, args.seeds)  # warm-up: the page cache, not counted
        times_a, times_b, ratios = [], [], []
        for n in range(args.runs):
            pair = (a, b) if n % 2 == 0 else (b, a)
            first, second = cpu_of(pair[0], args.seeds), cpu_of(pair[1], args.seeds)
            ta, tb = (first, second) if n % 2 == 0 else (second, first)
            times_a.append(ta)
            times_b.append(tb)
            ratios.append(ta / tb)
    print(f"{'':14}{'min':>8} {'median':>8} {'max':>8}")
    print(f"A cpu s       {spread(times_a)}   ({args.head})")
    print(f"B cpu s       {spread(times_b)}   ({args.base})")
    print(f"A/B cpu       {spread(ratios)}")


if __name__ == "__main__":
    main()
