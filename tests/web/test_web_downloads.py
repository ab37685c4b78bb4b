"""A form downloads in the official layout (DOCX / XLSX / PDF) and reads back to the same form; only
users who may see the form can download it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.extract import extract_bytes
from jixiao.present.jsonout import document_json
from jixiao.store import connect
from jixiao.store.queries import F, show
from tests.web.conftest import Site, login


def _form_of_unit(site: Site, unit_id: int) -> tuple[int, dict[str, object]]:
    engine = connect(site.url)
    with engine.connect() as conn:
        first = conn.execute(select(F.c.id).where(F.c.unit_id == unit_id).order_by(F.c.id)).scalars().first()
        assert first is not None
        form_id = int(first)
        data = show(conn, form_id)
    engine.dispose()
    assert data is not None
    return form_id, data


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_download_reads_back_to_the_stored_form(client: TestClient, site: Site, fmt: str) -> None:
    form_id, stored = _form_of_unit(site, site.unit_a[0])
    login(client, "staff_a")
    response = client.get(f"/api/forms/{form_id}/download.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    again = document_json(extract_bytes(response.content, f"form.{fmt}"))
    assert again["format"] == fmt
    [form] = again["self_evaluations"]
    expected = stored["data"]
    assert isinstance(expected, dict)
    assert form["project_name"] == expected["project_name"]
    assert [(i["level3"], i["target"], i["actual"]) for i in form["indicators"]] == [
        (i["level3"], i["target"], i["actual"]) for i in expected["indicators"]]
    assert f'/api/forms/{form_id}/download.pdf' in client.get(f"/forms/{form_id}").text


def test_download_hidden_from_other_units(client: TestClient, site: Site) -> None:
    form_id, _ = _form_of_unit(site, site.unit_b[0])
    login(client, "staff_a")
    assert client.get(f"/api/forms/{form_id}/download.docx").status_code == 404
    assert client.get(f"/api/forms/{form_id}/download.odt").status_code == 404
    client.cookies.clear()
    assert client.get(f"/api/forms/{form_id}/download.docx").status_code in (303, 307, 401)


def test_download_at_the_documented_address_too(client: TestClient, site: Site) -> None:
    """DESIGN §5.4: forms download at /forms/ID/download.{docx,xlsx,pdf} (and its /api/ twin)."""
    mine, _ = _form_of_unit(site, site.unit_a[0])
    theirs, _ = _form_of_unit(site, site.unit_b[0])
    login(client, "staff_a")
    for fmt in ("docx", "xlsx", "pdf"):
        response = client.get(f"/forms/{mine}/download.{fmt}")
        assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
        assert client.get(f"/forms/{theirs}/download.{fmt}").status_code == 404


def test_reviewers_workbook(client: TestClient, site: Site) -> None:
    from io import BytesIO

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    login(client, "staff_a")
    assert client.get("/api/export.xlsx").status_code == 403
    client.cookies.clear()
    login(client, "reviewer")
    response = client.get("/api/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    assert "问题清单" in book.sheetnames
    engine = connect(site.url)
    with engine.connect() as conn:
        total = len(list(conn.execute(select(F.c.id)).scalars()))
    engine.dispose()
    forms_sheet = [name for name in book.sheetnames if name not in ("问题清单", "文档")]
    assert sum(book[name].max_row - 1 for name in forms_sheet) == total
