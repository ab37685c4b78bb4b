"""Packaging: ranges in pyproject and exact versions in requirements.lock (which CI installs), a
lean default install whose CLI says what to install for the web app, ``python -m jixiao``."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import util
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def _requirements() -> list[tuple[str, str]]:
    project = _pyproject()["project"]
    out = []
    for spec in [*project["dependencies"], *(s for group in project["optional-dependencies"].values() for s in group)]:
        match = _NAME.match(spec.split(";")[0].strip())
        assert match, spec
        if _norm(match[1]) != "jixiao":  # jixiao[pg,server]: the other extras
            out.append((_norm(match[1]), match[3]))
    return out


def test_dependencies_are_ranges() -> None:
    for name, version in _requirements():
        assert "==" not in version, f"{name} is pinned: the exact versions belong in requirements.lock"
        assert ">=" in version and "<" in version, f"{name}: give a range >=X,<Y ({version!r})"


def test_lock_file_pins_every_dependency() -> None:
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.split(";")[0].partition("==")
            locked[_norm(name)] = version.strip()
    assert all(locked.values()), "every line of requirements.lock is name==version"
    missing = [name for name, _ in _requirements() if name not in locked]
    assert not missing, f"not in requirements.lock: {missing}"


def test_lean_install_leaves_out_postgres_and_the_server() -> None:
    project = _pyproject()["project"]
    core = {_norm(_NAME.match(s)[1]) for s in project["dependencies"]}  # type: ignore[index]
    assert not core & {"psycopg", "fastapi", "uvicorn", "argon2-cffi", "jinja2", "itsdangerous"}
    assert {"pg", "server", "dev"} <= set(project["optional-dependencies"])
    assert project["license"].startswith("Apache-2.0")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")


def test_python_dash_m_jixiao() -> None:
    done = subprocess.run([sys.executable, "-m", "jixiao", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "jixiao" in done.stdout


def test_web_commands_without_the_server_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from jixiao.present import store_cli
    from jixiao.present.cli import app
    from jixiao.present.web_cli import server_missing

    assert server_missing() is None  # the dev install has everything
    real = util.find_spec
    monkeypatch.setattr(util, "find_spec", lambda name, *a: None if name == "argon2" else real(name, *a))
    assert server_missing() == "argon2"
    for args in (["serve"], ["user", "list", "--db", str(tmp_path / "x.db")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "pip install 'jixiao[server]'" in result.output
    assert store_cli._demo_login(None) is None  # type: ignore[arg-type]  # demo: no account, no import
