"""The cluster runner's own bookkeeping, against a stand-in for Dask's client (no threads, no
processes): documents in flight bounded by count and by bytes; each result taken once; a worker
that keeps dying on a document, a task that raised, and a result that is not of the file sent are
that document's failure; a cancelled task (the scheduler gone) stops the run with one line."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

import pytest

from jixiao.store import distributed
from jixiao.store.distributed import SchedulerError, runner
from jixiao.store.process import DocResult, failed, process_file, sha256_of
from tests.scale.conftest import need_dask


class KilledWorker(Exception):
    pass


class FakeFuture:
    def __init__(self, key: str, outcome: Callable[[], DocResult], status: str) -> None:
        self.key, self.outcome, self.status, self.released = key, outcome, status, False

    def result(self) -> DocResult:
        return self.outcome()

    def release(self) -> None:
        self.released = True


class FakeAsCompleted:
    """Futures come back in the order submitted; records the most ever outstanding."""

    def __init__(self) -> None:
        self.queue: deque[FakeFuture] = deque()
        self.most = 0

    def add(self, future: FakeFuture) -> None:
        self.queue.append(future)
        self.most = max(self.most, len(self.queue))

    def count(self) -> int:
        return len(self.queue)

    def is_empty(self) -> bool:
        return not self.queue

    def __next__(self) -> FakeFuture:
        return self.queue.popleft()


class FakeClient:
    def __init__(self, outcome: Callable[[tuple[str, bytes, str]], tuple[Callable[[], DocResult], str]]) -> None:
        self.outcome = outcome
        self.futures: list[FakeFuture] = []

    def nthreads(self) -> dict[str, int]:
        return {"tcp://a:1": 1}

    def submit(self, function: Any, job: tuple[str, bytes, str], *, key: str, pure: bool, retries: int) -> FakeFuture:
        assert function is process_file and pure is False and retries == 2 and key.startswith("jixiao-")
        result, status = self.outcome(job)
        self.futures.append(FakeFuture(key, result, status))
        return self.futures[-1]


@pytest.fixture
def done(monkeypatch: pytest.MonkeyPatch) -> FakeAsCompleted:
    need_dask()  # the runner sets dask's config around the run
    tracker = FakeAsCompleted()

    class Module:
        as_completed = staticmethod(lambda: tracker)

    Module.KilledWorker = KilledWorker  # type: ignore[attr-defined]
    monkeypatch.setattr(distributed, "dask", lambda: Module)
    return tracker


def _jobs(count: int, size: int = 100) -> list[tuple[str, bytes, str]]:
    return [(f"/d/{n}.txt", f"{n:0{size}d}".encode(), "national") for n in range(count)]


def _works(job: tuple[str, bytes, str]) -> tuple[Callable[[], DocResult], str]:
    path, data, profile = job
    return (lambda: failed(path, "no form", data, profile)), "finished"


def test_each_document_once_and_in_flight_bounded_by_count(done: FakeAsCompleted) -> None:
    client = FakeClient(_works)
    results = list(runner(client)(iter(_jobs(30))))
    assert sorted(r.path for r in results) == sorted(f"/d/{n}.txt" for n in range(30))
    assert done.most == 8  # max(8, 4 per worker thread × 1)
    assert all(f.released for f in client.futures)


def test_in_flight_bounded_by_bytes(done: FakeAsCompleted, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distributed, "IN_FLIGHT_BYTES", 250)  # two files of 100 bytes, not three
    results = list(runner(FakeClient(_works))(iter(_jobs(10))))
    assert len(results) == 10 and done.most == 3  # the third is sent, then the first is waited for


def test_documents_read_failures_pass_through(done: FakeAsCompleted) -> None:
    unreadable = failed("/d/x.txt", "cannot read", None, "national")
    results = list(runner(FakeClient(_works))(iter([unreadable, *_jobs(2)])))
    assert results[0] is unreadable and len(results) == 3


def _raises(error: BaseException, status: str) -> Callable[[tuple[str, bytes, str]], Any]:
    def outcome(job: tuple[str, bytes, str]) -> tuple[Callable[[], DocResult], str]:
        def result() -> DocResult:
            raise error
        return result, status
    return outcome


@pytest.mark.parametrize(("error", "reason"), [
    (KilledWorker("Attempted to run task on 4 different workers"), "处理时工作进程多次退出 / workers died on it"),
    (MemoryError("out of memory"), "处理出错 / internal error: MemoryError: out of memory"),
])
def test_a_task_the_cluster_gave_up_on_is_that_documents_failure(done: FakeAsCompleted, error: BaseException,
                                                                reason: str) -> None:
    [result] = list(runner(FakeClient(_raises(error, "error")))(iter(_jobs(1))))
    assert result.status == "failed" and result.error is not None and result.error.startswith(reason)
    assert result.path == "/d/0.txt" and result.sha256 == sha256_of(_jobs(1)[0][1]) and result.size == 100


def test_a_result_not_of_the_file_sent_is_a_failure(done: FakeAsCompleted) -> None:
    def other(job: tuple[str, bytes, str]) -> tuple[Callable[[], DocResult], str]:
        return (lambda: failed(job[0], "x", b"other bytes", job[2])), "finished"

    [result] = list(runner(FakeClient(other))(iter(_jobs(1))))
    assert result.status == "failed" and result.error == "返回的结果与所发文件不符 / the result is not of the file sent"


def test_a_cancelled_task_stops_the_run(done: FakeAsCompleted) -> None:
    from concurrent.futures import CancelledError

    run = runner(FakeClient(_raises(CancelledError("scheduler-connection-lost"), "cancelled")))(iter(_jobs(3)))
    with pytest.raises(SchedulerError) as error:
        list(run)
    assert str(error.value).startswith("与调度器的连接中断 / lost the scheduler: CancelledError: "
                                       "scheduler-connection-lost") and "\n" not in str(error.value)


def test_a_result_never_taken_twice(done: FakeAsCompleted) -> None:
    client = FakeClient(_works)
    run = runner(client)(iter(_jobs(2)))
    next(run)
    done.queue.appendleft(client.futures[0])  # the first future delivered a second time
    with pytest.raises(SchedulerError, match="a result came back twice"):
        list(run)
