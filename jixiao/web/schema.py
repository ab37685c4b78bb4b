"""The web app's own tables, on the store's metadata: users, their units, review decisions.

users ─< user_units >─ units      a unit's staff belong to one unit (``users.unit_id``); an evaluator
                                  (第三方) sees the units listed in ``user_units``.
finding_reviews, form_reviews      review decisions, all kept (the newest counts).
form_edits                         cells of self-evaluations changed in the web app, all kept.
web_sessions                       server-side sessions (the cookie carries a random token; its SHA-256 here).
login_failures                     failed logins per (account, address) pair, for the login backoff.
audit_log                          操作日志: log-ins, uploads, edits, reviews, exports, user administration.
Changing them needs a migration in ``jixiao/store/migrations/versions/``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base

ROLES = ("admin", "reviewer", "unit", "evaluator")
ROLE_NAMES = {"admin": "管理员", "reviewer": "审核人（财政局）", "unit": "预算单位", "evaluator": "第三方评价机构"}


class User(Base):
    """A login. ``role`` is one of :data:`ROLES`; ``unit_id`` is set for unit staff only. A
    ``disabled`` user cannot log in; ``must_change_password`` (a new user made in the browser, a
    password reset by an admin) sends every page to the password change until it is done."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("username", name="uq_users_username"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class UserUnit(Base):
    """An evaluator's assignment to a unit."""

    __tablename__ = "user_units"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class FindingReview(Base):
    """A reviewer's decision on a finding: ``confirmed`` or ``dismissed`` (with a reason). Every
    decision is kept; the newest one counts."""

    __tablename__ = "finding_reviews"
    __table_args__ = (Index("ix_finding_reviews_finding", "finding_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FormReview(Base):
    """A reviewer's decision on a form: ``approved`` (通过) or ``returned`` (退回, with a comment)."""

    __tablename__ = "form_reviews"
    __table_args__ = (Index("ix_form_reviews_form", "form_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FormEdit(Base):
    """One cell of a self-evaluation changed in the web app: who, when, the printed text before and
    after, and the form's findings after the re-check (``result``, JSON). ``derived`` marks a total
    or a rate that followed another change; ``kind`` is "ocr" for the correction of a cell read
    uncertainly from a scan (识别更正), else "edit". Every edit is kept."""

    __tablename__ = "form_edits"
    __table_args__ = (Index("ix_form_edits_form", "form_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    derived: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(8), default="edit", server_default="edit")
    result: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A login session: the SHA-256 of the cookie's random token, ended by ``revoked_at`` (logout,
    password change) or by idling longer than the app's idle timeout since ``last_seen``."""

    __tablename__ = "web_sessions"
    __table_args__ = (UniqueConstraint("token_hash", name="uq_web_sessions_token_hash"),
                      Index("ix_web_sessions_user", "user_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """Failed logins of one (account, address) pair (``key_hash``: SHA-256 of both); past the free
    attempts each failure doubles the wait until ``blocked_until`` (epoch seconds). A success deletes it."""

    __tablename__ = "login_failures"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure: Mapped[float] = mapped_column(Float)
    blocked_until: Mapped[float] = mapped_column(Float)


class AuditEntry(Base):
    """One line of the 操作日志: who (``user_id`` and the name at the time, kept when the user is
    deleted), from which address, did what (``action``, see :data:`jixiao.web.audit_log.ACTIONS`) to
    what (``target``, e.g. ``form:12``), with ``detail`` in words."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_created", "created_at"), Index("ix_audit_log_action", "action"),
                      Index("ix_audit_log_user", "user_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(64))
