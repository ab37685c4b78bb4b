"""Login, sessions, CSRF and login throttling."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao.web import create_app
from tests.web.conftest import PASSWORD, csrf_of, login


def test_pages_redirect_to_login_and_api_answers_401(client: TestClient) -> None:
    response = client.get("/units?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/units%3Fx%3D1"
    assert client.get("/api/units").status_code == 401
    assert client.get("/api/forms/1").json() == {"detail": "请先登录"}


def test_login_sets_a_session_and_logout_ends_it(client: TestClient) -> None:
    token = login(client, "reviewer")
    me = client.get("/api/me").json()
    assert me["username"] == "reviewer" and me["role"] == "reviewer" and me["units"] is None
    assert me["csrf_token"] == token
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_wrong_password_is_refused_with_a_reason(client: TestClient) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"username": "reviewer", "password": "wrong-password",
                                           "csrf_token": csrf_of(page.text)})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert "jixiao_session" not in response.cookies


def test_unknown_user_is_refused_like_a_wrong_password(client: TestClient) -> None:
    response = client.post("/api/login", json={"username": "nobody", "password": PASSWORD})
    assert response.status_code == 401
    assert response.json()["detail"] == "用户名或密码错误"


def test_login_form_without_csrf_token_is_rejected(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 403
    response = client.post("/login", data={"username": "reviewer", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403
    assert client.get("/api/me").status_code == 401


def test_posts_without_the_session_csrf_token_are_rejected(client: TestClient) -> None:
    login(client, "reviewer")
    assert client.post("/logout").status_code == 403
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 403
    response = client.post("/api/upload", files=[("files", ("a.txt", b"x", "text/plain"))])
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert client.get("/api/me").status_code == 200  # still logged in: nothing was done


def test_api_login_returns_the_csrf_token_that_api_posts_need(client: TestClient) -> None:
    response = client.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["csrf_token"]
    assert client.post("/api/logout", headers={"X-CSRF-Token": token}).json() == {"ok": True}


def test_login_is_throttled_after_repeated_failures(own_client: TestClient) -> None:
    client = own_client
    for _ in range(3):  # the app under test allows 3 failures a minute
        assert client.post("/api/login", json={"username": "staff_a", "password": "nope-nope"}).status_code == 401
    response = client.post("/api/login", json={"username": "staff_a", "password": PASSWORD})
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 61
    assert "登录失败次数过多" in response.json()["detail"]
    # another user from the same address is not locked out by staff_a's failures
    assert client.post("/api/login", json={"username": "staff_b", "password": PASSWORD}).status_code == 200


def test_throttling_shows_on_the_login_page(own_client: TestClient) -> None:
    client = own_client
    for _ in range(4):
        page = client.get("/login")
        response = client.post("/login", data={"username": "admin", "password": "bad-bad-bad",
                                               "csrf_token": csrf_of(page.text)})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text


def test_tampered_session_cookie_is_not_a_session(client: TestClient, app: FastAPI) -> None:
    login(client, "admin")
    value = client.cookies["jixiao_session"]
    client.cookies.set("jixiao_session", value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert client.get("/api/me").status_code == 401
    other = TestClient(app)
    other.cookies.set("jixiao_session", "eyJ1aWQiOjF9.forged.sig")
    assert other.get("/api/me").status_code == 401


def test_login_redirects_only_within_the_site(client: TestClient) -> None:
    page = client.get("/login?next=//evil.example/x")
    assert 'name="next" value="/"' in page.text
    response = client.post("/login", data={"username": "admin", "password": PASSWORD,
                                           "csrf_token": csrf_of(page.text), "next": "https://evil.example/"})
    assert response.headers["location"] == "/"
    page = client.get("/login?next=/findings")
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/upload").text)})
    page = client.get("/login?next=/findings")
    response = client.post("/login", data={"username": "admin", "password": PASSWORD,
                                           "csrf_token": csrf_of(page.text), "next": "/findings"})
    assert response.headers["location"] == "/findings"


def test_the_login_page_says_how_to_make_the_first_account(tmp_path: Path, client: TestClient) -> None:
    empty = TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}", secret="s"))
    page = empty.get("/login").text
    assert 'id="no-users"' in page and "jixiao user add admin --role admin" in page
    assert 'id="no-users"' not in client.get("/login").text  # the site has accounts
