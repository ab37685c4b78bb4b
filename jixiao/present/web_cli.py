"""``jixiao serve`` (the web app) and ``jixiao user add/list/passwd`` (its accounts)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from jixiao.present.exits import fail

if TYPE_CHECKING:
    from sqlalchemy import Engine

DbOption = Annotated[str | None, typer.Option("--db", help="数据库地址或 SQLite 文件 / database URL or SQLite file")]
DebugOption = Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")]

user_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Web 应用的用户 / web app users")


SERVER_MODULES = ("fastapi", "uvicorn", "jinja2", "multipart", "argon2", "itsdangerous")  # the server extra


def server_missing() -> str | None:
    """The first module of the ``server`` extra that is not installed, or None when all are."""
    from importlib.util import find_spec

    return next((name for name in SERVER_MODULES if find_spec(name) is None), None)


def _require_server() -> None:
    missing = server_missing()
    if missing:
        _fail(f"Web 组件未安装（缺 {missing}）/ the web app is not installed: pip install 'jixiao[server]'")


def _fail(message: str, debug: bool = False, error: BaseException | None = None) -> NoReturn:
    fail(message, debug, error)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口 / port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="工作进程数 / worker processes (see below)")] = 1,
    threads: Annotated[int, typer.Option("--threads", help="每个进程处理页面的线程数 / page threads per "
                                                             "process")] = 4,
    behind_https: Annotated[bool, typer.Option("--behind-https", help="经 HTTPS 反向代理提供服务：Cookie 加 "
                                                                      "Secure，发送 HSTS / served through an "
                                                                      "HTTPS proxy: Secure cookies, HSTS")] = False,
    debug: DebugOption = False,
) -> None:
    """启动 Web 应用 / serve the web app (default: ./jixiao.db on http://127.0.0.1:8000).

    --workers N (N > 1) starts N processes that share the port; sessions and the login backoff live
    in the store, so every process sees them. --behind-https when a proxy serves the app over HTTPS:
    cookies are marked Secure and responses carry HSTS.
    """
    _require_server()
    import uvicorn

    from jixiao.store import StoreError
    from jixiao.web import create_app

    if not 0 < port < 65536:
        _fail(f"端口无效 / invalid port: {port}")
    if not 0 < workers <= 64:
        _fail(f"工作进程数无效 / invalid number of workers: {workers}")
    if not 0 < threads <= 256:
        _fail(f"线程数无效 / invalid number of threads: {threads}")
    import os

    os.environ["JIXIAO_THREADS"] = str(threads)  # read by create_app, in this process and in each worker
    if behind_https:
        os.environ["JIXIAO_BEHIND_HTTPS"] = "1"
    try:
        app = create_app(db)  # creates or upgrades the schema once, before any worker starts
    except StoreError as error:
        _fail(str(error), debug, error)
    print(f"jixiao 绩效：http://{host}:{port}/ （Ctrl+C 停止 / to stop）", file=sys.stderr)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "info" if debug else "warning",
                               "server_header": False}  # no banner naming the server software
    try:
        if workers == 1:
            uvicorn.run(app, **options)
        else:
            _share_settings(app, db)
            _serve_workers(uvicorn.Config("jixiao.web:create_app", factory=True, **options), workers)
    except OSError as error:
        _fail(f"无法监听 / cannot listen on {host}:{port}: {error.strerror or error}", debug, error)


def _listener(host: str, port: int) -> Any:
    """One listening socket of its own for a worker: SO_REUSEPORT lets N of them share the port and
    the kernel spreads new connections over them (with one shared socket, the process that wakes first
    accepts a whole burst: 19 of 20 keep-alive clients were measured on one worker). Protocol TCP, so
    asyncio sets TCP_NODELAY on each connection (with protocol 0 it leaves Nagle on and every
    keep-alive answer waited ~40 ms for a delayed ACK)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _serve_workers(config: Any, workers: int) -> None:
    """N worker processes, each serving its own listening socket; a worker that dies is started
    again on the same socket; Ctrl+C or SIGTERM stops them all."""
    import signal
    import threading
    import time

    from uvicorn._subprocess import get_subprocess
    from uvicorn.server import Server

    sockets = [_listener(config.host, config.port) for _ in range(workers)]
    stop = threading.Event()

    def start(sock: Any) -> Any:
        process = get_subprocess(config, Server(config).run, [sock])
        process.start()
        return process

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start(sock) for sock in sockets]
    started = [time.monotonic()] * workers
    try:
        while not stop.wait(0.5):
            for n, process in enumerate(processes):
                if process.is_alive():
                    continue
                if time.monotonic() - started[n] < 10:  # dies as it starts: restarting would only loop
                    _fail(f"工作进程启动后立即退出（退出码 {process.exitcode}）/ a worker exited at start-up")
                processes[n], started[n] = start(sockets[n]), time.monotonic()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(10)
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


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
    _require_server()
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
    _require_server()
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
    _require_server()
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
