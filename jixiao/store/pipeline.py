"""``jixiao ingest``: files and folders → extract → check → store, one transaction per document.

The parent reads each file, skips versions already stored (by path + sha256 of the current
version), hands the bytes to a process pool running the pure :func:`process_bytes`, and writes the
results in input order. Files that are not documents at all — empty, not a regular file (a named
pipe would block forever), a name that is not UTF-8 — are skipped with a one-line reason and never
stored. Pool workers die with the parent (SIGKILL, SIGTERM): none is left holding a copy of the
parent's database sessions.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DataError, IntegrityError

from jixiao.extract import NotRegularFile, read_file
from jixiao.store.linking import link_stored, result_keys
from jixiao.store.process import EMPTY, DocResult, failed, process_bytes, process_file, sha256_of
from jixiao.store.writer import known, write

SUFFIXES = frozenset({".txt", ".text", ".tsv", ".csv", ".docx", ".doc", ".wps", ".pdf", ".xlsx", ".xlsm", ".xls",
                      ".et"})  # read from a folder; a file named on the command line is read whatever its name


@dataclass
class IngestSummary:
    """What an ingest did: documents seen / stored / unchanged / failed, forms, findings."""

    seen: int = 0
    stored: int = 0
    unchanged: int = 0
    forms: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # never stored: empty, not a file, bad name
    projects: int = 0  # projects whose forms were linked and re-checked across documents

    def to_json(self) -> dict[str, object]:
        return {"documents": self.seen, "stored": self.stored, "unchanged": self.unchanged, "forms": self.forms,
                "findings": {s: self.findings.get(s, 0) for s in ("error", "warning", "info")},
                "failed": [{"path": p, "reason": r} for p, r in self.failures],
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped], "projects": self.projects}


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and inside folders (recursively, sorted) the files of a readable kind."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(resolved)
    return unique


Job = tuple[str, bytes, str]


@dataclass(frozen=True)
class Skip:
    """A file that is not stored at all, and why (one line)."""

    path: str
    reason: str


def shown_path(path: Path | str) -> str:
    """A path as it can be printed and stored: bytes of a name that are not UTF-8 as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read(path: Path, profile: str) -> Job | DocResult | Skip:
    name = str(path)
    shown = shown_path(path)
    if shown != name:  # undecodable bytes (surrogates): no database or terminal takes this name
        return Skip(shown, "文件名不是有效的 UTF-8 编码，请改名后再入库 / file name is not valid UTF-8, rename it")
    try:
        data = read_file(path)
    except NotRegularFile as error:
        return Skip(name, error.strerror or str(error))
    except OSError as error:
        return failed(name, f"无法读取 / cannot read: {error.strerror or error}", None, profile)
    if not data:
        return Skip(name, EMPTY)
    return (name, data, profile)


PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


OCR_THREADS = "JIXIAO_OCR_THREADS"


def _start_worker(parent: int, ocr_threads: int) -> None:
    """Pool worker initializer: OCR (ONNX Runtime) in this worker runs ``ocr_threads`` threads — one
    per core the worker has to itself, not every core of the machine in every worker — unless the
    operator set ``JIXIAO_OCR_THREADS``; and the worker dies with its parent."""
    os.environ.setdefault(OCR_THREADS, str(ocr_threads))
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Pool worker initializer: the worker ends when the ingest that started it ends, however it
    ends. A forked worker holds copies of the parent's sockets, PostgreSQL sessions included; alive
    after its parent was killed, it would keep a session open inside a transaction (a half-done
    ``COPY``) and the next ingest would wait on its locks for ever. Linux: the kernel sends SIGKILL
    when the parent dies (``PR_SET_PDEATHSIG``); everywhere: a thread watches ``getppid()``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="jixiao-watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _results(jobs: Iterator[Job | DocResult], workers: int, cores: int | None = None) -> Iterator[DocResult]:
    """Results in input order; at most a few jobs in flight per worker (bounded memory). Workers are
    forked (cheap, nothing re-imported): the caller must not run threads (rich: ``auto_refresh=False``).
    ``cores`` (default ``workers``) are shared out among the workers for OCR."""
    if workers <= 1:
        for job in jobs:
            yield job if isinstance(job, DocResult) else process_bytes(*job)
        return
    threads = max(1, (cores or workers) // workers)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=_start_worker,
                             initargs=(os.getpid(), threads)) as pool:
        pending: deque[Future[DocResult] | DocResult] = deque()
        try:
            for job in jobs:
                pending.append(job if isinstance(job, DocResult) else pool.submit(process_file, job))
                while len(pending) >= workers * 4:
                    head = pending.popleft()
                    yield head if isinstance(head, DocResult) else head.result()
            while pending:
                head = pending.popleft()
                yield head if isinstance(head, DocResult) else head.result()
        except BaseException:  # interrupted, or the database went away: do not work through the queue
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def store_result(engine: Engine, result: DocResult, link: bool = True) -> tuple[DocResult, int | None]:
    """Write one result; if the database refuses its content (a constraint or a value it cannot
    hold), record the document as failed with the reason instead. The database being unreachable
    is not a document's failure: that error propagates. An empty file is never stored. With
    ``link`` the stored forms are linked into projects and their lifecycle checks re-run at once
    (``ingest`` links once, after its last document)."""
    if result.size == 0:
        return result, None
    try:
        stored = write(engine, result)
    except (IntegrityError, DataError, UnicodeError, ValueError) as error:
        orig = getattr(error, "orig", None) or error
        lines = str(orig).strip().splitlines()
        reason = (lines[0] if lines else type(error).__name__).replace("\x00", "")
        failure = DocResult(path=result.path, file_name=result.file_name, sha256=result.sha256, size=result.size,
                            status="failed", error=f"无法入库 / cannot store: {reason}", format=result.format,
                            encoding=result.encoding, warnings=result.warnings, profile=result.profile)
        try:
            return failure, write(engine, failure)
        except (DataError, UnicodeError, ValueError):  # the warnings themselves cannot be stored
            failure.warnings = []
            return failure, write(engine, failure)
    if link and stored is not None:  # the document is stored whatever linking finds
        link_stored(engine, *result_keys(result.forms))
    return result, stored


Runner = Callable[[Iterator[Job | DocResult]], Iterator[DocResult]]


def ingest(engine: Engine, paths: Iterable[Path], profile: str = "national", jobs: int | None = None,
           progress: Callable[[DocResult | None, int], None] | None = None,
           run: Runner | None = None) -> IngestSummary:
    """Ingest files and folders. ``progress(result, total)`` is called once with ``None`` when the
    file list is known, then after each document (``result`` is None for an unchanged one).
    ``run`` turns the jobs into results somewhere else (:mod:`jixiao.store.distributed`: a Dask
    cluster); by default a pool of ``jobs`` processes here. Results are stored here either way."""
    files = collect(paths)
    summary = IngestSummary(seen=len(files))
    if progress:
        progress(None, len(files))

    def jobs_to_do() -> Iterator[Job | DocResult]:
        for path in files:
            job = _read(path, profile)
            if isinstance(job, Skip):
                summary.skipped.append((job.path, job.reason))
                if progress:
                    progress(None, len(files))
                continue
            if isinstance(job, DocResult):
                yield job
                continue
            with engine.connect() as conn:
                if known(conn, job[0], sha256_of(job[1])):
                    summary.unchanged += 1
                    if progress:
                        progress(None, len(files))
                    continue
            yield job

    cores = jobs if jobs is not None else (os.cpu_count() or 1)
    workers = min(cores, len(files))
    results = run(jobs_to_do()) if run is not None else _results(jobs_to_do(), workers, cores)
    units: set[str] = set()
    codes: set[str] = set()
    for processed in results:
        result, stored = store_result(engine, processed, link=False)
        if stored is None:
            summary.unchanged += 1
        else:
            summary.stored += 1
            summary.forms += len(result.forms)
            summary.findings.update(result.severities())
            found = result_keys(result.forms)
            units |= found[0]
            codes |= found[1]
        if result.status == "failed":
            summary.failures.append((result.path, result.error or ""))
        if progress:
            progress(result, len(files))
    summary.projects = len(link_stored(engine, units, codes))  # the projects of what was stored, re-checked
    return summary
