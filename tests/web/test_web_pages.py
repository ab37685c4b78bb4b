"""Pages and their JSON twins: the form page places each finding on its row with printed and
recomputed values; lists and filters agree with the store; static files are vendored."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from jixiao.samples.layouts import as_tabs
from jixiao.store import connect, ingest
from jixiao.store.queries import findings, forms, show
from jixiao.web import create_app
from tests.budget.test_project_form import TITLE, national
from tests.web.conftest import Site, login


def _row_of(page: str, line: int) -> str:
    match = re.search(rf'<tr class="[^"]*" data-line="{line}">(.*?)</tr>', page, re.S)
    assert match, f"no row for line {line}"
    return match.group(1)


def _placed_finding(site: Site) -> tuple[dict[str, Any], dict[str, Any]]:
    """A stored self-evaluation finding that points at one of its form's indicator rows."""
    engine = connect(site.url)
    with engine.connect() as conn:
        for form in forms(conn):
            if form["kind"] != "self_evaluation" or not form["errors"] + form["warnings"]:
                continue
            data = show(conn, form["id"])
            assert data is not None
            lines = {i.get("line") for i in data["data"]["indicators"]}
            for finding in data["findings"]:
                if finding["line_start"] in lines and finding["expected"] is not None:
                    engine.dispose()
                    return data, finding
    engine.dispose()
    raise AssertionError("the generated samples have no row-level finding")


def test_form_page_shows_each_finding_on_its_row(client: TestClient, site: Site) -> None:
    form, finding = _placed_finding(site)
    login(client, "reviewer")
    page = client.get(f"/forms/{form['id']}").text
    assert "项目支出绩效自评表" in page and html.escape(form["data"]["project_name"]) in page
    row = _row_of(page, finding["line_start"])
    assert html.escape(finding["message"]) in row
    assert f"印刷值：{finding['actual']}" in html.unescape(row)
    assert f"复算/应为：{finding['expected']}" in html.unescape(row)
    indicator = next(i for i in form["data"]["indicators"] if i["line"] == finding["line_start"])
    assert html.escape(indicator["level3"]) in row
    # every finding of the form appears once on the page
    for each in form["findings"]:
        assert html.unescape(page).count(each["message"]) == 1, each["message"]


def test_form_page_shows_the_funds_block_as_printed(client: TestClient, site: Site) -> None:
    form, _ = _placed_finding(site)
    login(client, "reviewer")
    page = client.get(f"/forms/{form['id']}").text
    total = form["data"]["funds"]["total"]
    row = _row_of(page, total["line"])
    assert "年度资金总额" in row
    for key in ("initial_budget", "full_year_budget", "executed"):
        assert f">{total['printed'][key]}<" in row
    api = client.get(f"/api/forms/{form['id']}").json()
    assert api["id"] == form["id"] and len(api["findings"]) == len(form["findings"])
    assert api["data"]["funds"]["total"]["printed"] == total["printed"]


def test_findings_filters_agree_with_the_store(client: TestClient, site: Site) -> None:
    engine = connect(site.url)
    with engine.connect() as conn:
        stored = findings(conn)
    engine.dispose()
    login(client, "reviewer")
    everything = client.get("/api/findings").json()
    assert everything["total"] == len(stored) > 0
    for severity in ("error", "warning", "info"):
        got = client.get("/api/findings", params={"severity": severity}).json()
        assert got["total"] == sum(1 for f in stored if f["severity"] == severity)
        assert {f["severity"] for f in got["findings"]} <= {severity}
    window = client.get("/api/findings", params={"offset": 1, "limit": 2}).json()
    assert [f["id"] for f in window["findings"]] == [f["id"] for f in stored[1:3]]
    assert window["total"] == len(stored) and window["truncated"] == (len(stored) > 3)
    category = stored[0]["category"]
    got = client.get("/api/findings", params={"category": category}).json()
    assert got["total"] == sum(1 for f in stored if f["category"] == category)
    page = client.get("/findings", params={"severity": "error"})
    assert page.status_code == 200
    assert f"共 {sum(1 for f in stored if f['severity'] == 'error')} 个问题" in page.text
    fragment = client.get("/findings", params={"severity": "error"}, headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "共 " in fragment


def test_dashboard_figures_and_page(client: TestClient, site: Site) -> None:
    engine = connect(site.url)
    with engine.connect() as conn:
        stored_forms = forms(conn)
        stored_findings = findings(conn)
    engine.dispose()
    login(client, "reviewer")
    data = client.get("/api/dashboard").json()
    assert data["summary"]["forms"] == len(stored_forms)
    self_evaluations = [f for f in stored_forms if f["kind"] == "self_evaluation"]
    assert sum(data["execution_rate"]["counts"]) == sum(1 for f in self_evaluations if f["execution_rate"] is not None)
    errors = [f for f in stored_findings if f["severity"] == "error"]
    assert sum(data["units_by_errors"]["errors"]) == len(errors)
    assert data["units_by_errors"]["errors"] == sorted(data["units_by_errors"]["errors"], reverse=True)
    assert sum(sum(v) for v in data["findings_by_category"]["counts"].values()) == len(stored_findings)
    assert sum(sum(v) for v in data["grade_by_unit"]["counts"].values()) == sum(
        1 for f in stored_forms if f["unit"] and (f["recomputed_grade"] or f["grade"]))
    page = client.get("/").text
    for chart in ("chart-grades", "chart-rates", "chart-findings", "chart-units", "chart-years"):
        assert f'id="{chart}"' in page
    assert '/static/echarts.min.js' in page and 'id="dashboard-data"' in page


def test_units_unit_and_document_pages(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    units = client.get("/api/units").json()["units"]
    assert site.unit_a[1] in client.get("/units").text
    unit = client.get(f"/api/units/{site.unit_a[0]}").json()
    assert unit["unit"]["name"] == site.unit_a[1]
    assert unit["forms"] and {f["unit"] for f in unit["forms"]} == {site.unit_a[1]}
    assert len(unit["forms"]) == next(u["forms"] for u in units if u["id"] == site.unit_a[0])
    document = unit["documents"][0]
    page = client.get(f"/units/{site.unit_a[0]}").text
    assert html.escape(document["file_name"]) in page
    twin = client.get(f"/api/documents/{document['id']}").json()
    assert twin["document"]["file_name"] == document["file_name"]
    assert [f["id"] for f in twin["forms"]] == [f["id"] for f in unit["forms"] if f["document_id"] == document["id"]]
    assert len(twin["findings"]) == document["findings"]
    assert [f["errors"] for f in twin["forms"]] == [f["errors"] for f in unit["forms"]
                                                    if f["document_id"] == document["id"]]
    assert client.get(f"/documents/{document['id']}").status_code == 200
    assert client.get("/units/999999").status_code == 404
    assert "未找到" in client.get("/units/999999").text


def test_every_page_has_a_documented_json_twin(client: TestClient) -> None:
    login(client, "admin")  # the schema is for admins
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/dashboard", "/api/units", "/api/units/{unit_id}", "/api/documents/{document_id}",
                 "/api/forms/{form_id}", "/api/findings", "/api/upload", "/api/login", "/api/me"):
        assert path in paths, path
    assert not any(not p.startswith("/api/") for p in paths)


def test_front_end_libraries_are_vendored(client: TestClient) -> None:
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and 'version:"2.0.4"' in htmx.text
    echarts = client.get("/static/echarts.min.js")
    assert echarts.status_code == 200 and len(echarts.content) > 500_000
    login(client, "reviewer")
    assert "http://" not in client.get("/").text.replace("http://www.w3.org", "")


def test_declaration_form_page_names_its_fields_in_chinese(writable_site: Site, tmp_path: Path) -> None:
    path = tmp_path / "申报表.txt"
    path.write_text(as_tabs([*TITLE, *national(control="≤25万元")]), encoding="utf-8")
    engine = connect(writable_site.url)
    assert ingest(engine, [path], jobs=1).stored == 1
    with engine.connect() as conn:
        form = next(f for f in forms(conn) if f["kind"] == "project_target_declaration")
    engine.dispose()
    app = create_app(writable_site.url, secret="test-secret")
    with TestClient(app, follow_redirects=False) as client:
        login(client, "admin")
        page = client.get(f"/forms/{form['id']}").text
    header = re.search(r'<table class="official header">(.*?)</table>', page, re.S)
    assert header
    labels = re.findall(r"<th>(.*?)</th>", header.group(1))
    assert labels[:4] == ["单位", "项目名称", "项目类别", "主管部门"]
    assert "实施单位" in labels and "资金总额（万元）" in labels and "kind" not in labels and "layout" not in labels
    assert "成本指标" in page and "超出" in page  # TD002: the project's amount is over its ≤25万元 control


def test_department_self_evaluation_page_and_edit(writable_site: Site, tmp_path: Path) -> None:
    path = tmp_path / "部门整体自评表.txt"
    path.write_text((Path(__file__).parents[1] / "data" / "department_selfeval.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    engine = connect(writable_site.url)
    assert ingest(engine, [path], jobs=1).stored == 1
    with engine.connect() as conn:
        form = next(f for f in forms(conn) if f["kind"] == "department_self_evaluation")
    engine.dispose()
    assert form["name"] == "某街道办事处"
    with TestClient(create_app(writable_site.url, secret="test-secret"), follow_redirects=False) as client:
        login(client, "admin")
        page = client.get(f"/forms/{form['id']}").text
        assert "部门整体支出绩效自评表" in page and "部门（单位）名称" in page and 'id="edit-link"' in page
        assert "社区服务覆盖率" in page and "99.5" in page
        assert client.get(f"/forms/{form['id']}/edit").status_code == 200
