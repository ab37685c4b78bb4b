"""Units as master data (单位名录): code, name, aliases and the 主管部门 → 下属单位 tree.

A printed unit name is matched to a unit by its name, its code (also a ``代码-名称`` cell), one of its
aliases, or its name written another way (spaces, full-width letters): :func:`resolve`. An ingest files a
name nothing matches under a new unit, as it always did; such a unit is not ``listed`` (not in the master
list) until someone adds it (:func:`add_unit`). Adding an alias that is the name of such an unlisted unit
merges it into the listed one (:func:`add_alias`), so a name variant never splits a unit in two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, func, insert, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from jixiao.errors import StoreError
from jixiao.store.schema import DocumentRow, FormRow, Unit, UnitAlias

UNITS, ALIASES, FORMS, DOCS = (cast(Table, m.__table__) for m in (Unit, UnitAlias, FormRow, DocumentRow))
CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-_]{0,63}$")
CODE_NAME = re.compile(r"^([0-9A-Za-z]{3,32})\s*[-－—_:：]\s*(\S.*)$")  # 「103001-某某局」
MAX_NAME = 200


class UnitError(StoreError, ValueError):
    """A unit cannot be added or changed; ``str()`` is a one-line reason."""


def name_key(name: str) -> str:
    """A name as compared: full-width letters and digits as half-width (NFKC), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def _insert(conn: Connection, table: Table) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


def resolve(conn: Connection, names: Iterable[str], create: bool = True) -> dict[str, int]:
    """Each printed name → its unit id: by name, by code (or a ``代码-名称`` cell's code), by alias, by the
    name written another way. ``create``: a name nothing matches gets a new (unlisted) unit, inserted in
    sorted order so that concurrent writers never deadlock; else it is left out of the result."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    found: dict[str, int] = {}
    codes = {n: m.group(1) for n in wanted if (m := CODE_NAME.match(n))}
    rows = conn.execute(select(UNITS.c.id, UNITS.c.name, UNITS.c.code).where(
        UNITS.c.name.in_(wanted) | UNITS.c.code.in_(sorted({*wanted, *codes.values()})))).all()
    by_name = {r.name: r.id for r in rows}
    by_code = {r.code: r.id for r in rows if r.code}
    for name in wanted:
        hit = by_name.get(name) or by_code.get(name) or by_code.get(codes.get(name, ""))
        if hit is not None:
            found[name] = hit
    rest = [n for n in wanted if n not in found]
    if rest:
        keys = {n: name_key(n) for n in rest}
        aliases = {k: u for k, u in conn.execute(select(ALIASES.c.key, ALIASES.c.unit_id)
                                                 .where(ALIASES.c.key.in_(sorted(set(keys.values())))))}
        for name in rest:
            if keys[name] in aliases:
                found[name] = aliases[keys[name]]
        rest = [n for n in rest if n not in found]
    parts = {n: m.group(2) for n in rest if (m := CODE_NAME.match(n))}
    if parts:  # a 代码-名称 cell whose code is unknown: its name
        inner = resolve(conn, set(parts.values()), create=False)
        found.update({n: inner[part] for n, part in parts.items() if part in inner})
        rest = [n for n in rest if n not in found]
    if rest:  # written another way: compared in Python (rare: only names never seen before get here)
        every = {name_key(name): uid for uid, name in conn.execute(select(UNITS.c.id, UNITS.c.name))}
        for name in rest:
            if name_key(name) in every:
                found[name] = every[name_key(name)]
        rest = [n for n in rest if n not in found]
    if rest and create:
        conn.execute(_insert(conn, UNITS).on_conflict_do_nothing(index_elements=["name"]), [{"name": n} for n in rest])
        found.update({n: i for n, i in conn.execute(select(UNITS.c.name, UNITS.c.id).where(UNITS.c.name.in_(rest)))})
    return found


def find(conn: Connection, ref: str) -> dict[str, Any] | None:
    """The unit a user names by id (``#12``), code, name or alias."""
    ref = ref.strip()
    if ref.startswith("#") and ref[1:].isdigit():
        row = conn.execute(select(UNITS).where(UNITS.c.id == int(ref[1:]))).first()
        return dict(row._mapping) if row else None
    unit_id = resolve(conn, [ref], create=False).get(ref)
    if unit_id is None:
        return None
    return dict(conn.execute(select(UNITS).where(UNITS.c.id == unit_id)).one()._mapping)


def _require(conn: Connection, ref: str) -> dict[str, Any]:
    unit = find(conn, ref)
    if unit is None:
        raise UnitError(f"没有这个单位：{ref}")
    return unit


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise UnitError(f"单位名称须为 1–{MAX_NAME} 个字符")
    return name


def _check_code(conn: Connection, code: str | None, unit_id: int | None) -> str | None:
    code = (code or "").strip() or None
    if code is None:
        return None
    if not CODE.match(code):
        raise UnitError(f"单位代码只能由字母、数字和 . - _ 组成（至多 64 个字符）：{code}")
    other = conn.execute(select(UNITS.c.name).where(UNITS.c.code == code, UNITS.c.id != (unit_id or 0))).scalar()
    if other is not None:
        raise UnitError(f"单位代码 {code} 已属于「{other}」")
    return code


def _check_parent(conn: Connection, parent: str | None, unit_id: int | None) -> int | None:
    if not (parent or "").strip():
        return None
    parent_id = int(_require(conn, cast(str, parent))["id"])
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:  # walk up: the unit must not be its own ancestor
        if current == unit_id:
            raise UnitError("主管部门不能是该单位自己或它的下属单位")
        seen.add(current)
        current = conn.execute(select(UNITS.c.parent_id).where(UNITS.c.id == current)).scalar()
    return parent_id


def _alias_owner(conn: Connection, key: str) -> int | None:
    return conn.execute(select(ALIASES.c.unit_id).where(ALIASES.c.key == key)).scalar()


def add_unit(engine: Engine, name: str, code: str | None = None, parent: str | None = None,
             aliases: Iterable[str] = ()) -> int:
    """Put a unit into the master list. A unit an ingest already made under this name is taken over
    (its forms stay with it); a name that is another unit's alias, or a listed unit, is refused."""
    name = _check_name(name)
    with engine.begin() as conn:
        existing = conn.execute(select(UNITS.c.id, UNITS.c.listed).where(UNITS.c.name == name)).first()
        if existing is not None and existing.listed:
            raise UnitError(f"名录中已有这个单位：{name}")
        owner = _alias_owner(conn, name_key(name))
        if owner is not None and (existing is None or owner != existing.id):
            raise UnitError(f"「{name}」已是另一个单位的别名")
        unit_id = existing.id if existing is not None else None
        values = {"code": _check_code(conn, code, unit_id), "parent_id": _check_parent(conn, parent, unit_id),
                  "listed": True}
        if unit_id is None:
            unit_id = conn.execute(insert(UNITS).returning(UNITS.c.id), {"name": name, **values}).scalar_one()
        else:
            conn.execute(update(UNITS).where(UNITS.c.id == unit_id).values(values))
    for alias in aliases:
        add_alias(engine, f"#{unit_id}", alias)
    return int(unit_id)


def update_unit(engine: Engine, unit_id: int, name: str, code: str | None, parent: str | None) -> None:
    """Rename a unit, change its code or its 主管部门 (empty: none)."""
    name = _check_name(name)
    with engine.begin() as conn:
        if conn.execute(select(UNITS.c.id).where(UNITS.c.id == unit_id)).first() is None:
            raise UnitError(f"没有这个单位：#{unit_id}")
        other = conn.execute(select(UNITS.c.id).where(UNITS.c.name == name, UNITS.c.id != unit_id)).first()
        owner = _alias_owner(conn, name_key(name))
        if other is not None or (owner is not None and owner != unit_id):
            raise UnitError(f"「{name}」已是另一个单位的名称或别名")
        conn.execute(update(UNITS).where(UNITS.c.id == unit_id).values(
            name=name, code=_check_code(conn, code, unit_id), parent_id=_check_parent(conn, parent, unit_id),
            listed=True))


def add_alias(engine: Engine, unit: str, alias: str) -> int:
    """Another name of ``unit`` (named by ``#id``, code, name or alias). A unit an ingest made under this
    name (not in the master list) is merged into ``unit``: its forms, users and 下属单位 move over.
    Returns how many forms moved."""
    alias = _check_name(alias)
    key = name_key(alias)
    with engine.begin() as conn:
        target = _require(conn, unit)
        owner = _alias_owner(conn, key)
        if owner is not None:
            if owner == target["id"]:
                return 0
            raise UnitError(f"「{alias}」已是另一个单位的别名")
        if name_key(target["name"]) == key:
            raise UnitError(f"「{alias}」就是该单位的名称")
        moved = 0
        for other_id, other_name, listed in conn.execute(select(UNITS.c.id, UNITS.c.name, UNITS.c.listed)).all():
            if other_id == target["id"] or name_key(other_name) != key:
                continue
            if listed:
                raise UnitError(f"「{alias}」是名录中另一个单位的名称，不能作别名")
            moved += merge(conn, other_id, target["id"])
        conn.execute(insert(ALIASES), {"unit_id": target["id"], "alias": alias, "key": key})
    return moved


def remove_alias(engine: Engine, unit_id: int, alias_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(delete(ALIASES).where(ALIASES.c.id == alias_id, ALIASES.c.unit_id == unit_id))


def merge(conn: Connection, drop: int, keep: int) -> int:
    """Move everything that points at unit ``drop`` to ``keep`` — every foreign key to ``units.id`` the
    database has, whatever package made the table — then delete ``drop``; its name stays as an alias
    of ``keep`` (added by the caller) and its aliases move over. Returns how many forms moved."""
    moved = int(conn.execute(select(func.count()).where(FORMS.c.unit_id == drop)).scalar() or 0)
    dropped = conn.execute(select(UNITS.c.code).where(UNITS.c.id == drop)).scalar()
    quote = conn.dialect.identifier_preparer.quote
    reflect = inspect(conn)
    for table in reflect.get_table_names():
        primary = set(reflect.get_pk_constraint(table).get("constrained_columns") or [])
        for fk in reflect.get_foreign_keys(table):
            if fk["referred_table"] != "units" or len(fk["constrained_columns"]) != 1:
                continue
            column = fk["constrained_columns"][0]
            t, c = quote(table), quote(column)
            if column in primary:  # a link table: keep one row per (other key, unit)
                others = [quote(p) for p in primary if p != column]
                same = " AND ".join(f"o.{p} = {t}.{p}" for p in others) or "1 = 1"
                conn.execute(text(f"UPDATE {t} SET {c} = :keep WHERE {c} = :drop AND NOT EXISTS "
                                  f"(SELECT 1 FROM {t} o WHERE o.{c} = :keep AND {same})"),
                             {"keep": keep, "drop": drop})
                conn.execute(text(f"DELETE FROM {t} WHERE {c} = :drop"), {"drop": drop})
            else:
                conn.execute(text(f"UPDATE {t} SET {c} = :keep WHERE {c} = :drop"), {"keep": keep, "drop": drop})
    conn.execute(update(UNITS).where(UNITS.c.id == keep, UNITS.c.parent_id == keep).values(parent_id=None))
    conn.execute(delete(UNITS).where(UNITS.c.id == drop))
    if dropped:
        conn.execute(update(UNITS).where(UNITS.c.id == keep, UNITS.c.code.is_(None)).values(code=dropped))
    return moved


def tree(conn: Connection, only: frozenset[int] | None = None) -> list[dict[str, Any]]:
    """Every unit in tree order (each 主管部门 followed by its 下属单位, by code then name), with
    ``depth``, ``aliases`` and ``forms`` (of current documents). ``only``: those units, their
    主管部门 up to the top and their 下属单位 down to the bottom (what a unit's staff see)."""
    counts: dict[int, int] = {u: n for u, n in conn.execute(
        select(FORMS.c.unit_id, func.count()).join(DOCS, DOCS.c.id == FORMS.c.document_id)
        .where(DOCS.c.current.is_(True), FORMS.c.unit_id.is_not(None)).group_by(FORMS.c.unit_id))}
    rows = {r.id: dict(r._mapping) for r in conn.execute(select(UNITS.c.id, UNITS.c.code, UNITS.c.name,
                                                                UNITS.c.parent_id, UNITS.c.listed))}
    aliases: dict[int, list[dict[str, Any]]] = {}
    for alias_id, unit_id, alias in conn.execute(select(ALIASES.c.id, ALIASES.c.unit_id, ALIASES.c.alias)
                                                 .order_by(ALIASES.c.alias)):
        aliases.setdefault(unit_id, []).append({"id": alias_id, "alias": alias})
    children: dict[int | None, list[int]] = {}
    for row in rows.values():
        parent = row["parent_id"] if row["parent_id"] in rows else None
        children.setdefault(parent, []).append(row["id"])
    keep = None if only is None else _branches(rows, children, only)
    ordered: list[dict[str, Any]] = []

    def walk(parent: int | None, depth: int, trail: frozenset[int]) -> None:
        for uid in sorted(children.get(parent, []), key=lambda i: (rows[i]["code"] or "\uffff", rows[i]["name"])):
            if uid in trail:
                continue
            if keep is None or uid in keep:
                ordered.append({**rows[uid], "depth": depth, "aliases": aliases.get(uid, []),
                                "forms": counts.get(uid, 0)})
            walk(uid, depth + 1, trail | {uid})

    walk(None, 0, frozenset())
    return ordered


def _branches(rows: dict[int, dict[str, Any]], children: dict[int | None, list[int]],
              only: frozenset[int]) -> set[int]:
    keep: set[int] = set()
    for uid in only:
        current: int | None = uid
        while current is not None and current in rows and current not in keep:
            keep.add(current)
            current = rows[current]["parent_id"]
        stack = list(children.get(uid, []))
        while stack:
            child = stack.pop()
            if child not in keep:
                keep.add(child)
                stack += children.get(child, [])
    return keep


def ancestors(conn: Connection, unit_id: int) -> list[int]:
    """The unit's 主管部门, theirs, … up to the top (nearest first)."""
    found: list[int] = []
    current = conn.execute(select(UNITS.c.parent_id).where(UNITS.c.id == unit_id)).scalar()
    while current is not None and current not in found and current != unit_id:
        found.append(current)
        current = conn.execute(select(UNITS.c.parent_id).where(UNITS.c.id == current)).scalar()
    return found
