"""User administration as the admin pages need it, and a user's own password change.

A user made in the browser and a password reset by an admin get a password only the admin has
seen: the user must choose their own at the next log-in (``must_change_password``), and every page
leads there until they do. Disabling a user ends their sessions at once (:func:`principal` no
longer returns them) and refuses their log-ins; nothing of theirs is deleted.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from jixiao.web.audit_log import record_action
from jixiao.web.auth import end_sessions_of
from jixiao.web.schema import ROLE_NAMES, ROLES
from jixiao.web.users import (
    ASSIGN,
    MIN_PASSWORD,
    UNITS,
    USERS,
    Principal,
    UserError,
    add_user,
    hash_password,
    password_matches,
)

USERNAME_MAX = 64


class FieldError(UserError):
    """A refusal that belongs to one field of a form (``field``), shown next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def temporary_password() -> str:
    """A password for the admin to hand over once (12 characters, URL-safe)."""
    return secrets.token_urlsafe(9)


def unit_names(conn: Connection) -> list[str]:
    """The units a user may be given: those of the master list (单位名录) first, then the others."""
    return list(conn.execute(select(UNITS.c.name).order_by(UNITS.c.listed.desc(), UNITS.c.name)).scalars())


def user_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every user with role, units (unit staff: their unit; evaluator: their scope) and flags."""
    rows = conn.execute(select(USERS.c.id, USERS.c.username, USERS.c.role, USERS.c.disabled,
                               USERS.c.must_change_password, USERS.c.created_at, UNITS.c.name.label("unit"))
                        .outerjoin(UNITS, UNITS.c.id == USERS.c.unit_id).order_by(USERS.c.username)).all()
    scope: dict[int, list[str]] = {}
    for uid, name in conn.execute(select(ASSIGN.c.user_id, UNITS.c.name).join(UNITS, UNITS.c.id == ASSIGN.c.unit_id)
                                  .order_by(UNITS.c.name)):
        scope.setdefault(uid, []).append(name)
    return [{"id": r.id, "username": r.username, "role": r.role, "role_name": ROLE_NAMES.get(r.role, r.role),
             "units": scope.get(r.id) or ([r.unit] if r.unit else []), "disabled": bool(r.disabled),
             "must_change": bool(r.must_change_password),
             "created_at": r.created_at.isoformat(timespec="seconds") if r.created_at else None} for r in rows]


def _check_role(role: str, units: list[str]) -> None:
    if role not in ROLES:
        raise FieldError("role", f"未知角色：{role} / unknown role")
    if role == "unit" and len(units) != 1:
        raise FieldError("units", "预算单位用户须选择且只选择一个单位 / a unit user belongs to exactly one unit")
    if role == "evaluator" and not units:
        raise FieldError("units", "第三方评价机构须至少选择一个单位 / an evaluator needs at least one unit")


def create_user(engine: Engine, admin: Principal, username: str, role: str, units: list[str],
                password: str = "", address: str = "") -> tuple[int, str]:
    """A new user who must change the password at the first log-in; returns (id, the password)."""
    username = username.strip()
    if not username:
        raise FieldError("username", "请填写用户名 / user name required")
    if len(username) > USERNAME_MAX or any(c.isspace() or not c.isprintable() for c in username):
        raise FieldError("username", f"用户名不超过 {USERNAME_MAX} 个字符，且不含空格 / invalid user name")
    _check_role(role, units)
    with engine.connect() as conn:
        if conn.execute(select(USERS.c.id).where(USERS.c.username == username)).first():
            raise FieldError("username", f"用户名已存在：{username} / user name taken")
    if password and len(password) < MIN_PASSWORD:
        raise FieldError("password", f"密码至少 {MIN_PASSWORD} 个字符 / password too short")
    password = password or temporary_password()
    try:
        user_id = add_user(engine, username, password, role, units if role in ("unit", "evaluator") else [])
    except UserError as error:
        raise FieldError("units", str(error)) from error
    with engine.begin() as conn:
        conn.execute(update(USERS).where(USERS.c.id == user_id).values(must_change_password=True))
        record_action(conn, admin, "user_create", f"user:{username}",
                      f"角色 {ROLE_NAMES.get(role, role)}" + (f"；单位 {'、'.join(units)}" if units else ""), address)
    return user_id, password


def _target(conn: Connection, user_id: int) -> Any:
    row = conn.execute(select(USERS.c.id, USERS.c.username, USERS.c.role).where(USERS.c.id == user_id)).first()
    if row is None:
        raise UserError("没有这个用户 / no such user")
    return row


def update_user(engine: Engine, admin: Principal, user_id: int, role: str, units: list[str],
                address: str = "") -> None:
    """A new role and units (unit staff: their unit; evaluator: the units they may see)."""
    _check_role(role, units)
    with engine.begin() as conn:
        row = _target(conn, user_id)
        if row.id == admin.id and role != "admin":
            raise FieldError("role", "不能取消自己的管理员角色 / you cannot demote yourself")
        ids = {n: i for i, n in conn.execute(select(UNITS.c.id, UNITS.c.name).where(UNITS.c.name.in_(units)))}
        missing = [n for n in units if n not in ids]
        if missing:
            raise FieldError("units", f"没有这个单位：{'、'.join(missing)} / no such unit")
        conn.execute(update(USERS).where(USERS.c.id == user_id)
                     .values(role=role, unit_id=ids[units[0]] if role == "unit" else None))
        conn.execute(delete(ASSIGN).where(ASSIGN.c.user_id == user_id))
        if role == "evaluator":
            conn.execute(insert(ASSIGN), [{"user_id": user_id, "unit_id": ids[n]} for n in sorted(set(units))])
        record_action(conn, admin, "user_update", f"user:{row.username}",
                      f"角色 {ROLE_NAMES.get(role, role)}" + (f"；单位 {'、'.join(units)}" if units else ""), address)


def set_disabled(engine: Engine, admin: Principal, user_id: int, disabled: bool, address: str = "") -> None:
    """Disable (sessions end, log-ins refused) or enable a user; an admin cannot disable themself."""
    with engine.begin() as conn:
        row = _target(conn, user_id)
        if row.id == admin.id and disabled:
            raise UserError("不能停用自己的账户 / you cannot disable yourself")
        conn.execute(update(USERS).where(USERS.c.id == user_id).values(disabled=disabled))
        if disabled:
            end_sessions_of(conn, user_id)
        record_action(conn, admin, "user_disable" if disabled else "user_enable", f"user:{row.username}", "", address)


def reset_password(engine: Engine, admin: Principal, user_id: int, address: str = "") -> str:
    """A new temporary password (returned, to hand over); the user's sessions end and the user must
    choose a new password at the next log-in."""
    password = temporary_password()
    with engine.begin() as conn:
        row = _target(conn, user_id)
        conn.execute(update(USERS).where(USERS.c.id == user_id)
                     .values(password_hash=hash_password(password), must_change_password=True))
        end_sessions_of(conn, user_id)
        record_action(conn, admin, "user_reset", f"user:{row.username}", "已发临时密码，须在登录后修改", address)
    return password


def change_own_password(engine: Engine, user: Principal, old: str, new: str, confirm: str, token: str | None,
                        address: str = "") -> None:
    """The user's own new password: the old one must match, the new one be long enough, differ
    from the old and be typed twice alike. Every other session of the user ends; this one lives on."""
    with engine.connect() as conn:
        stored = conn.execute(select(USERS.c.password_hash).where(USERS.c.id == user.id)).scalar()
    if not password_matches(stored, old):
        raise FieldError("old", "原密码不正确 / the current password is wrong")
    if len(new) < MIN_PASSWORD:
        raise FieldError("new", f"新密码至少 {MIN_PASSWORD} 个字符 / at least {MIN_PASSWORD} characters")
    if new == old:
        raise FieldError("new", "新密码不能与原密码相同 / the new password must differ")
    if new != confirm:
        raise FieldError("confirm", "两次输入的新密码不一致 / the two entries differ")
    with engine.begin() as conn:
        conn.execute(update(USERS).where(USERS.c.id == user.id)
                     .values(password_hash=hash_password(new), must_change_password=False))
        end_sessions_of(conn, user.id, keep=token)
        record_action(conn, user, "password_change", f"user:{user.username}",
                      "首次登录修改初始密码" if user.must_change else "修改本人密码；其他会话已结束", address)
