"""End to end in a real headless browser: Debian's chromium driven by Playwright against
``jixiao serve`` on a free port. Never downloads a browser; without /usr/bin/chromium the test
skips with the reason, except in CI (``CI`` set), where it fails.

Screenshots of the pages go to ``JIXIAO_SCREENSHOTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.samples.generator import generate_district
from jixiao.store.process import process_bytes
from tests.conftest import seed
from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_pages import _placed_finding

CHROMIUM = Path("/usr/bin/chromium")
# --accept-lang: the browser of a reader in China asks for Chinese (headless Chromium asks for en-US,
# which the app answers in English; a test that wants English sets its context's locale)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--accept-lang=zh-CN,zh"]


def _need_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install -y chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(writable_site: Site, tmp_path: Path) -> Iterator[str]:
    _need_chromium()
    with serving(writable_site.url, tmp_path) as url:
        yield url


@contextmanager
def serving(db_url: str, tmp_path: Path) -> Iterator[str]:
    """``jixiao serve`` on the database at ``db_url``, on a free port, until the block ends."""
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "jixiao.present", "serve", "--db", db_url,
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("JIXIAO_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_browser_login_form_findings_dashboard_upload(server: str, writable_site: Site, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    form, finding = _placed_finding(writable_site)
    shots = _shots(tmp_path)
    upload = generate_district(tmp_path / "upload", units=1, projects=2, seed=3)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server}/forms/{form['id']}")
            expect(page.locator("h1")).to_have_text("登录")  # redirected to the login page
            page.screenshot(path=str(shots / "login.png"))
            page.fill("input[name=username]", "reviewer")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server}/forms/{form['id']}")
            row = page.locator(f'tr[data-line="{finding["line_start"]}"]')
            expect(row).to_contain_text(finding["message"])
            expect(row).to_contain_text(f"印刷值：{finding['actual']}")
            expect(row).to_contain_text(f"复算/应为：{finding['expected']}")
            expect(page.locator("li.finding")).to_have_count(len(form["findings"]))
            page.screenshot(path=str(shots / "form.png"), full_page=True)

            item = page.locator(f"#finding-{finding['id']}")  # dismiss the finding with a reason
            item.locator("input[name=reason]").fill("已核实，系印刷笔误")
            item.locator("button[value=dismissed]").click()
            page.wait_for_load_state()
            expect(page.locator(f"#finding-{finding['id']} .review-state")).to_contain_text("已核实，系印刷笔误")
            page.locator("#form-review button[value=approved]").click()  # approve the form
            page.wait_for_load_state()
            expect(page.locator("#form-review .status")).to_have_text("通过")

            page.goto(f"{server}/")
            for chart in ("chart-grades", "chart-rates", "chart-findings", "chart-units"):
                expect(page.locator(f'#{chart}[data-ready="1"] canvas')).to_have_count(1)
            page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

            page.goto(f"{server}/findings")
            page.select_option("select[name=severity]", "error")  # htmx swaps the list in place
            expect(page.locator("#findings tbody tr.error").first).to_be_visible()
            expect(page.locator("#findings tbody tr.warning")).to_have_count(0)
            assert page.url.endswith("severity=error") or "severity=error" in page.url
            page.screenshot(path=str(shots / "findings.png"), full_page=True)

            page.goto(f"{server}/upload")
            page.set_input_files("input[type=file]", [str(p) for p in upload])
            page.click("#upload-form button[type=submit]")
            result = page.locator("#upload-results table.upload-results tbody tr")
            expect(result).to_have_count(1)
            expect(result.first).to_contain_text("已入库")
            expect(page.locator("#upload-results")).to_contain_text(upload[0].name)
            page.screenshot(path=str(shots / "upload.png"), full_page=True)
        finally:
            browser.close()
    assert all((shots / f"{name}.png").stat().st_size > 1000 for name in ("login", "form", "dashboard", "upload"))


def _expected(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """What ``jixiao check`` says of the file's first self-evaluation, and that form as stored."""
    result = process_bytes(str(path), path.read_bytes())
    first = next(f for f in result.forms if f.kind == "self_evaluation" and f.idx == 0)
    found = [f for f in result.findings if f["kind"] == "self_evaluation" and f["idx"] == 0]
    return found, json.loads(first.data)


def test_browser_seed_upload_review_edit_approve_and_download(server: str, seeds: Path, tmp_path: Path) -> None:
    """The reviewer's day on real documents: upload two seed files, open the first form, see the
    findings the rules give on their rows, fix a score and watch the sum and the findings change,
    dismiss a finding, approve the form, download the workbook."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from playwright.sync_api import expect, sync_playwright

    files = [seed(seeds, "000"), seed(seeds, "004")]
    expected, data = _expected(files[0])
    errors = [f for f in expected if f["severity"] == "error"]
    assert errors, "seed 000's first form has errors (a total that is not the sum of its parts)"
    row = next(n for n, i in enumerate(data["indicators"]) if i.get("score") and Decimal(i["score"]) >= 10)
    shots = _shots(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.goto(f"{server}/upload")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server}/upload")
            page.set_input_files("input[type=file]", [str(p) for p in files])
            page.click("#upload-form button[type=submit]")
            results = page.locator("#upload-results table.upload-results tbody tr")
            expect(results).to_have_count(2)
            for n in range(2):
                expect(results.nth(n)).to_contain_text("已入库")
            page.screenshot(path=str(shots / "upload-seeds.png"), full_page=True)

            page.click(f"#upload-results a:has-text('{files[0].name}')")  # the document, then its first form
            page.locator("table.list a[href^='/forms/']").first.click()
            page.wait_for_url(re.compile(r".*/forms/\d+$"))
            form_id = int(page.url.rsplit("/", 1)[1])
            expect(page.locator("h1.form-title")).to_contain_text("项目支出绩效自评表")
            expect(page.locator("li.finding")).to_have_count(len(expected))
            for finding in errors:  # each error on the row it concerns
                expect(page.locator(f'tr[data-line="{finding["line_start"]}"]')).to_contain_text(finding["message"])
            page.screenshot(path=str(shots / "form.png"), full_page=True)

            state = page.request.get(f"{server}/api/forms/{form_id}/edits").json()
            parts = Decimal(str(state["summary"]["printed_parts_sum"]))
            total = Decimal(str(state["summary"]["total_score"]))
            assert parts - total == 10  # seed 000: the parts add up to 110, the total says 100
            page.click("#edit-link")
            page.wait_for_url(f"{server}/forms/{form_id}/edit")
            box = page.locator(f"#cell-indicators-{row}-score")
            old = Decimal(box.input_value())
            box.fill(str(old - 10))
            box.press("Tab")  # a change event: htmx saves, re-scores, re-checks and swaps the part
            expect(page.locator("#edit-message")).to_contain_text("已保存")
            assert Decimal(page.locator("#parts-sum").inner_text()) == total  # the parts now add up
            expect(page.locator("#count-error")).to_have_text(f"错误 {len(errors) - 1}")
            expect(page.locator("tr.total")).not_to_contain_text("总分印为")
            expect(page.locator("#edit-history tbody tr")).to_have_count(1)
            expect(page.locator(f"#cell-indicators-{row}-score")).to_have_class(re.compile("edited"))
            page.screenshot(path=str(shots / "edit.png"), full_page=True)

            page.goto(f"{server}/forms/{form_id}")
            weights = next(f for f in errors if f["category"] == "weights")
            item = page.locator("li.finding", has_text=weights["message"])
            item.locator("input[name=reason]").fill("分值经主管部门批准调整")
            item.locator("button[value=dismissed]").click()
            page.wait_for_load_state()
            expect(page.locator("li.finding", has_text=weights["message"]).locator(".review-state")
                   ).to_contain_text("分值经主管部门批准调整")
            page.locator("#form-review input[name=comment]").fill("已更正得分")
            page.locator("#form-review button[value=approved]").click()
            page.wait_for_load_state()
            expect(page.locator("#form-review .status")).to_have_text("通过")
            expect(page.locator("#edit-link")).to_have_count(0)  # approved: locked

            with page.expect_download() as download:
                page.click("header nav a[href='/api/export.xlsx']")  # 下载工作簿 (English when the browser asks)
            workbook = tmp_path / "workbook.xlsx"
            download.value.save_as(workbook)
            total_findings = page.request.get(f"{server}/api/findings", params={"limit": "1"}).json()["total"]
        finally:
            browser.close()
    sheet = load_workbook(workbook, read_only=True)["问题清单"]
    messages = [str(r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(messages) == total_findings
    assert any(weights["message"] in str(r) for r in load_workbook(workbook)["问题清单"].iter_rows(values_only=True))
    assert not any("总分印为" in str(r) and data["project_name"] in str(r)
                   for r in load_workbook(workbook)["问题清单"].iter_rows(values_only=True))
    assert all((shots / f"{name}.png").stat().st_size > 1000 for name in ("upload-seeds", "form", "edit"))


def test_browser_docs_offline_and_no_csp_violation(server: str) -> None:
    """/docs renders Swagger UI with the network cut off from everything but the server, and no page
    breaks the Content-Security-Policy (no inline script or style was left behind)."""
    from playwright.sync_api import expect, sync_playwright

    outside: list[str] = []
    violations: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})

            def offline(route: Any) -> None:
                if route.request.url.startswith(server):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", offline)
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{server}/login")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server}/")
            for chart in ("chart-grades", "chart-rates", "chart-findings", "chart-units"):
                expect(page.locator(f'#{chart}[data-ready="1"] canvas')).to_have_count(1)
            for path in ("/units", "/findings", "/upload"):
                page.goto(f"{server}{path}")
                page.wait_for_load_state("networkidle")
            page.goto(f"{server}/docs")
            expect(page.locator(".opblock").first).to_be_visible(timeout=20000)
            expect(page.locator(".opblock-summary-path", has_text="/api/forms/{form_id}").first).to_be_visible()
        finally:
            browser.close()
    assert not outside, outside
    assert not violations, violations
