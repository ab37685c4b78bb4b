"""In Chromium: unit A's staff upload a file that names unit B, see the difference, confirm it; the form
then appears in A's list and nowhere in B's (``jixiao serve`` and Playwright as in test_web_browser)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from jixiao.samples.generator import make_form
from jixiao.samples.layouts import render
from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_browser import ARGS, CHROMIUM, _shots, server  # noqa: F401  (the fixture)

PROJECT = "浏览器上传专项"


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_foreign_unit_name_waits_for_the_uploader_to_confirm(server: str, writable_site: Site,  # noqa: F811
                                                               tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    unit_a, unit_b = writable_site.unit_a, writable_site.unit_b
    form = make_form(random.Random(5), unit_b[1], PROJECT, 2024, None)  # 主管部门 and 实施单位: unit B
    path = tmp_path / "他单位名称的自评表.txt"
    path.write_text(render([form], "tabs"), encoding="utf-8")
    shots = _shots(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            _login(page, server, "staff_a")
            page.goto(f"{server}/upload")
            page.set_input_files("input[name=files]", str(path))
            page.click("#upload-form button[type=submit]")
            result = page.locator(".upload-results tbody tr")
            expect(result).to_contain_text("待确认单位")
            expect(result).to_contain_text(f"单位「{unit_b[1]}」")
            result.get_by_role("link", name="查看并确认").click()
            expect(page.locator("#printed-units")).to_contain_text(unit_b[1])
            expect(page.locator("#printed-units td.differs")).to_have_text(["不同"])
            expect(page.locator("table.preview").first).to_contain_text(f"2024年{PROJECT}")
            page.screenshot(path=str(shots / "upload_pending.png"), full_page=True)
            page.click("#confirm")
            expect(page.locator("#decision")).to_contain_text("已确认，归入本单位")
            page.click("#document-link")
            expect(page.locator("main")).to_contain_text(f"2024年{PROJECT}")
            page.goto(f"{server}/units/{unit_a[0]}")
            expect(page.locator("main")).to_contain_text(f"2024年{PROJECT}")

            other: Any = browser.new_context().new_page()
            _login(other, server, "staff_b")
            other.goto(f"{server}/units/{unit_b[0]}")
            expect(other.locator("main")).not_to_contain_text(PROJECT)
            other.goto(f"{server}/uploads")
            expect(other.locator("main")).not_to_contain_text("他单位名称的自评表")
        finally:
            browser.close()
