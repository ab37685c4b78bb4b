"""End to end in a real headless browser: Debian's chromium driven by Playwright against
``jixiao serve`` on a free port. Never downloads a browser; without /usr/bin/chromium the test
skips with the reason, except in CI (``CI`` set), where it fails.

Screenshots of the pages go to ``JIXIAO_SCREENSHOTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao.samples.generator import generate_district
from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_pages import _placed_finding

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


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
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "jixiao.present", "serve", "--db", writable_site.url,
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
