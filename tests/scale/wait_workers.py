"""``python tests/scale/wait_workers.py ADDRESS COUNT [NAME...]``: wait until the scheduler at ADDRESS
has COUNT workers, and the workers NAME... have the die-on-task plugin in place; exit 0, else 1 with
the reason. A process of its own: a Dask client's threads must not live on in the test process,
which other tests fork."""

from __future__ import annotations

import sys
import time
from importlib import import_module
from typing import Any

distributed: Any = import_module("distributed")  # partly typed: used as Any

SECONDS = 60.0


def main(address: str, count: int, names: list[str]) -> None:
    with distributed.Client(address, timeout=SECONDS) as client:
        if count:
            client.wait_for_workers(count, timeout=SECONDS)
        deadline = time.monotonic() + SECONDS
        while names:
            plugins: dict[str, Any] = client.run(lambda dask_worker: (dask_worker.name, sorted(dask_worker.plugins)))
            if all(any(n == name and any("die-on-task" in p for p in ps) for n, ps in plugins.values())
                   for name in names):
                return
            if time.monotonic() > deadline:
                sys.exit(f"preloads not in place: {plugins}")
            time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
