"""Scale-out tests: a real ``dask scheduler`` and ``dask worker`` processes on this machine.

Skipped with the reason where the ``dask`` extra is not installed, failing in CI (which installs it).
Each cluster is started on ports the scheduler picks itself (``--port 0``, its address read from
``--scheduler-file``) and torn down whatever the test did.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select

from tests.store.conftest import db_url, pg_url, sqlite_url

__all__ = ["Cluster", "cluster", "corpus", "db_url", "dying_cluster", "ingest", "lone_scheduler", "need_dask", "pg_url",
           "scheduler_killing_cluster", "sqlite_url", "stored"]

START_SECONDS = 60.0  # generous: the machine is shared; a cluster up sooner is used sooner


def need_dask() -> None:
    """The ``dask`` extra: CI must have it (requirements.lock holds it), elsewhere the test skips."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        message = "Dask not installed: pip install 'jixiao[dask]' (CI installs it from requirements.lock)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class Cluster:
    """A scheduler and its workers, each its own process (workers without a nanny: a killed worker
    stays dead, its work must go elsewhere)."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _wait_workers(address: str, count: int, preload: dict[str, Path]) -> None:
    """Until the workers are there, each with its preload's plugin in place (asked by a process of its
    own: a Dask client's threads must not live on in this one, which other tests fork)."""
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("wait_workers.py")), address, str(count),
                           *preload], capture_output=True, text=True, timeout=START_SECONDS * 3, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


@contextmanager
def _cluster(folder: Path, preload: dict[str, Path], kill_scheduler: bool = False,
             workers: tuple[str, ...] = ("w0", "w1")) -> Iterator[Cluster]:
    need_dask()
    file = folder / "scheduler.json"
    env = {**os.environ, "JIXIAO_OCR_CACHE": "off"}
    dask = [sys.executable, "-m", "dask"]
    log = (folder / "dask.log").open("wb")
    scheduler = subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(file)], env=env, stdout=log, stderr=log)
    running = Cluster(address="", scheduler=scheduler)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _address(file):
            if scheduler.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dask scheduler did not start: {(folder / 'dask.log').read_text()[-2000:]}")
            time.sleep(0.05)
        running.address = _address(file)
        for name in workers:
            extra = ["--preload", str(preload[name])] if name in preload else []
            kill = {"JIXIAO_TEST_KILL_PID": str(scheduler.pid)} if kill_scheduler and name in preload else {}
            running.workers[name] = subprocess.Popen(
                [*dask, "worker", running.address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name",
                 name, "--host", "127.0.0.1", "--local-directory", str(folder / name), *extra],
                env={**env, **kill}, stdout=log, stderr=log)
        _wait_workers(running.address, len(workers), preload)
        yield running
    finally:
        for worker in running.workers.values():
            _stop(worker)
        _stop(scheduler)
        log.close()


def _address(file: Path) -> str:
    try:
        return str(json.loads(file.read_text())["address"])
    except (OSError, ValueError, KeyError):  # not there yet, or being written
        return ""


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """``dask scheduler`` with two single-threaded ``dask worker`` processes, named w0 and w1."""
    with _cluster(tmp_path, {}) as running:
        yield running


@pytest.fixture
def dying_cluster(tmp_path: Path) -> Iterator[Cluster]:
    """The same, but w1 SIGKILLs itself as it starts its third jixiao task (tests/scale/die_on_task.py)."""
    with _cluster(tmp_path, {"w1": Path(__file__).with_name("die_on_task.py")}) as running:
        yield running


@pytest.fixture
def lone_scheduler(tmp_path: Path) -> Iterator[Cluster]:
    """A ``dask scheduler`` without any worker."""
    with _cluster(tmp_path, {}, workers=()) as running:
        yield running


@pytest.fixture
def scheduler_killing_cluster(tmp_path: Path) -> Iterator[Cluster]:
    """The same, but w1 SIGKILLs the scheduler as it starts its third jixiao task."""
    with _cluster(tmp_path, {"w1": Path(__file__).with_name("die_on_task.py")}, kill_scheduler=True) as running:
        yield running


def corpus(folder: Path, copies: int = 0, forms: int = 4) -> list[Path]:
    """Text (UTF-8 and GB18030, several layouts), a budget disclosure, DOCX, XLSX and PDF forms, a
    file that is no document (stored as failed) and an empty one (skipped); ``copies`` more text
    documents of ``forms`` forms each, each different (for work that lasts)."""
    from jixiao.present.forms import write_form
    from jixiao.samples.generator import generate_district, make_form

    paths = generate_district(folder / "district", units=3, projects=4, disclosure=True)
    for n, fmt in enumerate(("docx", "xlsx", "pdf")):
        made = [make_form(random.Random(10 * n + k), "某某区民政局", f"社区服务项目{k}", 2024, None) for k in range(2)]
        path = folder / f"form.{fmt}"
        write_form(made, fmt, path)
        paths.append(path)
    junk = folder / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    if copies:
        base = generate_district(folder.parent / f"{folder.name}.base", units=1, projects=forms)[0].read_bytes()
        for n in range(copies):
            (folder / "many").mkdir(exist_ok=True)
            (folder / "many" / f"{n:03d}.txt").write_bytes(base + f"\n附注：第{n}份。\n".encode())
    return paths


def ingest(folder: Path, db: str, *options: str, connect: str = "30s") -> subprocess.CompletedProcess[str]:
    """``jixiao ingest FOLDER --db DB OPTIONS`` in its own process (``connect``: how long a client
    tries to reach the scheduler)."""
    env = {**os.environ, "JIXIAO_OCR_CACHE": "off", "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": connect}
    return subprocess.run([sys.executable, "-m", "jixiao", "ingest", str(folder), "--db", db, "--format", "json",
                           *options], capture_output=True, text=True, env=env, timeout=120, check=False)


def stored(url: str) -> dict[str, list[str]]:
    """Everything the store holds about the documents, forms, their rows and findings, each row
    with ids replaced by what they point at (path; path, kind and index; unit name) and clock
    readings left out: equal for two stores that hold the same, whatever order it was written in."""
    from jixiao.store.db import open_engine
    from jixiao.store.writer import DOCS, FINDINGS, FORMS, ROWS, UNITS

    engine = open_engine(url, create=False)
    try:
        with engine.connect() as conn:
            units = dict(conn.execute(select(UNITS.c.id, UNITS.c.name)).all())
            docs = [dict(r._mapping) for r in conn.execute(select(DOCS))]
            forms = [dict(r._mapping) for r in conn.execute(select(FORMS))]
            rows = [dict(r._mapping) for r in conn.execute(select(ROWS))]
            findings = [dict(r._mapping) for r in conn.execute(select(FINDINGS))]
    finally:
        engine.dispose()
    path = {d["id"]: d["path"] for d in docs}
    form = {f["id"]: (path[f["document_id"]], f["kind"], f["idx"]) for f in forms}
    clocks = {c.name for t in (DOCS, FORMS, ROWS, FINDINGS) for c in t.columns if isinstance(c.type, DateTime)}

    def plain(row: dict[str, Any]) -> str:
        out = {k: v for k, v in row.items() if k != "id" and k not in clocks}
        for key, names in (("document_id", path), ("previous_id", path), ("form_id", form), ("unit_id", units)):
            if key in out:
                out[key] = names.get(out[key])
        return json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)

    return {name: sorted(plain(r) for r in table) for name, table in
            (("documents", docs), ("forms", forms), ("rows", rows), ("findings", findings))}
