"""Attacks on the web app that must fail (issue 17, hardening): each test performs one."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from jixiao.store import connect
from jixiao.web import create_app
from jixiao.web.auth import SESSIONS
from jixiao.web.users import set_password
from tests.web.conftest import PASSWORD, Site, login


def _client(site: Site, address: str = "testclient", **options: Any) -> TestClient:
    app = create_app(site.url, secret="test-secret", **options)
    return TestClient(app, follow_redirects=False, client=(address, 40000))


# --- sessions live on the server -------------------------------------------------------------------

def test_a_logged_out_cookie_replayed_opens_nothing(writable_site: Site) -> None:
    client = _client(writable_site)
    token = login(client, "reviewer")
    stolen = client.cookies["jixiao_session"]
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    attacker = _client(writable_site, "10.9.9.9")
    attacker.cookies.set("jixiao_session", stolen)
    assert attacker.get("/api/me").status_code == 401
    response = attacker.get("/units")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert attacker.post("/api/logout", headers={"X-CSRF-Token": token}).status_code == 401


def test_api_logout_revokes_the_session_too(writable_site: Site) -> None:
    client = _client(writable_site)
    token = client.post("/api/login", json={"username": "admin", "password": PASSWORD}).json()["csrf_token"]
    stolen = client.cookies["jixiao_session"]
    assert client.post("/api/logout", headers={"X-CSRF-Token": token}).status_code == 200
    replay = _client(writable_site)
    replay.cookies.set("jixiao_session", stolen)
    assert replay.get("/api/me").status_code == 401


def test_a_password_change_ends_every_old_session(writable_site: Site) -> None:
    first, second = _client(writable_site), _client(writable_site, "10.0.0.2")
    login(first, "staff_a")
    login(second, "staff_a")
    assert first.get("/api/me").status_code == 200 and second.get("/api/me").status_code == 200
    engine = connect(writable_site.url)
    set_password(engine, "staff_a", "a-new-password-1")
    engine.dispose()
    assert first.get("/api/me").status_code == 401 and second.get("/api/me").status_code == 401
    login(first, "staff_a", "a-new-password-1")
    assert first.get("/api/me").status_code == 200


def test_an_idle_session_times_out(writable_site: Site) -> None:
    client = _client(writable_site, idle_timeout=600)
    login(client, "reviewer")
    assert client.get("/api/me").status_code == 200
    # this client's session only (the site's database may hold other tests' sessions)
    mine = SESSIONS.c.token_hash == hashlib.sha256(client.cookies["jixiao_session"].encode()).hexdigest()
    engine = connect(writable_site.url)
    with engine.begin() as conn:  # used 5 minutes ago: still alive, and the use is recorded
        conn.execute(update(SESSIONS).where(mine).values(last_seen=datetime.now(UTC) - timedelta(seconds=300)))
    assert client.get("/api/me").status_code == 200
    with engine.connect() as conn:
        seen = conn.execute(select(SESSIONS.c.last_seen).where(mine)).scalar_one()
    assert datetime.now(UTC) - (seen if seen.tzinfo else seen.replace(tzinfo=UTC)) < timedelta(seconds=60)
    with engine.begin() as conn:
        conn.execute(update(SESSIONS).where(mine).values(last_seen=datetime.now(UTC) - timedelta(seconds=601)))
    engine.dispose()
    assert client.get("/api/me").status_code == 401


def test_the_cookie_is_a_random_token_not_a_readable_payload(writable_site: Site) -> None:
    client = _client(writable_site)
    login(client, "admin")
    value = client.cookies["jixiao_session"]
    assert "." not in value and len(value) >= 40  # no signed payload: nothing to decode or forge
    forged = _client(writable_site)
    forged.cookies.set("jixiao_session", value[:-4] + "AAAA")
    assert forged.get("/api/me").status_code == 401


# --- login throttling slows an attacker without locking anyone out ------------------------------------

def _attempt(client: TestClient, username: str, password: str) -> int:
    status: int = client.post("/api/login", json={"username": username, "password": password}).status_code
    return status


def test_an_attackers_failures_do_not_lock_the_account_for_its_owner(writable_site: Site) -> None:
    attacker = _client(writable_site, "203.0.113.7", login_attempts=5, login_delay=30)
    statuses = [_attempt(attacker, "admin", f"guess-{i}") for i in range(5)]
    assert statuses == [401] * 5
    response = attacker.post("/api/login", json={"username": "admin", "password": "guess-5"})
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 31
    assert _attempt(attacker, "admin", PASSWORD) == 429  # even the right password waits: nothing is tried
    # the real admin, from the office, logs in at once
    owner = _client(writable_site, "192.168.1.20", login_attempts=5, login_delay=30)
    assert _attempt(owner, "admin", PASSWORD) == 200
    # and so does a colleague behind the attacker's own address (one NAT for a whole office)
    colleague = _client(writable_site, "203.0.113.7", login_attempts=5, login_delay=30)
    assert _attempt(colleague, "reviewer", PASSWORD) == 200


def test_the_backoff_grows_and_is_shared_by_every_worker(writable_site: Site) -> None:
    # two apps on one store stand for two worker processes
    one = _client(writable_site, "198.51.100.1", login_attempts=2, login_delay=10)
    two = _client(writable_site, "198.51.100.1", login_attempts=2, login_delay=10)
    assert _attempt(one, "staff_b", "x-wrong-1") == 401
    assert _attempt(two, "staff_b", "x-wrong-2") == 401
    first = two.post("/api/login", json={"username": "staff_b", "password": "x"})
    assert first.status_code == 429 and 0 < int(first.headers["retry-after"]) <= 11
    assert one.post("/api/login", json={"username": "staff_b", "password": "x"}).status_code == 429
    engine = connect(writable_site.url)  # let the wait pass, fail once more: the wait doubles
    from jixiao.web.auth import FAILURES

    with engine.begin() as conn:
        conn.execute(update(FAILURES).values(blocked_until=0.0))
    assert _attempt(one, "staff_b", "x-wrong-3") == 401
    second = two.post("/api/login", json={"username": "staff_b", "password": "x"})
    assert 10 < int(second.headers["retry-after"]) <= 21
    with engine.begin() as conn:  # a success clears the pair
        conn.execute(update(FAILURES).values(blocked_until=0.0))
    engine.dispose()
    assert _attempt(one, "staff_b", PASSWORD) == 200
    assert _attempt(one, "staff_b", "x-wrong-4") == 401
    assert _attempt(one, "staff_b", PASSWORD) == 200


# --- security headers ----------------------------------------------------------------------------------

def _first_form(site: Site) -> int:
    from jixiao.store.queries import F

    engine = connect(site.url)
    with engine.connect() as conn:
        form_id = conn.execute(select(F.c.id).order_by(F.c.id)).scalars().first()
    engine.dispose()
    assert form_id is not None
    return int(form_id)


def test_every_response_carries_the_security_headers(client: TestClient, site: Site) -> None:
    login(client, "admin")
    form_id = _first_form(site)
    responses = {"page": client.get(f"/forms/{form_id}"), "api": client.get("/api/units"),
                 "download": client.get(f"/api/forms/{form_id}/download.xlsx"),
                 "workbook": client.get("/api/export.xlsx"), "login": client.get("/login"),
                 "404": client.get("/api/forms/0")}
    for name, response in responses.items():
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, name
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp, name
        assert headers.get("x-content-type-options") == "nosniff", name
        assert headers.get("referrer-policy") == "same-origin", name
        assert headers.get("cache-control") == "no-store", name
        assert "strict-transport-security" not in headers, name
        assert "server" not in headers, name
    assert responses["download"].status_code == 200 and responses["workbook"].status_code == 200
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_pages_hold_no_inline_script_or_style(client: TestClient, site: Site) -> None:
    import re

    login(client, "admin")
    for path in ("/", "/units", "/findings", "/upload", f"/forms/{_first_form(site)}", "/login"):
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):  # only files from /static, or JSON data
            assert 'src="/static/' in tag or 'type="application/json"' in tag, (path, tag)
        assert "<style" not in html and " style=" not in html and " onclick=" not in html, path


def test_secure_cookies_and_hsts_only_behind_https(writable_site: Site) -> None:
    plain_client = _client(writable_site)
    response = plain_client.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert "secure" not in response.headers["set-cookie"].lower()
    https = _client(writable_site, secure_cookies=True)
    response = https.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert "; secure" in response.headers["set-cookie"].lower()
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert "; secure" in https.get("/login").headers["set-cookie"].lower()  # the login page's CSRF cookie too


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_behind_https_sends_no_banner_and_refuses_a_chunked_flood(writable_site: Site, tmp_path: Any) -> None:
    """A real ``jixiao serve --behind-https``: no ``server`` header, HSTS, and a chunked body without
    Content-Length is cut off with 413 once past the cap, long before the sender is done."""
    import os
    import select
    import socket
    import subprocess
    import sys
    import time

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_SECRET", "JIXIAO_DB", "JIXIAO_BEHIND_HTTPS")}
    server = subprocess.Popen([sys.executable, "-m", "jixiao.present", "serve", "--db", writable_site.url,
                               "--port", str(port), "--behind-https"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "server stopped"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                    sock.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    head = sock.recv(65536).split(b"\r\n\r\n")[0].decode().lower()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.2)
        assert head.startswith("http/1.1 200")
        assert "\r\nserver:" not in head and "strict-transport-security: max-age=" in head
        assert "; secure" in head  # the CSRF cookie of the login page

        chunk = b"x" * 65536
        sent, answer = 0, b""
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            try:
                while sent < 200 * 1024 * 1024:  # a 200 MB flood, if nobody stops it
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                    if select.select([sock], [], [], 0)[0]:
                        break
            except OSError:
                pass  # the server closed the connection on us
            with contextlib.suppress(OSError):
                answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert sent < 20 * 1024 * 1024
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_chunked_upload_is_cut_off_at_the_cap_without_reading_the_rest(writable_site: Site) -> None:
    """The app itself, driven through ASGI: an authenticated multipart upload streamed in 64 KiB chunks
    with no Content-Length; the app reads just past the cap (2 × 100 kB + 1 MiB) and answers 413."""
    import asyncio

    app = create_app(writable_site.url, secret="test-secret", max_upload_bytes=100_000, max_upload_files=2)
    client = TestClient(app)
    token = client.post("/api/login", json={"username": "admin", "password": PASSWORD}).json()["csrf_token"]
    cookie = f"jixiao_session={client.cookies['jixiao_session']}".encode()
    boundary = b"jixiaoboundary"
    pulled = 0
    total_chunks = 1000  # 64 MiB
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        if pulled == 1:
            head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
                    b"Content-Type: text/plain\r\n\r\n")
            return {"type": "http.request", "body": head, "more_body": True}
        return {"type": "http.request", "body": b"y" * 65536, "more_body": pulled < total_chunks}

    async def send(message: MutableMapping[str, Any]) -> None:
        messages.append(dict(message))

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/upload", "raw_path": b"/api/upload", "query_string": b"",
             "root_path": "", "server": ("testserver", 80), "client": ("127.0.0.1", 1234),
             "headers": [(b"host", b"testserver"), (b"cookie", cookie), (b"x-csrf-token", token.encode()),
                         (b"content-type", b"multipart/form-data; boundary=" + boundary),
                         (b"transfer-encoding", b"chunked")]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert pulled < 30  # (200 kB + 1 MiB) / 64 KiB ≈ 19 chunks read, not 1000
    assert client.post("/api/upload", content=b"z" * 3_000_000, headers={
        "X-CSRF-Token": token, "Content-Type": "multipart/form-data; boundary=b"}).status_code == 413
    assert client.post("/api/login", content=b"{" + b" " * 3_000_000 + b"}",
                       headers={"Content-Type": "application/json"}).status_code == 413  # 2 MiB for the rest


# --- ids out of range ------------------------------------------------------------------------------------

BAD_IDS = ["99999999999999999999", "9223372036854775808", "-99999999999999999999", "-1", "0", "abc", "1e3", "١٢"]
ROUTES = [("get", "/units/{}"), ("get", "/api/units/{}"), ("get", "/documents/{}"), ("get", "/api/documents/{}"),
          ("get", "/forms/{}"), ("get", "/api/forms/{}"), ("get", "/forms/{}/edit"), ("get", "/api/forms/{}/edits"),
          ("get", "/api/forms/{}/download.xlsx"), ("post", "/api/findings/{}/review"),
          ("post", "/api/forms/{}/review"), ("post", "/api/forms/{}/edits"), ("post", "/forms/{}/review"),
          ("post", "/findings/{}/review")]
BODIES = {"/api/findings/{}/review": {"status": "dismissed", "reason": "x"},
          "/api/forms/{}/review": {"status": "returned", "comment": "x"},
          "/api/forms/{}/edits": {"changes": {"total": "1"}}}


def test_any_id_out_of_range_is_a_404_never_a_500(site: Site) -> None:
    client = TestClient(create_app(site.url, secret="test-secret"), follow_redirects=False,
                        raise_server_exceptions=False)
    token = login(client, "admin")
    for bad in BAD_IDS:
        for method, route in ROUTES:
            path = route.format(bad)
            if method == "get":
                response = client.get(path)
            elif route.startswith("/api/"):
                response = client.post(path, json=BODIES[route], headers={"X-CSRF-Token": token})
            else:
                status = "dismissed" if route.startswith("/findings") else "returned"
                response = client.post(path, data={"csrf_token": token, "status": status, "comment": "x",
                                                   "reason": "x"})
            assert response.status_code == 404, (path, response.status_code, response.text[:200])
            if not route.startswith("/api/"):
                assert "未找到" in response.text  # the site's own error page, not a traceback
    for bad in ("99999999999999999999", "-9223372036854775809"):  # ids and years in a query: no 500 either
        assert client.get(f"/api/findings?year={bad}").status_code in (200, 404)
        assert client.get(f"/findings?year={bad}").status_code in (200, 404)


# --- exports carry no live formulas ------------------------------------------------------------------

EVIL = '=HYPERLINK("http://x","点")'


def test_a_formula_in_a_project_name_arrives_in_every_export_as_inert_text(writable_site: Site,
                                                                           tmp_path: Any) -> None:
    import io
    import json

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    from jixiao.store.export import export_csv
    from jixiao.store.queries import F, U

    engine = connect(writable_site.url)
    form_id = _first_form(writable_site)
    with engine.begin() as conn:
        data = json.loads(conn.execute(select(F.c.data).where(F.c.id == form_id)).scalar_one())
        name = conn.execute(select(F.c.name).where(F.c.id == form_id)).scalar_one()
        text = json.dumps(data, ensure_ascii=False).replace(json.dumps(name, ensure_ascii=False)[1:-1],
                                                            json.dumps(EVIL, ensure_ascii=False)[1:-1])
        conn.execute(update(F).where(F.c.id == form_id).values(name=EVIL, data=text))
        conn.execute(update(U).where(U.c.id == writable_site.unit_a[0]).values(name="+cmd|' /C calc'!A0"))
    client = _client(writable_site)
    login(client, "reviewer")
    response = client.get("/api/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    seen = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.value in (EVIL, "+cmd|' /C calc'!A0"):
                    seen[cell.value] = cell
    assert set(seen) == {EVIL, "+cmd|' /C calc'!A0"}
    for cell in seen.values():
        assert cell.data_type == "s" and cell.quotePrefix
    # the form in its official layout: the name is a string cell too
    download = load_workbook(io.BytesIO(client.get(f"/api/forms/{form_id}/download.xlsx").content))
    cells = [c for s in download.worksheets for r in s.iter_rows() for c in r if c.value]
    assert all(c.data_type != "f" for c in cells)
    # CSV: a leading apostrophe, the rest unchanged
    with engine.connect() as conn:
        files = export_csv(conn, tmp_path / "csv")
    engine.dispose()
    everything = "".join(path.read_text(encoding="utf-8-sig") for path in files)
    assert "'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")" in everything
    assert "'+cmd|' /C calc'!A0" in everything
    import csv

    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            assert not any(value.startswith(("=", "+", "@")) for value in row), row


# --- /docs ------------------------------------------------------------------------------------------------

def test_docs_work_offline_for_admins_only(client: TestClient) -> None:
    import re

    assert client.get("/docs").status_code == 303  # not logged in: the login page
    assert client.get("/openapi.json").status_code == 303
    for name in ("reviewer", "staff_a", "evaluator_b"):
        other = TestClient(client.app, follow_redirects=False)
        login(other, name)
        assert other.get("/docs").status_code == 404, name
        assert other.get("/openapi.json").status_code == 404, name
    login(client, "admin")
    page = client.get("/docs")
    assert page.status_code == 200 and 'id="swagger-ui"' in page.text
    references = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert references and all(r.startswith("/static/") for r in references), references
    assert "http://" not in page.text and "https://" not in page.text and "<script>" not in page.text
    for ref in references:  # every asset is served from the package
        assert client.get(ref).status_code == 200, ref
    assert "SwaggerUIBundle" in client.get("/static/swagger-ui-bundle.js").text
    assert "validatorUrl: null" in client.get("/static/docs.js").text
    schema = client.get("/openapi.json").json()
    assert "/api/forms/{form_id}" in schema["paths"] and "/docs" not in schema["paths"]
    assert client.get("/redoc").status_code == 404
