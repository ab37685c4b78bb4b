"""``jixiao ls projects`` and ``jixiao show project ID`` (DESIGN §5.4): projects across documents,
their forms per stage and year, the links and their evidence, the lifecycle findings."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from jixiao.present.exits import fail

if TYPE_CHECKING:
    from jixiao.link.keys import Stage
    from jixiao.store.projects import ProjectDetail, ProjectSummary

STAGE_HEADERS: tuple[tuple[Stage, str], ...] = (("declaration", "申报"), ("monitoring", "监控"),
                                                ("self_evaluation", "自评"), ("evaluation", "评价"))
STATE_LABELS = {"linked": "已关联", "uncertain": "待确认", "confirmed": "已确认", "broken": "已拆分"}
METHOD_LABELS = {"code": "项目编码", "name": "单位+名称", "fuzzy": "名称相近", "reviewer": "审核人", "new": "首张表"}


def _plain(value: Any) -> Any:
    from jixiao.model.values import plain

    return plain(value)


def ls_projects(engine: Any, unit: str | None, year: int | None, fmt: str) -> None:
    """Print the projects (one row per project and year) whose unit name contains ``unit``."""
    from sqlalchemy import select

    from jixiao.store.projects import list_projects
    from jixiao.store.schema import Unit

    with engine.connect() as conn:
        rows = list_projects(conn, year=year)
        if unit:
            wanted = set(conn.execute(select(Unit.id).where(Unit.name.contains(unit, autoescape=True))).scalars())
            rows = [r for r in rows if r.unit_ids & wanted]
    if fmt == "json":
        sys.stdout.write(json.dumps(_plain([r.to_json() for r in rows]), ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "csv":
        from jixiao.store.export import write_csv

        flat = [{**{k: v for k, v in r.to_json().items() if k != "forms"}, **r.forms} for r in rows]
        keys = ["id", "unit", "code", "name", "year", *(s for s, _ in STAGE_HEADERS), "uncertain_links", "findings"]
        write_csv(sys.stdout.write, [(k, k) for k in keys], flat, headers=False)
        return
    _table(rows)


def _table(rows: list[ProjectSummary]) -> None:
    table = Table(title=f"projects（{len(rows)}）", title_justify="left")
    for header in ("ID", "单位", "项目编码", "项目", "年度", *(h for _, h in STAGE_HEADERS), "待确认", "问题"):
        table.add_column(header, overflow="fold")
    for r in rows:
        forms = [str(r.forms.get(s)) if r.forms.get(s) is not None else "—" for s, _ in STAGE_HEADERS]
        table.add_row(str(r.id), escape(r.unit or ""), r.code or "", escape(r.name), str(r.year or ""), *forms,
                      str(r.uncertain_links or ""), str(r.findings or ""))
    Console().print(table)


def detail_json(detail: ProjectDetail) -> dict[str, Any]:
    """The project as ``jixiao show project ID --format json`` prints it (dates as ISO text)."""
    data = dataclasses.asdict(detail)
    data["unit_ids"] = sorted(detail.unit_ids)
    for link in data["links"]:
        link["decided_at"] = link["decided_at"].isoformat(timespec="seconds") if link["decided_at"] else None
    for year in data["timeline"]:
        for links in year["forms"].values():
            for link in links:
                link["decided_at"] = link["decided_at"].isoformat(timespec="seconds") if link["decided_at"] else None
    result: dict[str, Any] = _plain(data)
    return result


def show_project(engine: Any, project_id: int, fmt: str, debug: bool) -> None:
    from jixiao.store.projects import project_detail

    with engine.connect() as conn:
        detail = project_detail(conn, project_id)
    if detail is None:
        fail(f"没有这个项目 / no project with id {project_id}", debug)
    if fmt == "json":
        sys.stdout.write(json.dumps(detail_json(detail), ensure_ascii=False, indent=1) + "\n")
        return
    console = Console()
    console.print(f"[bold]项目 #{detail.id} {escape(detail.name)}[/bold]（{escape(detail.unit or '单位不详')}"
                  f"{'，编码 ' + detail.code if detail.code else ''}）", highlight=False)
    for year in detail.timeline:
        stages = "；".join(f"{label} " + ("、".join(f"#{link.form_id}" for link in year.forms[stage]) or "缺")
                          for stage, label in STAGE_HEADERS)
        console.print(f"\n[bold]{year.year or '年度不详'}年[/bold]：{stages}", highlight=False)
        if year.indicators:
            table = Table(title_justify="left")
            for header in ("指标", "申报", "监控完成", "全年预计", "自评目标", "实际完成", "前后不符"):
                table.add_column(header, overflow="fold")
            for ind in year.indicators:
                mark = "目标改动" if ind.drift else "未自评" if ind.dropped else "新增" if ind.added else ""
                table.add_row(escape("/".join(x for x in (ind.level1, ind.level2, ind.level3) if x)),
                              *(escape(v or "") for v in (ind.declared, ind.monitored, ind.forecast, ind.target,
                                                            ind.achieved)),
                              f"[yellow]{mark}[/yellow]" if mark else "")
            console.print(table)
    links = Table(title="关联 / links", title_justify="left")
    for header in ("链接ID", "表单", "环节", "年度", "来源", "依据", "置信度", "状态"):
        links.add_column(header, overflow="fold")
    for link in detail.links:
        links.add_row(str(link.link_id), f"#{link.form_id}", dict(STAGE_HEADERS)[link.stage], str(link.year or ""),
                      escape(link.source), METHOD_LABELS.get(link.method, link.method), f"{link.confidence:.2f}",
                      STATE_LABELS.get(link.state, link.state))
    console.print(links)
    if detail.findings:
        console.print("\n[bold]跨文档问题 / lifecycle findings[/bold]", highlight=False)
        for f in detail.findings:
            console.print(f"{f.code} 表单 #{f.form_id}：{escape(f.message)}", highlight=False, soft_wrap=True)
    else:
        console.print("\n未发现跨文档问题 / no lifecycle findings", highlight=False)


__all__ = ["detail_json", "ls_projects", "show_project"]
