"""``jixiao serve`` (the web app) and ``jixiao user add/list/passwd`` (its accounts)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

DbOption = Annotated[str | None, typer.Option("--db", help="数据库地址或 SQLite 文件 / database URL or SQLite file")]
DebugOption = Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")]

user_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Web 应用的用户 / web app users")


def _fail(message: str, debug: bool = False, error: BaseException | None = None) -> NoReturn:
    if debug and error is not None:
        raise error
    print(f"jixiao: {message}", file=sys.stderr)
    raise typer.Exit(2)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口 / port")] = 8000,
    debug: DebugOption = False,
) -> None:
    """启动 Web 应用 / serve the web app (default: ./jixiao.db on http://127.0.0.1:8000)."""
    import uvicorn

    from jixiao.store import StoreError
    from jixiao.web import create_app

    if not 0 < port < 65536:
        _fail(f"端口无效 / invalid port: {port}")
    try:
        app = create_app(db)
    except StoreError as error:
        _fail(str(error), debug, error)
    print(f"jixiao 绩效：http://{host}:{port}/ （Ctrl+C 停止 / to stop）", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info" if debug else "warning")
    except OSError as error:
        _fail(f"无法监听 / cannot listen on {host}:{port}: {error.strerror or error}", debug, error)


def _engine(db: str | None, debug: bool) -> Engine:
    from jixiao.store import StoreError, connect

    try:
        engine: Engine = connect(db, migrate=True)
    except StoreError as error:
        _fail(str(error), debug, error)
    return engine


def _password(given: str | None) -> str:
    if given is not None:
        return given
    value: str = typer.prompt("密码 / password", hide_input=True, confirmation_prompt=True)
    return value


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="用户名 / user name")],
    role: Annotated[str, typer.Option("--role", help="admin | reviewer | unit | evaluator")] = "reviewer",
    unit: Annotated[list[str] | None, typer.Option("--unit", help="单位名称（unit 一个，evaluator 可多个）")] = None,
    password: Annotated[str | None, typer.Option("--password", help="不给则提示输入 / prompted when omitted")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """新建用户 / add a user."""
    from jixiao.web.users import UserError, add_user

    engine = _engine(db, debug)
    try:
        user_id = add_user(engine, username, _password(password), role, unit or [])
    except UserError as error:
        _fail(str(error), debug, error)
    finally:
        engine.dispose()
    print(f"已创建用户 {username}（{role}）/ user created, id {user_id}")


@user_app.command("list")
def user_list(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | table")] = "table",
    debug: DebugOption = False,
) -> None:
    """列出用户 / list users."""
    from jixiao.web.users import list_users

    engine = _engine(db, debug)
    try:
        users = list_users(engine)
    finally:
        engine.dispose()
    if fmt == "json":
        print(json.dumps(users, ensure_ascii=False, indent=1))
        return
    for u in users:
        print(f"{u['id']}\t{u['username']}\t{u['role']}\t{'、'.join(u['units'])}")


@user_app.command("passwd")
def user_passwd(
    username: Annotated[str, typer.Argument(help="用户名 / user name")],
    password: Annotated[str | None, typer.Option("--password", help="不给则提示输入 / prompted when omitted")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """修改密码 / change a password."""
    from jixiao.web.users import UserError, set_password

    engine = _engine(db, debug)
    try:
        set_password(engine, username, _password(password))
    except UserError as error:
        _fail(str(error), debug, error)
    finally:
        engine.dispose()
    print(f"已修改 {username} 的密码 / password changed")


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)
    app.add_typer(user_app, name="user")
