"""The web app's tables: the migration builds exactly the models of ``jixiao/web/schema.py``."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from jixiao.store import connect
from jixiao.store.schema import Base
from jixiao.web.schema import AuditEntry, FindingReview, FormReview, User, UserUnit


def test_migration_builds_the_web_models(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 's.db'}")
    mine = {m.__tablename__ for m in (User, UserUnit, FindingReview, FormReview, AuditEntry)}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, _parents: kind != "table" or name in mine,
            "include_object": lambda _obj, name, kind, _reflected, _other: kind != "table" or name in mine})
        diff = compare_metadata(context, Base.metadata)
        assert diff == []
        tables = set(conn.dialect.get_table_names(conn))
    engine.dispose()
    assert mine <= tables
