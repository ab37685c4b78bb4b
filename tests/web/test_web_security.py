"""Attacks on the web app that must fail (issue 17, hardening): each test performs one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

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
    engine = connect(writable_site.url)
    with engine.begin() as conn:
        conn.execute(update(SESSIONS).values(last_seen=datetime.now(UTC) - timedelta(seconds=601)))
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
