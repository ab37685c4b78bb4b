from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# No wall-clock deadline on PDF reading: a loaded machine must not read fewer pages (the page cap
# still bounds the work; tests/read/test_read_deadline.py tests the deadline with a fake clock).
os.environ.setdefault("JIXIAO_PDF_SECONDS", "off")


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


def need_soffice() -> str:
    """LibreOffice's ``soffice``: CI must have it (.ci/run installs it), elsewhere the test skips."""
    from jixiao.read.convert import soffice

    exe = soffice()
    if exe is None:
        message = "LibreOffice (soffice) not installed: apt-get install -y libreoffice-writer-nogui (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


def seed(seeds: Path, prefix: str) -> Path:
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix}_*.txt missing in {seeds}")
    return matches[0]
