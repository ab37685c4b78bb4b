"""Uploads: several files at once through the store's pipeline, one result each; limits on count,
size and type; a second upload of the same file is recognised as unchanged."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from jixiao.samples.generator import generate_district
from jixiao.store import connect
from jixiao.store.queries import documents
from jixiao.web import create_app
from tests.web.conftest import Site, login


def _client(site: Site, **options: int) -> TestClient:
    return TestClient(create_app(site.url, secret="s", **options), follow_redirects=False)


def _files(paths: list[Path]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]


def test_upload_several_files_gives_one_result_each(writable_site: Site, tmp_path: Path) -> None:
    paths = generate_district(tmp_path / "new", units=2, projects=3, seed=11)
    client = _client(writable_site)
    token = login(client, "reviewer")
    response = client.post("/api/upload", headers={"X-CSRF-Token": token}, files=_files(paths))
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["file"] for r in results] == [p.name for p in paths]
    assert [r["status"] for r in results] == ["stored", "stored"]
    assert [r["forms"] for r in results] == [3, 3]
    engine = connect(writable_site.url)
    with engine.connect() as conn:
        stored = {d["id"]: d for d in documents(conn)}
    engine.dispose()
    for result in results:
        document = stored[result["document_id"]]
        assert document["path"] == f"upload/reviewer/{result['file']}"
        assert document["findings"] == sum(result["findings"].values())
    again = client.post("/api/upload", headers={"X-CSRF-Token": token}, files=_files(paths[:1])).json()
    assert again["results"][0]["status"] == "unchanged" and again["results"][0]["document_id"] is None


def test_upload_page_shows_per_file_results(writable_site: Site, tmp_path: Path) -> None:
    paths = generate_district(tmp_path / "new", units=1, projects=2, seed=5)
    client = _client(writable_site)
    token = login(client, "staff_a")
    page = client.post("/upload", data={"csrf_token": token},
                       files=[*_files(paths), ("files", ("notes.exe", b"MZ", "application/octet-stream"))],
                       headers={"HX-Request": "true"})
    assert page.status_code == 200 and "<html" not in page.text
    assert "已入库" in page.text and "已拒收" in page.text and "不支持的文件类型" in page.text


def test_upload_limits_on_type_size_and_count(writable_site: Site) -> None:
    client = _client(writable_site, max_upload_bytes=1000, max_upload_files=2)
    token = login(client, "admin")
    files = [("files", ("a.exe", b"x", "application/octet-stream")),
             ("files", ("big.txt", b"x" * 1001, "text/plain")),
             ("files", ("third.txt", b"x", "text/plain"))]
    results = client.post("/api/upload", headers={"X-CSRF-Token": token}, files=files).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected"]
    assert "不支持的文件类型" in results[0]["reason"]
    assert "上限" in results[1]["reason"]
    assert "一次最多上传 2 个文件" in results[2]["reason"]


def test_unreadable_upload_is_a_failed_result_with_a_reason(writable_site: Site) -> None:
    client = _client(writable_site)
    token = login(client, "admin")
    results = client.post("/api/upload", headers={"X-CSRF-Token": token},
                          files=[("files", ("../../etc/broken.pdf", b"%PDF-1.4 broken", "application/pdf")),
                                 ("files", ("plain.pdf", b"no form here", "application/pdf"))]).json()["results"]
    assert results[0]["file"] == "broken.pdf"  # the folders of the uploaded name are dropped
    assert results[0]["status"] == "failed" and "PDF" in results[0]["reason"]
    # nothing recognized: not stored (no document), with the reason ``jixiao inspect`` gives
    assert (results[1]["status"], results[1]["forms"], results[1]["document_id"]) == ("failed", 0, None)
    assert results[1]["reason"].startswith("未识别到任何表单：")


def test_a_request_larger_than_a_full_upload_is_refused_unread(writable_site: Site) -> None:
    client = _client(writable_site, max_upload_bytes=1000, max_upload_files=2)
    token = login(client, "admin")
    body = b"x" * (2 * 1000 + 1024 * 1024 + 1)
    response = client.post("/api/upload", headers={"X-CSRF-Token": token}, files=[("files", ("a.txt", body))])
    assert response.status_code == 413 and "上限" in response.json()["detail"]
