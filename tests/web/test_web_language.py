"""Messages and pages in the reader's language (jixiao.web.i18n: Chinese by default, English by
Accept-Language or the 中文 / English toggle): the 413 answer of the request-size cap, the 待办 page."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
