"""The web form page marks the cells of a scanned form read uncertainly (class ``ocr-doubt``, a
tooltip with the confidence), a reviewer corrects them through the edit machinery — those cells
only — and the edit history records each as an OCR correction (``form_edits.kind`` "ocr").

No OCR runs here: the stored document is what the recognizer makes of a scan — cells with their OCR
confidence, one of them misread by a digit — given to the store in place of the extraction."""

from __future__ import annotations

import html
import random
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.extract import extract_bytes
from jixiao.model.document import Document
from jixiao.model.values import parse_number
from jixiao.samples.generator import make_form
from jixiao.samples.layouts import render
from jixiao.store import connect
from jixiao.store.process import process_bytes
from jixiao.store.queries import F
from jixiao.store.writer import write
from jixiao.web import create_app
from jixiao.web.edits import EDITS
from jixiao.web.users import add_user
from tests.web.conftest import PASSWORD, login

RIGHT = "199.9"  # the 全年执行数 printed on the paper (the generated form's amount for this seed)
MISREAD = "299.9"  # … as the scan was read: one digit off, breaking 执行率 = 执行数 ÷ 预算数


def _scanned_document() -> Document:
    made = make_form(random.Random(3), "某某区民政局", "社区养老服务项目", 2024, None)
    doc = extract_bytes(render([made], "tabs").encode(), "scan.png")
    doc.format = "image"
    form = doc.self_evaluations[0]
    total = form.funds.total
    assert total.printed["executed"] == RIGHT
    total.printed["executed"], total.executed = MISREAD, parse_number(MISREAD)
    total.confidence = dict.fromkeys(total.printed, 0.99)
    for ind in form.indicators:
        ind.confidence = dict.fromkeys(ind.printed, 0.99)
    form.indicators[1].confidence = {**form.indicators[1].confidence, "score": 0.62}
    form.total_confidence = dict.fromkeys(form.total_printed, 0.99)
    return doc


@pytest.fixture
def scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """A store holding one scanned self-evaluation, an admin and a reviewer; (url, form id)."""
    doc = _scanned_document()
    monkeypatch.setattr("jixiao.store.process.extract_bytes", lambda data, source: doc)
    result = process_bytes("scan.png", b"\x89PNG scanned page")
    assert result.status == "ok", result
    url = f"sqlite:///{tmp_path / 'scan.db'}"
    engine = connect(url)
    write(engine, result)
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    with engine.connect() as conn:
        form_id = conn.execute(select(F.c.id).where(F.c.kind == "self_evaluation")).scalar_one()
    engine.dispose()
    return url, int(form_id)


def _client(url: str) -> TestClient:
    return TestClient(create_app(url, secret="s"), follow_redirects=False)


def _cell_titles(page: str) -> dict[str, str]:
    """Every marked cell's text → its tooltip."""
    import re

    found = re.findall(r'<td class="[^"]*ocr-doubt" title="([^"]*)">([^<]*)</td>', page)
    return {text: html.unescape(title) for title, text in found}


def test_the_form_page_marks_uncertain_cells_with_their_confidence(scanned: tuple[str, int]) -> None:
    url, form_id = scanned
    client = _client(url)
    login(client, "reviewer")
    page = client.get(f"/forms/{form_id}")
    assert page.status_code == 200
    marked = _cell_titles(page.text)
    assert set(marked) == {MISREAD, "10"}  # the misread 执行数, and the score read at 0.62
    assert marked[MISREAD] == f"识别存疑：扫描识别置信度 0.99；按表内勾稽疑为「{RIGHT}」，请对照原件核对"
    assert marked["10"] == "识别存疑：扫描识别置信度 0.62，请对照原件核对"
    assert 'id="ocr-fix-link"' in page.text
    assert f"「{MISREAD}」（识别置信度 0.99）" in page.text and "restores" not in page.text  # the finding's 印刷值
    codes = [f["code"] for f in client.get(f"/api/forms/{form_id}").json()["findings"]]
    assert "SE001" not in codes and "OC002" in codes  # the rate it breaks is not the unit's error


def test_a_reviewer_corrects_an_uncertain_cell_and_the_history_says_ocr(scanned: tuple[str, int]) -> None:
    url, form_id = scanned
    client = _client(url)
    token = login(client, "reviewer")
    state = client.get(f"/api/forms/{form_id}/edits").json()
    assert state["editable"] is True
    assert set(state["cells"]) == {"funds.total.executed", "indicators.1.score"}  # the uncertain cells only
    refused = client.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                          json={"changes": {"indicators.0.score": "5"}, "base": state["base"]})
    assert refused.status_code == 403
    response = client.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                           json={"changes": {"funds.total.executed": RIGHT}, "base": state["base"]})
    assert response.status_code == 200, response.text
    changed: list[dict[str, Any]] = response.json()["changed"]
    assert [(c["path"], c["old"], c["new"], c["kind"]) for c in changed] == [
        ("funds.total.executed", MISREAD, RIGHT, "ocr")]
    after = client.get(f"/api/forms/{form_id}/edits").json()
    assert [(h["path"], h["kind"], h["user"]) for h in after["history"]] == [
        ("funds.total.executed", "ocr", "reviewer")]
    assert after["ocr_doubtful"] == ["indicators.1.score"]  # the corrected cell is no longer in doubt
    engine = connect(url)
    with engine.connect() as conn:
        assert list(conn.execute(select(EDITS.c.path, EDITS.c.kind))) == [("funds.total.executed", "ocr")]
    engine.dispose()
    page = client.get(f"/forms/{form_id}/edit").text
    assert "（识别更正）" in page
    assert set(_cell_titles(client.get(f"/forms/{form_id}").text)) == {"10"}


def test_an_ordinary_edit_is_recorded_as_an_edit(scanned: tuple[str, int]) -> None:
    url, form_id = scanned
    client = _client(url)
    token = login(client, "admin")
    state = client.get(f"/api/forms/{form_id}/edits").json()
    assert "indicators.0.score" in state["cells"]  # admin edits any cell
    response = client.post(f"/api/forms/{form_id}/edits", headers={"X-CSRF-Token": token},
                           json={"changes": {"goal_actual": "全部完成"}, "base": state["base"]})
    assert response.status_code == 200, response.text
    assert [(c["path"], c["kind"]) for c in response.json()["changed"]] == [("goal_actual", "edit")]


def test_a_scanned_declarations_uncertain_value_is_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from jixiao.model.declaration import DeclaredIndicator, TargetDeclaration
    from jixiao.model.selfeval import Location

    td = TargetDeclaration(project_name="示例项目", unit="示例街道办事处", total_amount=Decimal("120"),
                           printed={"total_amount": "120"}, location=Location(line_start=1, line_end=9),
                           indicators=[DeclaredIndicator(level1="产出指标", level2="时效指标", level3="完成时间",
                                                         value="K4月", line=7, confidence={"value": 0.96}),
                                       DeclaredIndicator(level1="产出指标", level2="数量指标", level3="服务人次",
                                                         nature="≥", value=Decimal(100), unit="人次", cell="≥100人次",
                                                         line=8, confidence={"value": 0.97})])
    doc = Document(source="scan.png", format="image", target_declarations=[td])
    monkeypatch.setattr("jixiao.store.process.extract_bytes", lambda data, source: doc)
    url = f"sqlite:///{tmp_path / 'td.db'}"
    engine = connect(url)
    write(engine, process_bytes("scan.png", b"\x89PNG scanned declaration"))
    add_user(engine, "reviewer", PASSWORD, "reviewer")
    with engine.connect() as conn:
        form_id = conn.execute(select(F.c.id).where(F.c.kind == "project_target_declaration")).scalar_one()
    engine.dispose()
    client = _client(url)
    login(client, "reviewer")
    marked = _cell_titles(client.get(f"/forms/{form_id}").text)
    assert marked == {"K4月": "识别存疑：扫描识别置信度 0.96，请对照原件核对"}  # the sure 100 is not marked
