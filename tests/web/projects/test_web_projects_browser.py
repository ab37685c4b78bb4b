"""In Chromium (like test_web_browser.py: Debian's chromium, no download; skipped without it outside CI): the
project page shows the timeline and the drift."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD
from tests.web.projects.conftest import (
    YEAR,
    CycleSite,
)


@pytest.fixture
def project_server(cycle_site: CycleSite, tmp_path: Path) -> Iterator[str]:
    from tests.web.test_web_browser import _need_chromium, serving

    _need_chromium()
    with serving(cycle_site.url, tmp_path) as url:
        yield url


def test_browser_project_page_shows_the_timeline_and_the_drift(project_server: str, cycle_site: CycleSite,
                                                               tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.web.test_web_browser import ARGS, CHROMIUM, _shots

    pid = cycle_site.projects["保洁服务"]
    now = cycle_site.forms[("保洁服务", YEAR)]
    shots = _shots(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{project_server}/projects/{pid}")
            page.fill("input[name=username]", "reviewer")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{project_server}/projects/{pid}")
            expect(page.locator("#project-name")).to_have_text("保洁服务")
            timeline = page.locator("#timeline tbody tr")
            expect(timeline).to_have_count(2)
            expect(timeline.nth(0).locator("th")).to_have_text(str(YEAR))
            expect(timeline.nth(1).locator("th")).to_have_text(str(YEAR + 1))
            for stage in ("declaration", "monitoring", "self_evaluation", "evaluation"):
                cell = timeline.nth(0).locator(f'td[data-stage="{stage}"] a')
                expect(cell).to_have_attribute("href", f"/forms/{now[stage]}")
            expect(timeline.nth(1).locator("td.stage.missing")).to_have_count(2)

            drift = page.locator(f'table.indicators[data-year="{YEAR}"] tr.drift')
            expect(drift).to_have_count(1)
            expect(drift).to_have_attribute("data-indicator", "保洁面积")
            expect(drift.locator("td.declared")).to_have_text("≥5万平方米")
            expect(drift.locator("td.monitored")).to_have_text("1.5万平方米")
            expect(drift.locator("td.target mark")).to_have_text("≥3万平方米")
            expect(drift.locator("td.achieved")).to_have_text("3.2万平方米")
            # highlighted by the page's own stylesheet (no inline style under the CSP)
            colour = drift.locator("td.declared").evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(253, 236, 238)"
            plain = page.locator(f'table.indicators[data-year="{YEAR}"] tr[data-indicator="居民满意度"] td.declared')
            assert plain.evaluate("e => getComputedStyle(e).backgroundColor") != colour
            expect(page.locator('#lifecycle-findings li[data-code="LC001"]')).to_contain_text("≥3万平方米")
            page.screenshot(path=str(shots / "project.png"), full_page=True)

            page.locator(f'#lifecycle-findings li[data-code="LC001"] a[href="/forms/{now["declaration"]}"]').click()
            page.wait_for_url(f"{project_server}/forms/{now['declaration']}")
        finally:
            browser.close()
    assert (shots / "project.png").stat().st_size > 1000
