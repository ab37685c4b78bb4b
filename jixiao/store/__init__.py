"""The store: SQLite by default, PostgreSQL when shared (DESIGN §4 ``store``).

Public API::

    from jixiao.store import connect, ingest, StoreError
    engine = connect("postgresql+psycopg://…")   # or None: --db > JIXIAO_DB > ./jixiao.db
    summary = ingest(engine, [Path("folder")], jobs=2)

Exceptions: every database problem is a :class:`StoreError` (one-line reason). Names are loaded
on first use, so that ``jixiao ls`` does not import the extraction and rules machinery.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {"HEAD": "db", "StoreError": "db", "connect": "db", "open_engine": "db", "resolve_url": "db",
          "upgrade": "db", "IngestSummary": "pipeline", "collect": "pipeline", "ingest": "pipeline",
          "DocResult": "process", "process_bytes": "process"}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'jixiao.store' has no attribute {name!r}")
    return getattr(import_module(f"jixiao.store.{_WHERE[name]}"), name)
