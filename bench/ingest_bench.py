"""Ingest throughput into SQLite and PostgreSQL, and the time of a filtered `jixiao ls findings`.

    .venv/bin/python bench/ingest_bench.py [--forms 10000] [--rounds 3] [--jobs 2] [--pg URL]

Generates a synthetic district of self-evaluations (40 per document), ingests it into a fresh
database per round (whole pipeline: read, extract, check, store), then times `ls findings` with a
filter, in process and as a whole `jixiao` process. PostgreSQL comes from ``--pg`` or
``JIXIAO_TEST_PG`` (a database allowed to create scratch databases); without it, SQLite only.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import Filters, findings
from jixiao.store.writer import counts

PER_DOCUMENT = 40


@contextmanager
def scratch_pg(admin_url: str) -> Iterator[str]:
    admin = make_url(admin_url)
    name = f"jixiao_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


Round = tuple[float, int, dict[str, int], list[float], float, float, float]


def run_round(url: str, folder: Path, jobs: int) -> Round:
    engine = connect(url)
    load = os.getloadavg()[0]
    cpu = cpu_seconds()
    start = time.perf_counter()
    summary = ingest(engine, [folder], jobs=jobs)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    query_times = []
    filters = Filters(severity="error", rule="SE003")
    for _ in range(5):
        t = time.perf_counter()
        with engine.connect() as conn:
            rows = findings(conn, filters)
        query_times.append(time.perf_counter() - t)
    cli = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jixiao.present", "ls", "findings", "--db", url, "--severity", "error",
                    "--rule", "SE003", "--format", "json"], check=True, capture_output=True)
    cli_seconds = time.perf_counter() - cli
    assert rows, "the filter should match something"
    table = counts(engine)
    engine.dispose()
    return seconds, summary.forms, table, query_times, cli_seconds, cpu, load


def report(name: str, rounds: list[Round]) -> None:
    seconds = statistics.median(r[0] for r in rounds)
    forms = rounds[0][1]
    query = statistics.median(t for r in rounds for t in r[3])
    cli = statistics.median(r[4] for r in rounds)
    print(f"{name}: {forms} forms in median {seconds:.2f} s → {forms / seconds:.0f} forms/s "
          f"(rounds: {', '.join(f'{r[0]:.2f}' for r in rounds)} s); rows {rounds[0][2]}")
    cpu_ms = statistics.median(r[5] for r in rounds) / forms * 1000
    print(f"  CPU (all processes, database server excluded): median {cpu_ms:.2f} ms/form → at most "
          f"{2000 / cpu_ms:.0f} forms/s on 2 idle cores; load average at start of rounds: "
          f"{', '.join(f'{r[6]:.1f}' for r in rounds)}")
    print(f"  ls findings --severity error --rule SE003: median {query * 1000:.1f} ms in process, "
          f"{cli * 1000:.0f} ms as a whole jixiao process")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pg", default=os.environ.get("JIXIAO_TEST_PG"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "district"
        units = max(1, args.forms // PER_DOCUMENT)
        generate_district(folder, units=units, projects=PER_DOCUMENT)
        size = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        print(f"input: {units} documents, {units * PER_DOCUMENT} self-evaluation forms, {size:.1f} MB; "
              f"jobs={args.jobs}, {os.cpu_count()} cores")
        sqlite_rounds = []
        for n in range(args.rounds):
            sqlite_rounds.append(run_round(str(Path(tmp) / f"bench{n}.db"), folder, args.jobs))
        report("SQLite", sqlite_rounds)
        if args.pg:
            pg_rounds = []
            for _ in range(args.rounds):
                with scratch_pg(args.pg) as url:
                    pg_rounds.append(run_round(url, folder, args.jobs))
            report("PostgreSQL", pg_rounds)
        else:
            print("PostgreSQL: skipped (no --pg / JIXIAO_TEST_PG)")


if __name__ == "__main__":
    main()
