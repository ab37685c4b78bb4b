"""``jixiao serve`` (the web app) and ``jixiao user add/list/passwd`` (its accounts)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

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
    workers: Annotated[int, typer.Option("--workers", help="工作进程数 / worker processes (see below)")] = 1,
    debug: DebugOption = False,
) -> None:
    """启动 Web 应用 / serve the web app (default: ./jixiao.db on http://127.0.0.1:8000).

    --workers N (N > 1) starts N processes that share the port: every process signs sessions with
    the same secret (JIXIAO_SECRET, or one generated here for all of them), but each counts failed
    logins on its own, so the login limit is per process (at most N times as many tries).
    """
    import uvicorn

    from jixiao.store import StoreError
    from jixiao.web import create_app

    if not 0 < port < 65536:
        _fail(f"端口无效 / invalid port: {port}")
    if not 0 < workers <= 64:
        _fail(f"工作进程数无效 / invalid number of workers: {workers}")
    try:
        app = create_app(db)  # creates or upgrades the schema once, before any worker starts
    except StoreError as error:
        _fail(str(error), debug, error)
    print(f"jixiao 绩效：http://{host}:{port}/ （Ctrl+C 停止 / to stop）", file=sys.stderr)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "info" if debug else "warning"}
    try:
        if workers == 1:
            uvicorn.run(app, **options)
        else:
            _share_settings(app, db)
            _serve_workers(uvicorn.Config("jixiao.web:create_app", factory=True, workers=workers, **options))
    except OSError as error:
        _fail(f"无法监听 / cannot listen on {host}:{port}: {error.strerror or error}", debug, error)


def _serve_workers(config: Any) -> None:
    """``uvicorn.run(..., workers=N)`` with one change: the listening socket is made with protocol
    TCP, so that asyncio sets TCP_NODELAY on every connection (uvicorn's own socket has protocol 0,
    asyncio then leaves Nagle on, and each keep-alive answer waited ~40 ms for a delayed ACK)."""
    import socket

    from uvicorn.supervisors import Multiprocess

    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((config.host, config.port))
    sock.set_inheritable(True)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def _share_settings(app: Any, db: str | None) -> None:
    """What every worker process needs to serve the same site: the database and one cookie secret
    (workers are started afresh and read them from the environment)."""
    import os
    import secrets

    from jixiao.store.db import resolve_url

    app.state.engine.dispose()
    os.environ["JIXIAO_DB"] = resolve_url(db)
    if not os.environ.get("JIXIAO_SECRET"):
        os.environ["JIXIAO_SECRET"] = secrets.token_urlsafe(32)


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
