"""``jixiao ingest --scheduler``: the per-document work on a Dask cluster, the storing here.

The client (this process) reads every file, skips versions already stored, and submits the bytes
with the pure :func:`jixiao.store.process.process_file` to the cluster: workers never touch the
filesystem or the database. Results come back as they are done and are stored here, each in its own
transaction, by the same code as a plain ingest (:func:`jixiao.store.pipeline.ingest`), so a
document is stored exactly once: the store's unique ``(path, sha256)`` refuses a second copy, and
the client keeps a ledger of what it submitted, takes each result once and checks that every
document came back.

A worker that dies takes its tasks with it; the scheduler gives them to another worker (a task
that kills ``distributed.scheduler.allowed-failures`` workers is recorded as that document's
failure). A task that raises is retried (``retries``). Losing the scheduler stops the ingest with
a one-line reason; what was stored stays stored, and running the ingest again does the rest.

``--scheduler tcp://HOST:8786`` uses a running cluster (``dask scheduler``, ``dask worker``: each
with this jixiao installed, with the ``ocr`` extra for scans); ``local`` or ``local:N`` starts a
cluster of N single-threaded worker processes here (default: one per core).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from importlib import import_module
from typing import Any

from jixiao import __version__
from jixiao.errors import JixiaoError
from jixiao.extract import MAX_BYTES
from jixiao.store.pipeline import OCR_THREADS, Job, Runner
from jixiao.store.process import DocResult, failed, process_file, sha256_of

Client = Any  # distributed's objects: partly typed, used here through a module typed Any
Future = Any

INSTALL = "pip install 'jixiao[dask]'"
MISSING = f"未安装 Dask，无法使用 --scheduler / Dask is not installed: {INSTALL}"
RETRIES = 2  # a task that raised (out of memory, a worker's local trouble) runs again elsewhere
WORKERS_WAIT = "JIXIAO_WORKERS_WAIT"  # seconds a scheduler without workers is given to gain one (default 60)
IN_FLIGHT_PER_THREAD = 4  # documents submitted ahead per worker thread: bounded memory, no idle worker
IN_FLIGHT_BYTES = 1 << 30  # and at most this many bytes of files held by the scheduler at once (beyond one file)


class SchedulerError(JixiaoError):
    """The cluster cannot be used (Dask missing, scheduler unreachable or lost, workers unfit)."""


def parse(spec: str) -> tuple[str, int | None]:
    """``local`` → ("local", None); ``local:N`` → ("local", N); ``tcp://host:port`` (or ``tls://``,
    or a bare ``host:port``) → (address, None)."""
    spec = spec.strip()
    if spec == "local":
        return "local", None
    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise SchedulerError(f"local:N 的 N 须为正整数 / local:N needs a positive N: {spec}")
        return "local", int(count)
    if "://" not in spec:
        spec = f"tcp://{spec}"
    scheme, _, rest = spec.partition("://")
    if not rest or scheme not in ("tcp", "tls", "ws", "wss", "ucx", "inproc"):
        raise SchedulerError(f"调度器地址无效 / invalid scheduler address: {spec}（tcp://HOST:8786 或 local[:N]）")
    return spec, None


def worker_facts() -> tuple[str, bool]:
    """Run on each worker: its jixiao version and whether it can OCR (both must match the client's,
    or the same document would be read differently depending on where it ran)."""
    from jixiao.read.ocr import available

    return __version__, available()


def dask() -> Any:
    """The ``distributed`` module (typed ``Any``: it is only partly annotated)."""
    try:
        return import_module("distributed")
    except ImportError as error:
        raise SchedulerError(MISSING) from error


def _ocr_threads_plugin() -> Any:
    class OcrThreads(dask().WorkerPlugin):  # type: ignore[misc]
        """Each worker thread runs one ONNX Runtime thread, unless the operator set JIXIAO_OCR_THREADS
        (a machine runs as many worker threads as it has cores: more OCR threads would fight)."""

        def setup(self, worker: Any) -> None:
            os.environ.setdefault(OCR_THREADS, "1")

    return OcrThreads()


@contextmanager
def cluster(spec: str) -> Iterator[Client]:
    """A client of the cluster ``spec`` names, checked fit for work (every worker runs this jixiao,
    with or without OCR as here); a local cluster is shut down afterwards."""
    distributed = dask()
    address, count = parse(spec)
    with _quiet():
        yield from _clients(distributed, address, count)


@contextmanager
def _quiet() -> Iterator[None]:
    """Dask's own log lines (tracebacks of a closed connection, a worker's death) are not for the
    ingest's user: what matters reaches them as the ingest's one-line reason or a document's failure."""
    names = ["distributed", *(n for n in logging.root.manager.loggerDict if n.startswith("distributed."))]
    levels = {name: logging.getLogger(name).level for name in names}  # dask's config sets some of them
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _clients(distributed: Any, address: str, count: int | None) -> Iterator[Client]:
    if address == "local":
        env = {} if os.environ.get(OCR_THREADS) else {OCR_THREADS: "1"}
        try:
            local = distributed.LocalCluster(n_workers=count or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                                             env=env)
        except (OSError, RuntimeError) as error:
            raise SchedulerError(f"无法启动本地集群 / cannot start a local cluster: {_line(error)}") from error
        with local, distributed.Client(local) as client:
            yield client
        return
    try:
        client = distributed.Client(address)  # tries for distributed.comm.timeouts.connect (30 s)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"无法连接调度器 / scheduler unreachable: {address} ({_line(error)})") from error
    wait = workers_wait()
    with client:
        with _cluster_call():
            try:
                client.wait_for_workers(1, timeout=wait)
            except TimeoutError as error:
                raise SchedulerError(f"调度器 {address} 没有工作进程 / the scheduler has no workers"
                                     f"（{wait:g} 秒内未见 dask worker）") from error
            client.register_plugin(_ocr_threads_plugin(), name="jixiao-ocr-threads")
            _check_workers(client)
        yield client


def workers_wait() -> float:
    """``JIXIAO_WORKERS_WAIT`` seconds (a positive number), else 60: instead of waiting for ever on a
    scheduler whose workers were never started, say so."""
    text = os.environ.get(WORKERS_WAIT, "").strip()
    try:
        seconds = float(text) if text else 60.0
    except ValueError:
        seconds = 60.0
    return seconds if seconds > 0 else 60.0


def _check_workers(client: Client) -> None:
    mine = worker_facts()
    facts = client.run(worker_facts, on_error="return")
    for worker, fact in sorted(facts.items()):
        if isinstance(fact, BaseException):
            raise SchedulerError(f"工作进程 {worker} 无法运行 jixiao / worker cannot run jixiao: {_line(fact)}")
        if tuple(fact) != mine:
            version, ocr = fact
            raise SchedulerError(f"工作进程 {worker} 与本机不一致 / worker differs from this client: jixiao {version} "
                                 f"(此处 {mine[0]}), OCR {'有' if ocr else '无'} (此处 {'有' if mine[1] else '无'})")


def _line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


@contextmanager
def _cluster_call() -> Iterator[None]:
    """A call to the cluster: the scheduler gone (a closed connection, a timeout, cancelled futures)
    stops the ingest with one line; what was stored stays stored."""
    try:
        yield
    except (OSError, TimeoutError, CancelledError) as error:
        raise SchedulerError(f"与调度器的连接中断 / lost the scheduler: {type(error).__name__}: "
                             f"{_line(error)}（已入库的保留，重新运行即可继续 / run again to go on）") from error


def workers_of(client: Client) -> int:
    """Worker threads the cluster has now."""
    with _cluster_call():
        return sum(client.nthreads().values())


def runner(client: Client) -> Runner:
    """The ``run`` of :func:`jixiao.store.pipeline.ingest` on this cluster: jobs in, results out (in
    the order they are done), each submitted document yielded exactly once."""
    return lambda jobs: _run(client, jobs)


def _run(client: Client, jobs: Iterator[Job | DocResult]) -> Iterator[DocResult]:
    import dask as dask_

    run = uuid.uuid4().hex[:12]
    ledger: dict[str, tuple[str, str, str, int]] = {}  # key → path, sha256, profile, size: submitted, not yet back
    done = dask().as_completed()
    window = max(8, IN_FLIGHT_PER_THREAD * workers_of(client))
    with dask_.config.set({"distributed.admin.large-graph-warning-threshold": f"{MAX_BYTES * 2}B"}):
        for n, job in enumerate(jobs):
            if isinstance(job, DocResult):  # could not even be read here: nothing to send
                yield job
                continue
            path, data, profile = job
            key = f"jixiao-{run}-{n}"
            ledger[key] = (path, sha256_of(data), profile, len(data))
            with _cluster_call():
                done.add(client.submit(process_file, job, key=key, pure=False, retries=RETRIES))
            del job, data
            while done.count() >= window or (_bytes(ledger) > IN_FLIGHT_BYTES and done.count() > 1):
                with _cluster_call():
                    future = next(done)
                yield _take(future, ledger)
            window = max(8, IN_FLIGHT_PER_THREAD * workers_of(client)) if n % 64 == 63 else window
        while not done.is_empty():
            with _cluster_call():
                future = next(done)
            yield _take(future, ledger)
    if ledger:  # a document submitted and never returned: never end as if all were stored
        raise SchedulerError(f"{len(ledger)} 个文档没有返回结果 / documents never came back, e.g. "
                             f"{next(iter(ledger.values()))[0]}")


def _bytes(ledger: dict[str, tuple[str, str, str, int]]) -> int:
    return sum(entry[3] for entry in ledger.values())


def _take(future: Future, ledger: dict[str, tuple[str, str, str, int]]) -> DocResult:
    """The result of one document; a task the cluster gave up on is that document's failure; a lost
    scheduler stops the ingest."""
    key = str(future.key)
    if key not in ledger:
        raise SchedulerError(f"任务结果重复 / a result came back twice: {key}")
    path, sha256, profile, size = ledger.pop(key)
    try:
        result: DocResult = future.result()
    except dask().KilledWorker as error:
        return _failed(path, sha256, size, profile, f"处理时工作进程多次退出 / workers died on it: {_line(error)}")
    except Exception as error:
        if future.status != "error":  # cancelled or lost: the cluster went away, not this document
            with _cluster_call():
                raise CancelledError(_line(error)) from error
        return _failed(path, sha256, size, profile, f"处理出错 / internal error: {type(error).__name__}: "
                                                     f"{_line(error)}")
    finally:
        future.release()
    if result.path != path or result.sha256 != sha256:
        return _failed(path, sha256, size, profile, "返回的结果与所发文件不符 / the result is not of the file sent")
    return result


def _failed(path: str, sha256: str, size: int, profile: str, reason: str) -> DocResult:
    result = failed(path, reason, None, profile)
    result.sha256, result.size = sha256, size
    return result
