"""An ingest killed with SIGKILL or SIGTERM takes its worker processes with it: no worker is left
holding a PostgreSQL session (inside ``COPY findings``) that would make the next ingest wait forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _sessions(pg_url: str) -> int:
    """Client sessions on the test database other than the one asking."""
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                         "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")).scalar()
                       or 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_ingest_leaves_no_worker_and_no_session(tmp_path: Path, pg_url: str, sig: signal.Signals) -> None:
    folder = tmp_path / "big"
    generate_district(folder, units=40, projects=12)
    engine = connect(pg_url)
    process = subprocess.Popen([sys.executable, "-m", "jixiao.present", "ingest", str(folder), "--db", pg_url,
                                "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        workers |= _children(process.pid)
        with engine.connect() as conn:
            stored = int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
        if stored >= 3 and len(workers) >= 2:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before it could be killed"
    workers |= _children(process.pid)
    assert len(workers) >= 2, workers
    os.kill(process.pid, sig)
    process.wait(timeout=60)
    with engine.connect() as conn:
        stored = int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    assert 3 <= stored < 40  # killed midway
    engine.dispose()  # the test's own session is not the one looked for
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (any(_alive(w) for w in workers) or _sessions(pg_url)):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"workers outlived their killed parent: {left}"
    assert _sessions(pg_url) == 0
    started = time.monotonic()
    summary = ingest(engine, [folder], jobs=2)  # the next ingest neither waits nor duplicates
    assert time.monotonic() - started < 120
    assert summary.stored + summary.unchanged == 40 and not summary.failures
    engine.dispose()
