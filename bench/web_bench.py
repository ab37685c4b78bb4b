"""The web app under load: 10,000 forms in PostgreSQL, 20 concurrent clients against `jixiao serve`.

    .venv/bin/python bench/web_bench.py [--db URL] [--reuse] [--forms 10000] [--clients 20]
        [--requests 2000] [--single 300] [--rounds 3] [--workers 1]

1. Builds the database (or, with ``--reuse``, uses it as it is when it already holds the forms):
   drops and creates the PostgreSQL database named in ``--db`` (default
   ``postgresql+psycopg:///jixiao_web_bench?host=/var/run/postgresql``; ``createdb`` rights needed),
   generates a synthetic district with :func:`jixiao.samples.generator.generate_district` (40
   self-evaluations per document, as ``bench/ingest_bench.py``) and ingests it with ``--jobs 2``; adds
   a reviewer (sees every unit) and a unit-staff user (sees one unit) with
   :func:`jixiao.web.users.add_user`.
2. Starts ``jixiao serve --db URL --port P [--workers N]`` as a real subprocess on a free 127.0.0.1
   port and waits until it answers.
3. Single-client baseline: one client, ``--single`` requests one after another.
4. Closed-loop load test, ``--rounds`` times: ``--clients`` threads, each logged in with its own
   session (half reviewers, half unit staff), together send ``--requests`` requests and each sends
   its next request as soon as the previous answer arrived. The mix: the dashboard page ``/`` (20 %),
   ``/api/dashboard`` (15 %), a random form page ``/forms/ID`` (35 %; a reviewer picks among all
   forms, the biggest included, unit staff among their unit's), the findings list ``/findings``
   (15 %; every third one with a severity filter, every fifth on a later page) and ``/units`` (15 %).

Prints per endpoint: count, p50, p95, p99, max (ms) and errors (anything but 200), requests/s, and the
CPU time the server process(es) used per request (from ``/proc``). The load generator is stdlib
``http.client`` with keep-alive (about 0.2 ms of CPU a request) so that it takes little from the two
cores. Not part of the test suite; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from jixiao.samples.generator import generate_district
from jixiao.store import StoreError, connect, ingest
from jixiao.store.queries import D, F, U
from jixiao.web.users import add_user

DEFAULT_DB = "postgresql+psycopg:///jixiao_web_bench?host=/var/run/postgresql"
PER_DOCUMENT = 40
PASSWORD = "bench-password-1"
ENDPOINTS = ("/", "/api/dashboard", "/forms/ID", "/findings", "/units")
MIX = (("/", 20), ("/api/dashboard", 15), ("/forms/ID", 35), ("/findings", 15), ("/units", 15))


# ---------------------------------------------------------------- database


def _recreate(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def _form_count(url: str) -> int:
    try:
        engine = connect(url, migrate=False)
    except StoreError:  # no database or no schema yet: build it
        return 0
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(F).join(D, D.c.id == F.c.document_id)
                         .where(D.c.current.is_(True))).scalar() or 0
    engine.dispose()
    return int(n)


def build(url: str, forms: int, reuse: bool) -> None:
    if reuse and _form_count(url) >= forms:
        print(f"reusing {url}: {_form_count(url)} forms")
        return
    if url.startswith("postgresql"):
        _recreate(url)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_district(Path(tmp) / "district", units=max(1, forms // PER_DOCUMENT), projects=PER_DOCUMENT)
        engine = connect(url)
        summary = ingest(engine, paths, jobs=2)
    with engine.connect() as conn:
        unit = conn.execute(select(U.c.name).join(F, F.c.unit_id == U.c.id).group_by(U.c.id, U.c.name)
                            .order_by(func.count().desc(), U.c.id).limit(1)).scalar_one()
    add_user(engine, "bench_reviewer", PASSWORD, "reviewer")
    add_user(engine, "bench_staff", PASSWORD, "unit", [unit])
    engine.dispose()
    print(f"built {url}: {summary.forms} forms, findings {summary.findings}, "
          f"{time.perf_counter() - started:.1f} s; staff unit: {unit}")


def targets(url: str) -> tuple[list[int], list[int]]:
    """Form ids a reviewer may open (all current forms) and those of the staff user's unit."""
    engine = connect(url, migrate=False)
    with engine.connect() as conn:
        rows = conn.execute(select(F.c.id, F.c.unit_id).join(D, D.c.id == F.c.document_id)
                            .where(D.c.current.is_(True))).all()
        staff_unit = conn.execute(text("SELECT unit_id FROM users WHERE username = 'bench_staff'")).scalar()
    engine.dispose()
    return [r.id for r in rows], [r.id for r in rows if r.unit_id == staff_unit]


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, JIXIAO_SECRET=secrets.token_urlsafe(32))
    command = [sys.executable, "-m", "jixiao.present", "serve", "--db", url, "--port", str(port)]
    if workers != 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/login")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not answer within 60 s")


def postgres_cpu() -> dict[int, float]:
    """CPU seconds of each process called ``postgres`` on the machine (the database server), by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, _, rest = stat.read_text().partition(") ")
        except OSError:
            continue
        if head.endswith("(postgres"):
            fields = rest.split()
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def postgres_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU the database used in between: processes alive at the end, new ones counted from zero. A
    backend that exited in between (a connection the pool closed) is missed: a lower bound."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def server_cpu(pid: int) -> float:
    """CPU seconds of the server process and its live worker processes (children)."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# ---------------------------------------------------------------- clients


@dataclass
class Client:
    port: int
    username: str
    forms: list[int]
    rng: random.Random
    cookie: str = ""
    conn: http.client.HTTPConnection | None = None
    results: list[tuple[str, float, int]] = field(default_factory=list)

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return self.conn

    def send(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, list[str]]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                return response.status, data, response.headers.get_all("set-cookie") or []
            except (OSError, http.client.HTTPException):
                conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def login(self) -> None:
        status, data, cookies = self.send("POST", "/api/login",
                                          json.dumps({"username": self.username, "password": PASSWORD}).encode())
        if status != 200:
            raise SystemExit(f"login {self.username}: {status} {data[:200]!r}")
        self.cookie = "; ".join(c.split(";", 1)[0] for c in cookies)

    def pick(self, n: int) -> tuple[str, str]:
        endpoint = self.rng.choices([e for e, _ in MIX], weights=[w for _, w in MIX])[0]
        if endpoint == "/forms/ID":
            return endpoint, f"/forms/{self.rng.choice(self.forms)}"
        if endpoint == "/findings":
            query = "?severity=error" if n % 3 == 0 else ""
            if n % 5 == 0:
                query += ("&" if query else "?") + "offset=200"
            return endpoint, "/findings" + query
        return endpoint, endpoint

    def one(self, n: int) -> None:
        endpoint, path = self.pick(n)
        start = time.perf_counter()
        try:
            status = self.send("GET", path)[0]
        except (OSError, http.client.HTTPException):
            status = 0
        self.results.append((endpoint, time.perf_counter() - start, status))


def make_clients(port: int, count: int, forms: tuple[list[int], list[int]], seed: int) -> list[Client]:
    clients = []
    for i in range(count):
        staff = i % 2 == 1
        clients.append(Client(port, "bench_staff" if staff else "bench_reviewer", forms[1] if staff else forms[0],
                              random.Random(seed * 1000 + i)))
    for client in clients:
        client.login()
    return clients


def run_load(clients: list[Client], requests: int) -> float:
    """Closed loop: every client sends its next request when the previous one is answered."""
    counter = iter(range(requests))
    lock = threading.Lock()

    def loop(client: Client) -> None:
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            client.one(n)

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


# ---------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


Row = tuple[str, int, float, float, float, float, int]


def table(results: list[tuple[str, float, int]]) -> list[Row]:
    rows: list[Row] = []
    for endpoint in (*ENDPOINTS, "all"):
        mine = [r for r in results if endpoint in ("all", r[0])]
        if not mine:
            continue
        ms = [r[1] * 1000 for r in mine]
        rows.append((endpoint, len(mine), percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), max(ms),
                     sum(1 for r in mine if r[2] != 200)))
    return rows


def show(title: str, rows: list[Row], seconds: float, cpu: tuple[float, float, float]) -> None:
    total = rows[-1][1]
    server, database, client = (c / total * 1000 for c in cpu)
    print(f"\n{title}: {total} requests in {seconds:.1f} s → {total / seconds:.0f} req/s; load average "
          f"{os.getloadavg()[0]:.1f}\n  CPU per request: server {server:.1f} ms, PostgreSQL ≥ {database:.1f} ms, "
          f"load generator {client:.1f} ms")
    print(f"  {'endpoint':<16}{'count':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'errors':>8}")
    for name, n, p50, p95, p99, top, errors in rows:
        print(f"  {name:<16}{n:>7}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{top:>9.1f}{errors:>8}")


def measure(server: subprocess.Popen[bytes], run: Callable[[], float], clients: list[Client]) -> tuple[
        list[Row], float, tuple[float, float, float]]:
    for c in clients:
        c.results.clear()
    before = (server_cpu(server.pid), postgres_cpu(), own_cpu())
    seconds = run()
    after = (server_cpu(server.pid), postgres_cpu(), own_cpu())
    cpu = (after[0] - before[0], postgres_used(before[1], after[1]), after[2] - before[2])
    return table([r for c in clients for r in c.results]), seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--reuse", action="store_true", help="use the database as it is if it holds the forms")
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per load round")
    parser.add_argument("--single", type=int, default=300, help="requests of the single-client baseline")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    build(args.db, args.forms, args.reuse)
    forms = targets(args.db)
    print(f"{len(forms[0])} forms; staff user's unit: {len(forms[1])} forms; {os.cpu_count()} cores; "
          f"workers={args.workers}; load average {os.getloadavg()[0]:.1f}")
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        warm = make_clients(port, 2, forms, seed=0)
        for n in range(40):  # warm-up: imports, template compilation, connection pool
            warm[n % 2].one(n)
        single = make_clients(port, 1, forms, seed=1)
        rows, seconds, cpu = measure(server, lambda: run_load(single, args.single), single)
        show("single client (baseline)", rows, seconds, cpu)
        summary: list[list[Row]] = []
        for r in range(args.rounds):
            clients = make_clients(port, args.clients, forms, seed=10 + r)
            rows, seconds, cpu = measure(server, lambda c=clients: run_load(c, args.requests), clients)  # type: ignore[misc]
            show(f"round {r + 1}: {args.clients} concurrent clients", rows, seconds, cpu)
            summary.append(rows)
            for c in clients:
                if c.conn is not None:
                    c.conn.close()
        print(f"\nmedian over {args.rounds} rounds ({args.clients} clients): p50 / p95 / p99 ms")
        for i, name in enumerate(r[0] for r in summary[0]):
            cols = [statistics.median(float(rows[i][k]) for rows in summary) for k in (2, 3, 4)]
            print(f"  {name:<16}{cols[0]:>9.1f}{cols[1]:>9.1f}{cols[2]:>9.1f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
