"""A ``dask worker --preload`` for the worker a test kills: it SIGKILLs itself the moment it starts
its ``JIXIAO_TEST_DIE_ON``-th jixiao task (default 3) — so it dies having taken work, mid-task, with
the results of the tasks before possibly not yet fetched. No clock is involved. With
``JIXIAO_TEST_KILL_PID`` it kills that process instead (the scheduler)."""

from __future__ import annotations

import os
import signal
from typing import Any

from distributed import WorkerPlugin

NAME = "jixiao-test-die-on-task"


class DieOnTask(WorkerPlugin):
    def __init__(self, count: int) -> None:
        self.count = count
        self.started = 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and str(key).startswith("jixiao-"):
            self.started += 1
            if self.started >= self.count:
                os.kill(int(os.environ.get("JIXIAO_TEST_KILL_PID") or os.getpid()), signal.SIGKILL)


async def dask_setup(worker: Any) -> None:
    await worker.plugin_add(plugin=DieOnTask(int(os.environ.get("JIXIAO_TEST_DIE_ON", "3"))), name=NAME)
