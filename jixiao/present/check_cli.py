"""`jixiao check` and `jixiao rules` (DESIGN §5.2–5.3).

Exit codes: 0 no error-severity finding, 1 some, 2 could not run (unreadable input, unknown
profile or format) with a one-line Chinese+English reason on stderr.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from jixiao.model.kinds import FORM_KINDS
from jixiao.present.exits import fail, problems_found
from jixiao.present.formats import formats_of
from jixiao.rules.finding import CATEGORY_LABELS, SEVERITY_LABELS

if TYPE_CHECKING:
    from jixiao.model.document import Document
    from jixiao.rules import Finding, Profile, Rule

FORMATS = formats_of("check")
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
SEVERITY_LABEL = SEVERITY_LABELS
KIND_LABEL = {kind: info.short for kind, info in FORM_KINDS.items()}


def _fail(message: str, debug: bool, error: BaseException | None = None) -> NoReturn:
    fail(message, debug, error)


def read_documents(paths: list[Path], debug: bool) -> list[Document]:
    """Extract every file; exit 2 with a one-line reason on the first that cannot be read."""
    from jixiao.extract import extract_path

    docs: list[Document] = []
    for path in paths:
        if path.is_dir():
            _fail(f"{path}: 是目录，请给出文件 / is a directory", debug)
        try:
            docs.append(extract_path(path))
        except OSError as error:
            _fail(f"{path}: 无法读取 / cannot read: {error.strerror or error}", debug, error)
    return docs


def _profile(name: str, debug: bool) -> Profile:
    from jixiao.rules import ProfileError, load_profile

    try:
        return load_profile(name)
    except ProfileError as error:
        _fail(str(error), debug, error)


def _forms(doc: Document) -> list[tuple[str, int, str]]:
    """(kind, index, name) of every form of a document, as findings refer to them."""
    from jixiao.model.declaration import TargetDeclaration
    from jixiao.model.evaluation import Evaluation
    from jixiao.model.selfeval import SelfEvaluation
    from jixiao.model.tables import BudgetTable

    forms: list[tuple[str, int, str]] = []
    for kind, index, form in doc.forms():
        if isinstance(form, SelfEvaluation):
            name = form.subject or "（未命名自评表）"
        elif isinstance(form, Evaluation):
            name = form.subject or "（评价报告）"
        elif isinstance(form, TargetDeclaration):
            name = form.project_name or form.unit or "（绩效目标申报表）"
        elif isinstance(form, BudgetTable):
            name = f"{form.code} {form.title}".strip()
        else:  # a kind this table has no special name for: the registry's
            name = f"（{FORM_KINDS[kind].name}）"
        forms.append((kind, index, name))
    return forms


def _form_names(doc: Document) -> dict[tuple[str, int], tuple[str, str]]:
    """(short label, full name) of every form: "预算06表" for a table, "申报表" for a declaration."""
    names: dict[tuple[str, int], tuple[str, str]] = {("budget_disclosure", 0): ("情况说明", "")}
    for kind, index, name in _forms(doc):
        label = name.split()[0] if kind == "budget_table" and name else KIND_LABEL.get(kind, kind)
        names[(kind, index)] = (label, "" if kind == "budget_table" else name)
    return names


def _form_cell(names: dict[tuple[str, int], tuple[str, str]], finding: Finding) -> str:
    """Where a finding stands, as short as the message allows: the form's name only when the message
    does not already say it."""
    label, name = names.get((finding.form.kind, finding.form.index), (KIND_LABEL.get(finding.form.kind, ""), ""))
    if name and name not in finding.message:
        short = name if len(name) <= 18 else name[:17] + "…"
        return f"{label}「{short}」"
    return label


def _print_tables(docs: list[Document], findings: list[Finding], summary: dict[str, Any], console: Console,
                  show_all: bool = False) -> None:
    """The summary first, then per file one list of findings in the order of the JSON (severity, then
    money before scores before wording); info only with ``--all``."""
    _print_summary(summary, console)
    for doc in docs:
        mine = [f for f in findings if f.source == doc.source]
        counts = Counter(f.severity for f in mine)
        console.print(f"\n[bold]{doc.source}[/bold]：表单 {doc.form_count()} 张；错误 {counts['error']}，"
                      f"警告 {counts['warning']}，提示 {counts['info']}", highlight=False, soft_wrap=True)
        names = _form_names(doc)
        shown = [f for f in mine if show_all or f.severity != "info"]
        for f in shown:
            style = SEVERITY_STYLE[f.severity]
            line = f.location.get("line_start")
            where = f"第{line}行" if line is not None else (f"第{f.location['page_start']}页"
                                                            if "page_start" in f.location else "")
            form = _form_cell(names, f)
            category = CATEGORY_LABELS.get(f.category, f.category)
            console.print(f"[{style}]{SEVERITY_LABEL[f.severity]}[/{style}] {category} {f.code} {escape(form)} {where}"
                          f"：{escape(f.brief())}", highlight=False, soft_wrap=True)
        hidden = len(mine) - len(shown)
        if hidden:
            console.print(f"[dim]另有提示 {hidden} 条未列出（--all 显示全部）。[/dim]", highlight=False)
        for warning in doc.warnings:  # unrecognized content, forms cut short, unreadable parts
            console.print(f"[yellow]![/yellow] {warning}", highlight=False, soft_wrap=True)


def _print_summary(summary: dict[str, Any], console: Console) -> None:
    sev = summary["by_severity"]
    kinds = "，".join(f"{KIND_LABEL.get(k, k)} {n}" for k, n in summary["forms_by_kind"].items()) or "无表单"
    console.print(f"[bold]汇总[/bold]（规则配置 {summary['profile']}）：检查 {kinds}；"
                  f"错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}；"
                  f"有错误的表 {summary['forms_with_errors']} 张。")
    if summary["by_category"]:
        by_category = "，".join(f"{CATEGORY_LABELS.get(k, k)} {v}" for k, v in summary["by_category"].items())
        console.print("按类别：" + by_category, highlight=False, soft_wrap=True)
    if summary.get("self_evaluations_scored", summary["forms_checked"]):
        console.print("重算等级分布：" + "，".join(f"{k} {v}" for k, v in summary["recomputed_grades"].items()))


def check(
    paths: Annotated[list[Path], typer.Argument(help="待审核的文件 / files to check")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | table")] = "table",
    profile: Annotated[str, typer.Option("--profile", "-p", help="规则配置 / rule profile")] = "national",
    summary_only: Annotated[bool, typer.Option("--summary-only", "-s", help="只给每个文件一行和汇总 / "
                                               "one line per file and the summary")] = False,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="连同提示一起列出 / list info findings too")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")] = False,
) -> None:
    """按规则审核自评表：重算得分并列出问题 / score and audit self-evaluations."""
    from jixiao.rules import check_document, summarize
    from jixiao.rules.finding import ordered
    from jixiao.rules.lifecycle.documents import check_documents

    if fmt not in FORMATS:
        _fail(f"未知格式 / unknown format: {fmt}", debug)
    prof = _profile(profile, debug)
    docs = read_documents(paths, debug)
    findings: list[Finding] = []
    for doc in docs:
        findings.extend(check_document(doc, prof))
    findings.extend(check_documents(docs, prof))  # one project's forms across the files (LC*)
    findings = ordered(findings)  # one order for the table and the JSON
    summary = summarize(docs, findings, prof)
    if fmt == "json":
        payload: dict[str, Any] = {"summary": summary} if summary_only else {
            "findings": [f.to_json() for f in findings], "summary": summary}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    elif summary_only:
        console = Console()
        for doc in docs:
            mine = Counter(f.severity for f in findings if f.source == doc.source)
            console.print(f"{doc.source}：表单 {doc.form_count()} 张；错误 {mine['error']}，警告 {mine['warning']}，"
                          f"提示 {mine['info']}" + (f"；另有说明 {len(doc.warnings)} 条" if doc.warnings else ""),
                          highlight=False, soft_wrap=True)
        _print_summary(summary, console)
    else:
        _print_tables(docs, findings, summary, Console(), show_all)
    problems_found(any(f.severity == "error" for f in findings))


def _example(doc: str, label: str) -> str:
    """The indented block after ``Bad::`` or ``Good::`` in a rule's docstring."""
    match = re.search(rf"^{label}::\s*\n((?:\n|[ \t]+.*\n?)+)", doc, flags=re.MULTILINE)
    return textwrap.dedent(match.group(1)).strip("\n") if match else ""


FAMILIES = (("SE", "自评表（项目支出 / 部门整体支出绩效自评表）"), ("EV", "评价报告"),
            ("BT", "部门预算公开（报表与情况说明）"), ("TD", "绩效目标申报表"), ("MR", "绩效运行监控表"),
            ("LC", "同一项目跨文档（申报、监控、自评、评价，跨年度）"), ("OC", "扫描件识别存疑（OCR）"))


def rules_markdown(rules: tuple[Rule, ...]) -> str:
    """The rule reference (docs/rules.md): code, severity, category, what it checks, a bad and a good
    example — generated from the rules' own docstrings."""
    from jixiao.rules.finding import CATEGORY_LABELS, SEVERITY_LABELS

    lines = ["# 审核规则 / Rule reference", "",
             "Generated by `jixiao rules --format markdown` from each rule module's docstring; do not edit by hand.",
             "", f"{len(rules)} rules.", ""]
    for prefix, title in FAMILIES:
        family = [r for r in rules if r.code.startswith(prefix)]
        if not family:
            continue
        lines += [f"## {prefix} — {title}", "", "| 代码 | 名称 | 级别 | 类别 | 检查什么 |", "|---|---|---|---|---|"]
        lines += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {SEVERITY_LABELS[r.severity]} | "
                  f"{CATEGORY_LABELS.get(r.category, r.category)} (`{r.category}`) | {r.summary.replace('|', '｜')} |"
                  for r in family]
        lines.append("")
        for r in family:
            body = r.doc.split("Bad::")[0].strip()
            lines += [f"### {r.code}", "", f"`{r.name}` · {SEVERITY_LABELS[r.severity]} (`{r.severity}`) · "
                      f"{CATEGORY_LABELS.get(r.category, r.category)} (`{r.category}`)", "", body, ""]
            for label, word in (("Bad", "错误示例"), ("Good", "正确示例")):
                example = _example(r.doc, label)
                if example:
                    lines += [f"{word} / {label}:", "", "```text", example, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def rules(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | table | markdown")] = "table",
) -> None:
    """列出全部审核规则 / list every check."""
    from jixiao.rules import ALL_RULES

    if fmt not in formats_of("rules"):
        _fail(f"未知格式 / unknown format: {fmt}", False)
    if fmt == "markdown":
        sys.stdout.write(rules_markdown(ALL_RULES))
        return
    rows = [{"code": r.code, "name": r.name, "severity": r.severity, "category": r.category, "summary": r.summary}
            for r in ALL_RULES]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(title="审核规则 / rules", title_justify="left")
    for header in ("代码", "名称", "级别", "类别", "说明"):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(row["code"], row["name"], SEVERITY_LABELS[row["severity"]],
                      CATEGORY_LABELS.get(row["category"], row["category"]), row["summary"])
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add the check/rules commands to the CLI."""
    app.command(name="check")(check)
    app.command(name="rules")(rules)
