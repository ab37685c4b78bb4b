"""Migrations: the shipped Alembic head is the code's HEAD and builds exactly the models' schema;
money columns are exact decimals on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Table, select

from jixiao.store import HEAD, connect, resolve_url
from jixiao.store.db import MIGRATIONS, current_revision
from jixiao.store.schema import TABLES, Base, FormRow


def test_head_matches_migrations() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migrated_schema_equals_models(db_url: str) -> None:
    engine = connect(db_url)
    assert current_revision(engine) == HEAD
    mine = {cast(Table, table).name for table in TABLES}  # other packages' tables on the same metadata test themselves
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, _parents: kind != "table" or name in mine,
            "include_object": lambda _obj, name, kind, _reflected, _other: kind != "table" or name in mine})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    connect(db_url)  # upgrading an up-to-date database is a no-op


def test_money_is_exact(db_url: str) -> None:
    engine = connect(db_url)
    values = [Decimal("949.821024"), Decimal("100.00"), Decimal("0.971723"), Decimal("12345678901234.5678")]
    documents, forms = Base.metadata.tables["documents"], Base.metadata.tables["forms"]
    with engine.begin() as conn:
        doc = conn.execute(documents.insert().returning(documents.c.id), {
            "path": "/x", "file_name": "x", "sha256": "0", "ingested_at": datetime(2026, 1, 1, tzinfo=UTC),
            "status": "ok", "version": 1, "current": True, "warnings": "[]", "form_count": 0, "finding_count": 0,
            "profile": "national", "jixiao_version": "0", "extra": "{}"}).scalar()
        conn.execute(forms.insert(), [{"document_id": doc, "kind": "k", "idx": n, "total_score": value,
                                       "row_count": 0, "data": "{}"} for n, value in enumerate(values)])
    with engine.connect() as conn:
        stored = list(conn.execute(select(FormRow.total_score).order_by(FormRow.idx)).scalars())
    assert stored == values and [str(v) for v in stored] == [str(v) for v in values]


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DB", "postgresql+psycopg://env/db")
    assert resolve_url(None) == "postgresql+psycopg://env/db"
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.delenv("JIXIAO_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'jixiao.db'}"
