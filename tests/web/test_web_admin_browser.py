"""In Chromium: an admin creates a user in 用户管理, the user logs in with the initial password, is
led to the password change whatever page they ask for, chooses a password, and logs in with it
again; the admin finds it all in 操作日志. Skips without chromium outside CI, as test_web_browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.web.conftest import PASSWORD, Site
from tests.web.test_web_browser import ARGS, CHROMIUM, _shots, server  # noqa: F401  (the fixture)


def test_admin_creates_a_user_who_must_change_the_password(server: str, writable_site: Site,  # noqa: F811
                                                           tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = _shots(tmp_path)
    unit = writable_site.unit_a[1]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            admin: Any = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            admin.goto(f"{server}/login")
            admin.fill("input[name=username]", "admin")
            admin.fill("input[name=password]", PASSWORD)
            admin.click("button[type=submit]")
            admin.click("#nav-users")
            expect(admin.locator("h1")).to_have_text("用户管理")
            admin.fill("#new-user input[name=username]", "newcomer")
            admin.select_option("#new-user select[name=role]", "unit")
            admin.click("#new-user button[type=submit]")  # no unit chosen: the error stays beside the field
            expect(admin.locator("#error-units")).to_contain_text("须选择且只选择一个单位")
            expect(admin.locator("#new-user input[name=username]")).to_have_value("newcomer")
            admin.select_option("#new-user select[name=units]", [unit])
            admin.click("#new-user button[type=submit]")
            initial = admin.locator("#initial-password").inner_text()
            assert len(initial) >= 12
            expect(admin.locator('tr[data-username="newcomer"]')).to_contain_text("待修改初始密码")
            admin.screenshot(path=str(shots / "admin-users.png"), full_page=True)

            user: Any = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
            user.goto(f"{server}/units/{writable_site.unit_a[0]}")
            user.fill("input[name=username]", "newcomer")
            user.fill("input[name=password]", initial)
            user.click("button[type=submit]")
            user.wait_for_url(re.compile(r".*/password\?next=.*"))
            expect(user.locator("#must-change")).to_be_visible()
            user.goto(f"{server}/findings")  # any other page leads back here
            user.wait_for_url(re.compile(r".*/password\?next=.*"))
            user.fill("input[name=old]", initial)
            user.fill("input[name=new]", "my-own-password-7")
            user.fill("input[name=confirm]", "my-own-password-7")
            user.click("#password-form button[type=submit]")
            user.wait_for_url(f"{server}/findings")
            user.click("header form button[type=submit]")  # 退出
            user.wait_for_url(re.compile(r".*/login.*"))
            user.fill("input[name=username]", "newcomer")
            user.fill("input[name=password]", initial)  # the initial password is gone
            user.click("button[type=submit]")
            expect(user.locator("p.error")).to_have_text("用户名或密码错误")
            user.fill("input[name=username]", "newcomer")
            user.fill("input[name=password]", "my-own-password-7")
            user.click("button[type=submit]")
            user.wait_for_url(f"{server}/")
            user.goto(f"{server}/units")
            expect(user.locator("table.list tbody tr")).to_have_count(1)
            expect(user.locator("table.list tbody")).to_contain_text(unit)

            admin.click("#nav-log")
            admin.select_option("select[name=username]", "newcomer")
            admin.click("#log-filters button[type=submit]")
            actions = admin.locator("#log tbody tr").evaluate_all("rows => rows.map(r => r.dataset.action)")
            assert actions == ["login", "login_failed", "logout", "password_change", "login"], actions
            admin.screenshot(path=str(shots / "admin-log.png"), full_page=True)
            english: Any = browser.new_context(locale="en-US").new_page()  # a browser that asks for English
            english.goto(f"{server}/login")
            english.fill("input[name=username]", "newcomer")
            english.fill("input[name=password]", "wrong-password")
            english.click("button[type=submit]")
            expect(english.locator("p.error")).to_have_text("wrong user name or password")
        finally:
            browser.close()
