"""Messages and pages in the reader's language (jixiao.web.i18n: Chinese by default, English by
Accept-Language or the 中文 / English toggle): the 413 answer of the request-size cap, the 待办 page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import login


def test_the_413_answer_is_in_the_readers_language(client: TestClient) -> None:
    body, cap = b"{" + b" " * 3_000_000 + b"}", 2 * 1024 * 1024
    chinese = client.post("/api/login", content=body, headers={"Content-Type": "application/json"})
    assert chinese.status_code == 413 and chinese.json() == {"detail": f"请求内容超过 {cap} 字节上限"}
    english = client.post("/api/login", content=body, headers={"Content-Type": "application/json",
                                                                "Accept-Language": "en-GB,en;q=0.9"})
    assert english.status_code == 413 and english.json() == {"detail": f"request too large: over {cap} bytes"}
    client.cookies.set("jixiao_lang", "en")
    toggled = client.post("/login", content=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                           "Accept-Language": "zh-CN"})
    assert toggled.status_code == 413 and toggled.json() == {"detail": f"request too large: over {cap} bytes"}


def _main(html: str) -> str:
    return html.split("<main>")[1].split("</main>")[0]


def test_todo_follows_the_language_toggle(client: TestClient) -> None:
    login(client, "reviewer")
    chinese = _main(client.get("/todo").text)
    assert "<h1>待办</h1>" in chinese and ">待审（" in chinese and ">退回后又提交（" in chinese
    assert ">状态 <select" in chinese and "<option value=\"approved\">通过</option>" in chinese
    assert client.get("/lang", params={"to": "en", "next": "/todo"}).status_code == 303
    english = _main(client.get("/todo").text)
    assert "<h1>To do</h1>" in english
    assert re.findall(r'data-queue="\w+">([^<]+)（', english) == [
        "All to do", "Awaiting review", "Resubmitted after return", "Changed after review", "All forms"]
    assert re.findall(r'<th><a href="[^"]+">([A-Za-z]+)', english) == [
        "Units", "Name", "Year", "State", "Grade", "Errors", "Batch", "Time"]
    assert ">State <select" in english and "<option value=\"approved\">Approved</option>" in english
    assert re.findall(r'<option value="(\w+)">([^<]+)</option>', english.split('id="bulk-action"')[1])[:3] == [
        ("start", "Start review"), ("approve", "Approve"), ("return", "Return")]
    assert re.search(r"<p class=\"meta\">\d+ forms", english) and ">Apply</button>" in english
    for word in ("待办", "待审", "状态", "等级", "共 ", "勾选", "执行", "意见", "全选", "说明", "升序", "筛选"):
        assert word not in english, word


def test_todo_of_unit_staff_in_english_by_accept_language(client: TestClient) -> None:
    login(client, "staff_a")
    english = _main(client.get("/todo", headers={"Accept-Language": "en-US,en;q=0.8"}).text)
    assert re.findall(r'data-queue="\w+">([^<]+)（', english) == [
        "Drafts and returned", "Drafts", "Returned", "Submitted, awaiting review", "All forms"]
    assert re.findall(r'<option value="(\w+)">([^<]+)</option>', english.split('id="bulk-action"')[1]) == [
        ("submit", "Submit"), ("withdraw", "Withdraw")]
    chinese = _main(client.get("/todo", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text)
    assert ">待提交与被退回（" in chinese and '<option value="submit">提交</option>' in chinese


def test_todo_bulk_message_in_the_pages_language(own_client: TestClient) -> None:
    token = login(own_client, "reviewer")
    waiting = [f["id"] for f in own_client.get("/api/todo", params={"queue": "pending"}).json()["forms"]]
    assert len(waiting) >= 2
    own_client.cookies.set("jixiao_lang", "en")
    page = own_client.post("/todo", data={"csrf_token": token, "form": [str(waiting[0])], "action": "start",
                                          "comment": "", "queue": "pending"})
    assert page.status_code == 200
    assert re.findall(r'id="todo-message">([^<]+)<', page.text) == ["Start review: 1 forms."]
    own_client.cookies.set("jixiao_lang", "zh")
    page = own_client.post("/todo", data={"csrf_token": token, "form": [str(waiting[0]), str(waiting[1])],
                                          "action": "start", "comment": "", "queue": "pending"})
    said = re.findall(r'id="todo-message">([^<]+)<', page.text)
    assert len(said) == 1 and said[0].startswith("开始审核：1 张表单。跳过 1 张（") and "/" not in said[0]
