"""The season's story in Chromium (Playwright against ``jixiao serve``, as in test_web_browser.py): a
unit uploads its file and submits the forms; the reviewer works the 待办 list, confirms a form's
findings and returns it with a comment; the unit sees the comment and the findings, edits, submits
again; the reviewer approves the batch in bulk; the downloaded workbook shows every decision."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from jixiao.store import connect
from jixiao.store.queries import D, F
from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_browser import ARGS, CHROMIUM, _shots, server  # noqa: F401  (the fixture)


def _unit_file(site: Site) -> Path:
    """The sample file whose forms belong to unit A (it uploads it as its own)."""
    engine = connect(site.url)
    with engine.connect() as conn:
        path = conn.execute(select(D.c.path).join(F, F.c.document_id == D.c.id)
                            .where(F.c.unit_id == site.unit_a[0]).order_by(D.c.id)).scalars().first()
    engine.dispose()
    assert path is not None
    return Path(path)


def _login(browser: Any, server: str, username: str) -> Any:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    return page


def _bulk(page: Any, ids: list[int], action: str, comment: str) -> None:
    for form_id in ids:
        page.check(f"#todo-{form_id} input[name=form]")
    page.select_option("#bulk-action", action)
    page.fill("#bulk-comment", comment)
    page.click("#bulk-submit")
    page.wait_for_load_state()


def test_browser_unit_submits_reviewer_returns_unit_fixes_reviewer_approves_in_bulk(
        server: str, writable_site: Site, tmp_path: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from playwright.sync_api import expect, sync_playwright

    upload = _unit_file(writable_site)
    shots = _shots(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            unit = _login(browser, server, "staff_a")  # the unit uploads its file: drafts of its own
            unit.goto(f"{server}/upload")
            unit.set_input_files("input[type=file]", [str(upload)])
            unit.click("#upload-form button[type=submit]")
            expect(unit.locator("#upload-results table.upload-results tbody tr").first).to_contain_text("已入库")
            unit.goto(f"{server}/todo?queue=draft")
            rows = unit.locator("#todo tbody tr[data-state=draft]")
            expect(rows.first).to_be_visible()
            drafts = [int(str(r.get_attribute("id")).split("-")[1]) for r in rows.all()]
            batch = unit.locator(f"#todo-{drafts[0]} td").nth(7).inner_text()
            assert batch.endswith("staff_a 上传")
            _bulk(unit, drafts, "submit", "")
            expect(unit.locator("#todo-message")).to_contain_text(f"提交：{len(drafts)} 张表单")
            unit.screenshot(path=str(shots / "todo-unit.png"), full_page=True)

            reviewer = _login(browser, server, "reviewer")  # the reviewer's 待办: this batch, errors first
            reviewer.click("#nav-todo")
            reviewer.select_option("select[name=batch]", batch)
            reviewer.select_option("select[name=sort]", "errors")
            reviewer.select_option("select[name=order]", "desc")
            reviewer.click("#todo-filters button[type=submit]")
            reviewer.wait_for_url(re.compile(r".*sort=errors.*"))
            listed = reviewer.locator("#todo tbody tr")
            expect(listed).to_have_count(len(drafts))
            first = int(str(listed.first.get_attribute("id")).split("-")[1])
            expect(listed.first.locator("td.error")).to_be_visible()  # the form with the most errors on top
            expect(listed.first.locator(".status")).to_have_text("已提交")
            _bulk(reviewer, [first], "confirm", "请逐条答复")
            expect(reviewer.locator("#todo-message")).to_contain_text("已确认")
            expect(reviewer.locator(f"#todo-{first} .status")).to_have_text("审核中")
            _bulk(reviewer, [first], "return", "")  # a return needs its comment
            expect(reviewer.locator("#todo-error")).to_contain_text("退回意见")
            _bulk(reviewer, [first], "return", "请更正总分并说明偏差原因")
            expect(reviewer.locator("#todo-message")).to_contain_text("退回：1 张表单")
            reviewer.screenshot(path=str(shots / "todo-reviewer.png"), full_page=True)

            unit.goto(f"{server}/todo?queue=returned")  # the unit sees the comment, fixes, submits again
            expect(unit.locator(f"#todo-{first}")).to_contain_text("请更正总分并说明偏差原因")
            unit.click(f"#todo-{first} a[href='/forms/{first}']")
            unit.click("#edit-link")
            unit.wait_for_url(f"{server}/forms/{first}/edit")
            expect(unit.locator("#reviewer-comment")).to_have_text("请更正总分并说明偏差原因")
            expect(unit.locator("#must-answer li").first).to_be_visible()
            box = unit.locator("#cell-goal_actual")
            box.fill("偏差原因：已按审核意见补充说明")
            box.press("Tab")
            expect(unit.locator("#edit-message")).to_contain_text("已保存")
            unit.screenshot(path=str(shots / "edit-returned.png"), full_page=True)
            unit.click("#step-submit")
            unit.wait_for_load_state()
            expect(unit.locator("#workflow-state")).to_have_text("已提交")
            expect(unit.locator("#step-submit")).to_have_count(0)

            reviewer.goto(f"{server}/todo?queue=resubmitted")  # back in the queue, marked as changed
            expect(reviewer.locator(f"#todo-{first} .tag.resubmitted")).to_be_visible()
            expect(reviewer.locator(f"#todo-{first} .tag.changed")).to_be_visible()
            reviewer.goto(f"{server}/todo?queue=pending&batch={batch}")
            expect(reviewer.locator("#todo tbody tr")).to_have_count(len(drafts))
            reviewer.check("#todo-all")  # the header box selects every form listed
            expect(reviewer.locator("#todo tbody input[name=form]:checked")).to_have_count(len(drafts))
            _bulk(reviewer, [], "approve", "同意")
            expect(reviewer.locator("#todo-message")).to_contain_text(f"通过：{len(drafts)} 张表单")
            expect(reviewer.locator("#todo tbody tr[data-state]")).to_have_count(0)
            reviewer.goto(f"{server}/todo?queue=all&batch={batch}&state=approved")
            expect(reviewer.locator("#todo tbody tr[data-state=approved]")).to_have_count(len(drafts))
            reviewer.screenshot(path=str(shots / "todo-approved.png"), full_page=True)
            with reviewer.expect_download() as download:
                reviewer.click("a[href='/api/export.xlsx']")
            content = Path(download.value.path()).read_bytes()
            confirmed = [f["id"] for f in reviewer.request.get(f"{server}/api/forms/{first}").json()["findings"]
                         if (f["review"] or {}).get("status") == "confirmed"]
        finally:
            browser.close()
    book = load_workbook(io.BytesIO(content))
    sheet = book["项目支出绩效自评表"]
    header = [c.value for c in sheet[1]]
    rows_by_id = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    for form_id in drafts:  # every decision: the state, the comment, who and when
        row = rows_by_id[form_id]
        assert [row[header.index(h)].value for h in ("审核状态", "意见", "审核人")] == ["通过", "同意", "reviewer"]
        assert re.match(r"\d{4}-\d{2}-\d{2}T", str(row[header.index("时间")].value))
    problems = book["问题清单"]
    head = [c.value for c in problems[1]]
    decided = {r[0].value: [r[head.index(h)].value for h in ("审核状态", "意见", "审核人")]
               for r in problems.iter_rows(min_row=2) if r[0].value in confirmed}
    assert confirmed and decided == {i: ["已确认", "请逐条答复", "reviewer"] for i in confirmed}
    assert all((shots / f"{n}.png").stat().st_size > 1000 for n in ("todo-unit", "todo-reviewer", "edit-returned"))
