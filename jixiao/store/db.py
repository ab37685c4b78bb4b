"""Where the store lives: a URL (``--db`` > ``JIXIAO_DB`` > ``./jixiao.db``) → an engine; migrations.

A bare path means a SQLite file; ``postgresql+psycopg://…`` a shared PostgreSQL server. Every
failure to reach or open the database becomes a :class:`StoreError` with a one-line reason, in which
passwords are masked (:func:`mask_secrets`). A new SQLite file is created readable by its owner only
(0600: it holds password hashes); SQLite gives its -wal/-shm/-journal files the same mode.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError, SQLAlchemyError

from jixiao.errors import StoreError as StoreError
from jixiao.errors import mask_secrets as mask_secrets

DEFAULT_DB = "jixiao.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def head_revision() -> str:
    """The newest migration, read from the files in ``migrations/versions`` without importing
    Alembic (every command checks it; a test checks that Alembic agrees)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for key, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if key == "revision" else parents).add(value)
    heads = sorted(revisions - parents)
    return heads[-1] if heads else ""


HEAD = head_revision()
_PG_LOCK = 0x6A69_7869  # advisory lock key: one migrator at a time


def display_url(db: str | None) -> str:
    """The database URL as it may be printed: the password masked."""
    return mask_secrets(resolve_url(db))


def resolve_url(db: str | None) -> str:
    """``--db`` always wins over ``JIXIAO_DB``; a plain path becomes a SQLite URL."""
    value = db or os.environ.get("JIXIAO_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


WAL_SECONDS = 30.0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    _wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _wal(cursor: Any) -> None:
    """Switch a new file to WAL. Two processes opening a new file at once both try to write its header;
    SQLite answers the loser "database is locked" at once, without waiting (it would deadlock), so
    the loser tries again until the winner's transaction ends."""
    deadline = time.monotonic() + WAL_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if ("locked" not in str(error) and "busy" not in str(error)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def open_engine(db: str | None = None, create: bool = True) -> Engine:
    """An engine for the URL. ``create=False`` refuses a SQLite file that does not exist yet."""
    url_text = resolve_url(db)
    try:
        url = make_url(url_text)
    except ArgumentError as error:
        raise StoreError(f"数据库地址无效 / invalid database URL: {url_text} ({error})") from error
    if url.get_backend_name() == "sqlite":
        path = url.database
        if path and path != ":memory:":
            file = Path(path)
            if not create and not file.exists():
                raise StoreError(f"数据库不存在 / no database at {file}（先运行 jixiao ingest 或 jixiao db upgrade）")
            if not file.parent.is_dir():
                raise StoreError(f"数据库目录不存在 / no such directory: {file.parent}")
            if create:
                _create_private(file)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as error:
        raise StoreError(f"无法使用数据库 / cannot use database {url.render_as_string()}: {error}") from error


def _create_private(file: Path) -> None:
    """Create an empty SQLite file with mode 0600 unless it exists (SQLite takes an empty file as a
    new database and creates its -wal, -shm and -journal files with the database file's mode)."""
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(f"无法创建数据库文件 / cannot create {file}: {error.strerror or error}") from error
    os.close(fd)


def _reason(error: BaseException) -> str:
    text_ = str(getattr(error, "orig", None) or error).strip().splitlines()
    return text_[0] if text_ else type(error).__name__


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            try:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except (OperationalError, ProgrammingError):  # no such table: an empty database
                return None
    except SQLAlchemyError as error:
        raise StoreError(f"无法连接数据库 / database unreachable: {_reason(error)}") from error


def upgrade(engine: Engine) -> str:
    """Bring the schema to the newest migration (creates it in an empty database). Safe to call
    from several processes at once: PostgreSQL serialises migrators with an advisory lock, SQLite
    with an exclusive transaction (the second migrator waits, then finds the schema made)."""
    if current_revision(engine) == HEAD:
        return HEAD
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            elif conn.dialect.name == "sqlite":  # pysqlite runs DDL outside any transaction unless told
                conn.exec_driver_sql("BEGIN EXCLUSIVE")
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        raise StoreError(f"数据库升级失败 / migration failed: {_reason(error)}") from error
    return HEAD


def connect(db: str | None = None, migrate: bool = True) -> Engine:
    """Open the store; with ``migrate`` create or upgrade the schema, else require it to exist."""
    engine = open_engine(db, create=migrate)
    if migrate:
        upgrade(engine)
    elif current_revision(engine) is None:
        raise StoreError("数据库尚未初始化 / database has no jixiao schema"
                         "（先运行 jixiao ingest 或 jixiao db upgrade）")
    return engine
