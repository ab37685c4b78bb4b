"""Units as master data in the web app, a unit's upload that belongs to its unit always, and 我的上传.

The cross-unit upload attack: unit A's staff upload a file naming unit B; B sees nothing of it through
any page, API or download, A's pending list shows it, confirming files it under A. Run on SQLite (the
site of ``conftest``) and, for the attack, on PostgreSQL too.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jixiao.extract import extract_bytes
from jixiao.samples.generator import make_form
from jixiao.samples.layouts import render
from jixiao.store import connect
from jixiao.store.schema import DocumentRow
from jixiao.web import create_app
from tests.store.conftest import pg_url  # noqa: F401  (the fixture: a scratch PostgreSQL database)
from tests.web.conftest import PASSWORD, Site, login


def form_bytes(department: str | None, implementing_unit: str | None, seed: int = 1) -> bytes:
    """One self-evaluation (text) printing these unit names."""
    form = make_form(random.Random(seed), "单位", "社区绿化养护经费", 2024, None).model_copy(
        update={"department": department, "implementing_unit": implementing_unit})
    return render([form], "tabs").encode("utf-8")


def client_of(url: str) -> TestClient:
    return TestClient(create_app(url, secret="s"), follow_redirects=False)


def upload(client: TestClient, token: str, name: str, data: bytes) -> dict[str, Any]:
    response = client.post("/api/upload", headers={"X-CSRF-Token": token}, files=[("files", (name, data))])
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def documents(url: str) -> int:
    engine = connect(url)
    with engine.connect() as conn:
        count = int(conn.execute(select(func.count()).select_from(DocumentRow)).scalar() or 0)
    engine.dispose()
    return count


def cross_unit_attack(url: str, unit_a: tuple[int, str], unit_b: tuple[int, str]) -> int:
    """Unit A uploads a form whose 主管部门 is unit B (no 实施单位): it waits; B never sees it; A confirms."""
    a, b = client_of(url), client_of(url)
    token_a, token_b = login(a, "staff_a"), login(b, "staff_b")
    b_forms_before = b.get(f"/api/units/{unit_b[0]}").json()["forms"]
    result = upload(a, token_a, "他单位的表.txt", form_bytes(unit_b[1], None))
    assert (result["status"], result["outcome"], result["assignment"], result["forms"]) == (
        "pending", "recognized", "pending", 1)
    assert [(u["role"], u["name"], u["unit_id"], u["same"]) for u in result["units"]] == [
        ("unit", unit_b[1], unit_b[0], False)]
    upload_id, document_id = result["upload_id"], result["document_id"]
    form_id = a.get(f"/api/uploads/{upload_id}").json()["forms"][0]["id"]
    # B: nothing through any page, API or download
    assert b.get(f"/api/units/{unit_b[0]}").json()["forms"] == b_forms_before
    for path in (f"/api/forms/{form_id}", f"/forms/{form_id}", f"/api/documents/{document_id}",
                 f"/documents/{document_id}", f"/api/forms/{form_id}/download.xlsx",
                 f"/api/forms/{form_id}/download.docx", f"/api/uploads/{upload_id}", f"/uploads/{upload_id}",
                 f"/forms/{form_id}/edit"):
        assert b.get(path).status_code == 404, path
    assert b.get("/api/uploads").json()["uploads"] == []
    for who, token in ((b, token_b), (a, token_a)):  # held: editable by no unit, not even the uploader's yet
        edit = who.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                        json={"changes": {"indicators.0.score": "0"}})
        assert edit.status_code == 404
    assert b.post(f"/api/uploads/{upload_id}/confirm", headers={"X-CSRF-Token": token_b}).status_code == 404
    assert b.post(f"/api/uploads/{upload_id}/assign", headers={"X-CSRF-Token": token_b},
                  json={"unit_id": unit_b[0]}).status_code == 404
    assert all(f["form_id"] != form_id for f in b.get("/api/findings").json()["findings"])
    # A: in the pending list, not yet in the unit's list, its preview shows the difference
    pending = a.get("/api/uploads").json()["pending"]
    assert [(u["id"], u["file_name"], u["assignment"]) for u in pending] == [(upload_id, "他单位的表.txt", "pending")]
    assert a.get(f"/api/forms/{form_id}").status_code == 404
    page = a.get(f"/uploads/{upload_id}").text
    assert "待确认单位" in page and f"{unit_b[1]}</td>" in page and 'class="differs">不同' in page
    assert 'id="confirm"' in page
    # confirming files it under A, and only under A
    confirmed = a.post(f"/api/uploads/{upload_id}/confirm", headers={"X-CSRF-Token": token_a})
    assert confirmed.json() == {"upload_id": upload_id, "assignment": "confirmed", "unit_id": unit_a[0]}
    assert a.get(f"/api/forms/{form_id}").json()["unit"] == unit_a[1]
    assert form_id in [f["id"] for f in a.get(f"/api/units/{unit_a[0]}").json()["forms"]]
    assert a.get(f"/api/documents/{document_id}").status_code == 200
    assert b.get(f"/api/forms/{form_id}").status_code == 404
    assert b.get(f"/api/units/{unit_b[0]}").json()["forms"] == b_forms_before
    again = a.post(f"/api/uploads/{upload_id}/confirm", headers={"X-CSRF-Token": token_a})
    assert again.status_code == 409 and "已经处理过" in again.json()["detail"]
    assert a.get("/api/uploads").json()["pending"] == []
    return int(upload_id)


def test_cross_unit_upload_waits_and_never_reaches_the_other_unit(writable_site: Site) -> None:
    upload_id = cross_unit_attack(writable_site.url, writable_site.unit_a, writable_site.unit_b)
    evaluator = client_of(writable_site.url)  # B's evaluator: nothing of A's upload either
    login(evaluator, "evaluator_b")
    assert evaluator.get("/api/uploads").json()["uploads"] == []
    assert evaluator.get(f"/api/uploads/{upload_id}").status_code == 404
    assert evaluator.get(f"/uploads/{upload_id}").status_code == 404


def test_a_held_upload_is_seen_by_its_uploader_and_reviewers_only(writable_site: Site) -> None:
    staff_a, staff_b, evaluator, reviewer = (client_of(writable_site.url) for _ in range(4))
    token = login(staff_a, "staff_a")
    result = upload(staff_a, token, "held.txt", form_bytes(writable_site.unit_b[1], None, seed=8))
    upload_id, document_id = result["upload_id"], result["document_id"]
    for client, name in ((staff_b, "staff_b"), (evaluator, "evaluator_b")):
        login(client, name)
        for path in (f"/api/uploads/{upload_id}", f"/uploads/{upload_id}", f"/api/documents/{document_id}"):
            assert client.get(path).status_code == 404, (name, path)
    login(reviewer, "reviewer")
    seen = reviewer.get(f"/api/uploads/{upload_id}").json()
    assert (seen["upload"]["file_name"], seen["can_reassign"], seen["can_confirm"]) == ("held.txt", True, False)
    assert staff_a.get(f"/api/uploads/{upload_id}").json()["can_confirm"] is True


def test_cross_unit_upload_on_postgresql(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    from jixiao.samples.generator import generate_district
    from jixiao.store import ingest
    from jixiao.store.queries import units
    from jixiao.web.users import add_user

    engine = connect(pg_url)
    ingest(engine, generate_district(tmp_path / "s", units=2, projects=2), jobs=1)
    with engine.connect() as conn:
        a, b = [(u["id"], u["name"]) for u in units(conn)][:2]
    add_user(engine, "staff_a", PASSWORD, "unit", [a[1]])
    add_user(engine, "staff_b", PASSWORD, "unit", [b[1]])
    engine.dispose()
    cross_unit_attack(pg_url, a, b)


def test_a_reviewer_reassigns_a_waiting_upload(writable_site: Site) -> None:
    staff, reviewer, other = (client_of(writable_site.url) for _ in range(3))
    token = login(staff, "staff_a")
    result = upload(staff, token, "b.txt", form_bytes(None, writable_site.unit_b[1]))
    assert result["status"] == "pending"
    upload_id = result["upload_id"]
    assert staff.post(f"/api/uploads/{upload_id}/assign", headers={"X-CSRF-Token": token},
                      json={"unit_id": writable_site.unit_a[0]}).status_code == 404  # staff only confirm
    review_token = login(reviewer, "reviewer")
    waiting = reviewer.get("/api/uploads").json()["waiting"]
    assert [(u["id"], u["username"], u["unit_name"]) for u in waiting] == [
        (upload_id, "staff_a", writable_site.unit_a[1])]
    page = reviewer.get(f"/uploads/{upload_id}").text
    assert 'id="assign"' in page and 'id="confirm"' not in page
    assert reviewer.post(f"/api/uploads/{upload_id}/assign", headers={"X-CSRF-Token": review_token},
                         json={"unit_id": 10**6}).status_code == 400
    done = reviewer.post(f"/uploads/{upload_id}/assign", data={"csrf_token": review_token,
                                                               "unit_id": str(writable_site.unit_b[0])})
    assert done.status_code == 303
    form_id = reviewer.get(f"/api/uploads/{upload_id}").json()["forms"][0]["id"]
    login(other, "staff_b")
    assert other.get(f"/api/forms/{form_id}").json()["unit"] == writable_site.unit_b[1]
    assert staff.get(f"/api/forms/{form_id}").status_code == 404
    assert staff.get(f"/api/uploads/{upload_id}").json()["upload"]["assignment"] == "reassigned"
    assert staff.post(f"/api/uploads/{upload_id}/confirm", headers={"X-CSRF-Token": token}).status_code == 409
    admin = client_of(writable_site.url)
    login(admin, "admin")
    logged = admin.get("/api/admin/log", params={"action": "upload_unit"}).json()["entries"]
    assert [(e["username"], e["target"], e["detail"]) for e in logged] == [
        ("reviewer", f"upload:{upload_id}", f"改归：unit:{writable_site.unit_b[0]}")]


def test_an_upload_naming_the_own_unit_by_alias_is_filed_at_once_and_its_links_work(writable_site: Site) -> None:
    admin, staff = client_of(writable_site.url), client_of(writable_site.url)
    admin_token = login(admin, "admin")
    unit_id, name = writable_site.unit_a
    response = admin.post(f"/api/directory/units/{unit_id}/aliases", headers={"X-CSRF-Token": admin_token},
                          json={"alias": "甲单位"})
    assert response.json() == {"id": unit_id, "alias": "甲单位", "forms_moved": 0}
    token = login(staff, "staff_a")
    page = staff.post("/upload", data={"csrf_token": token}, headers={"HX-Request": "true"},
                      files=[("files", ("own.txt", form_bytes("甲单位", "甲单位", seed=2)))])
    assert "已入库" in page.text and "待确认" not in page.text
    result = staff.get("/api/uploads").json()["uploads"][0]
    assert (result["outcome"], result["assignment"], result["form_count"]) == ("recognized", None, 1)
    assert [(u["name"], u["unit_name"], u["same"]) for u in result["units"]] == [("甲单位", name, True)]
    links = [link for link in __import__("re").findall(r'href="(/[^"]+)"', page.text)]
    assert links == [f"/documents/{result['document_id']}", f"/uploads/{result['id']}", "/uploads"]
    for link in links:
        assert staff.get(link).status_code == 200, link
    document = staff.get(f"/api/documents/{result['document_id']}").json()
    assert [f["unit"] for f in document["forms"]] == [name]


def test_empty_and_unrecognized_files_are_not_stored_and_say_why(writable_site: Site) -> None:
    staff = client_of(writable_site.url)
    token = login(staff, "staff_a")
    before = documents(writable_site.url)
    response = staff.post("/api/upload", headers={"X-CSRF-Token": token}, files=[
        ("files", ("空.txt", b"")), ("files", ("纪要.txt", "会议纪要\n没有任何表格\n".encode())),
        ("files", ("x.exe", b"MZ"))])
    results = response.json()["results"]
    assert [(r["status"], r["outcome"], r["document_id"]) for r in results] == [
        ("failed", "unrecognized", None), ("failed", "unrecognized", None), ("rejected", "rejected", None)]
    assert results[0]["reason"] == "空文件，未入库 / empty file, not stored"
    assert results[1]["reason"] == "未识别到任何表单：读取到 2 行，没有一处像表单（没有表名、资金表头或指标表头）"
    assert documents(writable_site.url) == before
    listed = staff.get("/api/uploads").json()["uploads"]
    assert [(u["file_name"], u["outcome_name"]) for u in listed] == [
        ("x.exe", "已拒收"), ("纪要.txt", "未识别"), ("空.txt", "未识别")]
    page = staff.get("/uploads").text
    assert page.count('flagged error') == 3 and "没有一处像表单" in page
    detail = staff.get(f"/uploads/{results[1]['upload_id']}").text
    assert 'class="unrecognized" id="reason"' in detail and "未入库" in detail


def test_the_preview_shows_each_field_beside_its_source_row_and_cell(writable_site: Site) -> None:
    staff = client_of(writable_site.url)
    token = login(staff, "staff_a")
    data = form_bytes(writable_site.unit_b[1], writable_site.unit_b[1], seed=3)
    result = upload(staff, token, "preview.txt", data)
    assert result["status"] == "pending"  # before it counts
    read = extract_bytes(data, "preview.txt").self_evaluations[0]
    funds = read.funds_rows[0]
    indicator = read.indicators[0]
    fields = staff.get(f"/api/uploads/{result['upload_id']}").json()["forms"][0]["fields"]
    rate = next(f for f in fields if f["group"] == f"资金：{funds.label}" and f["field"] == "执行率")
    assert rate == {"group": f"资金：{funds.label}", "field": "执行率", "value": str(funds.execution_rate),
                    "source": f"第{funds.line}行", "printed": funds.printed["execution_rate"]}
    target = next(f for f in fields if f["group"] == f"指标：{indicator.level3}" and f["field"] == "年度指标值")
    assert (target["value"], target["source"]) == (indicator.target, f"第{indicator.line}行")
    name = next(f for f in fields if f["field"] == "项目名称")
    first_row = min(r.line for r in read.funds_rows if r.line is not None)
    assert (name["value"], name["source"]) == (read.project_name,
                                               f"第{read.location.line_start}–{first_row - 1}行（表头）")
    page = staff.get(f"/uploads/{result['upload_id']}").text
    assert f"第{funds.line}行" in page and funds.printed["execution_rate"] in page


def test_the_unit_directory(writable_site: Site) -> None:
    admin, staff, reviewer = (client_of(writable_site.url) for _ in range(3))
    token = login(admin, "admin")
    unit_a, unit_b = writable_site.unit_a, writable_site.unit_b
    added = admin.post("/api/directory/units", headers={"X-CSRF-Token": token},
                       json={"name": "示例区民政局", "code": "301", "aliases": ["区民政局"]})
    top = added.json()["id"]
    edited = admin.post(f"/directory/units/{unit_a[0]}", data={"csrf_token": token, "name": unit_a[1],
                                                               "code": "301001", "parent_id": str(top)})
    assert edited.status_code == 303
    refused = admin.post("/directory/units", data={"csrf_token": token, "name": "另一个单位", "code": "301001"})
    assert refused.status_code == 400 and "单位代码 301001 已属于" in refused.text
    assert admin.post("/api/directory/units", headers={"X-CSRF-Token": token},
                      json={"name": unit_b[1], "parent_id": unit_a[0]}).status_code == 200
    tree = {u["name"]: u for u in admin.get("/api/directory").json()["units"]}
    assert (tree["示例区民政局"]["depth"], tree[unit_a[1]]["depth"], tree[unit_b[1]]["depth"]) == (0, 1, 2)
    assert tree[unit_a[1]]["listed"] and [a["alias"] for a in tree["示例区民政局"]["aliases"]] == ["区民政局"]
    # unit staff: their branch, read-only, figures of their own unit only
    staff_token = login(staff, "staff_b")
    seen = staff.get("/api/directory").json()
    assert [(u["name"], u["forms"] is None) for u in seen["units"]] == [
        ("示例区民政局", True), (unit_a[1], True), (unit_b[1], False)]
    read_only = staff.get("/directory").text.split("<main>")[1]  # the search form only: nothing to post
    assert seen["editable"] is False and 'method="post"' not in read_only and read_only.count("<form") == 1
    assert staff.post("/api/directory/units", headers={"X-CSRF-Token": staff_token},
                      json={"name": "x"}).status_code == 404
    # aliases through the page: added (the tree shows it), removed again
    added_alias = admin.post(f"/directory/units/{top}/aliases", data={"csrf_token": token, "alias": "民政局"})
    assert added_alias.status_code == 303
    aliases = {a["alias"]: a["id"] for a in admin.get("/api/directory").json()["units"][0]["aliases"]}
    assert sorted(aliases) == ["区民政局", "民政局"] and "民政局" in admin.get("/directory").text
    removed = admin.post(f"/directory/units/{top}/aliases/{aliases['区民政局']}/delete", data={"csrf_token": token})
    assert removed.status_code == 303
    assert [a["alias"] for a in admin.get("/api/directory").json()["units"][0]["aliases"]] == ["民政局"]
    login(reviewer, "reviewer")
    assert len(reviewer.get("/api/directory").json()["units"]) == len(tree)
    logged = admin.get("/api/admin/log", params={"action": "unit_change"}).json()["entries"]
    assert sorted(e["detail"] for e in logged) == sorted([
        "加入名录：示例区民政局", f"修改：{unit_a[1]}，代码 301001，主管部门 {top}", f"加入名录：{unit_b[1]}",
        "加别名：民政局", f"删除别名 alias:{aliases['区民政局']}"])
    assert reviewer.post("/directory/units", data={"csrf_token": "wrong", "name": "x"}).status_code == 403


def test_a_form_cut_off_before_its_total_is_partly_recognized(writable_site: Site) -> None:
    staff = client_of(writable_site.url)
    token = login(staff, "staff_a")
    text = form_bytes(writable_site.unit_a[1], writable_site.unit_a[1], seed=7).decode("utf-8")
    cut = "\n".join(line for line in text.splitlines() if "总分" not in line).encode("utf-8")
    result = upload(staff, token, "缺总分.txt", cut)
    assert (result["status"], result["outcome"], result["outcome_name"], result["forms"]) == (
        "stored", "partial", "部分识别", 1)
    assert result["reason"] == "第1张（2024年社区绿化养护经费）：表格不完整：未找到「总分」行"
    page = staff.get("/uploads").text
    assert "部分识别（1 张，部分未读全）" in page and "未找到「总分」行" in page
    assert staff.get(f"/documents/{result['document_id']}").status_code == 200


def test_unit_staff_without_a_unit_cannot_upload(writable_site: Site) -> None:
    """Never filed by the names inside the file instead: refused, and nothing stored."""
    from sqlalchemy import update

    from jixiao.web.users import USERS

    engine = connect(writable_site.url)
    with engine.begin() as conn:
        conn.execute(update(USERS).where(USERS.c.username == "staff_a").values(unit_id=None))
    engine.dispose()
    before = documents(writable_site.url)
    staff = client_of(writable_site.url)
    token = login(staff, "staff_a")
    response = staff.post("/api/upload", headers={"X-CSRF-Token": token},
                          files=[("files", ("b.txt", form_bytes(writable_site.unit_b[1], None)))])
    assert response.status_code == 403
    assert response.json()["detail"] == "您的账户没有所属单位，不能上传；请管理员指定单位"
    assert documents(writable_site.url) == before
