"""Roles: unit staff see their own unit only, an evaluator the assigned units, reviewer and admin
everything — over the pages and the API alike. What may not be seen answers 404, like a missing id."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.store import connect
from jixiao.store.queries import F, findings, forms
from tests.web.conftest import Site, login


def _ids(site: Site) -> dict[str, dict[str, list[int]]]:
    engine = connect(site.url)
    with engine.connect() as conn:
        result: dict[str, dict[str, list[int]]] = {}
        for key, (unit_id, _name) in (("a", site.unit_a), ("b", site.unit_b)):
            form_ids = list(conn.execute(select(F.c.id).where(F.c.unit_id == unit_id)).scalars())
            docs = sorted({int(d) for d in conn.execute(select(F.c.document_id).where(F.c.unit_id == unit_id))
                           .scalars()})
            result[key] = {"forms": form_ids, "documents": docs, "unit": [unit_id]}
    engine.dispose()
    return result


def test_unit_staff_see_only_their_unit(client: TestClient, site: Site) -> None:
    ids = _ids(site)
    login(client, "staff_a")
    units = client.get("/api/units").json()["units"]
    assert [u["id"] for u in units] == [site.unit_a[0]]
    assert site.unit_b[1] not in client.get("/units").text
    own_form, other_form = ids["a"]["forms"][0], ids["b"]["forms"][0]
    assert client.get(f"/forms/{own_form}").status_code == 200
    assert client.get(f"/api/forms/{own_form}").json()["unit"] == site.unit_a[1]
    for path in (f"/forms/{other_form}", f"/api/forms/{other_form}", f"/units/{site.unit_b[0]}",
                 f"/api/units/{site.unit_b[0]}", f"/documents/{ids['b']['documents'][0]}",
                 f"/api/documents/{ids['b']['documents'][0]}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert site.unit_b[1] not in response.text, path
    # a missing id answers exactly like a forbidden one
    assert client.get("/api/forms/999999").json() == client.get(f"/api/forms/{other_form}").json()


def test_unit_staff_lists_and_dashboard_hold_their_unit_only(client: TestClient, site: Site) -> None:
    login(client, "staff_a")
    listed = client.get("/api/findings").json()
    assert listed["total"] > 0
    assert {f["unit"] for f in listed["findings"]} == {site.unit_a[1]}
    assert site.unit_b[1] not in client.get("/findings").text
    # asking for the other unit by name gives nothing
    assert client.get("/api/findings", params={"unit": site.unit_b[1]}).json()["total"] == 0
    dashboard = client.get("/api/dashboard").json()
    assert dashboard["grade_by_unit"]["units"] == [site.unit_a[1]]
    engine = connect(site.url)
    with engine.connect() as conn:
        own_forms = [f for f in forms(conn) if f["unit"] == site.unit_a[1]]
        own_findings = [f for f in findings(conn) if f["unit"] == site.unit_a[1]]
    engine.dispose()
    assert dashboard["summary"]["forms"] == len(own_forms)
    assert listed["total"] == len(own_findings)
    assert sum(dashboard["summary"]["findings"].values()) == len(own_findings)


def test_evaluator_sees_assigned_units_and_cannot_upload(client: TestClient, site: Site) -> None:
    ids = _ids(site)
    token = login(client, "evaluator_b")
    assert [u["id"] for u in client.get("/api/units").json()["units"]] == [site.unit_b[0]]
    assert client.get(f"/api/forms/{ids['b']['forms'][0]}").status_code == 200
    assert client.get(f"/api/forms/{ids['a']['forms'][0]}").status_code == 404
    response = client.post("/api/upload", headers={"X-CSRF-Token": token},
                           files=[("files", ("x.txt", b"abc", "text/plain"))])
    assert response.status_code == 403


def test_reviewer_and_admin_see_every_unit(client: TestClient, site: Site) -> None:
    ids = _ids(site)
    for name in ("reviewer", "admin"):
        login(client, name)
        seen = {u["id"] for u in client.get("/api/units").json()["units"]}
        assert {site.unit_a[0], site.unit_b[0]} <= seen
        for key in ("a", "b"):
            assert client.get(f"/api/forms/{ids[key]['forms'][0]}").status_code == 200
            assert client.get(f"/documents/{ids[key]['documents'][0]}").status_code == 200
