"""The one exception tree of jixiao. Every error a stage raises on purpose — a file it will not read,
a profile it cannot load, a database it cannot reach — is a :class:`JixiaoError` with a one-line
reason (Chinese, then English) that can be shown to the user as it is::

    JixiaoError                      anything jixiao refuses to do, with a one-line reason
    ├── ReadError                    a file that cannot be read at all
    │   ├── ReadRefused              hostile or broken content (jixiao.read.limits)
    │   └── NotRegularFile           a pipe, device or folder given as a file (also an OSError)
    ├── RecognizeError               recognition asked for something impossible
    │   └── EditError                a cell edit that does not fit the form (jixiao.recognize.edit)
    ├── RulesError
    │   └── ProfileError             a rule profile that cannot be loaded (jixiao.rules.profile)
    ├── StoreError                   the database cannot be reached or written (jixiao.store.db)
    └── PresentError
        ├── FormWriteError           an unknown output format or form kind (jixiao.present.forms)
        └── UserError                a user name, password or role refused (jixiao.web.users)

Subclasses keep the built-in base they had (``ProfileError`` is still a ``ValueError``,
``NotRegularFile`` an ``OSError``), so existing ``except`` clauses keep working.

The command line maps them to the exit codes of DESIGN §5.3 in one place,
:func:`jixiao.present.exits.exit_code`: 0 done, 1 done and problems found, 2 could not do what was
asked (any :class:`JixiaoError` or ``OSError``).
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _password_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(compiled when first needed: every extraction imports this module, few print an error)"""
    url = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/?#@\s]*:)(?P<secret>\S*)@", re.IGNORECASE)
    key = re.compile(r"(?P<head>\b(?:password|passwd|pwd|sslpassword)\s*=\s*)"
                     r"(?P<secret>'[^']*'|\"[^\"]*\"|[^\s&;,)]+)", re.IGNORECASE)
    return url, key


def mask_secrets(message: str) -> str:
    """The message with every password replaced by ``***``: in URLs (``scheme://user:secret@host``)
    and in connection strings or query parameters (``password=secret``)."""
    url, key = _password_patterns()
    message = url.sub(lambda m: f"{m['head']}***@", message)
    return key.sub(lambda m: f"{m['head']}***", message)


class JixiaoError(Exception):
    """Something jixiao will not do, with a one-line reason for the user."""


class ReadError(JixiaoError):
    """A file that cannot be read at all."""


class RecognizeError(JixiaoError):
    """Recognition asked for something the form does not allow."""


class RulesError(JixiaoError):
    """The rules cannot run (a profile that does not load)."""


class StoreError(JixiaoError):
    """The database cannot be reached, opened or used; ``str()`` is a one-line reason, with any
    password masked."""

    def __init__(self, message: str) -> None:
        super().__init__(mask_secrets(message))


class PresentError(JixiaoError):
    """An output that cannot be produced (an unknown format, a refused user)."""


__all__ = ["JixiaoError", "PresentError", "ReadError", "RecognizeError", "RulesError", "StoreError", "mask_secrets"]
