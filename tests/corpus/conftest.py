"""The corpus of real published excerpts (../shared/corpus/pages, beside the repo like the seeds)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    return Path(os.environ.get("JIXIAO_CORPUS", ROOT.parent / "shared" / "corpus" / "pages")).resolve()


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The corpus excerpts; CI must have them, elsewhere tests skip with the reason."""
    path = corpus_dir()
    if not (path / "READINGS.md").exists() or not any(path.glob("*.txt")):
        message = f"corpus excerpts not found at {path} (set JIXIAO_CORPUS)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
