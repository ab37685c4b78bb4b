from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def seeds_dir() -> Path:
    return Path(os.environ.get("JIXIAO_SEEDS", ROOT.parent / "shared" / "seeds")).resolve()


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed documents; CI must have them, elsewhere tests skip with the reason."""
    path = seeds_dir()
    if not (path / "README.md").exists() and not any(path.glob("*.txt")):
        message = f"seed documents not found at {path} (set JIXIAO_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def seed(seeds: Path, prefix: str) -> Path:
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix}_*.txt missing in {seeds}")
    return matches[0]
