"""Units as master data: code, name, aliases, the 主管部门 tree; documents matched to a unit by name,
code or alias, so a name variant never splits a unit in two. On SQLite and PostgreSQL."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from jixiao.samples.generator import make_form
from jixiao.samples.layouts import render
from jixiao.store import connect, ingest
from jixiao.store.queries import forms
from jixiao.store.schema import Unit
from jixiao.store.units import UnitError, add_alias, add_unit, find, name_key, resolve, tree, update_unit


def write_forms(path: Path, department: str | None, implementing_unit: str | None, projects: int = 2,
                seed: int = 3) -> Path:
    """A text file of ``projects`` self-evaluations printing these unit names."""
    rng = random.Random(seed)
    made = [make_form(rng, "单位", name, 2024, None).model_copy(
        update={"department": department, "implementing_unit": implementing_unit})
        for name in ("社区绿化养护经费", "老旧小区综合整治", "居家养老服务补贴")[:projects]]
    path.write_text(render(made, "tabs"), encoding="utf-8")
    return path


def units_of(engine: Engine) -> dict[str, int]:
    """Unit name → number of current forms filed under it."""
    with engine.connect() as conn:
        rows = forms(conn)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["unit"]] = counts.get(row["unit"], 0) + 1
    return counts


def test_name_key_ignores_spaces_and_full_width() -> None:
    assert name_key(" 示例 街道\u3000办事处 ") == "示例街道办事处"
    assert name_key("ＡＢＣ１２３局") == "ABC123局"
    assert name_key("示例街道") != name_key("示例街道办事处")


def test_an_alias_files_a_variant_under_the_master_unit(db_url: str, tmp_path: Path) -> None:
    engine = connect(db_url)
    unit_id = add_unit(engine, "示例街道办事处", code="103001", aliases=["示例街道"])
    write_forms(tmp_path / "a.txt", "示例街道办事处", "示例街道办事处")
    write_forms(tmp_path / "b.txt", "示例街道", "示例街道", seed=4)  # the short name
    write_forms(tmp_path / "c.txt", None, "103001-示例街道办事处", seed=5)  # code-name cell
    write_forms(tmp_path / "d.txt", None, "示例 街道办事处", seed=6)  # written with a space
    summary = ingest(engine, [tmp_path], jobs=1)
    assert summary.stored == 4 and not summary.failures
    assert units_of(engine) == {"示例街道办事处": 8}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Unit)).scalar() == 1
        short, code, by_id = find(conn, "示例街道"), find(conn, "103001"), find(conn, f"#{unit_id}")
        assert short is not None and code is not None and by_id is not None
        assert short["id"] == unit_id and code["id"] == unit_id and by_id["name"] == "示例街道办事处"
        assert find(conn, "别的单位") is None
    engine.dispose()


def test_an_unknown_name_still_makes_an_unlisted_unit(db_url: str, tmp_path: Path) -> None:
    engine = connect(db_url)
    add_unit(engine, "示例街道办事处")
    write_forms(tmp_path / "a.txt", "演示镇人民政府", "演示镇人民政府")
    ingest(engine, [tmp_path], jobs=1)
    with engine.connect() as conn:
        listed = {row["name"]: row["listed"] for row in tree(conn)}
    assert listed == {"示例街道办事处": True, "演示镇人民政府": False}
    engine.dispose()


def test_an_alias_merges_the_unit_a_variant_made(db_url: str, tmp_path: Path) -> None:
    """Forms ingested under a variant before the alias existed move to the master unit, with the
    users of the variant; the variant's name is an alias from then on."""
    from jixiao.web.users import add_user, list_users

    engine = connect(db_url)
    write_forms(tmp_path / "a.txt", "示例街道办事处", "示例街道办事处")
    write_forms(tmp_path / "b.txt", "示例街道", "示例街道", seed=4)
    ingest(engine, [tmp_path], jobs=1)
    assert units_of(engine) == {"示例街道办事处": 2, "示例街道": 2}
    add_user(engine, "staff", "correct-horse-9", "unit", ["示例街道"])
    add_user(engine, "evaluator", "correct-horse-9", "evaluator", ["示例街道", "示例街道办事处"])
    add_unit(engine, "示例街道办事处", code="103001")
    assert add_alias(engine, "103001", "示例街道") == 2
    assert units_of(engine) == {"示例街道办事处": 4}
    assert {u["username"]: u["units"] for u in list_users(engine)} == {
        "staff": ["示例街道办事处"], "evaluator": ["示例街道办事处"]}
    write_forms(tmp_path / "e.txt", "示例街道", "示例街道", seed=9)  # a later file with the short name
    ingest(engine, [tmp_path / "e.txt"], jobs=1)
    assert units_of(engine) == {"示例街道办事处": 6}
    engine.dispose()


def test_the_tree_and_its_checks(db_url: str) -> None:
    engine = connect(db_url)
    top = add_unit(engine, "示例区教育局", code="201")
    school = add_unit(engine, "示例第一中学", code="201001", parent="201")
    add_unit(engine, "示例第二中学", code="201002", parent="示例区教育局")
    other = add_unit(engine, "示例区卫健委", code="301")
    with engine.connect() as conn:
        rows = tree(conn)
        assert [(r["name"], r["depth"]) for r in rows] == [
            ("示例区教育局", 0), ("示例第一中学", 1), ("示例第二中学", 1), ("示例区卫健委", 0)]
        assert [r["name"] for r in tree(conn, frozenset([school]))] == ["示例区教育局", "示例第一中学"]
        assert [r["name"] for r in tree(conn, frozenset([top]))] == ["示例区教育局", "示例第一中学", "示例第二中学"]
    with pytest.raises(UnitError, match="下属单位"):
        update_unit(engine, top, "示例区教育局", "201", "201001")  # its own 下属单位 as 主管部门
    with pytest.raises(UnitError, match="已属于"):
        add_unit(engine, "示例第三中学", code="201001")
    with pytest.raises(UnitError, match="名录中已有"):
        add_unit(engine, "示例区卫健委")
    with pytest.raises(UnitError, match="名录中另一个单位"):
        add_alias(engine, "201", "示例区卫健委")
    with pytest.raises(UnitError, match="没有这个单位"):
        add_unit(engine, "示例第四中学", parent="不存在的局")
    add_alias(engine, "301", "区卫健委")
    with pytest.raises(UnitError, match="另一个单位的别名"):
        add_alias(engine, "201", "区 卫健委")
    update_unit(engine, other, "示例区卫生健康委员会", "301", "")
    with engine.connect() as conn:
        assert resolve(conn, ["区卫健委", "301", "示例区卫生健康委员会", "999301-区卫健委", "999-别的委员会"],
                       create=False) == {"区卫健委": other, "301": other, "示例区卫生健康委员会": other,
                                         "999301-区卫健委": other}
    engine.dispose()


def test_unit_commands(db_url: str, tmp_path: Path) -> None:
    """``jixiao unit add|alias|list``: the tree as JSON, variants merged, one-line refusals (exit 2)."""
    import json

    from typer.testing import CliRunner

    from jixiao.present.cli import app

    runner = CliRunner()

    def run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [*args, "--db", db_url])
        return result.exit_code, result.stdout, result.stderr

    write_forms(tmp_path / "a.txt", "一中", "一中")
    assert run("ingest", str(tmp_path / "a.txt"))[0] == 0
    assert run("unit", "add", "示例区教育局", "--code", "201") == (0, "已加入单位名录：示例区教育局（ID 2）\n", "")
    code, out, _ = run("unit", "add", "示例第一中学", "--code", "201001", "--parent", "201", "--alias", "第一中学")
    assert code == 0 and out.startswith("已加入单位名录：示例第一中学")
    assert run("unit", "alias", "201001", "一中") == (0, "已加别名：一中（原以此名入库的 2 张表单已并入）\n", "")
    code, out, _ = run("unit", "list", "--format", "json")
    assert code == 0
    assert [(u["name"], u["code"], u["depth"], u["aliases"], u["forms"], u["listed"]) for u in json.loads(out)] == [
        ("示例区教育局", "201", 0, [], 0, True), ("示例第一中学", "201001", 1, ["一中", "第一中学"], 2, True)]
    code, out, _ = run("unit", "list")
    assert out == ("示例区教育局  代码 201  表单 0\n"
                   "  示例第一中学  代码 201001  表单 2  别名 一中、第一中学\n")
    code, out, err = run("unit", "add", "示例第二中学", "--code", "201001")
    assert code == 2 and out == "" and err == "jixiao: 单位代码 201001 已属于「示例第一中学」\n"
    assert run("unit", "alias", "不存在", "x")[2] == "jixiao: 没有这个单位：不存在\n"
    assert run("unit", "list", "--format", "xml")[0] == 2


def test_the_migration_builds_the_unit_and_upload_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jixiao.store.schema import Base
    from jixiao.web.upload_schema import Upload

    engine = connect(db_url)
    mine = {"units", "unit_aliases", Upload.__tablename__}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, _parents: kind != "table" or name in mine,
            "include_object": lambda _obj, name, kind, _reflected, _other: kind != "table" or name in mine})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
