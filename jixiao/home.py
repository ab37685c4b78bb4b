"""Where jixiao finds its data files: ``$JIXIAO_HOME/<kind>`` first (a province's own rule profiles,
lexicons … without editing the install), then the package's own directory for that kind."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
PACKAGE_DIRS: dict[str, Path] = {
    "profiles": _PACKAGE / "rules" / "profiles",
    "lexicon": _PACKAGE / "recognize" / "lexicon",
    "templates": _PACKAGE / "web" / "templates",
}


def home() -> Path | None:
    """``$JIXIAO_HOME`` when it is set and names a directory."""
    value = os.environ.get("JIXIAO_HOME", "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_dir() else None


def data_dirs(kind: str) -> list[Path]:
    """``[$JIXIAO_HOME/<kind>]`` (when set and existing), then the package's directory for ``kind``;
    a file found in an earlier directory wins over one of the same name in a later one."""
    if kind not in PACKAGE_DIRS:
        raise ValueError(f"未知数据类别 / unknown data kind: {kind}（可用 / known: {', '.join(PACKAGE_DIRS)}）")
    root = home()
    dirs = [root / kind] if root is not None and (root / kind).is_dir() else []
    return [*dirs, PACKAGE_DIRS[kind]]
