"""In Chromium: typing in the search box of 单位名录 and 项目 hides the rows that do not hold every word
(static/lists.js), looking at what a row shows, not at the controls inside it (an admin's row of 单位名录
has a 主管部门 choice naming every other unit); the 筛选 button asks the server for the same rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_browser import ARGS, CHROMIUM, server  # noqa: F401  (the fixture)


def test_typing_in_the_search_box_filters_the_rows(server: str, writable_site: Site,  # noqa: F811
                                                   tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    unit_b = writable_site.unit_b
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{server}/login")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server}/")
            page.goto(f"{server}/directory")
            rows = page.locator("#unit-tree tbody tr")
            expect(rows).to_have_count(3)
            page.fill("form.list-controls input[name=q]", unit_b[1])
            expect(page.locator("#unit-tree tbody tr:visible")).to_have_count(1)
            expect(page.locator("#unit-tree tbody tr:visible")).to_have_id(f"unit-{unit_b[0]}")
            page.fill("form.list-controls input[name=q]", "")
            expect(page.locator("#unit-tree tbody tr:visible")).to_have_count(3)
            page.fill("form.list-controls input[name=q]", unit_b[1])
            page.click("form.list-controls button[type=submit]")
            page.wait_for_url("**/directory?*")
            expect(rows).to_have_count(1)
            expect(rows).to_have_id(f"unit-{unit_b[0]}")

            page.goto(f"{server}/projects")
            every = page.locator("table.projects tbody tr td:nth-child(3)").all_inner_texts()
            of_b = [u for u in every if u == unit_b[1]]
            assert of_b and len(of_b) < len(every)
            page.fill("form.list-controls input[name=q]", unit_b[1])
            expect(page.locator("table.projects tbody tr:visible td:nth-child(3)")).to_have_text(of_b)
        finally:
            browser.close()
