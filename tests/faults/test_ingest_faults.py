"""Faults an operator meets, replayed on real files and real databases: nothing lost, nothing
hanging, one line per bad file."""

from __future__ import annotations

import getpass
import json
import os
import stat
import subprocess
import sys
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.db import mask_secrets
from jixiao.store.pipeline import store_result
from jixiao.store.process import EMPTY, process_bytes
from jixiao.store.queries import Filters, documents
from jixiao.store.writer import counts

BAD_NAME = b"\xb1\xa8\xb1\xed\xff.txt"  # GBK bytes and a stray 0xff: not UTF-8


def _cli(*args: str | bytes, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.present", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def _district(folder: Path, units: int = 2) -> list[Path]:
    return generate_district(folder, units=units, projects=2)


def test_bad_file_name_is_one_line_and_the_rest_is_stored(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    good = _district(folder)
    bad = os.path.join(os.fsencode(folder), BAD_NAME)
    with open(bad, "wb") as handle:
        handle.write(good[0].read_bytes() + b"\n")
    run = _cli("ingest", str(folder), "--db", db_url, "--jobs", "2", "--format", "json")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if "UTF-8" in line]
    assert len(lines) == 1 and "\\xff" in lines[0] and str(folder) in lines[0]
    summary = json.loads(run.stdout)
    assert summary["stored"] == len(good) and summary["failed"] == []
    assert [s["reason"] for s in summary["skipped"]] == [lines[0].split("：", 1)[1]]
    with connect(db_url).connect() as conn:
        assert sorted(d["file_name"] for d in documents(conn)) == sorted(p.name for p in good)
    again = _cli("ingest", os.fsdecode(bad), "--db", db_url)  # named on the command line: the same line
    assert again.returncode == 1 and "Traceback" not in again.stderr and "\\xff" in again.stderr


def test_empty_file_refused_never_stored(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    good = _district(folder)
    (folder / "empty.txt").write_bytes(b"")
    engine = connect(db_url)
    summary = ingest(engine, [folder], jobs=1)
    assert summary.stored == len(good) and not summary.failures
    assert summary.skipped == [(str((folder / "empty.txt").resolve()), "空文件，未入库 / empty file, not stored")]
    with engine.connect() as conn:
        assert "empty.txt" not in {d["file_name"] for d in documents(conn, Filters(all_versions=True))}
    run = _cli("ingest", str(folder / "empty.txt"), "--db", db_url)
    assert run.returncode == 1 and "empty file" in run.stderr and "Traceback" not in run.stderr
    before = counts(engine)
    result, doc_id = store_result(engine, process_bytes("upload/u/empty.txt", b""))  # the web upload's path
    assert doc_id is None and result.status == "failed" and result.error == EMPTY
    assert counts(engine) == before


def test_named_pipe_skipped_not_waited_for(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "in"
    good = _district(folder)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = _cli("ingest", str(fifo), str(folder), "--db", sqlite_url, "--format", "json", timeout=120)
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if "pipe.txt" in line]
    assert len(lines) == 1 and "not a regular file" in lines[0]
    assert json.loads(run.stdout)["stored"] == len(good)
    extract = _cli("extract", str(fifo), timeout=60)  # extract and check refuse it too, at once
    assert extract.returncode == 2 and "not a regular file" in extract.stderr and "Traceback" not in extract.stderr


def test_changed_back_file_makes_its_version_current(tmp_path: Path, db_url: str) -> None:
    """A → B → A: the third ingest is a change (A is current again, B is not), never 'unchanged'."""
    a, b = (generate_district(tmp_path / name, units=1, projects=n)[0] for name, n in (("a", 2), ("b", 3)))
    target = tmp_path / "unit.txt"
    engine = connect(db_url)
    states = []
    for source in (a, b, a, a, b):
        target.write_bytes(source.read_bytes())
        summary = ingest(engine, [target], jobs=1)
        with engine.connect() as conn:
            every = documents(conn, Filters(all_versions=True))
            current = documents(conn)
        assert len(current) == 1 and current[0]["sha256"] == __import__("hashlib").sha256(
            source.read_bytes()).hexdigest()
        states.append((summary.stored, summary.unchanged, len(every)))
    assert states == [(1, 0, 1), (1, 0, 2), (1, 0, 2), (0, 1, 2), (1, 0, 2)]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents WHERE current")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM forms")).scalar() == 5  # each content stored once


def _connect(url: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        connect(url).dispose()
        results.put("ok")
    except Exception as error:  # reported to the test, which shows it
        results.put(f"{type(error).__name__}: {error}")


def test_first_ingests_racing_on_a_new_sqlite_file(tmp_path: Path) -> None:
    """Several processes creating the schema of one new SQLite file at the same moment all succeed."""
    context = get_context("spawn")
    for round_ in range(3):
        url = f"sqlite:///{tmp_path / f'race{round_}.db'}"
        barrier, results = context.Barrier(4), context.Queue()
        workers = [context.Process(target=_connect, args=(url, barrier, results)) for _ in range(4)]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        assert outcomes == ["ok"] * 4


def test_sqlite_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "private.db"
        engine = connect(str(path))
        folder = tmp_path / "in"
        _district(folder)
        with engine.connect() as conn:  # an open connection keeps the -wal and -shm files
            conn.execute(text("SELECT 1"))
            ingest(engine, [folder], jobs=1)
            files = [p for p in tmp_path.iterdir() if p.name.startswith("private.db")]
            assert {p.name for p in files} >= {"private.db", "private.db-wal", "private.db-shm"}
            assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
        engine.dispose()
    finally:
        os.umask(old)


def test_passwords_never_printed(tmp_path: Path, pg_url: str) -> None:
    secret = "S3cretPassw0rd"
    url = make_url(pg_url)
    with_password = url.set(username=url.username or getpass.getuser(), password=secret).render_as_string(
        hide_password=False)
    assert secret in with_password
    up = _cli("db", "upgrade", "--db", with_password)  # the local socket does not ask for it
    assert up.returncode == 0, up.stderr
    assert secret not in up.stdout + up.stderr and "***" in up.stdout
    for bad in (f"postgresql+psycopg://jixiao:{secret}@127.0.0.1:1/nothing",
                f"postgresql+psycopg://jixiao:{secret}@127.0.0.1:1/nothing?password={secret}",
                f"postgresql+psycopg://jixiao:{secret}@[bad"):
        for args in (("db", "upgrade"), ("ls", "units")):
            run = _cli(*args, "--db", bad, timeout=60)
            assert run.returncode == 2 and secret not in run.stdout + run.stderr, run.stderr
            assert "Traceback" not in run.stderr
    assert mask_secrets(f"host=db password={secret} user=x") == "host=db password=*** user=x"


def test_changed_back_by_two_writers_at_once_counts_once(tmp_path: Path, db_url: str) -> None:
    """Two writers making the same earlier version current again: one of them did it, the other
    finds it done (never both 'stored', never two current versions)."""
    from concurrent.futures import ThreadPoolExecutor

    from jixiao.store.writer import write

    engine = connect(db_url)
    for round_ in range(3):
        path = str(tmp_path / f"unit{round_}.txt")
        a, b = (generate_district(tmp_path / f"{round_}{n}", units=1, projects=n)[0] for n in (2, 3))
        first, second = process_bytes(path, a.read_bytes()), process_bytes(path, b.read_bytes())
        assert write(engine, first) is not None and write(engine, second) is not None
        with ThreadPoolExecutor(max_workers=2) as pool:
            ids = list(pool.map(lambda r: write(engine, r), [first, first]))
        assert sorted(ids, key=lambda i: i is None)[1:] == [None] and any(ids)
        with engine.connect() as conn:
            current = conn.execute(text("SELECT sha256 FROM documents WHERE current AND path = :p"),
                                   {"p": path}).scalars().all()
        assert current == [first.sha256]
