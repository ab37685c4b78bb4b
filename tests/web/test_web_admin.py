"""用户管理, the forced change of an initial password, a user's own password change, 操作日志 and
the 500 page: each through the pages and the API, on a copy of the site's database."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from jixiao.samples.generator import generate_district
from jixiao.store import connect
from jixiao.web import create_app
from jixiao.web.audit_log import LOG, LogFilter, entries, record_action
from jixiao.web.auth import SESSIONS
from jixiao.web.users import USERS, add_user
from tests.store.conftest import pg_url  # noqa: F401  (the fixture: a scratch PostgreSQL database)
from tests.web.conftest import PASSWORD, Site, csrf_of, login, writable_copy


@pytest.fixture
def app(writable_site: Site) -> FastAPI:
    return create_app(writable_site.url, secret="test-secret", login_attempts=3, login_delay=30)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


def _log(site: Site, action: str) -> list[dict[str, object]]:
    engine = connect(site.url)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(LOG).where(LOG.c.action == action)
                                                       .order_by(LOG.c.id))]
    engine.dispose()
    return rows


def _login_page(client: TestClient, username: str, password: str) -> Response:
    page = client.get("/login")
    response: Response = client.post("/login", data={"username": username, "password": password,
                                                     "csrf_token": csrf_of(page.text), "next": "/units"})
    return response


def _create(client: TestClient, token: str, **fields: object) -> str:
    response = client.post("/admin/users", data={"csrf_token": token, **fields})
    assert response.status_code == 200, response.text
    match = re.search(r'id="initial-password">([^<]+)<', response.text)
    assert match, response.text
    return match.group(1)


@pytest.mark.parametrize("who", ["reviewer", "staff_a", "evaluator_b"])
def test_admin_pages_are_404_for_everyone_else(client: TestClient, who: str) -> None:
    token = login(client, who)
    for path in ("/admin/users", "/admin/log", "/api/admin/users", "/api/admin/log"):
        assert client.get(path).status_code == 404, path
    assert client.post("/admin/users", data={"csrf_token": token, "username": "x", "role": "admin"}).status_code == 404
    assert client.post("/api/admin/users", json={"username": "x", "role": "admin"},
                       headers={"X-CSRF-Token": token}).status_code == 404
    assert client.post("/api/admin/users/1/disable", headers={"X-CSRF-Token": token}).status_code == 404
    assert "/admin/users" not in client.get("/").text


def test_admin_sees_the_pages_and_the_nav(client: TestClient) -> None:
    login(client, "admin")
    page = client.get("/admin/users")
    assert page.status_code == 200 and 'data-username="staff_a"' in page.text
    assert 'id="nav-users"' in client.get("/").text
    users = client.get("/api/admin/users").json()["users"]
    staff = next(u for u in users if u["username"] == "staff_a")
    assert staff["role"] == "unit" and len(staff["units"]) == 1 and staff["disabled"] is False


def test_created_user_must_change_the_password_before_anything_else(client: TestClient, writable_site: Site) -> None:
    token = login(client, "admin")
    unit_name = writable_site.unit_a[1]
    initial = _create(client, token, username="newcomer", role="unit", units=unit_name)
    rows = _log(writable_site, "user_create")
    assert rows[-1]["username"] == "admin" and rows[-1]["target"] == "user:newcomer" and unit_name in str(
        rows[-1]["detail"])
    client.cookies.clear()
    assert _login_page(client, "newcomer", initial).status_code == 303
    for path in ("/", "/units", f"/units/{writable_site.unit_a[0]}", "/upload"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/password?next="), path
    assert client.get("/api/units").status_code == 403
    page = client.get("/password?next=/units")
    assert page.status_code == 200 and 'id="must-change"' in page.text
    token = csrf_of(page.text)
    # a wrong confirmation stays on the page, the error beside the field
    wrong = client.post("/password", data={"csrf_token": token, "old": initial, "new": "brand-new-pass-1",
                                           "confirm": "brand-new-pass-2", "next": "/units"})
    assert wrong.status_code == 422
    assert re.search(r'name="confirm"[^>]*aria-invalid="true"', wrong.text)
    assert 'id="error-confirm"' in wrong.text and "两次输入的新密码不一致" in wrong.text and " / " not in re.search(
        r'id="error-confirm"[^>]*>([^<]*)<', wrong.text).group(1)  # type: ignore[union-attr]
    assert client.get("/units").status_code == 303
    done = client.post("/password", data={"csrf_token": token, "old": initial, "new": "brand-new-pass-1",
                                          "confirm": "brand-new-pass-1", "next": "/units"})
    assert done.status_code == 303 and done.headers["location"] == "/units"
    units = client.get("/units")
    assert units.status_code == 200 and unit_name in units.text
    client.cookies.clear()
    assert _login_page(client, "newcomer", initial).status_code == 401
    assert _login_page(client, "newcomer", "brand-new-pass-1").status_code == 303
    assert client.get("/units").status_code == 200
    change = _log(writable_site, "password_change")[-1]
    assert change["username"] == "newcomer" and change["detail"] == "首次登录修改初始密码"


def test_user_made_by_the_cli_is_not_forced(client: TestClient) -> None:
    login(client, "staff_a")
    assert client.get("/units").status_code == 200


def test_creation_errors_stay_beside_their_field(client: TestClient, writable_site: Site) -> None:
    token = login(client, "admin")
    taken = client.post("/admin/users", data={"csrf_token": token, "username": "staff_a", "role": "reviewer"})
    assert taken.status_code == 422 and 'id="error-username"' in taken.text and "用户名已存在" in taken.text
    assert 'value="staff_a"' in taken.text
    no_unit = client.post("/admin/users", data={"csrf_token": token, "username": "lonely", "role": "unit"})
    assert no_unit.status_code == 422 and 'id="error-units"' in no_unit.text
    assert 'id="error-username"' not in no_unit.text
    short = client.post("/api/admin/users", json={"username": "shorty", "role": "reviewer", "password": "abc"},
                        headers={"X-CSRF-Token": token})
    assert short.status_code == 422 and short.json()["field"] == "password"
    assert not _log(writable_site, "user_create")


def test_disable_ends_sessions_and_refuses_login(app: FastAPI, writable_site: Site) -> None:
    with TestClient(app, follow_redirects=False) as admin, TestClient(app, follow_redirects=False) as staff:
        token = login(admin, "admin")
        login(staff, "staff_b")
        assert staff.get("/units").status_code == 200
        target = next(u for u in admin.get("/api/admin/users").json()["users"] if u["username"] == "staff_b")
        response = admin.post(f"/admin/users/{target['id']}/disable", data={"csrf_token": token})
        assert response.status_code == 200 and "已停用" in response.text
        assert staff.get("/units").status_code == 303  # to the login page
        staff.cookies.clear()
        assert _login_page(staff, "staff_b", PASSWORD).status_code == 401
        mine = next(u for u in admin.get("/api/admin/users").json()["users"] if u["username"] == "admin")
        refused = admin.post(f"/api/admin/users/{mine['id']}/disable", headers={"X-CSRF-Token": token})
        assert refused.status_code == 422 and refused.json()["detail"] == "不能停用自己的账户"
        admin.post(f"/admin/users/{target['id']}/enable", data={"csrf_token": token})
        assert _login_page(staff, "staff_b", PASSWORD).status_code == 303
    assert [r["target"] for r in _log(writable_site, "user_disable")] == ["user:staff_b"]
    assert [r["target"] for r in _log(writable_site, "user_enable")] == ["user:staff_b"]


def test_reset_gives_a_temporary_password_that_must_be_changed(app: FastAPI, writable_site: Site) -> None:
    with TestClient(app, follow_redirects=False) as admin, TestClient(app, follow_redirects=False) as staff:
        token = login(admin, "admin")
        login(staff, "staff_a")
        target = next(u for u in admin.get("/api/admin/users").json()["users"] if u["username"] == "staff_a")
        response = admin.post(f"/api/admin/users/{target['id']}/reset", headers={"X-CSRF-Token": token})
        temporary = response.json()["password"]
        assert response.status_code == 200 and len(temporary) >= 12
        assert staff.get("/units").status_code == 303 and staff.get("/units").headers["location"].startswith("/login")
        staff.cookies.clear()
        assert _login_page(staff, "staff_a", PASSWORD).status_code == 401
        assert _login_page(staff, "staff_a", temporary).status_code == 303
        assert staff.get("/units").headers["location"].startswith("/password")
    assert _log(writable_site, "user_reset")[-1]["target"] == "user:staff_a"


def test_role_and_scope_change(client: TestClient, writable_site: Site) -> None:
    token = login(client, "admin")
    users = client.get("/api/admin/users").json()["users"]
    evaluator = next(u for u in users if u["username"] == "evaluator_b")
    both = [writable_site.unit_a[1], writable_site.unit_b[1]]
    response = client.post(f"/admin/users/{evaluator['id']}/update",
                           data={"csrf_token": token, "role": "evaluator", "units": both})
    assert response.status_code == 200 and "已保存" in response.text
    changed = next(u for u in client.get("/api/admin/users").json()["users"] if u["username"] == "evaluator_b")
    assert sorted(changed["units"]) == sorted(both)
    bad = client.post(f"/api/admin/users/{evaluator['id']}", json={"role": "unit", "units": both},
                      headers={"X-CSRF-Token": token})
    assert bad.status_code == 422 and bad.json()["field"] == "units"
    assert bad.json()["detail"] == "预算单位用户须选择且只选择一个单位"
    assert str(_log(writable_site, "user_update")[-1]["detail"]).endswith("、".join(both))


def test_own_password_change_ends_the_other_sessions(app: FastAPI, writable_site: Site) -> None:
    with TestClient(app, follow_redirects=False) as here, TestClient(app, follow_redirects=False) as there:
        token = login(here, "reviewer")
        login(there, "reviewer")
        wrong = here.post("/api/password", headers={"X-CSRF-Token": token},
                          json={"old": "nope-nope", "new": "another-pass-9", "confirm": "another-pass-9"})
        assert wrong.status_code == 422 and wrong.json()["field"] == "old"
        assert there.get("/units").status_code == 200
        page = here.post("/password", data={"csrf_token": token, "old": PASSWORD, "new": "another-pass-9",
                                            "confirm": "another-pass-9"})
        assert page.status_code == 200 and 'id="changed"' in page.text
        assert here.get("/units").status_code == 200  # this session lives on
        assert there.get("/units").status_code == 303  # the other one ended
    row = _log(writable_site, "password_change")[-1]
    assert row["username"] == "reviewer" and "其他会话已结束" in str(row["detail"])


def test_log_records_logins_failures_and_logout(client: TestClient, writable_site: Site) -> None:
    assert _login_page(client, "staff_a", "wrong-password").status_code == 401
    token = login(client, "staff_a")
    client.post("/logout", data={"csrf_token": token})
    failed = _log(writable_site, "login_failed")[-1]
    assert failed["username"] == "staff_a" and failed["user_id"] is None and failed["address"] == "testclient"
    assert failed["detail"] == "用户名或密码错误"
    ok = _log(writable_site, "login")[-1]
    assert ok["username"] == "staff_a" and ok["user_id"] is not None and ok["target"] == "user:staff_a"
    assert _log(writable_site, "logout")[-1]["username"] == "staff_a"


def test_log_page_filters_and_pages(client: TestClient, writable_site: Site) -> None:
    engine = connect(writable_site.url)
    for i in range(60):
        record_action(engine, "ghost", "login_failed", f"user:ghost{i}", "用户名或密码错误", "10.0.0.1")
    with engine.connect() as conn:
        assert entries(conn, LogFilter(username="ghost"), 0, 50)["total"] == 60
        assert entries(conn, LogFilter(action="export"))["total"] == 0
    engine.dispose()
    login(client, "admin")
    first = client.get("/admin/log?username=ghost&action=login_failed")
    assert first.status_code == 200 and "共 60 条" in first.text
    assert first.text.count('data-action="login_failed"') == 50
    assert "user:ghost59" in first.text and "user:ghost9<" not in first.text
    second = client.get("/admin/log?username=ghost&action=login_failed&offset=50")
    assert second.text.count('data-action="login_failed"') == 10 and "user:ghost0<" in second.text
    api = client.get("/api/admin/log", params={"username": "ghost", "since": "2000-01-01", "until": "2000-01-02"})
    assert api.json()["total"] == 0
    bad = client.get("/admin/log?since=31.12.2026")
    assert bad.status_code == 200 and "日期格式应为" in bad.text


def test_uploads_reviews_edits_and_exports_are_logged(app: FastAPI, writable_site: Site, tmp_path: Path) -> None:
    with TestClient(app, follow_redirects=False) as reviewer, TestClient(app, follow_redirects=False) as staff:
        token = login(reviewer, "reviewer")
        assert reviewer.get("/api/export.xlsx").status_code == 200
        finding = reviewer.get("/api/findings").json()["findings"][0]
        decision = {"status": "dismissed", "reason": "印刷无误"}
        assert reviewer.post(f"/api/findings/{finding['id']}/review", json=decision,
                             headers={"X-CSRF-Token": token}).status_code == 200
        assert reviewer.get(f"/api/forms/{finding['form_id']}/download.xlsx").status_code == 200
        sample = generate_district(tmp_path / "up", units=1, projects=2)[0]
        reviewer.post("/api/upload", files={"files": (sample.name, sample.read_bytes())},
                      headers={"X-CSRF-Token": token})
        staff_token = login(staff, "admin")
        form = next(f for f in staff.get(f"/api/units/{writable_site.unit_a[0]}").json()["forms"]
                    if f["kind"] == "self_evaluation")
        state = staff.get(f"/api/forms/{form['id']}/edits").json()
        path = next(p for p, text in state["cells"].items() if p.endswith(".score") and text)
        edited = staff.post(f"/api/forms/{form['id']}/edits", headers={"X-CSRF-Token": staff_token},
                            json={"changes": {path: "1"}, "base": state["base"]})
        assert edited.status_code == 200, edited.text
    export = _log(writable_site, "export")[-1]
    assert export["username"] == "reviewer" and export["target"] == "workbook"
    review = _log(writable_site, "review_finding")[-1]
    assert review["target"] == f"finding:{finding['id']}" and review["detail"] == "dismissed：印刷无误"
    download = _log(writable_site, "download")[-1]
    assert download["target"] == f"form:{finding['form_id']}" and download["detail"] == "xlsx"
    upload = _log(writable_site, "upload")[-1]
    assert upload["target"] == f"file:{sample.name}" and upload["username"] == "reviewer"
    edit = _log(writable_site, "edit")[-1]
    assert edit["target"] == f"form:{form['id']}" and edit["username"] == "admin" and "→「1」" in str(edit["detail"])


def test_english_on_request_chinese_by_default(client: TestClient) -> None:
    assert client.get("/api/forms/1").json() == {"detail": "请先登录"}
    english = client.get("/api/forms/1", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert english.json() == {"detail": "not logged in"}
    login(client, "staff_a")
    assert client.get("/api/forms/99999999").json()["detail"] == "未找到，或无权查看"
    client.get("/lang?to=en&next=/units")
    page = client.get("/units")
    assert ">Units<" in page.text and ">Log out<" in page.text
    client.get("/lang?to=zh")
    assert ">单位<" in client.get("/units").text


def test_server_error_page_has_a_reference_and_no_traceback(writable_site: Site,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(writable_site.url, secret="test-secret")

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/api/boom")
    def api_boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as client, caplog.at_level(
            logging.ERROR, logger="jixiao.web"):
        page = client.get("/boom")
        api = client.get("/api/boom")
    assert page.status_code == 500 and "服务器内部错误" in page.text
    reference = re.search(r'id="reference">[^<]*<code>([0-9a-f]{8})</code>', page.text)
    assert reference and "secret internals" not in page.text and "Traceback" not in page.text
    assert api.status_code == 500 and re.fullmatch(r"[0-9a-f]{8}", api.json()["reference"])
    logged = [r for r in caplog.records if reference.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info and "secret internals" in str(logged[0].exc_info[1])


def test_record_action_refuses_an_unknown_action(writable_site: Site) -> None:
    engine = connect(writable_site.url)
    with pytest.raises(ValueError, match="unknown action"):
        record_action(engine, None, "dance")
    with engine.connect() as conn:
        assert conn.execute(select(USERS.c.id)).first() is not None
    engine.dispose()


def test_workflow_steps_and_bulk_decisions_are_logged(client: TestClient, writable_site: Site) -> None:
    token = login(client, "reviewer")
    findings = client.get("/api/findings").json()["findings"]
    form_ids = sorted({f["form_id"] for f in findings if f["form_id"]})[:2]
    started = client.post("/api/todo/forms", json={"ids": form_ids, "action": "start"},
                          headers={"X-CSRF-Token": token})
    assert started.status_code == 200 and started.json()["done"] == form_ids, started.text
    chosen = [f["id"] for f in findings[:3]]
    decided = client.post("/api/todo/findings", json={"ids": chosen, "status": "confirmed", "reason": "属实"},
                          headers={"X-CSRF-Token": token})
    assert decided.status_code == 200
    steps = _log(writable_site, "review_form")
    assert [(r["target"], r["detail"]) for r in steps] == [(f"form:{i}", "开始审核") for i in form_ids]
    assert [r["target"] for r in _log(writable_site, "review_finding")] == [f"finding:{i}" for i in sorted(chosen)]
    assert {r["detail"] for r in _log(writable_site, "review_finding")} == {"confirmed：属实"}


def test_throttled_login_is_logged_as_a_failure(client: TestClient, writable_site: Site) -> None:
    for _ in range(3):
        assert _login_page(client, "reviewer", "wrong-password").status_code == 401
    assert _login_page(client, "reviewer", PASSWORD).status_code == 429  # the backoff: even the right password waits
    details = [r["detail"] for r in _log(writable_site, "login_failed") if r["username"] == "reviewer"]
    assert details[:3] == ["用户名或密码错误"] * 3 and str(details[3]).startswith("登录受限，须等 ")
    assert not [r for r in _log(writable_site, "login") if r["username"] == "reviewer"]


def test_user_list_search(client: TestClient, writable_site: Site) -> None:
    login(client, "admin")
    rows = re.findall(r'data-username="([^"]+)"', client.get("/admin/users", params={"q": "staff"}).text)
    assert rows == ["staff_a", "staff_b"]
    unit = writable_site.unit_b[1]
    assert re.findall(r'data-username="([^"]+)"', client.get("/admin/users", params={"q": unit}).text) == [
        "evaluator_b", "staff_b"]
    page = client.get("/admin/users", params={"q": "reviewer"}).text
    assert re.findall(r'data-username="([^"]+)"', page) == ["reviewer"] and "全部单位" in page


def test_api_client_told_to_change_the_password_first(client: TestClient) -> None:
    token = login(client, "admin")
    created = client.post("/api/admin/users", json={"username": "robot", "role": "reviewer"},
                          headers={"X-CSRF-Token": token})
    assert created.status_code == 201
    initial = created.json()["password"]
    client.cookies.clear()
    me = client.post("/api/login", json={"username": "robot", "password": initial}).json()
    assert me["must_change_password"] is True
    headers = {"X-CSRF-Token": me["csrf_token"]}
    assert client.get("/api/units").status_code == 403
    assert client.get("/api/me").json()["must_change_password"] is True
    changed = client.post("/api/password", json={"old": initial, "new": "robot-password-1",
                                                 "confirm": "robot-password-1"}, headers=headers)
    assert changed.status_code == 200
    assert client.get("/api/me").json()["must_change_password"] is False
    assert client.get("/api/units").status_code == 200


def test_admin_and_log_on_postgresql(pg_url: str) -> None:  # noqa: F811
    engine = connect(pg_url)
    add_user(engine, "admin", PASSWORD, "admin")
    engine.dispose()
    with TestClient(create_app(pg_url, secret="s"), follow_redirects=False) as client:
        token = login(client, "admin")
        created = client.post("/api/admin/users", json={"username": "pg_reviewer", "role": "reviewer"},
                              headers={"X-CSRF-Token": token})
        assert created.status_code == 201
        today = client.get("/api/admin/log", params={"since": "2000-01-01", "until": "2999-12-31"}).json()
        assert [e["action"] for e in today["entries"]] == ["user_create", "login"]
        assert client.get("/api/admin/log", params={"until": "2000-01-01"}).json()["total"] == 0
        assert client.get("/api/admin/log", params={"username": "admin", "action": "login"}).json()["total"] == 1
        users = {u["username"]: u for u in client.get("/api/admin/users").json()["users"]}
        assert users["pg_reviewer"]["must_change"] is True and users["admin"]["must_change"] is False


def test_a_writable_copy_holds_no_other_tests_activity(site: Site, tmp_path: Path) -> None:
    """Tests that used the shared site before (log-ins, downloads) leave nothing in a writable copy."""
    shared = create_app(site.url, secret="test-secret")
    with TestClient(shared, follow_redirects=False) as other:
        login(other, "reviewer")
        assert other.get("/api/export.xlsx").status_code == 200
    copy = writable_copy(site, tmp_path / "copy.db")
    engine = connect(copy.url)
    with engine.connect() as conn:
        assert entries(conn, LogFilter())["total"] == 0
        assert conn.execute(select(SESSIONS.c.id)).first() is None
    engine.dispose()
