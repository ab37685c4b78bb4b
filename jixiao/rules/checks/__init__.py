"""One module per check, each with a stable ``CODE`` (see :mod:`jixiao.rules.base`), found by its
name (``seNNN_*.py``): a new check is a new module here."""

from __future__ import annotations

from jixiao.rules.base import discover

MODULES = discover(__name__)
