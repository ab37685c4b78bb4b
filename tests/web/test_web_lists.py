"""Lists that hold a district: search, sort, year and batch on the units, documents, forms and
findings a page shows (server side, jixiao.web.lists; static/lists.js does the same in the browser)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from jixiao.web.lists import ListQuery, sift_rows
from tests.web.conftest import Site, login


def _names(html: str) -> list[str]:
    return re.findall(r'<tr><td><a href="/units/\d+">([^<]+)</a>', html)


def test_units_search_and_sort(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    every = _names(client.get("/units").text)
    assert len(every) >= 2 and 'class="filters list-controls"' in client.get("/units").text
    word = site.unit_a[1][-3:]
    found = _names(client.get("/units", params={"q": word}).text)
    assert site.unit_a[1] in found and all(word in n for n in found)
    assert _names(client.get("/units", params={"q": "没有这样的单位"}).text) == []
    down = _names(client.get("/units", params={"sort": "name", "order": "desc"}).text)
    assert down == sorted(every, reverse=True)


def test_unit_page_year_and_batch(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    page = client.get(f"/units/{site.unit_a[0]}").text
    years = re.findall(r'<select name="year"><option value="">全部</option>(.*?)</select>', page)[0]
    choices = re.findall(r"<option>(\d{4})</option>", years)
    assert choices, page
    batches = re.findall(r'<select name="batch"><option value="">全部</option>(.*?)</select>', page)[0]
    batch = re.findall(r"<option>([^<]+)</option>", batches)[0]
    assert batch.endswith("导入")
    none = client.get(f"/units/{site.unit_a[0]}", params={"year": "1999"}).text
    assert "没有表单" in none and "文件（0）" in none
    one = client.get(f"/units/{site.unit_a[0]}", params={"year": choices[0], "batch": batch}).text
    years_shown = set(re.findall(r'<td>[^<]*</td><td>[^<]*</td><td>(\d{4})</td>', one))
    assert years_shown == {choices[0]}
    assert "没有表单" in client.get(f"/units/{site.unit_a[0]}", params={"batch": "1999-01-01 · 导入"}).text


def test_sift_rows_orders_numbers_and_keeps_empty_last() -> None:
    rows: list[dict[str, Any]] = [{"name": "乙", "total_score": Decimal("80.5"), "year": 2024},
            {"name": "甲", "total_score": None, "year": 2024},
            {"name": "丙", "total_score": Decimal("9"), "year": 2023},
            {"name": "丁", "total_score": 95.25, "year": 2024}]
    up = sift_rows(rows, "forms", ListQuery(sort="total_score"))
    assert [r["name"] for r in up] == ["丙", "乙", "丁", "甲"]
    down = sift_rows(rows, "forms", ListQuery(sort="total_score", order="desc"))
    assert [r["name"] for r in down] == ["丁", "乙", "丙", "甲"]
    assert [r["name"] for r in sift_rows(rows, "forms", ListQuery(year=2023))] == ["丙"]
    assert sift_rows(rows, "forms", ListQuery(sort="no_such_column")) == rows
    assert ListQuery.of({"year": "20x4", "order": "sideways"}) == ListQuery()


def test_findings_sorted_by_severity_then_searched(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    html = client.get(f"/units/{site.unit_a[0]}", params={"sort": "severity"}).text
    table = html.split("<h2>问题")[1]
    severities = re.findall(r'<tr class="(error|warning|info)">', table)
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities and [order[s] for s in severities] == sorted(order[s] for s in severities)
    code = re.findall(r"<td>([A-Z]{2}\d{3})</td>", table)[0]
    searched = client.get(f"/units/{site.unit_a[0]}", params={"q": code}).text.split("<h2>问题")[1]
    assert set(re.findall(r"<td>([A-Z]{2}\d{3})</td>", searched)) == {code}


def test_dashboard_year_selector(client: TestClient) -> None:
    login(client, "reviewer")
    every = client.get("/api/dashboard").json()
    years = every["year_choices"]
    assert years == sorted(years, reverse=True) and years
    one = client.get("/api/dashboard", params={"year": years[0]}).json()
    assert one["year"] == years[0] and one["years"]["years"] == [years[0]]
    assert one["summary"]["forms"] <= every["summary"]["forms"]
    none = client.get("/api/dashboard", params={"year": 1999}).json()
    assert none["summary"]["forms"] == 0 and none["grade_by_unit"]["units"] == []
    page = client.get("/", params={"year": str(years[0])}).text
    assert f"<option selected>{years[0]}</option>" in page and f"（{years[0]} 年度）" in page
    assert "年度）" not in client.get("/", params={"year": "abc"}).text.split("</h1>")[0]


def test_findings_list_search_and_sort_in_the_database(client: TestClient) -> None:
    login(client, "reviewer")
    every = client.get("/api/findings", params={"limit": 1000}).json()
    code = every["findings"][0]["code"]
    by_rule = client.get("/api/findings", params={"q": code.lower(), "limit": 1000}).json()
    assert by_rule["total"] >= sum(1 for f in every["findings"] if f["code"] == code)
    assert all(code in (f["code"], f["message"], f["name"] or "") or code.lower() in f["message"].lower()
               for f in by_rule["findings"])
    word = every["findings"][0]["message"][:4]
    by_word = client.get("/api/findings", params={"q": word, "limit": 1000}).json()["findings"]
    assert by_word and all(word in f["message"] or word in (f["name"] or "") for f in by_word)
    assert client.get("/api/findings", params={"q": "没有这样的问题说明"}).json()["total"] == 0
    order = {"error": 0, "warning": 1, "info": 2}
    down = client.get("/api/findings", params={"sort": "severity", "order": "desc", "limit": 1000}).json()
    ranks = [order[f["severity"]] for f in down["findings"]]
    assert ranks == sorted(ranks, reverse=True) and down["total"] == every["total"]
    codes = [f["code"] for f in client.get("/api/findings", params={"sort": "code", "limit": 1000}).json()["findings"]]
    assert codes == sorted(codes)
    page = client.get("/findings", params={"q": word, "sort": "code", "order": "desc"}).text
    assert f'name="q" value="{word}"' in page and '<option value="code" selected>' in page


def test_json_twins_choose_and_order_as_the_pages(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    names = [u["name"] for u in client.get("/api/units", params={"sort": "name", "order": "desc"}).json()["units"]]
    assert names == sorted(names, reverse=True) and len(names) >= 2
    assert [u["name"] for u in client.get("/api/units", params={"q": site.unit_b[1]}).json()["units"]] == [
        site.unit_b[1]]
    unit = client.get(f"/api/units/{site.unit_a[0]}").json()
    assert unit["years"] and unit["batches"]
    none = client.get(f"/api/units/{site.unit_a[0]}", params={"year": "1999"}).json()
    assert none["forms"] == [] and none["documents"] == [] and none["findings"] == []
    scores = [f["total_score"] for f in client.get(f"/api/units/{site.unit_a[0]}",
                                                   params={"sort": "total_score"}).json()["forms"]]
    shown = [s for s in scores if s is not None]
    assert shown == sorted(shown) and scores[:len(shown)] == shown
