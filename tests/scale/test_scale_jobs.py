"""``ingest --jobs N`` runs every document — OCR included, which happens inside ``process_bytes`` — in
its pool of worker processes, and shares the N cores out among them: each worker's ONNX Runtime gets
N ÷ workers threads (not every core of the machine in every worker), unless the operator set
``JIXIAO_OCR_THREADS``. The documents' work is swapped for a probe that records where it ran."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from jixiao.store import connect, ingest, pipeline
from jixiao.store.process import DocResult, process_bytes
from jixiao.store.writer import DOCS


def probe(job: tuple[str, bytes, str]) -> DocResult:
    """The real work, and a warning naming the process and its OCR threads (runs in a pool worker)."""
    result = process_bytes(*job)
    result.warnings.append(f"probe pid={os.getpid()} ocr_threads={os.environ.get('JIXIAO_OCR_THREADS')}")
    return result


def _probes(folder: Path, tmp_path: Path, jobs: int, files: int = 6) -> list[str]:
    for n in range(files):
        (folder / f"{n}.txt").write_text(f"某某单位{n}年度工作总结\n一、基本情况\n", encoding="utf-8")
    engine = connect(f"sqlite:///{tmp_path / 'j.db'}")
    try:
        summary = ingest(engine, [folder], jobs=jobs)
        with engine.connect() as conn:
            warnings = [json.loads(w) for w in conn.execute(select(DOCS.c.warnings)).scalars()]
    finally:
        engine.dispose()
    assert summary.stored == files
    return [w for ws in warnings for w in ws if w.startswith("probe ")]


@pytest.mark.parametrize(("jobs", "files", "threads"), [(2, 6, "1"), (4, 2, "2")])  # 4 cores, 2 workers: 2 each
def test_jobs_run_in_the_pool_with_the_cores_shared_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        jobs: int, files: int, threads: str) -> None:
    monkeypatch.setattr(pipeline, "process_file", probe)
    monkeypatch.delenv("JIXIAO_OCR_THREADS", raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    probes = _probes(folder, tmp_path, jobs, files)
    assert len(probes) == files
    assert {p.split()[2] for p in probes} == {f"ocr_threads={threads}"}
    assert str(os.getpid()) not in {p.split()[1].removeprefix("pid=") for p in probes}  # never in this process
    assert "JIXIAO_OCR_THREADS" not in os.environ  # the parent's own setting is untouched


def test_operator_setting_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "process_file", probe)
    monkeypatch.setenv("JIXIAO_OCR_THREADS", "3")
    folder = tmp_path / "in"
    folder.mkdir()
    assert {p.split()[2] for p in _probes(folder, tmp_path, 2)} == {"ocr_threads=3"}
