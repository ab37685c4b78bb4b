"""Names of a package loaded on first use (PEP 562), so that a light command does not import the
heavy machinery behind a package's public API. The package still imports each name under
``TYPE_CHECKING``, so that mypy sees it typed::

    if TYPE_CHECKING:
        from jixiao.store.db import connect
    _WHERE = {"connect": "jixiao.store.db"}
    __getattr__ = lazy_names(__name__, _WHERE)
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``name`` from the module ``where[name]``."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(where[name]), name)

    return __getattr__


__all__ = ["lazy_names"]
