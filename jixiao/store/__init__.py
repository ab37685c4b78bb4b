"""The store: SQLite by default, PostgreSQL when shared (DESIGN §4 ``store``).

Public API::

    from jixiao.store import connect, ingest, StoreError
    engine = connect("postgresql+psycopg://…")   # or None: --db > JIXIAO_DB > ./jixiao.db
    summary = ingest(engine, [Path("folder")], jobs=2)

Exceptions: every database problem is a :class:`StoreError` (one-line reason). Names are loaded
on first use, so that ``jixiao ls`` does not import the extraction and rules machinery (typed all the
same: mypy reads the imports under ``TYPE_CHECKING``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.lazy import lazy_names

if TYPE_CHECKING:
    from jixiao.store.db import HEAD, StoreError, connect, open_engine, resolve_url, upgrade
    from jixiao.store.pipeline import IngestSummary, collect, ingest
    from jixiao.store.process import DocResult, process_bytes

_WHERE = {
    "HEAD": "jixiao.store.db",
    "StoreError": "jixiao.store.db",
    "connect": "jixiao.store.db",
    "open_engine": "jixiao.store.db",
    "resolve_url": "jixiao.store.db",
    "upgrade": "jixiao.store.db",
    "IngestSummary": "jixiao.store.pipeline",
    "collect": "jixiao.store.pipeline",
    "ingest": "jixiao.store.pipeline",
    "DocResult": "jixiao.store.process",
    "process_bytes": "jixiao.store.process",
}
__all__ = [
    "HEAD",
    "DocResult",
    "IngestSummary",
    "StoreError",
    "collect",
    "connect",
    "ingest",
    "open_engine",
    "process_bytes",
    "resolve_url",
    "upgrade",
]
__getattr__ = lazy_names(__name__, _WHERE)
