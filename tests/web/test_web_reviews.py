"""The review workflow: findings confirmed / dismissed with a reason, forms 通过 / 退回 with a
comment; decisions kept with their author; status visible to the unit; only reviewers decide."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.store import connect
from jixiao.store.queries import F, X
from jixiao.web import create_app
from tests.web.conftest import Site, csrf_of, login


def _error_finding(site: Site, unit_id: int) -> tuple[int, int]:
    """(finding id, form id) of an error on a form of the unit."""
    engine = connect(site.url)
    with engine.connect() as conn:
        row = conn.execute(select(X.c.id, X.c.form_id).join(F, F.c.id == X.c.form_id)
                           .where(F.c.unit_id == unit_id, X.c.severity == "error").order_by(X.c.id)).first()
    engine.dispose()
    assert row is not None, "the generated samples have no error in this unit"
    return int(row.id), int(row.form_id)


def test_dismissing_a_finding_needs_a_reason_and_closes_it(writable_site: Site) -> None:
    finding_id, form_id = _error_finding(writable_site, writable_site.unit_a[0])
    client = TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False)
    token = login(client, "reviewer")
    headers = {"X-CSRF-Token": token}
    before = client.get("/api/dashboard").json()["summary"]["open_errors"]
    response = client.post(f"/api/findings/{finding_id}/review", headers=headers, json={"status": "dismissed"})
    assert response.status_code == 422 and "驳回理由" in response.json()["detail"]
    response = client.post(f"/api/findings/{finding_id}/review", headers=headers,
                           json={"status": "dismissed", "reason": "附件已说明调整原因"})
    assert response.json() == {"finding_id": finding_id, "form_id": form_id, "status": "dismissed"}
    assert client.get("/api/dashboard").json()["summary"]["open_errors"] == before - 1
    finding = next(f for f in client.get(f"/api/forms/{form_id}").json()["findings"] if f["id"] == finding_id)
    assert finding["review"]["status"] == "dismissed" and finding["review"]["text"] == "附件已说明调整原因"
    assert finding["review"]["user"] == "reviewer"
    page = client.post(f"/findings/{finding_id}/review", data={"csrf_token": token, "status": "dismissed"})
    # the page form: back to the finding, the missing reason said beside its field (test_web_format)
    assert page.status_code == 303 and "review_error=finding-" in page.headers["location"]
    # the page form: confirm it again; both decisions are kept, the newest counts
    page = client.post(f"/findings/{finding_id}/review", data={"csrf_token": token, "status": "confirmed"})
    assert page.status_code == 303 and page.headers["location"] == f"/forms/{form_id}#finding-{finding_id}"
    finding = next(f for f in client.get(f"/api/forms/{form_id}").json()["findings"] if f["id"] == finding_id)
    assert [r["status"] for r in finding["reviews"]] == ["confirmed", "dismissed"]
    assert client.get("/api/dashboard").json()["summary"]["open_errors"] == before


def test_form_return_needs_a_comment_and_the_unit_sees_it(writable_site: Site) -> None:
    _, form_id = _error_finding(writable_site, writable_site.unit_a[0])
    app = create_app(writable_site.url, secret="s")
    reviewer = TestClient(app, follow_redirects=False)
    token = login(reviewer, "reviewer")
    response = reviewer.post(f"/api/forms/{form_id}/review", headers={"X-CSRF-Token": token},
                             json={"status": "returned"})
    assert response.status_code == 422
    response = reviewer.post(f"/forms/{form_id}/review", data={"csrf_token": token, "status": "returned",
                                                               "comment": "请补充偏差原因后重新提交"})
    assert response.status_code == 303
    staff = TestClient(app, follow_redirects=False)
    login(staff, "staff_a")
    page = staff.get(f"/forms/{form_id}").text
    assert "退回" in page and "请补充偏差原因后重新提交" in page
    assert f'action="/forms/{form_id}/review"' not in page  # unit staff get no review buttons
    assert staff.get(f"/api/forms/{form_id}").json()["review"]["status"] == "returned"
    response = reviewer.post(f"/api/forms/{form_id}/review", headers={"X-CSRF-Token": token},
                             json={"status": "approved"})
    assert response.status_code == 200
    assert staff.get(f"/api/forms/{form_id}").json()["review"]["status"] == "approved"


def test_only_reviewers_of_the_unit_may_decide(writable_site: Site) -> None:
    finding_a, form_a = _error_finding(writable_site, writable_site.unit_a[0])
    app = create_app(writable_site.url, secret="s")
    staff = TestClient(app, follow_redirects=False)
    token = login(staff, "staff_a")
    response = staff.post(f"/api/findings/{finding_a}/review", headers={"X-CSRF-Token": token},
                          json={"status": "dismissed", "reason": "不是问题"})
    assert response.status_code == 403
    evaluator = TestClient(app, follow_redirects=False)
    token = login(evaluator, "evaluator_b")
    for path, body in ((f"/api/findings/{finding_a}/review", {"status": "confirmed"}),
                       (f"/api/forms/{form_a}/review", {"status": "approved"})):
        assert evaluator.post(path, headers={"X-CSRF-Token": token}, json=body).status_code == 404
    reviewer = TestClient(app, follow_redirects=False)
    login(reviewer, "reviewer")
    assert reviewer.post(f"/api/forms/{form_a}/review", json={"status": "approved"}).status_code == 403  # no CSRF
    page = reviewer.get(f"/forms/{form_a}").text
    assert reviewer.post(f"/forms/{form_a}/review", data={"csrf_token": "forged", "status": "approved"}
                         ).status_code == 403
    assert csrf_of(page)
    assert reviewer.get(f"/api/forms/{form_a}").json()["review"] is None
