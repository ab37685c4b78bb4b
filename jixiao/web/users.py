"""Accounts: create, list, change password, authenticate (argon2id hashes), and what a user may see.

A :class:`Principal` is the logged-in user with the set of unit ids they may see (``None``: all
units, for admin and reviewer). Everything the web app shows is filtered through :func:`can_see`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Table, delete, insert, select, update

from jixiao.errors import PresentError
from jixiao.store.schema import Unit
from jixiao.web.auth import end_sessions_of
from jixiao.web.schema import ROLES, User, UserUnit

USERS, ASSIGN, UNITS = (cast(Table, m.__table__) for m in (User, UserUnit, Unit))
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("jixiao-no-such-user")  # verify against it so unknown names take as long
MIN_PASSWORD = 8


class UserError(PresentError, ValueError):
    """A user cannot be created or changed; ``str()`` is a one-line Chinese + English reason."""


@dataclass(frozen=True)
class Principal:
    id: int
    username: str
    role: str
    unit_id: int | None
    units: frozenset[int] | None  # visible unit ids; None = every unit
    must_change: bool = False  # an initial or reset password: every page leads to the password change

    @property
    def all_units(self) -> bool:
        return self.units is None

    def can_see(self, unit_id: int | None) -> bool:
        """Forms without a recognised unit are visible to admin and reviewer only."""
        return self.units is None or (unit_id is not None and unit_id in self.units)

    @property
    def can_upload(self) -> bool:
        return self.role in ("admin", "reviewer", "unit")


def _unit_id(conn: Any, name: str) -> int:
    found = conn.execute(select(UNITS.c.id).where(UNITS.c.name == name)).scalar()
    if found is None:
        raise UserError(f"没有这个单位 / no such unit: {name}")
    return int(found)


def add_user(engine: Engine, username: str, password: str, role: str, units: list[str] | None = None) -> int:
    """Create a user. Unit staff need exactly one unit, an evaluator one or more; others none."""
    units = units or []
    if role not in ROLES:
        raise UserError(f"未知角色 / unknown role: {role}（{' | '.join(ROLES)}）")
    if not username.strip() or len(username) > 64:
        raise UserError("用户名须为 1–64 个字符 / username must be 1–64 characters")
    check_password(password)
    if role == "unit" and len(units) != 1:
        raise UserError("预算单位用户须指定一个单位 / unit staff need exactly one --unit")
    if role == "evaluator" and not units:
        raise UserError("第三方评价机构须指定至少一个单位 / an evaluator needs at least one --unit")
    if role in ("admin", "reviewer") and units:
        raise UserError("管理员和审核人可见全部单位，不能指定单位 / admin and reviewer see all units")
    with engine.begin() as conn:
        if conn.execute(select(USERS.c.id).where(USERS.c.username == username)).first():
            raise UserError(f"用户已存在 / user exists: {username}")
        ids = [_unit_id(conn, name) for name in units]
        user_id = conn.execute(insert(USERS).returning(USERS.c.id), {
            "username": username, "password_hash": _HASHER.hash(password), "role": role,
            "unit_id": ids[0] if role == "unit" else None, "created_at": datetime.now(UTC)}).scalar_one()
        if role == "evaluator":
            conn.execute(insert(ASSIGN), [{"user_id": user_id, "unit_id": i} for i in sorted(set(ids))])
    return int(user_id)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` (an argon2id hash) was made from."""
    try:
        return bool(_HASHER.verify(stored or _DUMMY, password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 个字符 / password must have at least {MIN_PASSWORD} characters")


def set_password(engine: Engine, username: str, password: str) -> None:
    """A new password; every session of the user is revoked (log in again everywhere)."""
    check_password(password)
    with engine.begin() as conn:
        user_id = conn.execute(update(USERS).where(USERS.c.username == username)
                               .values(password_hash=_HASHER.hash(password)).returning(USERS.c.id)).scalar()
        if user_id is None:
            raise UserError(f"没有这个用户 / no such user: {username}")
        end_sessions_of(conn, user_id)  # every session of the old password ends


def delete_user(engine: Engine, username: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(USERS).where(USERS.c.username == username))


def list_users(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(USERS.c.id, USERS.c.username, USERS.c.role, UNITS.c.name.label("unit"))
                            .outerjoin(UNITS, UNITS.c.id == USERS.c.unit_id).order_by(USERS.c.id)).all()
        assigned = conn.execute(select(ASSIGN.c.user_id, UNITS.c.name).join(UNITS, UNITS.c.id == ASSIGN.c.unit_id)
                                .order_by(UNITS.c.name)).all()
    result = []
    for row in rows:
        units = [name for uid, name in assigned if uid == row.id] or ([row.unit] if row.unit else [])
        result.append({"id": row.id, "username": row.username, "role": row.role, "units": units})
    return result


def principal(db: Engine | Connection, user_id: int) -> Principal | None:
    """The user with this id and the units they may see, or None when the user no longer exists
    (on ``db``'s connection when it is one, so a request reads it on the connection it already has)."""
    if isinstance(db, Engine):
        with db.connect() as conn:
            return principal(conn, user_id)
    row = db.execute(select(USERS.c.id, USERS.c.username, USERS.c.role, USERS.c.unit_id, USERS.c.disabled,
                            USERS.c.must_change_password).where(USERS.c.id == user_id)).first()
    if row is None or row.disabled:  # a disabled user's sessions open nothing
        return None
    units: frozenset[int] | None = None
    if row.role == "unit":
        units = frozenset([row.unit_id] if row.unit_id is not None else [])
    elif row.role == "evaluator":
        units = frozenset(db.execute(select(ASSIGN.c.unit_id).where(ASSIGN.c.user_id == user_id)).scalars())
    return Principal(id=row.id, username=row.username, role=row.role, unit_id=row.unit_id, units=units,
                     must_change=bool(row.must_change_password))


def authenticate(engine: Engine, username: str, password: str) -> Principal | None:
    """The user when the password matches, else None (same work either way)."""
    with engine.connect() as conn:
        row = conn.execute(select(USERS.c.id, USERS.c.password_hash).where(USERS.c.username == username)).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return principal(engine, row.id) if row else None
