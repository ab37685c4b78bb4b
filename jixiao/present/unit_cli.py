"""``jixiao unit add|list|alias``: the master list of units (单位名录): code, name, aliases, 主管部门.

Exit codes: 0 done; 2 could not do what was asked (no such unit, a code or name taken, a bad tree)
with a one-line reason on stderr.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from jixiao.present.store_cli import DbOption, DebugOption, _fail, _store

unit_app = typer.Typer(add_completion=False, no_args_is_help=True,
                       help="单位名录：代码、名称、别名、主管部门 / the master list of units")
UnitRef = Annotated[str, typer.Argument(help="单位：名称、代码、别名或 #ID / unit by name, code, alias or #id")]


@unit_app.command("add")
def unit_add(
    name: Annotated[str, typer.Argument(help="单位名称 / unit name")],
    code: Annotated[str | None, typer.Option("--code", help="单位代码 / unit code")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="主管部门（名称、代码或别名）/ parent unit")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="别名，可多个 / another name (repeatable)")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """把单位加入名录（已由入库产生的同名单位被收入名录，表单不动）/ add a unit to the master list."""
    from jixiao.store.units import UnitError, add_unit

    with _store(db, debug, migrate=True) as engine:
        try:
            unit_id = add_unit(engine, name, code, parent, alias or [])
        except UnitError as error:
            _fail(str(error), debug, error)
    print(f"已加入单位名录：{name}（ID {unit_id}）")


@unit_app.command("alias")
def unit_alias(
    unit: UnitRef,
    aliases: Annotated[list[str], typer.Argument(help="别名，可多个 / other names")],
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """给单位加别名；以别名入库的单位并入该单位 / add other names; a unit made under one is merged in."""
    from jixiao.store.units import UnitError, add_alias

    with _store(db, debug, migrate=True) as engine:
        for alias in aliases:
            try:
                moved = add_alias(engine, unit, alias)
            except UnitError as error:
                _fail(str(error), debug, error)
            print(f"已加别名：{alias}" + (f"（原以此名入库的 {moved} 张表单已并入）" if moved else ""))


@unit_app.command("list")
def unit_list(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    debug: DebugOption = False,
) -> None:
    """列出单位树：主管部门下是下属单位 / list the units as a tree."""
    from jixiao.store.units import tree

    if fmt not in ("table", "json"):
        _fail(f"未知格式：{fmt}（table | json）")
    with _store(db, debug, migrate=False) as engine, engine.connect() as conn:
        rows = tree(conn)
    if fmt == "json":
        sys.stdout.write(json.dumps([_json(r) for r in rows], ensure_ascii=False, indent=1) + "\n")
        return
    for r in rows:
        aliases = "、".join(a["alias"] for a in r["aliases"])
        flag = "" if r["listed"] else "  [不在名录中]"
        sys.stdout.write(f"{'  ' * r['depth']}{r['name']}  代码 {r['code'] or '—'}  表单 {r['forms']}"
                         f"{'  别名 ' + aliases if aliases else ''}{flag}\n")


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "code": row["code"], "name": row["name"], "parent_id": row["parent_id"],
            "depth": row["depth"], "listed": bool(row["listed"]), "aliases": [a["alias"] for a in row["aliases"]],
            "forms": row["forms"]}


def register(app: typer.Typer) -> None:
    app.add_typer(unit_app, name="unit")
