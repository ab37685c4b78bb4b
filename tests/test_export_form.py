"""`jixiao export-form ID`: a stored form written in the official layout reads back to the same form."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.extract import extract_path
from jixiao.present.jsonout import document_json
from tests.conftest import seed
from tests.helpers import contract


def jixiao(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.present", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def stored(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    where = tmp_path_factory.mktemp("export_form")
    result = jixiao("ingest", "--db", str(where / "j.db"), str(seed(seeds, "004")), cwd=where)
    assert result.returncode == 0, result.stderr
    listed = jixiao("ls", "forms", "--db", str(where / "j.db"), "--format", "json", cwd=where)
    forms: list[dict[str, object]] = json.loads(listed.stdout)
    return where, forms


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_stored_form_written_and_read_back(stored: tuple[Path, list[dict[str, object]]], seeds: Path,
                                           fmt: str) -> None:
    where, forms = stored
    first = forms[2]
    out = where / f"form.{fmt}"
    result = jixiao("export-form", str(first["id"]), "--db", str(where / "j.db"), "--format", fmt, "--output",
                    str(out), cwd=where)
    assert result.returncode == 0, result.stderr
    again = document_json(extract_path(out))
    assert again["format"] == fmt
    original = document_json(extract_path(seed(seeds, "004")))["self_evaluations"][2]
    assert contract(again["self_evaluations"][0], with_location=False) == contract(original, with_location=False)


def test_unknown_id_and_format(stored: tuple[Path, list[dict[str, object]]]) -> None:
    where, _ = stored
    missing = jixiao("export-form", "99999", "--db", str(where / "j.db"), cwd=where)
    assert missing.returncode == 2 and "99999" in missing.stderr and "Traceback" not in missing.stderr
    bad = jixiao("export-form", "1", "--db", str(where / "j.db"), "--format", "odt", cwd=where)
    assert bad.returncode == 2 and "odt" in bad.stderr
