"""The public surface of each stage is what docs/architecture.md says it is (httpx does this): every
package's ``__all__`` equals the names the doc lists for it, and every listed name resolves."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
STAGES = ("jixiao", "jixiao.errors", "jixiao.read", "jixiao.recognize", "jixiao.model", "jixiao.rules",
          "jixiao.store", "jixiao.present", "jixiao.web")


def documented() -> dict[str, set[str]]:
    """``{package: names}`` from the doc's "Public API" lines: ``- `package`: `name`, `name` …``."""
    section = DOC.read_text(encoding="utf-8").split("## Public API", 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    for line in section.splitlines():
        m = re.match(r"^- `(jixiao[\w.]*)`: (.+)$", line)
        if m:
            found[m.group(1)] = set(re.findall(r"`([^`]+)`", m.group(2)))
    return found


def test_every_stage_is_documented() -> None:
    assert set(documented()) == set(STAGES)


@pytest.mark.parametrize("package", STAGES)
def test_all_is_what_the_doc_says(package: str) -> None:
    module = importlib.import_module(package)
    names: list[str] = list(module.__all__)
    assert len(names) == len(set(names)), f"{package}.__all__ lists a name twice"
    assert set(names) == documented()[package], (
        f"{package}.__all__ and docs/architecture.md disagree: only in __all__ "
        f"{sorted(set(names) - documented()[package])}, only in the doc {sorted(documented()[package] - set(names))}")
    for name in names:
        assert getattr(module, name) is not None, f"{package}.{name} does not resolve"
