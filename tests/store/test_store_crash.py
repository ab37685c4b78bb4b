"""Crashes and races: SIGKILL midway leaves a consistent store; two concurrent ingests on
PostgreSQL over overlapping folders end with no duplicates and no errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, text

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.writer import counts


def _consistent(engine: Engine) -> dict[str, int]:
    """Every stored document is complete: its forms, rows and findings all there, none orphaned."""
    with engine.connect() as conn:
        bad_forms = conn.execute(text(
            "SELECT count(*) FROM documents d WHERE d.form_count <> "
            "(SELECT count(*) FROM forms f WHERE f.document_id = d.id)")).scalar()
        bad_findings = conn.execute(text(
            "SELECT count(*) FROM documents d WHERE d.finding_count <> "
            "(SELECT count(*) FROM findings x WHERE x.document_id = d.id)")).scalar()
        bad_rows = conn.execute(text(
            "SELECT count(*) FROM forms f WHERE f.row_count <> "
            "(SELECT count(*) FROM form_rows r WHERE r.form_id = f.id)")).scalar()
        duplicates = conn.execute(text(
            "SELECT count(*) FROM (SELECT path FROM documents GROUP BY path HAVING count(*) > 1) t")).scalar()
    assert (bad_forms, bad_findings, bad_rows, duplicates) == (0, 0, 0, 0)
    return counts(engine)


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "jixiao.present", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_sigkill_midway_then_rerun(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "big"
    generate_district(folder, units=30, projects=10)
    engine = connect(db_url)  # schema first, so that the count below can poll
    process = _cli("ingest", str(folder), "--db", db_url, "--jobs", "1")
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as conn:
            stored = int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
        if stored >= 3:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    partial = _consistent(engine)
    assert 3 <= partial["documents"] < 30  # killed midway, after whole documents only
    assert partial["forms"] == 10 * partial["documents"]
    summary = ingest(engine, [folder], jobs=2)
    assert summary.unchanged == partial["documents"] and summary.stored == 30 - partial["documents"]
    full = _consistent(engine)
    assert (full["documents"], full["forms"], full["form_rows"]) == (30, 300, 1800)
    assert full["findings"] == summary.findings.total() + partial["findings"]


def test_two_concurrent_ingests_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    common, only_a, only_b = tmp_path / "common", tmp_path / "a", tmp_path / "b"
    generate_district(common, units=16, projects=5, seed=1)
    generate_district(only_a, units=3, projects=5, seed=2)
    generate_district(only_b, units=3, projects=5, seed=3)
    engine = connect(pg_url)
    runs = [_cli("ingest", str(common), str(only_a), "--db", pg_url, "--jobs", "2", "--format", "json"),
            _cli("ingest", str(common), str(only_b), "--db", pg_url, "--jobs", "2", "--format", "json")]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    final = _consistent(engine)
    assert (final["documents"], final["forms"], final["form_rows"]) == (22, 110, 660)
    assert final["units"] == 16 and final["years"] == 1
    stored = sum(json.loads(out)["stored"] for out, _ in outputs)
    unchanged = sum(json.loads(out)["unchanged"] for out, _ in outputs)
    assert stored == 22 and unchanged == 16  # each common file stored by exactly one of the two
