"""Editing a self-evaluation in the web app: each change is re-scored, re-checked and stored with
its history in one transaction; findings that remain keep their ids and reviews; only the unit's
staff and admin may edit, never an approved form or another unit's."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jixiao.store import connect
from jixiao.store.queries import D, F, X, show
from jixiao.web import create_app
from jixiao.web.edits import EDITS
from tests.web.conftest import Site, login, return_every_form


@pytest.fixture(autouse=True)
def _returned(writable_site: Site) -> None:
    """Units edit drafts and returned forms: the ingested forms are returned to them first."""
    return_every_form(writable_site.url)


def _forms(client: TestClient, unit_id: int) -> list[dict[str, Any]]:
    return [f for f in client.get(f"/api/units/{unit_id}").json()["forms"] if f["kind"] == "self_evaluation"]


def _in_step_form(client: TestClient, unit_id: int) -> tuple[int, dict[str, Any]]:
    """A self-evaluation of the unit whose printed total equals its printed parts."""
    for form in _forms(client, unit_id):
        state = client.get(f"/api/forms/{form['id']}/edits").json()
        summary = state["summary"]
        if summary["total_score"] is not None and summary["total_score"] == summary["printed_parts_sum"]:
            return int(form["id"]), state
    raise AssertionError("no self-evaluation with a consistent total in the samples")


def _wrong_total_form(client: TestClient, unit_id: int) -> tuple[int, dict[str, Any]]:
    for form in _forms(client, unit_id):
        state = client.get(f"/api/forms/{form['id']}/edits").json()
        summary = state["summary"]
        if None not in (summary["total_score"], summary["printed_parts_sum"]) and \
                summary["total_score"] != summary["printed_parts_sum"]:
            return int(form["id"]), state
    raise AssertionError("the samples plant no wrong total in this unit")


def _first_score(state: dict[str, Any]) -> str:
    path: str = next(p for p, text in state["cells"].items()
                     if p.startswith("indicators.") and p.endswith(".score") and text)
    return path


def test_a_changed_score_is_rescored_rechecked_stored_and_kept_in_the_history(writable_site: Site) -> None:
    client = TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False)
    token = login(client, "staff_a")
    form_id, state = _in_step_form(client, writable_site.unit_a[0])
    path = _first_score(state)
    old = Decimal(state["cells"][path])
    total = Decimal(str(state["summary"]["total_score"]))
    response = client.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                           json={"changes": {path: str(old - 2)}, "base": state["base"]})
    assert response.status_code == 200, response.text
    outcome = response.json()
    assert [(c["path"], Decimal(c["new"]), c["derived"]) for c in outcome["changed"]] == [
        (path, old - 2, False), ("total_score", total - 2, True)]
    new_total = outcome["changed"][1]["new"]
    assert Decimal(str(outcome["total_score"])) == total - 2 and outcome["base"] == state["base"] + 2
    # a reduced score without a deviation note is now a finding on that row
    assert outcome["findings"]["warning"] == state["summary"]["findings"]["warning"] + 1
    engine = connect(writable_site.url)
    with engine.connect() as conn:
        stored = show(conn, form_id)
        assert stored is not None
        row = stored["rows"][int(path.split(".")[1])]
        assert row["score"] == old - 2 and stored["total_score"] == total - 2
        assert stored["data"]["total_printed"]["total_score"] == new_total
        line = stored["data"]["indicators"][int(path.split(".")[1])]["line"]
        assert any(f["category"] in ("score_unjustified", "score_unexplained") and f["line_start"] == line
                   and "扣" in f["message"] for f in stored["findings"])
        doc = conn.execute(select(D.c.finding_count, D.c.id).join(F, F.c.document_id == D.c.id)
                           .where(F.c.id == form_id)).one()
        assert doc.finding_count == conn.execute(select(func.count()).select_from(X)
                                                 .where(X.c.document_id == doc.id)).scalar()
    engine.dispose()
    history = client.get(f"/api/forms/{form_id}/edits").json()["history"]
    assert [(h["path"], h["old"], h["new"], h["user"], h["derived"]) for h in history] == [
        ("total_score", state["cells"]["total_score"], new_total, "staff_a", True),
        (path, state["cells"][path], str(old - 2), "staff_a", False)]
    assert history[0]["result"]["findings"] == outcome["findings"]
    # the form page says the form was edited and links to the history
    page = client.get(f"/forms/{form_id}").text
    assert "已在线修改 2 处" in page and f'href="/forms/{form_id}/edit"' in page


def test_fixing_a_wrong_total_clears_its_error_and_keeps_other_findings_with_their_reviews(
        writable_site: Site) -> None:
    app = create_app(writable_site.url, secret="s")
    staff, reviewer = TestClient(app, follow_redirects=False), TestClient(app, follow_redirects=False)
    token = login(staff, "staff_a")
    review_token = login(reviewer, "reviewer")
    form_id, state = _wrong_total_form(staff, writable_site.unit_a[0])
    before = staff.get(f"/api/forms/{form_id}").json()["findings"]
    total_errors = [f for f in before if f["category"] == "total" and f["severity"] == "error"]
    others = [f for f in before if f["category"] != "total"]
    assert total_errors
    for finding in others:
        reviewer.post(f"/api/findings/{finding['id']}/review", headers={"X-CSRF-Token": review_token},
                      json={"status": "confirmed"})
    parts = str(state["summary"]["printed_parts_sum"])
    response = staff.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                          json={"changes": {"total_score": parts}})
    assert response.status_code == 200
    assert response.json()["findings"]["error"] == state["summary"]["findings"]["error"] - len(total_errors)
    after = staff.get(f"/api/forms/{form_id}").json()["findings"]
    assert not [f for f in after if f["category"] == "total" and f["severity"] == "error"]
    kept = {f["id"]: f for f in after}
    for finding in others:
        assert kept[finding["id"]]["review"]["status"] == "confirmed"


def test_the_edit_page_saves_one_cell_per_change_and_answers_htmx_with_the_new_part(writable_site: Site) -> None:
    client = TestClient(create_app(writable_site.url, secret="s"), follow_redirects=False)
    token = login(client, "staff_a")
    form_id, state = _in_step_form(client, writable_site.unit_a[0])
    path = _first_score(state)
    page = client.get(f"/forms/{form_id}/edit")
    assert page.status_code == 200
    box = f'id="cell-{path.replace(".", "-")}" name="{path}" value="{state["cells"][path]}"'
    assert box in page.text and f'hx-params="base,{path}"' in page.text
    assert "修改记录（0）" in page.text
    new = str(Decimal(state["cells"][path]) - 1)
    fragment = client.post(f"/forms/{form_id}/edit", headers={"HX-Request": "true"},
                           data={"csrf_token": token, "base": str(state["base"]), path: new})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="edit-body">')
    assert "已保存：" in fragment.text and f"「{state['cells'][path]}」→「{new}」" in fragment.text
    assert "总分「" in fragment.text and "（随之更新）" in fragment.text
    warnings = re.search(r'id="count-warning">警告 (\d+)', fragment.text)
    assert warnings is not None and warnings.group(1) == str(state["summary"]["findings"]["warning"] + 1)
    assert "修改记录（2）" in fragment.text
    # a page built on an older version is refused, nothing is applied, the newest content is shown
    stale = client.post(f"/forms/{form_id}/edit", headers={"HX-Request": "true"},
                        data={"csrf_token": token, "base": str(state["base"]), path: "0"})
    assert "本页打开后表单又被修改过" in stale.text and f'value="{new}"' in stale.text
    # without scripts: the whole form is posted, only what differs is saved, then a redirect
    plain = client.post(f"/forms/{form_id}/edit", data={"csrf_token": token, "base": str(state["base"] + 2),
                                                        path: new, "indicators.0.deviation_note": "已说明"})
    assert plain.status_code == 303 and plain.headers["location"] == f"/forms/{form_id}/edit"
    assert client.get(f"/api/forms/{form_id}/edits").json()["base"] == state["base"] + 3
    # the whole form posted with one score changed: the total follows and the posted old total,
    # which is just the rest of the page, does not put it back
    now = client.get(f"/api/forms/{form_id}/edits").json()
    posted = {"csrf_token": token, "base": str(now["base"]), **now["cells"]}
    posted[path] = str(Decimal(new) - 1)
    assert client.post(f"/forms/{form_id}/edit", data=posted).status_code == 303
    after = client.get(f"/api/forms/{form_id}/edits").json()
    assert Decimal(after["cells"]["total_score"]) == Decimal(now["cells"]["total_score"]) - 1
    assert [h["path"] for h in after["history"][:2]] == ["total_score", path]
    bad = client.post(f"/forms/{form_id}/edit", data={"csrf_token": token, path: "九"})
    assert bad.status_code == 422 and "不是数字，未保存" in bad.text
    assert client.post(f"/forms/{form_id}/edit", data={path: "1"}).status_code == 403  # no CSRF token


def test_only_the_units_staff_and_admin_edit_and_never_an_approved_form(writable_site: Site) -> None:
    app = create_app(writable_site.url, secret="s")
    clients = {name: TestClient(app, follow_redirects=False) for name in
               ("admin", "reviewer", "staff_a", "staff_b", "evaluator_b")}
    tokens = {name: login(c, name) for name, c in clients.items()}

    def post(name: str, form_id: int, changes: dict[str, str]) -> Any:
        return clients[name].post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": tokens[name]},
                                  json={"changes": changes})

    form_id, state = _in_step_form(clients["staff_a"], writable_site.unit_a[0])
    path = _first_score(state)
    assert post("staff_b", form_id, {path: "1"}).status_code == 404
    assert clients["staff_b"].get(f"/api/forms/{form_id}/edits").status_code == 404
    assert clients["staff_b"].get(f"/forms/{form_id}/edit").status_code == 404
    assert post("evaluator_b", form_id, {path: "1"}).status_code == 404
    assert post("reviewer", form_id, {path: "1"}).status_code == 403
    assert clients["reviewer"].get(f"/api/forms/{form_id}/edits").json()["editable"] is False
    assert 'id="edit-link"' not in clients["reviewer"].get(f"/forms/{form_id}").text
    assert 'id="edit-link"' in clients["staff_a"].get(f"/forms/{form_id}").text
    assert post("admin", form_id, {path: "1"}).status_code == 200
    clients["reviewer"].post(f"/api/forms/{form_id}/review", headers={"X-CSRF-Token": tokens["reviewer"]},
                             json={"status": "approved"})
    locked = post("staff_a", form_id, {path: "2"})
    assert locked.status_code == 409 and "已审核通过" in locked.json()["detail"]
    state = clients["staff_a"].get(f"/api/forms/{form_id}/edits").json()
    assert state["editable"] is False and "已审核通过" in state["reason"]
    assert "disabled" in clients["staff_a"].get(f"/forms/{form_id}/edit").text


def concurrent_edits(url: str) -> None:
    """Eight edits at once on four forms of one document: every one lands, none is lost, the
    finding numbers stay unique (the database enforces it) and the counts add up."""
    import threading

    from sqlalchemy import select as sql_select

    from jixiao.web.edits import edit_form
    from jixiao.web.users import USERS, principal

    engine = connect(url)
    with engine.connect() as conn:
        admin_id = conn.execute(sql_select(USERS.c.id).where(USERS.c.role == "admin")).scalar()
        rows = conn.execute(sql_select(F.c.id, F.c.document_id).where(F.c.kind == "self_evaluation")
                            .order_by(F.c.id)).all()
    document = rows[0].document_id
    forms = [r.id for r in rows if r.document_id == document][:4]
    assert len(forms) >= 2 and admin_id is not None
    with engine.connect() as conn:
        before = {f: conn.execute(sql_select(func.count()).select_from(EDITS).where(EDITS.c.form_id == f)).scalar_one()
                  for f in forms}
    admin = principal(engine, admin_id)
    assert admin is not None
    barrier = threading.Barrier(2 * len(forms))
    failures: list[BaseException] = []

    def run(form_id: int, value: str) -> None:
        barrier.wait()
        try:
            edit_form(engine, admin, form_id, {"total_score": value})
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(form_id, str(n + 1)))
               for n, form_id in enumerate(forms * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    with engine.connect() as conn:
        for form_id in forms:
            count = conn.execute(select(func.count()).select_from(X).where(X.c.form_id == form_id)).scalar()
            assert count and conn.execute(sql_select(func.count()).select_from(EDITS)
                                          .where(EDITS.c.form_id == form_id)).scalar() == before[form_id] + 2
        stored = conn.execute(sql_select(D.c.finding_count).where(D.c.id == document)).scalar()
        assert stored == conn.execute(select(func.count()).select_from(X).where(X.c.document_id == document)).scalar()
    engine.dispose()


def test_concurrent_edits_all_land(writable_site: Site) -> None:
    concurrent_edits(writable_site.url)


def test_a_returned_form_is_fixed_and_the_reviewer_sees_it_changed_since(writable_site: Site) -> None:
    app = create_app(writable_site.url, secret="s")
    staff, reviewer = TestClient(app, follow_redirects=False), TestClient(app, follow_redirects=False)
    token, review_token = login(staff, "staff_a"), login(reviewer, "reviewer")
    form_id, state = _wrong_total_form(staff, writable_site.unit_a[0])
    reviewer.post(f"/api/forms/{form_id}/review", headers={"X-CSRF-Token": review_token},
                  json={"status": "returned", "comment": "总分与分项合计不符"})
    assert 'id="since-review"' not in reviewer.get(f"/forms/{form_id}").text
    response = staff.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                          json={"changes": {"total_score": str(state["summary"]["printed_parts_sum"])}})
    assert response.status_code == 200  # a returned form stays editable
    assert "审核后单位又修改了 1 处" in reviewer.get(f"/forms/{form_id}").text
    assert reviewer.get(f"/api/forms/{form_id}/edits").json()["since_review"] == 1
    reviewer.post(f"/api/forms/{form_id}/review", headers={"X-CSRF-Token": review_token},
                  json={"status": "approved"})
    assert 'id="since-review"' not in reviewer.get(f"/forms/{form_id}").text
