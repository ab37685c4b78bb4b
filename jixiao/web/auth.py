"""Sessions, CSRF tokens and login throttling.

The session is a cookie signed with itsdangerous (user id + CSRF token, 12 h). Every POST carries
the CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``) and is refused without it.
Before login the token lives in its own signed cookie. Failed logins are counted per user name
and per client address; past the limit the login answers 429 until the window has passed.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "jixiao_session"
CSRF_COOKIE = "jixiao_csrf"
SESSION_AGE = 12 * 3600


class NotLoggedIn(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


@dataclass
class Signer:
    secret: str

    def __post_init__(self) -> None:
        self._session = URLSafeTimedSerializer(self.secret, salt="jixiao-session")
        self._csrf = URLSafeTimedSerializer(self.secret, salt="jixiao-csrf")

    def session(self, user_id: int) -> tuple[str, str]:
        """A new session cookie value and its CSRF token."""
        token = secrets.token_urlsafe(24)
        return self._session.dumps({"uid": user_id, "csrf": token}), token

    def read_session(self, value: str | None) -> dict[str, Any] | None:
        if not value:
            return None
        try:
            data = self._session.loads(value, max_age=SESSION_AGE)
        except BadSignature:
            return None
        return data if isinstance(data, dict) and isinstance(data.get("uid"), int) else None

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


@dataclass
class LoginLimiter:
    """At most ``attempts`` failed logins per user name (4× that per address) within ``window`` seconds."""

    attempts: int = 5
    window: float = 300.0
    _failures: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return deque()
        return times

    def retry_after(self, keys: list[str]) -> int:
        """Seconds until a login may be tried again (0: now)."""
        now = time.monotonic()
        wait = 0.0
        for key in keys:
            times = self._recent(key, now)
            limit = self.attempts if key.startswith("user:") else self.attempts * 4  # offices share addresses
            if len(times) >= limit:
                wait = max(wait, self.window - (now - times[0]))
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        for key in keys:
            self._failures[key].append(now)
            if len(self._failures) > 100_000:  # bounded memory under a flood of names
                self._failures.clear()

    def succeeded(self, keys: list[str]) -> None:
        for key in keys:
            self._failures.pop(key, None)


def client_keys(request: Request, username: str) -> list[str]:
    host = request.client.host if request.client else "?"
    return [f"user:{username.strip().lower()}", f"addr:{host}"]
