"""jixiao 绩效 — budget performance forms as data: read, recognize, score, audit.

Public API::

    from jixiao import extract_path, extract_bytes
"""

from jixiao.extract import Document, extract_bytes, extract_path

__version__ = "0.1.0"
__all__ = ["Document", "__version__", "extract_bytes", "extract_path"]
