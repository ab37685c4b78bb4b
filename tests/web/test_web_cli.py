"""``jixiao user add/list/passwd`` and ``jixiao serve``'s argument errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.store import connect
from jixiao.web.users import authenticate

runner = CliRunner()


def test_user_add_list_passwd(tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    result = runner.invoke(app, ["user", "add", "chief", "--role", "reviewer", "--password", "first-pass-1",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["user", "list", "--db", db, "--format", "json"])
    assert json.loads(listed.output) == [{"id": 1, "username": "chief", "role": "reviewer", "units": []}]
    assert runner.invoke(app, ["user", "passwd", "chief", "--password", "second-pass-2", "--db", db]).exit_code == 0
    engine = connect(db)
    assert authenticate(engine, "chief", "first-pass-1") is None
    user = authenticate(engine, "chief", "second-pass-2")
    engine.dispose()
    assert user is not None and user.role == "reviewer" and user.units is None


def test_user_errors_exit_2_with_a_reason(tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    cases = [(["user", "add", "x", "--role", "king", "--password", "long-enough"], "未知角色"),
             (["user", "add", "x", "--role", "unit", "--password", "long-enough"], "须指定一个单位"),
             (["user", "add", "x", "--role", "unit", "--unit", "没有的单位", "--password", "long-enough"],
              "没有这个单位"),
             (["user", "add", "x", "--password", "short"], "密码至少"),
             (["user", "passwd", "nobody", "--password", "long-enough"], "没有这个用户")]
    for args, reason in cases:
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, args
        assert reason in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_serve_refuses_a_bad_database_or_port(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing" / "x.db")])
    assert result.exit_code == 2 and "数据库目录不存在" in result.output
    result = runner.invoke(app, ["serve", "--port", "70000", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "端口无效" in result.output
