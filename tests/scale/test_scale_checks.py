"""The scheduler address, the workers' fitness and a cluster without workers: each refused with one
line (exit 2 from the command), before any document is sent. (Dask clients run in their own
processes: a client's threads must not live on in this one, which other tests fork.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao import __version__
from jixiao.store.distributed import SchedulerError, _check_workers, parse, worker_facts, workers_wait
from tests.scale.conftest import Cluster, ingest


@pytest.mark.parametrize(("spec", "parsed"), [
    ("local", ("local", None)), ("local:3", ("local", 3)), ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None)),
    ("10.0.0.5:8786", ("tcp://10.0.0.5:8786", None)), (" tls://h:8786 ", ("tls://h:8786", None)),
])
def test_scheduler_addresses(spec: str, parsed: tuple[str, int | None]) -> None:
    assert parse(spec) == parsed


@pytest.mark.parametrize("spec", ["local:0", "local:x", "local:-1", "http://h:8786", "tcp://"])
def test_bad_scheduler_addresses(spec: str) -> None:
    with pytest.raises(SchedulerError) as error:
        parse(spec)
    assert "\n" not in str(error.value)


class FakeClient:
    """What ``client.run(worker_facts, on_error="return")`` answers, per worker."""

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = facts

    def run(self, function: Any, on_error: str) -> dict[str, Any]:
        assert function is worker_facts and on_error == "return"
        return self.facts


def test_workers_like_the_client_are_accepted() -> None:
    _check_workers(FakeClient({"tcp://a:1": worker_facts(), "tcp://b:1": list(worker_facts())}))


@pytest.mark.parametrize(("fact", "message"), [
    (("0.0.1", None), "jixiao 0.0.1"),
    ((__version__, "flip"), "OCR"),
    (ModuleNotFoundError("No module named 'jixiao'"), "无法运行 jixiao / worker cannot run jixiao: No module"),
])
def test_workers_unlike_the_client_are_refused(fact: Any, message: str) -> None:
    if isinstance(fact, tuple) and fact[1] is None:
        fact = (fact[0], worker_facts()[1])
    if isinstance(fact, tuple) and fact[1] == "flip":
        fact = (fact[0], not worker_facts()[1])
    with pytest.raises(SchedulerError) as error:
        _check_workers(FakeClient({"tcp://a:1": worker_facts(), "tcp://b:1": fact}))
    assert message in str(error.value) and "tcp://b:1" in str(error.value) and "\n" not in str(error.value)


def test_a_scheduler_without_workers_is_one_line(lone_scheduler: Cluster, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_WORKERS_WAIT", "1")  # the ingest's own process inherits it
    (tmp_path / "a.txt").write_text("某某单位\n", encoding="utf-8")
    done = ingest(tmp_path / "a.txt", f"sqlite:///{tmp_path / 'x.db'}", "--scheduler", lone_scheduler.address)
    assert done.returncode == 2
    assert done.stderr == (f"jixiao: 调度器 {lone_scheduler.address} 没有工作进程 / the scheduler has no workers"
                           "（1 秒内未见 dask worker）\n")


@pytest.mark.parametrize(("value", "seconds"), [("", 60.0), ("2.5", 2.5), ("0", 60.0), ("-3", 60.0), ("x", 60.0)])
def test_workers_wait(value: str, seconds: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_WORKERS_WAIT", value)
    assert workers_wait() == seconds
