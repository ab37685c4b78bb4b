"""Store commands: ``jixiao db upgrade``, ``ingest``, ``ls``, ``show``, ``export`` (DESIGN §5.3–5.4).

Exit codes: 0 done; 1 ``ingest`` stored everything it could but some documents failed; 2 could not
do what was asked (database unreachable, bad arguments) with a one-line reason on stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from jixiao.present.exits import fail, problems_found

if TYPE_CHECKING:
    from sqlalchemy import Engine

DbOption = Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件或 postgresql+psycopg://… "
                                                           "（优先于 JIXIAO_DB，默认 ./jixiao.db）")]
DebugOption = Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")]
LS_WHAT = ("units", "documents", "forms", "findings")
LS_FORMATS = ("table", "json", "csv")
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (("id", "ID"), ("name", "单位"), ("code", "代码"), ("region", "地区"), ("forms", "表单数")),
    "documents": (("id", "ID"), ("file_name", "文件"), ("format", "格式"), ("version", "版本"), ("status", "状态"),
                  ("forms", "表单"), ("findings", "问题"), ("error", "失败原因")),
    "forms": (("id", "ID"), ("kind", "类型"), ("unit", "单位"), ("year", "年度"), ("name", "名称"),
              ("total_score", "总分"), ("errors", "错误"), ("warnings", "警告"), ("infos", "提示")),
    "findings": (("id", "ID"), ("form_id", "表单"), ("severity", "级别"), ("code", "规则"), ("unit", "单位"),
                 ("name", "表单名称"), ("line_start", "行"), ("message", "说明")),
}


ROW_HEADERS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "level4": "四级指标", "item": "项目",
               "target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分", "note": "说明"}


def _fail(message: str, debug: bool = False, error: BaseException | None = None) -> NoReturn:
    fail(message, debug, error)


@contextmanager
def _store(db: str | None, debug: bool, migrate: bool) -> Iterator[Engine]:
    """An engine, with every database failure turned into exit 2 and a one-line reason."""
    from sqlalchemy.exc import SQLAlchemyError

    from jixiao.store import StoreError, connect

    try:
        engine = connect(db, migrate=migrate)
        try:
            yield engine
        finally:
            engine.dispose()
    except StoreError as error:
        _fail(str(error), debug, error)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        _fail(f"数据库错误 / database error: {reason[0] if reason else type(error).__name__}", debug, error)


def _dump(value: Any) -> str:
    from jixiao.model.values import plain

    return json.dumps(plain(value), ensure_ascii=False, indent=1, default=str)


def db_upgrade(db: DbOption = None, debug: DebugOption = False) -> None:
    """创建或升级数据库结构 / create or upgrade the database schema."""
    from jixiao.store import HEAD
    from jixiao.store.db import display_url

    with _store(db, debug, migrate=True):
        print(f"数据库已是最新结构 / schema at revision {HEAD}: {display_url(db)}")


def run_ingest(engine: Engine, paths: list[Path], profile: str, jobs: int | None, console: Console,
               scheduler: str | None = None) -> Any:
    """Ingest with a progress bar on stderr; prints and returns the closing summary. With a
    ``scheduler`` the documents are processed on that Dask cluster (stored here all the same)."""
    if scheduler is None:
        return _ingest_with_bar(engine, paths, profile, jobs, console, None)
    from jixiao.store.distributed import cluster, runner, workers_of

    with cluster(scheduler) as client:
        console.print(f"Dask 集群 / cluster: {scheduler}，{workers_of(client)} 个工作线程 / worker threads",
                      markup=False, highlight=False)
        return _ingest_with_bar(engine, paths, profile, jobs, console, runner(client))


def _ingest_with_bar(engine: Engine, paths: list[Path], profile: str, jobs: int | None, console: Console,
                     run: Any) -> Any:
    from jixiao.store import ingest
    from jixiao.store.process import DocResult

    columns = (TextColumn("入库 / ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.fields[forms]} 张表"))
    with Progress(*columns, console=console, auto_refresh=False, transient=False) as bar:
        task = bar.add_task("ingest", total=None, forms=0)
        forms = 0

        def progress(result: DocResult | None, total: int) -> None:
            nonlocal forms
            if result is None and bar.tasks[0].total is None:
                bar.update(task, total=total)
            else:
                forms += len(result.forms) if result is not None else 0
                bar.update(task, advance=1, forms=forms)
            bar.refresh()

        summary = ingest(engine, paths, profile=profile, jobs=jobs, progress=progress, run=run)
    sev = summary.findings
    skipped = f"跳过 {len(summary.skipped)}，" if summary.skipped else ""
    console.print(f"文档 {summary.seen} 个：新入库 {summary.stored}，未变 {summary.unchanged}，{skipped}"
                  f"失败 {len(summary.failures)}；表单 {summary.forms} 张；问题 错误 {sev.get('error', 0)}，"
                  f"警告 {sev.get('warning', 0)}，提示 {sev.get('info', 0)}"
                  + (f"；跨文档复核项目 {summary.projects} 个。" if summary.projects else "。"), markup=False)
    for path, reason in summary.skipped:
        console.print(f"跳过 {path}：{reason}", style="yellow", markup=False, highlight=False, soft_wrap=True)
    for path, reason in summary.failures:
        console.print(f"失败 {path}：{reason}", style="red", markup=False, highlight=False, soft_wrap=True)
    return summary


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录（递归）/ files and folders (recursive)")],
    db: DbOption = None,
    profile: Annotated[str, typer.Option("--profile", "-p", help="规则配置 / rule profile")] = "national",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数（默认CPU数）/ workers")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json (summary)")] = "table",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="在 Dask 集群上处理 / run on a Dask cluster: tcp://HOST:8786 | local[:N]")] = None,
    debug: DebugOption = False,
) -> None:
    """识别、审核并入库 / extract, check and store documents (one transaction per document)."""
    from jixiao.errors import JixiaoError
    from jixiao.rules import ProfileError, load_profile

    if fmt not in ("table", "json"):
        _fail(f"未知格式 / unknown format: {fmt}")
    if jobs is not None and jobs < 1:
        _fail(f"--jobs 须为正整数 / --jobs must be positive: {jobs}")
    if scheduler is not None and jobs is not None:
        _fail("--jobs 与 --scheduler 不能同用（本地集群用 --scheduler local:N）/ use --scheduler local:N, not --jobs")
    if scheduler is not None:
        _check_scheduler(scheduler, debug)
    missing = [p for p in paths if not p.exists()]
    if missing:
        _fail(f"{missing[0]}: 文件不存在 / no such file or directory")
    try:
        load_profile(profile)
    except ProfileError as error:
        _fail(str(error), debug, error)
    console = Console(stderr=True)
    with _store(db, debug, migrate=True) as engine:
        try:
            summary = run_ingest(engine, paths, profile, jobs, console, scheduler)
        except JixiaoError as error:  # the cluster (the database's own errors are _store's)
            _fail(str(error), debug, error)
    if fmt == "json":
        sys.stdout.write(json.dumps(summary.to_json(), ensure_ascii=False, indent=1) + "\n")
    problems_found(bool(summary.failures or summary.skipped))


def _check_scheduler(spec: str, debug: bool) -> None:
    """Before touching the database: Dask installed, the address well formed."""
    import importlib.util

    from jixiao.store.distributed import MISSING, SchedulerError, parse

    if importlib.util.find_spec("distributed") is None:
        _fail(MISSING)
    try:
        parse(spec)
    except SchedulerError as error:
        _fail(str(error), debug, error)


def ls(
    what: Annotated[str, typer.Argument(help="units | documents | forms | findings | projects")],
    db: DbOption = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称（部分匹配）/ unit name contains")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度 / year")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="表单类型 / form kind")] = None,
    severity: Annotated[str | None, typer.Option("--severity", help="error | warning | info")] = None,
    category: Annotated[str | None, typer.Option("--category", help="问题类别 / finding category")] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="规则代码 / rule code, e.g. SE001")] = None,
    status: Annotated[str | None, typer.Option("--status", help="ok | failed（文档）")] = None,
    all_versions: Annotated[bool, typer.Option("--all-versions", help="含旧版本文档 / include old versions")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    debug: DebugOption = False,
) -> None:
    """列出单位、文档、表单、问题或项目 / list units, documents, forms, findings or projects."""
    from jixiao.store import queries

    if what not in (*LS_WHAT, "projects"):
        _fail(f"未知对象 / unknown list: {what}（units | documents | forms | findings | projects）")
    if fmt not in LS_FORMATS:
        _fail(f"未知格式 / unknown format: {fmt}")
    if what == "projects":  # one row per project and year (jixiao.present.projects_cli)
        from jixiao.present.projects_cli import ls_projects

        with _store(db, debug, migrate=False) as engine:
            ls_projects(engine, unit, year, fmt)
        return
    if severity is not None and severity not in queries.SEVERITIES:
        _fail(f"未知级别 / unknown severity: {severity}")
    filters = queries.Filters(unit=unit, year=year, kind=kind, severity=severity, category=category, rule=rule,
                              status=status, all_versions=all_versions)
    lister: Callable[..., list[dict[str, Any]]] = getattr(queries, what)
    with _store(db, debug, migrate=False) as engine, engine.connect() as conn:
        rows = lister(conn, filters)
    emit_rows(what, rows, fmt)


def emit_rows(what: str, rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(_dump(rows) + "\n")
        return
    if fmt == "csv":
        from jixiao.store.export import write_csv

        keys = list(rows[0]) if rows else [k for k, _ in TABLE_COLUMNS[what]]
        write_csv(sys.stdout.write, [(k, k) for k in keys], rows, headers=False)
        return
    table = Table(title=f"{what}（{len(rows)}）", title_justify="left")
    for _, header in TABLE_COLUMNS[what]:
        table.add_column(header, overflow="fold")
    for row in rows:
        cells = []
        for key, _ in TABLE_COLUMNS[what]:
            value = row.get(key)
            if key == "severity" and value in SEVERITY_STYLE:
                value = f"[{SEVERITY_STYLE[value]}]{SEVERITY_LABEL[value]}[/{SEVERITY_STYLE[value]}]"
            cells.append("" if value is None else str(value))
        table.add_row(*cells)
    Console().print(table)


def show(
    what: Annotated[str, typer.Argument(help="表单ID（见 jixiao ls forms），或 project / form id, or: project")],
    project_id: Annotated[int | None, typer.Argument(help="项目ID（jixiao show project ID）/ project id")] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    debug: DebugOption = False,
) -> None:
    """显示一张表单及其问题，或一个项目 / show one form with its findings, or one project."""
    from jixiao.store.queries import show as show_form

    if fmt not in ("table", "json"):
        _fail(f"未知格式 / unknown format: {fmt}")
    if what == "project":  # jixiao show project ID (jixiao.present.projects_cli)
        from jixiao.present.projects_cli import show_project

        if project_id is None:
            _fail("缺少项目ID / missing project id: jixiao show project ID")
        with _store(db, debug, migrate=False) as engine:
            show_project(engine, project_id, fmt, debug)
        return
    if project_id is not None or not what.isdigit():
        _fail(f"表单ID须为正整数 / form id must be a positive integer: {what}")
    form_id = int(what)
    with _store(db, debug, migrate=False) as engine, engine.connect() as conn:
        form = show_form(conn, form_id)
    if form is None:
        _fail(f"没有这张表单 / no form with id {form_id}")
    if fmt == "json":
        sys.stdout.write(_dump(form) + "\n")
        return
    console = Console()
    console.print(f"[bold]#{form['id']} {form['name'] or ''}[/bold]（{form['kind']}，{form['unit'] or '单位不详'}，"
                  f"{form['year'] or '年度不详'}）", highlight=False)
    grade = form["grade"] or form["recomputed_grade"] or "—"
    console.print(f"来源 {form['source']}（第 {form['version']} 版，行 {form['line_start']}–{form['line_end']}）；"
                  f"总分 {form['total_score']}，等级 {grade}", highlight=False)
    if form["rows"]:
        keys = [k for k in ("level1", "level2", "level3", "level4", "item", "target", "actual", "weight", "score",
                            "note") if any(k in r for r in form["rows"])]
        table = Table(title="行 / rows", title_justify="left")
        for key in keys:
            table.add_column(ROW_HEADERS[key], overflow="fold")
        for row in form["rows"]:
            table.add_row(*("" if row.get(k) is None else str(row[k]) for k in keys))
        console.print(table)
    emit_rows("findings", form["findings"], "table")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="xlsx | csv | json")] = "xlsx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="xlsx 文件 / csv 目录 / json 文件")] = None,
    db: DbOption = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称（部分匹配）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度")] = None,
    debug: DebugOption = False,
) -> None:
    """导出审核工作簿或数据 / export the reviewer's workbook (xlsx), CSV files or JSON."""
    from jixiao.store.export import export_csv, export_json, export_xlsx
    from jixiao.store.queries import Filters

    if fmt not in ("xlsx", "csv", "json"):
        _fail(f"未知格式 / unknown format: {fmt}")
    filters = Filters(unit=unit, year=year)
    with _store(db, debug, migrate=False) as engine, engine.connect() as conn:
        try:
            if fmt == "json":
                text = json.dumps(export_json(conn, filters), ensure_ascii=False, indent=1, default=str) + "\n"
                if output is None:
                    sys.stdout.write(text)
                else:
                    output.write_text(text, encoding="utf-8")
            elif fmt == "xlsx":
                target = output or Path("jixiao-export.xlsx")
                rows = export_xlsx(conn, target, filters)
                print(f"已导出 {rows} 行到 {target} / wrote {target}")
            else:
                folder = output or Path("jixiao-export")
                files = export_csv(conn, folder, filters)
                print(f"已导出 {len(files)} 个 CSV 文件到 {folder}/ / wrote {folder}/")
        except OSError as error:
            _fail(f"无法写入 / cannot write: {error.strerror or error}", debug, error)


def db_relink(db: DbOption = None, debug: DebugOption = False) -> None:
    """重新关联全部项目并复核跨文档问题 / link every stored form into projects again and re-run the
    lifecycle checks (after an upgrade; reviewers' decisions are kept)."""
    from jixiao.store.linking import link_counts, relink_all

    with _store(db, debug, migrate=True) as engine:
        with engine.begin() as conn:
            relink_all(conn)
        with engine.connect() as conn:
            counts = link_counts(conn)
    print(f"项目 {counts['projects']} 个；关联 {counts.get('linked', 0)}，待确认 {counts.get('uncertain', 0)}，"
          f"已确认 {counts.get('confirmed', 0)}，已拆分 {counts.get('broken', 0)} / projects relinked")


def register(app: typer.Typer) -> None:
    """Add the store commands to the CLI."""
    db_app = typer.Typer(help="数据库 / database", no_args_is_help=True)
    db_app.command(name="upgrade")(db_upgrade)
    db_app.command(name="relink")(db_relink)
    app.add_typer(db_app, name="db")
    app.command(name="ingest")(ingest_command)
    app.command(name="ls")(ls)
    app.command(name="show")(show)
    app.command(name="export")(export)
    app.command(name="demo")(demo)


def demo(
    out: Annotated[Path, typer.Option("--out", help="示例文件目录 / where to write the sample documents")] = Path(
        "demo"),
    db: DbOption = None,
    units: Annotated[int, typer.Option(help="单位数 / units")] = 5,
    projects: Annotated[int, typer.Option(help="每单位项目数 / projects per unit")] = 8,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数 / worker processes")] = None,
    debug: DebugOption = False,
) -> None:
    """生成示例区县，入库并给出审核摘要 / generate a sample district, ingest it, print the review summary."""
    from sqlalchemy import select

    from jixiao.present.web_cli import server_missing
    from jixiao.rules import ALL_RULES
    from jixiao.samples.demo_scan import write_demo_scan
    from jixiao.samples.generator import generate_district
    from jixiao.store.db import display_url, mask_secrets
    from jixiao.store.queries import review_summary
    from jixiao.store.schema import DocumentRow

    if units < 1 or projects < 1:
        _fail("--units 与 --projects 须为正整数 / must be positive")
    try:
        paths = generate_district(out, units=units, projects=projects, disclosure=True, cycle=True)
        paths.append(write_demo_scan(out))  # a stamped, scanned form: read with the ocr extra
    except OSError as error:
        _fail(f"{out}: 无法写入 / cannot write: {error.strerror or error}", debug, error)
    console = Console()
    console.print(f"已生成 {len(paths)} 个示例文件于 {out}/ / wrote {len(paths)} sample documents", highlight=False)
    console.print(f"数据库 / database: {display_url(db)}", highlight=False)
    with _store(db, debug, migrate=True) as engine:
        _demo_units(engine)
        run_ingest(engine, paths, "national", jobs, console)
        login = _demo_login(engine)
        wanted = [str(p.resolve()) for p in paths]
        table = DocumentRow.__table__
        with engine.connect() as conn:
            ids = list(conn.execute(select(table.c.id).where(table.c.path.in_(wanted), table.c.current.is_(True)))
                       .scalars())
            summary = review_summary(conn, ids)
    names = {r.code: (r.summary or r.name).split("：")[0] for r in ALL_RULES}  # the Chinese title
    sev = summary["findings"]
    console.print(f"\n[bold]审核摘要 / review summary[/bold]：文档 {summary['documents']} 个，"
                  f"表单 {sum(summary['forms'].values())} 张，有错误的表单 {summary['forms_with_errors']} 张；"
                  f"错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}。", highlight=False)
    table_ = Table(title="按规则 / by rule", title_justify="left")
    for header in ("规则", "名称", "问题数"):
        table_.add_column(header)
    for code, count in summary["by_code"].items():
        table_.add_row(code, names.get(code, ""), str(count))
    console.print(table_)
    console.print("下一步 / next: jixiao ls findings --severity error · jixiao show ID · "
                  "jixiao ls projects · jixiao export --format xlsx", highlight=False)
    serve = "jixiao serve" + (f" --db {mask_secrets(db)}" if db else "")
    if server_missing():
        console.print("Web 应用未安装 / the web app is not installed: pip install 'jixiao[server]'，"
                      "再用 jixiao user add admin --role admin 建账户", highlight=False, soft_wrap=True,
                      markup=False)
    elif login:
        console.print(f"Web 应用 / web app: {serve} → http://127.0.0.1:8000/ ，用户 admin，密码 {login}"
                      f"（jixiao user passwd admin 可改）", highlight=False, soft_wrap=True)
    else:
        console.print(f"Web 应用 / web app: {serve} → http://127.0.0.1:8000/ ，用已有的账户登录", highlight=False,
                      soft_wrap=True)


def _demo_units(engine: Engine) -> None:
    """The sample district's master list of units (a unit listed already, by a run before, stays as it is)."""
    from jixiao.samples.cycle import UNIT_ALIASES
    from jixiao.store.units import UnitError, add_unit

    for name, aliases in UNIT_ALIASES.items():
        with suppress(UnitError):
            add_unit(engine, name, aliases=aliases)


def _demo_login(engine: Engine) -> str | None:
    """A store without any web account gets ``admin`` with a random password (returned, to print)."""
    import secrets

    from jixiao.present.web_cli import server_missing

    if server_missing():  # a lean install: accounts need the server extra (argon2)
        return None
    from jixiao.web.users import add_user, list_users

    if list_users(engine):
        return None
    password = secrets.token_urlsafe(9)
    add_user(engine, "admin", password, "admin")
    return password
