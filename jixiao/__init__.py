"""jixiao 绩效 — budget performance forms as data: read, recognize, score, audit.

Public API::

    from jixiao import extract_path, extract_bytes

The extraction code is imported on first use, so that commands which only query the store start
fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.extract import Document, extract_bytes, extract_path

__version__ = "0.1.0"
__all__ = ["Document", "__version__", "extract_bytes", "extract_path"]


def __getattr__(name: str) -> Any:
    if name in ("Document", "extract_bytes", "extract_path"):
        from jixiao import extract

        return getattr(extract, name)
    raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
