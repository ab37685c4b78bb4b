"""``jixiao serve --workers N``: N processes on one port share one cookie secret, so a session made
by one worker is honoured by every other; a bad worker count is refused with a one-line reason."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.web.conftest import PASSWORD, Site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _request(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes, list[str]]:
    """One request on a new connection (so that the kernel may hand it to any worker)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.headers.get_all("set-cookie") or []
    finally:
        conn.close()


def test_workers_share_sessions(site: Site, tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_SECRET", "JIXIAO_DB")}
    server = subprocess.Popen([sys.executable, "-m", "jixiao.present", "serve", "--db", site.url, "--port", str(port),
                               "--workers", "2"], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                if _request(port, "GET", "/login")[0] == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.2)
        status, body, cookies = _request(port, "POST", "/api/login",
                                         json.dumps({"username": "staff_a", "password": PASSWORD}).encode(),
                                         {"Content-Type": "application/json"})
        assert status == 200, body
        cookie = {"Cookie": "; ".join(c.split(";", 1)[0] for c in cookies)}
        pids = set()
        for _ in range(30):  # new connections land on both workers; every one knows the session
            status, body, _ = _request(port, "GET", "/api/units", headers=cookie)
            assert status == 200, body
            assert [u["id"] for u in json.loads(body)["units"]] == [site.unit_a[0]]
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        if children.exists():
            pids = set(children.read_text().split())
            assert len(pids) >= 2  # the supervisor runs two workers
        assert _request(port, "GET", "/api/units")[0] == 401
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_bad_worker_count_is_refused(site: Site) -> None:
    done = subprocess.run([sys.executable, "-m", "jixiao.present", "serve", "--db", site.url, "--workers", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "invalid number of workers: 0" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "jixiao.present", "serve", "--db", site.url, "--threads", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "invalid number of threads: 0" in done.stderr
