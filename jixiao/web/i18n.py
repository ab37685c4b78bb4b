"""The language of the pages: Chinese, or English for a reader who asks for it.

Chinese is the default. English is chosen by the cookie ``jixiao_lang=en`` (set by the 中文 / English
toggle at ``/lang``) or, without the cookie, by an ``Accept-Language`` whose first language is
English. The catalog is small on purpose: the pages' chrome (navigation, buttons, titles of the
common pages) and error messages. Messages written in code as ``中文 / English`` (the convention of
this code base, see :class:`jixiao.web.users.UserError`) are split by :func:`localize`, so every
refusal reaches the reader in one language only.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from jinja2 import pass_context

LANG_COOKIE = "jixiao_lang"
LANGS = ("zh", "en")

# Chinese → English, for the pages' chrome.
CATALOG: dict[str, str] = {
    "总览": "Overview", "单位": "Units", "问题": "Findings", "上传": "Upload", "下载工作簿": "Workbook",
    "退出": "Log out", "登录": "Log in", "用户名": "User name", "密码": "Password", "用户管理": "Users",
    "操作日志": "Activity log", "修改密码": "Change password", "返回总览": "Back to the overview",
    "出错了": "Something went wrong", "筛选": "Filter", "搜索": "Search", "全部": "All", "年度": "Year",
    "批次": "Batch", "排序": "Sort", "上一页": "Previous", "下一页": "Next", "保存": "Save",
    "新建用户": "New user", "角色": "Role", "停用": "Disable", "启用": "Enable", "重置密码": "Reset password",
    "原密码": "Current password", "新密码": "New password", "再次输入新密码": "New password again",
    "服务器内部错误": "Internal server error", "参考编号": "Reference",
    "请先修改初始密码": "Please choose your own password first",
    "预算绩效表单识别、评分与审核": "Budget performance forms: reading, scoring and review",
    "未找到，或无权查看": "Not found, or not yours to see",
    "审核人（财政局）": "Reviewer (finance bureau)", "管理员": "Administrator", "预算单位": "Budget unit",
    "第三方评价机构": "Third-party evaluator",
    "驳回时须填写理由": "A reason is required to dismiss", "退回时须填写意见": "A comment is required to return",
    "默认": "Default", "升序": "Ascending", "降序": "Descending",
    "我的上传": "My uploads", "单位名录": "Unit directory", "项目": "Projects",
    "待办": "To do",
    # 待办 (todo.html): queues, filters, columns, the bulk step
    "全部待办": "All to do", "待审": "Awaiting review", "退回后又提交": "Resubmitted after return",
    "审核后又修改": "Changed after review", "全部表单": "All forms", "待提交与被退回": "Drafts and returned",
    "待提交": "Drafts", "被退回": "Returned", "已提交待审": "Submitted, awaiting review",
    "状态": "State", "等级": "Grade", "错误": "Errors", "表单类型": "Form type", "有错误": "With errors",
    "无错误": "Without errors", "时间": "Time", "名称": "Name", "说明": "Notes", "操作": "Action", "意见": "Comment",
    "执行": "Apply", "全选": "Select all", "选择表单 {id}": "Select form {id}", "意见：{comment}": "Comment: {comment}",
    "共 {total} 张表单": "{total} forms",
    "（只列出前 {shown} 张，请筛选）": " (the first {shown} listed: please filter)",
    "。勾选后选择操作，一条意见用于全部所选。": ". Tick forms, then choose an action; one comment serves them all.",
    "没有待办的表单。": "Nothing to do.", "退回或驳回时必填": "Required to return or dismiss",
}
# Names by key where one Chinese word has two English ones (通过: the state approved, the step approve).
STATE_NAMES_EN = {"draft": "Draft", "submitted": "Submitted", "in_review": "In review", "returned": "Returned",
                  "approved": "Approved"}
STEP_NAMES_EN = {"submit": "Submit", "withdraw": "Withdraw", "start": "Start review", "approve": "Approve",
                 "return": "Return", "confirm": "Confirm the errors and warnings of the forms chosen",
                 "dismiss": "Dismiss the errors and warnings of the forms chosen"}


def language(request: Request | None) -> str:
    """``en`` or ``zh`` for this request (cookie first, then the first language of Accept-Language)."""
    if request is None:
        return "zh"
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    first = request.headers.get("accept-language", "").split(",")[0].split(";")[0].strip().lower()
    return "en" if first == "en" or first.startswith("en-") else "zh"


def localize(message: Any, lang: str) -> str:
    """One language of a ``中文 / English`` message (the Chinese half when there is no English one;
    catalog text is translated whole)."""
    text = str(message)
    if lang == "en" and text in CATALOG:
        return CATALOG[text]
    head, sep, tail = text.partition(" / ")
    if not sep:
        return text
    if lang == "en":
        return tail.strip() or head
    return head.strip()


def translate(text: str, lang: str) -> str:
    return CATALOG.get(text, text) if lang == "en" else text


def named(names: dict[str, str], english: dict[str, str], lang: str) -> dict[str, str]:
    """Key → name in ``lang`` (the Chinese name where there is no English one)."""
    return {key: english.get(key, name) for key, name in names.items()} if lang == "en" else dict(names)


@pass_context
def t_filter(context: Any, text: str, **values: Any) -> str:
    """``{{ "总览" | t }}``: the page's language; ``{{ "共 {total} 张表单" | t(total=n) }}`` fills the
    translated text's fields (the values are escaped as any output)."""
    said = translate(text, language(context.get("request")))
    return said.format(**values) if values else said


@pass_context
def l10n_filter(context: Any, message: Any) -> str:
    """``{{ error | l10n }}``: one language of a ``中文 / English`` message."""
    return localize(message, language(context.get("request")))
