"""Search on the lists of 我的上传, 单位名录 and 项目 (the machinery of jixiao.web.lists, as on the other
lists): in the page's query string, without JavaScript, and in their JSON twins; always within what the
user may see, so a unit's staff never find another unit's row or its count."""

from __future__ import annotations

import re
from collections import Counter

from fastapi.testclient import TestClient

from tests.web.conftest import Site, login
from tests.web.test_web_units import client_of, form_bytes, upload


def _directory_names(html: str) -> list[str]:
    table = html.split('id="unit-tree"')[1].split("</table>")[0]
    return [re.sub(r"<[^>]+>", "", cell).replace("└", "").strip().split("\n")[0].strip()
            for cell in re.findall(r'<td class="depth-\d">(.*?)</td>', table, re.S)]


def _project_rows(html: str) -> list[tuple[str, str]]:
    """(project, unit) of each row of the projects table."""
    return re.findall(r'<tr><td><a href="/projects/\d+">([^<]+)</a></td><td>[^<]*</td><td>([^<]*)</td>', html)


def _upload_files(html: str, section: str = "<h2>全部上传</h2>") -> list[str]:
    return re.findall(r'<td><a href="/uploads/\d+">([^<]+)</a></td>', html.split(section)[1])


# --- 单位名录 -------------------------------------------------------------------------------------------

def test_directory_search_finds_the_one_unit_named(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    every = [u["name"] for u in client.get("/api/directory").json()["units"]]
    assert len(every) == 3 and site.unit_b[1] in every
    found = client.get("/api/directory", params={"q": site.unit_b[1]}).json()["units"]
    assert [u["name"] for u in found] == [site.unit_b[1]]
    page = client.get("/directory", params={"q": site.unit_b[1]}).text
    assert 'class="filters list-controls"' in page and f'name="q" value="{site.unit_b[1]}"' in page
    assert _directory_names(page) == [site.unit_b[1]]
    assert _directory_names(client.get("/directory", params={"q": "没有这样的单位"}).text) == []
    assert "没有符合条件的单位" in client.get("/directory", params={"q": "没有这样的单位"}).text
    down = client.get("/api/directory", params={"sort": "name", "order": "desc"}).json()["units"]
    assert [u["name"] for u in down] == sorted(every, reverse=True)


def test_directory_search_by_alias(writable_site: Site) -> None:
    admin = client_of(writable_site.url)
    token = login(admin, "admin")
    added = admin.post(f"/api/directory/units/{writable_site.unit_a[0]}/aliases", headers={"X-CSRF-Token": token},
                       json={"alias": "甲别名街道"})
    assert added.status_code == 200, added.text
    found = admin.get("/api/directory", params={"q": "甲别名"}).json()["units"]
    assert [u["id"] for u in found] == [writable_site.unit_a[0]]
    assert _directory_names(admin.get("/directory", params={"q": "甲别名"}).text) == [writable_site.unit_a[1]]


def test_directory_search_never_reaches_past_the_units_branch(client: TestClient, site: Site) -> None:
    login(client, "staff_a")
    assert [u["name"] for u in client.get("/api/directory").json()["units"]] == [site.unit_a[1]]
    assert client.get("/api/directory", params={"q": site.unit_b[1]}).json()["units"] == []
    page = client.get("/directory", params={"q": site.unit_b[1]}).text
    assert _directory_names(page) == [] and site.unit_b[1] not in page.split("<main>")[1].replace(
        f'value="{site.unit_b[1]}"', "")
    mine = client.get("/api/directory", params={"q": site.unit_a[1]}).json()["units"]
    assert [(u["name"], u["forms"]) for u in mine] == [(site.unit_a[1], mine[0]["forms"])] and mine[0]["forms"] > 0


# --- 项目 -----------------------------------------------------------------------------------------------

def _shared_project(client: TestClient) -> str:
    """A project name that more than one unit has (the sample district gives each unit the same projects)."""
    counts = Counter(p["name"] for p in client.get("/api/projects").json())
    return str(next(name for name, n in sorted(counts.items()) if n > 1))


def test_projects_search(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    name = _shared_project(client)
    every = client.get("/api/projects").json()
    found = client.get("/api/projects", params={"q": name}).json()
    assert sorted(p["id"] for p in found) == sorted(p["id"] for p in every if p["name"] == name)
    one = client.get("/api/projects", params={"q": f"{name} {site.unit_b[1]}"}).json()
    assert [(p["name"], p["unit"]) for p in one] == [(name, site.unit_b[1])]
    page = client.get("/projects", params={"q": f"{name} {site.unit_b[1]}"}).text
    assert _project_rows(page) == [(name, site.unit_b[1])] and "<h1>项目（1）</h1>" in page
    assert 'class="filters list-controls"' in page and 'name="year"' in page
    assert _project_rows(client.get("/projects", params={"q": "没有这样的项目"}).text) == []
    names = [p["name"] for p in client.get("/api/projects", params={"sort": "name", "order": "desc"}).json()]
    assert names == sorted(names, reverse=True) and len(names) == len(every)


def test_projects_search_stays_in_the_users_unit(client: TestClient, site: Site) -> None:
    login(client, "reviewer")
    name = _shared_project(client)
    login(client, "staff_a")
    found = client.get("/api/projects", params={"q": name}).json()
    assert [(p["name"], p["unit"]) for p in found] == [(name, site.unit_a[1])]
    assert client.get("/api/projects", params={"q": site.unit_b[1]}).json() == []
    page = client.get("/projects", params={"q": site.unit_b[1]}).text
    assert _project_rows(page) == [] and "<h1>项目（0）</h1>" in page
    assert _project_rows(client.get("/projects", params={"q": name}).text) == [(name, site.unit_a[1])]


# --- 我的上传 -------------------------------------------------------------------------------------------

def test_my_uploads_search(writable_site: Site) -> None:
    staff_a, staff_b = client_of(writable_site.url), client_of(writable_site.url)
    token_a, token_b = login(staff_a, "staff_a"), login(staff_b, "staff_b")
    for n, name in enumerate(("甲文件.txt", "乙文件.txt", "丙文件.txt"), start=1):
        assert upload(staff_a, token_a, name, form_bytes(writable_site.unit_a[1], None, seed=n))["outcome"] == \
            "recognized"
    upload(staff_b, token_b, "丁文件.txt", form_bytes(writable_site.unit_b[1], None, seed=4))
    assert sorted(_upload_files(staff_a.get("/uploads").text)) == ["丙文件.txt", "乙文件.txt", "甲文件.txt"]
    assert _upload_files(staff_a.get("/uploads", params={"q": "乙文件"}).text) == ["乙文件.txt"]
    assert [u["file_name"] for u in staff_a.get("/api/uploads", params={"q": "乙文件"}).json()["uploads"]] == [
        "乙文件.txt"]
    names = [u["file_name"] for u in staff_a.get("/api/uploads", params={"sort": "file_name"}).json()["uploads"]]
    assert names == sorted(names) and len(names) == 3
    # B's own uploads only: A's file is not found by its name, B's is
    assert _upload_files(staff_b.get("/uploads", params={"q": "乙文件"}).text) == []
    assert staff_b.get("/api/uploads", params={"q": "乙文件"}).json()["uploads"] == []
    assert staff_b.get("/api/uploads", params={"q": writable_site.unit_a[1]}).json()["uploads"] == []
    assert _upload_files(staff_b.get("/uploads", params={"q": "文件"}).text) == ["丁文件.txt"]
    assert "没有符合条件的上传" in staff_a.get("/uploads", params={"q": "没有这样的文件"}).text


def test_waiting_uploads_search_for_reviewers(writable_site: Site) -> None:
    staff_a, reviewer = client_of(writable_site.url), client_of(writable_site.url)
    token_a = login(staff_a, "staff_a")
    login(reviewer, "reviewer")
    upload(staff_a, token_a, "本单位的表.txt", form_bytes(writable_site.unit_a[1], None, seed=1))
    assert upload(staff_a, token_a, "他单位的表.txt", form_bytes(writable_site.unit_b[1], None, seed=2))[
        "assignment"] == "pending"
    waiting = reviewer.get("/api/uploads", params={"q": "他单位"}).json()["waiting"]
    assert [u["file_name"] for u in waiting] == ["他单位的表.txt"]
    assert reviewer.get("/api/uploads", params={"q": "本单位"}).json()["waiting"] == []
    page = reviewer.get("/uploads", params={"q": "他单位"}).text
    assert _upload_files(page, 'id="all-pending"') == ["他单位的表.txt"]
    mine = staff_a.get("/api/uploads", params={"q": "他单位"}).json()
    assert [u["file_name"] for u in mine["pending"]] == ["他单位的表.txt"] and mine["waiting"] == []

