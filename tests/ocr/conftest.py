"""OCR tests: skipped where the ``ocr`` extra is not installed, failing in CI (which installs it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def need_ocr() -> None:
    """The ``ocr`` extra: CI must have it (requirements.lock holds it), elsewhere the test skips."""
    from jixiao.read.ocr import available

    if not available():
        message = "OCR extra not installed: pip install 'jixiao[ocr]' (CI installs it from requirements.lock)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def ocr_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A JIXIAO_HOME of the tests' own: the OCR cache starts empty (every page is really read once)."""
    need_ocr()
    home = tmp_path_factory.mktemp("ocr_home")
    previous = os.environ.get("JIXIAO_HOME")
    os.environ["JIXIAO_HOME"] = str(home)
    os.environ.pop("JIXIAO_OCR_CACHE", None)
    yield home
    if previous is None:
        os.environ.pop("JIXIAO_HOME", None)
    else:
        os.environ["JIXIAO_HOME"] = previous
