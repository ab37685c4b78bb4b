"""The web app on PostgreSQL (``JIXIAO_TEST_PG``; skipped without it, except in CI): the migration
builds the web tables, isolation and the review workflow behave as on SQLite."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient

from jixiao.samples.generator import generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import units
from jixiao.store.schema import Base
from jixiao.web import create_app
from jixiao.web.schema import AuditEntry, FindingReview, FormEdit, FormReview, LoginFailure, User, UserUnit, WebSession
from jixiao.web.users import add_user
from tests.store.conftest import pg_url  # noqa: F401  (the fixture: a scratch PostgreSQL database)
from tests.web.conftest import PASSWORD
from tests.web.test_web_edit import concurrent_edits


def test_web_app_on_postgresql(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    engine = connect(pg_url)
    mine = {m.__tablename__ for m in (User, UserUnit, FindingReview, FormReview, FormEdit, WebSession, LoginFailure,
                                      AuditEntry)}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, _parents: kind != "table" or name in mine,
            "include_object": lambda _obj, name, kind, _reflected, _other: kind != "table" or name in mine})
        assert compare_metadata(context, Base.metadata) == []
    summary = ingest(engine, generate_district(tmp_path / "s", units=2, projects=4), jobs=1)
    assert summary.stored == 2
    with engine.connect() as conn:
        a, b = [(u["id"], u["name"]) for u in units(conn)][:2]
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    add_user(engine, "staff_a", PASSWORD, "unit", [a[1]])
    engine.dispose()
    app = create_app(pg_url, secret="s")
    reviewer = TestClient(app)
    token = reviewer.post("/api/login", json={"username": "reviewer", "password": PASSWORD}).json()["csrf_token"]
    errors = reviewer.get("/api/findings", params={"severity": "error"}).json()
    assert errors["total"] == summary.findings["error"] > 0
    before = reviewer.get("/api/dashboard").json()["summary"]["open_errors"]
    finding = errors["findings"][0]
    response = reviewer.post(f"/api/findings/{finding['id']}/review", headers={"X-CSRF-Token": token},
                             json={"status": "dismissed", "reason": "已核实"})
    assert response.status_code == 200
    assert reviewer.get("/api/dashboard").json()["summary"]["open_errors"] == before - 1
    staff = TestClient(app)
    staff.post("/api/login", json={"username": "staff_a", "password": PASSWORD})
    assert [u["id"] for u in staff.get("/api/units").json()["units"]] == [a[0]]
    other = next(f for f in reviewer.get("/api/findings").json()["findings"] if f["unit"] == b[1])
    assert staff.get(f"/api/forms/{other['form_id']}").status_code == 404
    # an edit is one transaction (the form row locked FOR UPDATE): re-scored, re-checked, kept in the history
    mine_form = next(f for f in staff.get(f"/api/units/{a[0]}").json()["forms"] if f["kind"] == "self_evaluation")
    staff_token = staff.get("/api/me").json()["csrf_token"]
    assert reviewer.post(f"/api/forms/{mine_form['id']}/review", headers={"X-CSRF-Token": token},  # editable again
                         json={"status": "returned", "comment": "请更正总分"}).status_code == 200
    state = staff.get(f"/api/forms/{mine_form['id']}/edits").json()
    changed = staff.post(f"/api/forms/{mine_form['id']}/edits", headers={"X-CSRF-Token": staff_token},
                         json={"changes": {"total_score": "0"}, "base": state["base"]})
    assert changed.status_code == 200 and changed.json()["total_score"] == 0
    assert changed.json()["findings"]["error"] >= 1
    history = staff.get(f"/api/forms/{mine_form['id']}/edits").json()["history"]
    assert [(h["path"], h["new"], h["user"]) for h in history] == [("total_score", "0", "staff_a")]
    assert reviewer.get(f"/api/forms/{mine_form['id']}").json()["total_score"] == 0
    concurrent_edits(pg_url)
    app.state.engine.dispose()


def test_sessions_backoff_and_ids_on_postgresql(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    """Hardening on PostgreSQL: a logged-out cookie is dead, the backoff is shared by two apps (two
    workers) and spares the owner's address, ids out of range are 404."""
    engine = connect(pg_url)
    ingest(engine, generate_district(tmp_path / "s", units=1, projects=2), jobs=1)
    add_user(engine, "admin", PASSWORD, "admin")
    engine.dispose()
    one = TestClient(create_app(pg_url, secret="s", login_attempts=2, login_delay=30), client=("10.1.1.1", 1))
    two = TestClient(create_app(pg_url, secret="s", login_attempts=2, login_delay=30), client=("10.1.1.1", 2))
    token = one.post("/api/login", json={"username": "admin", "password": PASSWORD}).json()["csrf_token"]
    stolen = one.cookies["jixiao_session"]
    for bad in ("99999999999999999999", "2147483648", "-1", "abc"):
        assert one.get(f"/api/forms/{bad}").status_code == 404, bad
        assert one.get(f"/forms/{bad}").status_code == 404, bad
    assert one.post("/api/logout", headers={"X-CSRF-Token": token}).status_code == 200
    two.cookies.set("jixiao_session", stolen)
    assert two.get("/api/me").status_code == 401
    assert one.post("/api/login", json={"username": "admin", "password": "wrong-1"}).status_code == 401
    assert two.post("/api/login", json={"username": "admin", "password": "wrong-2"}).status_code == 401
    assert one.post("/api/login", json={"username": "admin", "password": PASSWORD}).status_code == 429
    owner = TestClient(create_app(pg_url, secret="s", login_attempts=2), client=("10.2.2.2", 1))
    assert owner.post("/api/login", json={"username": "admin", "password": PASSWORD}).status_code == 200
