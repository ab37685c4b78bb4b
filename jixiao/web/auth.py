"""Sessions, CSRF tokens and login throttling.

A session lives in the database (table ``web_sessions``): the cookie carries only a random token,
the table its SHA-256, the user, when it began and was last used, and when it was revoked (logout,
a password change). A session idle longer than the idle timeout (2 h by default) or older than 12 h
is over. The session's CSRF token is a hash of its token; every POST carries it (form field
``csrf_token`` or header ``X-CSRF-Token``) and is refused without it. Before login the CSRF token
lives in its own signed cookie.

Failed logins are counted per (account, address) pair in the database (``login_failures``, shared by
all worker processes): after ``attempts`` failures each further one doubles the wait (429 with
``Retry-After``) up to ``max_delay``; a success clears the pair. Nobody is ever locked out: another
address, or another account from the same address, logs in as usual.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Connection, Engine, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from jixiao.web.schema import LoginFailure, WebSession

SESSIONS, FAILURES = (cast(Table, m.__table__) for m in (WebSession, LoginFailure))

SESSION_COOKIE = "jixiao_session"
CSRF_COOKIE = "jixiao_csrf"
SESSION_AGE = 12 * 3600  # a session ends 12 h after login, however busy
IDLE_TIMEOUT = 2 * 3600  # ... or after 2 h without a request (``create_app(idle_timeout=…)``)
_TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute per session


class NotLoggedIn(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


@dataclass
class Signer:
    secret: str

    def __post_init__(self) -> None:
        self._csrf = URLSafeTimedSerializer(self.secret, salt="jixiao-csrf")

    def anonymous(self) -> tuple[str, str]:
        token = secrets.token_urlsafe(24)
        return self._csrf.dumps(token), token

    def read_anonymous(self, value: str | None) -> str | None:
        if not value:
            return None
        try:
            token = self._csrf.loads(value, max_age=SESSION_AGE)
        except BadSignature:
            return None
        return token if isinstance(token, str) else None


def check_csrf(expected: str | None, given: str | None) -> None:
    """403 unless the request carries the token of its session."""
    if not expected or not given or not secrets.compare_digest(expected, given):
        raise HTTPException(status_code=403, detail="CSRF 校验失败，请刷新页面后重试 / CSRF token missing or invalid")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def csrf_for(token: str) -> str:
    """The CSRF token of the session whose cookie carries ``token`` (one-way: it does not reveal the
    token, and it survives a restart of the server as the session does)."""
    return hashlib.sha256(b"jixiao-csrf:" + token.encode()).hexdigest()[:32]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite returns naive UTC


def start_session(engine: Engine, user_id: int) -> str:
    """A new session for ``user_id``; returns the token for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(delete(SESSIONS).where(SESSIONS.c.created_at < now - timedelta(seconds=SESSION_AGE * 2)))
        conn.execute(insert(SESSIONS), {"token_hash": _hash(token), "user_id": user_id, "created_at": now,
                                        "last_seen": now, "revoked_at": None})
    return token


def read_session(conn: Connection, token: str | None, idle_timeout: float = IDLE_TIMEOUT) -> int | None:
    """The user id of the live session with this token (and a touch of its ``last_seen``), else None."""
    if not token or len(token) > 200:
        return None
    row = conn.execute(select(SESSIONS.c.id, SESSIONS.c.user_id, SESSIONS.c.created_at, SESSIONS.c.last_seen,
                              SESSIONS.c.revoked_at).where(SESSIONS.c.token_hash == _hash(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    now = datetime.now(UTC)
    last_seen = _aware(row.last_seen)
    if now - last_seen > timedelta(seconds=idle_timeout) or now - _aware(row.created_at) > timedelta(
            seconds=SESSION_AGE):
        return None
    if now - last_seen > _TOUCH_EVERY:
        conn.execute(update(SESSIONS).where(SESSIONS.c.id == row.id).values(last_seen=now))  # autocommit
    return int(row.user_id)


def end_session(engine: Engine, token: str | None) -> None:
    """Revoke the session with this token (logout): its cookie no longer opens anything."""
    if token:
        with engine.begin() as conn:
            conn.execute(update(SESSIONS).where(SESSIONS.c.token_hash == _hash(token))
                         .values(revoked_at=datetime.now(UTC)))


def end_sessions_of(conn: Connection, user_id: int, keep: str | None = None) -> None:
    """Revoke every session of a user (password change, reset, disabling), but the one whose cookie
    carries ``keep`` (the user's own password change keeps the session it was made in)."""
    query = update(SESSIONS).where(SESSIONS.c.user_id == user_id, SESSIONS.c.revoked_at.is_(None))
    if keep:
        query = query.where(SESSIONS.c.token_hash != _hash(keep))
    conn.execute(query.values(revoked_at=datetime.now(UTC)))


@dataclass
class LoginLimiter:
    """Backoff per (account, address) pair, in the database so every worker sees it: after
    ``attempts`` failures the pair waits ``base_delay`` seconds, after each further failure twice as
    long (at most ``max_delay``). A pair quiet for a day is forgotten; a success forgets it at once."""

    attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 900.0

    def retry_after(self, engine: Engine, key: str) -> int:
        """Seconds until this pair may try again (0: now)."""
        with engine.connect() as conn:
            until = conn.execute(select(FAILURES.c.blocked_until).where(FAILURES.c.key_hash == _hash(key))).scalar()
        wait = (until or 0.0) - time.time()
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, engine: Engine, key: str) -> None:
        now, key_hash = time.time(), _hash(key)
        for _ in range(3):  # two workers may insert the same pair at once: the loser updates
            try:
                with engine.begin() as conn:
                    conn.execute(delete(FAILURES).where(FAILURES.c.last_failure < now - 86400))
                    count = conn.execute(select(FAILURES.c.failures).where(FAILURES.c.key_hash == key_hash)
                                         .with_for_update()).scalar()
                    failures = (count or 0) + 1
                    over = failures - self.attempts  # 0 at the last free failure: the first wait
                    until = now + min(self.base_delay * 2 ** over, self.max_delay) if over >= 0 else 0.0
                    values = {"failures": failures, "last_failure": now, "blocked_until": until}
                    if count is None:
                        conn.execute(insert(FAILURES), {"key_hash": key_hash, **values})
                    else:
                        conn.execute(update(FAILURES).where(FAILURES.c.key_hash == key_hash).values(**values))
                return
            except IntegrityError:
                continue

    def succeeded(self, engine: Engine, key: str) -> None:
        with engine.begin() as conn:
            conn.execute(delete(FAILURES).where(FAILURES.c.key_hash == _hash(key)))


def client_key(request: Request, username: str) -> str:
    """The (account, address) pair a login attempt counts against."""
    host = request.client.host if request.client else "?"
    return f"{username.strip().lower()}\n{host}"
