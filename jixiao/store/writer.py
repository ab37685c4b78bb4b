"""Writing one processed document: one transaction, all or nothing, safe against a concurrent writer.

Uniqueness is enforced by the database, never by luck: ``documents (path, sha256)`` makes the same
file twice a no-op (``ON CONFLICT DO NOTHING``), ``documents (path, version)`` makes two writers
racing on a changed file retry, units and years are upserted in sorted order (no deadlock).

A file is unchanged when its content hash equals the *current* version's. A file changed back to
content stored earlier (A → B → A) makes that earlier version current again: ``(path, sha256)`` is
unique, so the content is never stored twice.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from jixiao.store.process import ROW_KEYS, DocResult
from jixiao.store.schema import DocumentRow, FindingRow, FormChildRow, FormRow, Unit, Year
from jixiao.store.units import resolve

DOCS, FORMS, ROWS, FINDINGS, UNITS, YEARS = (cast(Table, m.__table__) for m in (
    DocumentRow, FormRow, FormChildRow, FindingRow, Unit, Year))
RETRIES = 5


def _insert(conn: Connection, table: Any) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def known(conn: Connection, path: str, sha256: str) -> bool:
    """This content is the current version of this file (an older version with the same content
    is not: the file was changed and changed back)."""
    found = conn.execute(select(DOCS.c.id).where(DOCS.c.path == path, DOCS.c.sha256 == sha256,
                                                 DOCS.c.current.is_(True))).first()
    return found is not None


def write(engine: Engine, result: DocResult) -> int | None:
    """Store one document version; the new document id, or ``None`` if it was already stored.
    Retries when a concurrent writer wins a race (unique violation on the version, deadlock)."""
    for attempt in range(RETRIES):
        try:
            with engine.begin() as conn:
                return _write(conn, result)
        except (IntegrityError, OperationalError) as error:
            if attempt == RETRIES - 1 or not retryable(error):
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


def retryable(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):  # a concurrent writer took the version number
        return "version" in str(error.orig)
    text = str(error.orig).lower()
    return any(word in text for word in ("deadlock", "serializ", "locked", "busy"))


def _ids(conn: Connection, table: Any, key: str, values: set[Any]) -> dict[Any, Any]:
    if not values:
        return {}
    ordered = sorted(values)
    conn.execute(_insert(conn, table).on_conflict_do_nothing(index_elements=[key]), [{key: v} for v in ordered])
    if table is YEARS:
        return {v: v for v in ordered}
    found = conn.execute(select(table.c[key], table.c.id).where(table.c[key].in_(ordered)))
    return {k: i for k, i in found}


def _write(conn: Connection, result: DocResult) -> int | None:
    stored = conn.execute(select(DOCS.c.id, DOCS.c.current).where(DOCS.c.path == result.path,
                                                                   DOCS.c.sha256 == result.sha256)).first()
    if stored is not None:  # one read: a writer committing between two reads would be counted twice
        if stored.current:
            return None
        # changed back to a stored version: that version is current again — made so by exactly one
        # writer (the update's condition is checked under the row's write lock)
        flipped = conn.execute(update(DOCS).where(DOCS.c.id == stored.id, DOCS.c.current.is_(False))
                               .values(current=True)).rowcount
        if not flipped:
            return None
        conn.execute(update(DOCS).where(DOCS.c.path == result.path, DOCS.c.id != stored.id).values(current=False))
        return int(stored.id)
    previous = conn.execute(select(DOCS.c.id, DOCS.c.version).where(DOCS.c.path == result.path)
                            .order_by(DOCS.c.version.desc()).limit(1)).first()
    version = previous.version + 1 if previous else 1
    doc = {"path": result.path, "file_name": result.file_name, "sha256": result.sha256, "format": result.format,
           "size": result.size, "encoding": result.encoding, "ingested_at": datetime.now(UTC),
           "status": result.status, "error": result.error, "version": version,
           "previous_id": previous.id if previous else None, "current": True,
           "warnings": json.dumps(result.warnings, ensure_ascii=False), "form_count": len(result.forms),
           "finding_count": len(result.findings), "profile": result.profile,
           "jixiao_version": result.jixiao_version, "extra": result.extra}
    stmt = _insert(conn, DOCS).values(doc).on_conflict_do_nothing(index_elements=["path", "sha256"])
    doc_id = conn.execute(stmt.returning(DOCS.c.id)).scalar()
    if doc_id is None:  # a concurrent ingest stored the same version first
        return None
    if previous:
        conn.execute(update(DOCS).where(DOCS.c.path == result.path, DOCS.c.id != doc_id).values(current=False))
    years = _ids(conn, YEARS, "year", {f.year for f in result.forms if f.year is not None})
    units: dict[str | None, int | None]
    if result.owner_unit is not None:  # an upload belongs to its uploader's unit (or waits, held, in none)
        owner = None if result.held else result.owner_unit
        units = {f.unit: owner for f in result.forms}
    else:  # by name, code or alias; a name nothing matches makes a new unit (not in the master list)
        units = {k: v for k, v in resolve(conn, {f.unit for f in result.forms if f.unit}).items()}
    form_ids: dict[tuple[str, int], int] = {}
    if result.forms:
        params = [{"document_id": doc_id, "kind": f.kind, "idx": f.idx, "name": f.name,
                   "unit_id": units.get(f.unit), "year": years.get(f.year), **f.columns,
                   "row_count": len(f.rows), "data": f.data} for f in result.forms]
        if conn.dialect.name == "postgresql":  # ids from the sequence, then one COPY
            ids = sorted(conn.execute(text("SELECT nextval(pg_get_serial_sequence('forms', 'id')) "
                                           "FROM generate_series(1, :n)"), {"n": len(params)}).scalars())
            _insert_many(conn, FORMS, [{"id": i, **p} for i, p in zip(ids, params, strict=True)])
        else:
            ids = list(conn.execute(FORMS.insert().returning(FORMS.c.id, sort_by_parameter_order=True),
                                    params).scalars())
        form_ids = {(f.kind, f.idx): i for f, i in zip(result.forms, ids, strict=True)}
        rows = [{"form_id": form_ids[(f.kind, f.idx)], **{k: r[k] for k in ROW_KEYS}}
                for f in result.forms for r in f.rows]
        if rows:
            _insert_many(conn, ROWS, rows)
    if result.findings:
        _insert_many(conn, FINDINGS, [
            {"document_id": doc_id, "form_id": form_ids.get((f["kind"], f["idx"])), "seq": n,
             **{k: v for k, v in f.items() if k not in ("kind", "idx")}}
            for n, f in enumerate(result.findings)])
    return int(doc_id)


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many child rows at once: ``COPY`` on PostgreSQL (psycopg's executemany would send one
    statement per row), executemany on SQLite. Same transaction either way."""
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    import psycopg

    statement = f"COPY {table.name} ({names}) FROM STDIN"
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except psycopg.Error as error:  # as SQLAlchemy would raise it: IntegrityError, OperationalError …
        raise DBAPIError.instance(statement, None, error, psycopg.Error) from error


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table (for summaries and the consistency tests)."""
    with engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                for t in (UNITS, YEARS, DOCS, FORMS, ROWS, FINDINGS)}
