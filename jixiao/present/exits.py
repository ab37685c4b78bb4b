"""Exit codes of every command (DESIGN §5.3), in one place: 0 done; 1 done, and problems found;
2 could not do what was asked — an unreadable file, bad arguments, an unreachable database: any
:class:`jixiao.errors.JixiaoError` or ``OSError`` — with a one-line reason on stderr (passwords
masked) and no traceback unless ``--debug``."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from jixiao.errors import JixiaoError, mask_secrets

OK = 0
PROBLEMS = 1
FAILED = 2


def exit_code(error: BaseException | None = None, *, problems: bool = False) -> int:
    """The exit code for a run that raised ``error`` (``None``: it finished) and found ``problems``."""
    if error is None:
        return PROBLEMS if problems else OK
    if isinstance(error, JixiaoError | OSError | KeyboardInterrupt):
        return FAILED
    raise error  # a bug: let it show


def fail(message: str, debug: bool = False, error: BaseException | None = None) -> NoReturn:
    """Stop with exit code 2 and ``message`` as the one line on stderr (with ``--debug``: raise
    ``error`` for its traceback)."""
    if debug and error is not None:
        raise error
    print(f"jixiao: {mask_secrets(message)}", file=sys.stderr)
    raise typer.Exit(FAILED)


def problems_found(found: bool) -> None:
    """Exit 1 when the run found problems (else return and exit 0)."""
    if found:
        raise typer.Exit(PROBLEMS)


__all__ = ["FAILED", "OK", "PROBLEMS", "exit_code", "fail", "problems_found"]
