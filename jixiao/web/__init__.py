"""The web app (``jixiao serve``): FastAPI + Jinja2 pages with htmx and ECharts vendored in ``static/``.

Public API::

    from jixiao.web import create_app
    app = create_app("sqlite:///jixiao.db")      # or None: JIXIAO_DB or ./jixiao.db
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_url: str | None = None, **options: Any) -> FastAPI:
    """See :func:`jixiao.web.app.create_app` (imported on first use: the CLI stays light)."""
    from jixiao.web.app import create_app as _create

    return _create(db_url, **options)
