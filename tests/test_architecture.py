"""The shape of the system (DESIGN §4, docs/architecture.md), held by tests:

* ``jixiao.rules`` imports nothing from ``jixiao.read`` or ``jixiao.recognize`` (nor ``jixiao.extract``,
  which chains them), checked both ways: in a fresh interpreter's ``sys.modules`` and in the import
  graph of the source;
* ``jixiao.web`` imports nothing from the CLI (``jixiao.present.cli``, ``jixiao.present.*_cli``);
* no import cycles between the package's modules;
* the answers of "where do I add …" work: a province is two data files, a rule is one module, output
  formats and form kinds each have one registry.

The import graph is read from the source (AST): every ``import`` and ``from … import`` anywhere in a
module — at the top, inside functions, and under ``if TYPE_CHECKING:`` alike (none is skipped).
``from package import submodule`` is an edge to the submodule; the package's ``__init__`` that Python
runs on the way is not counted as an edge of its own (every submodule import would make one).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

from tests.recognize.test_lexicon import FORM  # a self-evaluation with {executed} as its executed column

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "jixiao"
CLI = ("jixiao.present.cli",)


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_name(p): p for p in PACKAGE.rglob("*.py")}


def _owner(name: str) -> str | None:
    """The package module that ``name`` (a module, or a name inside one) belongs to."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str) -> set[str]:
    """The package modules that module ``name`` imports, anywhere in its source."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            subs = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules()]
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(base)
    owners = {_owner(m) for m in found}
    return {m for m in owners if m is not None and m != name}


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imports_of(name)) for name in modules()}


def reachable(start: str) -> set[str]:
    """Every package module that importing the modules under ``start`` can import."""
    todo = [m for m in modules() if m == start or m.startswith(start + ".")]
    seen = set(todo)
    while todo:
        for nxt in graph()[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    g = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(g):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(g[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(g[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _is_cli(module: str) -> bool:
    return module in CLI or (module.startswith("jixiao.present.") and module.endswith("_cli"))


def test_the_graph_sees_imports() -> None:
    """The reader of the graph finds what it is meant to: absolute, relative and in-function imports."""
    assert "jixiao.model.document" in graph()["jixiao.extract"]
    assert "jixiao.web.api" in graph()["jixiao.web.app"]
    assert "jixiao.store.db" in graph()["jixiao.store"]  # under TYPE_CHECKING and lazily
    assert any(_is_cli(m) for m in graph()["jixiao.present.cli"])


def test_rules_import_nothing_from_read_or_recognize() -> None:
    bad = sorted(m for m in reachable("jixiao.rules") if m.startswith(("jixiao.read", "jixiao.recognize"))
                 or m == "jixiao.extract")
    assert not bad, f"jixiao.rules reaches {bad}"


def test_rules_load_without_read_or_recognize() -> None:
    code = ("import sys, json, jixiao.rules\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('jixiao.read', 'jixiao.recognize', "
            "'jixiao.extract')))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                            timeout=120)
    assert json.loads(result.stdout) == []


def test_web_imports_nothing_from_the_cli() -> None:
    bad = sorted(m for m in reachable("jixiao.web") if _is_cli(m))
    assert not bad, f"jixiao.web reaches the CLI: {bad}"


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_a_cycle_would_be_found(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset({"a"})}
    monkeypatch.setattr(sys.modules[__name__], "graph", lambda: fake)
    assert cycles() == [["a", "b", "c"]]


# ---- "where do I add …" (docs/architecture.md), each answer tried ----

PROVINCE_LEXICON = '[funds_column]\nexecuted = ["本年度实际拨付数"]\n'
PROVINCE_PROFILE = 'name = "examplia"\ntitle = "示例省"\nextends = "national"\n'


def _jixiao(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIXIAO_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300, check=False)


def test_a_province_is_two_data_files(tmp_path: Path) -> None:
    """$JIXIAO_HOME/lexicon/<province>.toml (a wording the bundled lexicon lacks) and
    $JIXIAO_HOME/profiles/<province>.toml: the form reads and is checked under the new profile."""
    form = tmp_path / "form.txt"
    form.write_text(FORM.format(executed="本年度实际拨付数"), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    before = json.loads(_jixiao("extract", str(form), "--format", "json", home=home).stdout)
    assert before["documents"][0]["self_evaluations"][0]["funds"]["total"]["executed"] is None
    (home / "lexicon").mkdir()
    (home / "lexicon" / "examplia.toml").write_text(PROVINCE_LEXICON, encoding="utf-8")
    (home / "profiles").mkdir()
    (home / "profiles" / "examplia.toml").write_text(PROVINCE_PROFILE, encoding="utf-8")
    after = json.loads(_jixiao("extract", str(form), "--format", "json", home=home).stdout)
    assert after["documents"][0]["self_evaluations"][0]["funds"]["total"]["executed"] == 95
    checked = _jixiao("check", str(form), "--format", "json", "--profile", "examplia", home=home)
    assert checked.returncode in (0, 1), checked.stderr
    assert json.loads(checked.stdout)["summary"]["profile"] == "examplia"


RULE = '''
"""示例规则：项目名称为空。

Bad::

    项目名称（空）

Good::

    项目名称 社区绿化提升工程
"""

from collections.abc import Iterator

from jixiao.rules.base import Context
from jixiao.rules.finding import Finding

CODE = "SE999"
NAME = "example-rule"
SEVERITY = "warning"
CATEGORY = "missing"


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.form.project_name:
        yield ctx.finding("项目名称为空。")
'''


def test_a_rule_is_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module named like a rule in a rules package is found, listed and run, registered nowhere
    else (a throwaway package here, so the test leaves jixiao's own checks alone)."""
    from jixiao.model.selfeval import SelfEvaluation
    from jixiao.rules import Rule, check_form
    from jixiao.rules.base import discover

    package = tmp_path / "example_rules"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "se999_example.py").write_text(textwrap.dedent(RULE), encoding="utf-8")
    (package / "helpers.py").write_text("", encoding="utf-8")  # not a rule: not picked up
    monkeypatch.syspath_prepend(str(tmp_path))
    found = discover("example_rules")
    assert [m.__name__ for m in found] == ["example_rules.se999_example"]
    rule = Rule.from_module(found[0])
    assert (rule.code, rule.summary) == ("SE999", "示例规则：项目名称为空。")
    findings = check_form(SelfEvaluation(), rules=(rule,))
    assert [(f.code, f.severity, f.category) for f in findings] == [("SE999", "warning", "missing")]


def test_output_formats_are_one_registry() -> None:
    """Every format a command accepts is in the registry; the commands and the web take theirs from it."""
    from jixiao.present import check_cli, forms, forms_cli
    from jixiao.present.formats import COMMAND_FORMATS, OUTPUT_FORMATS, formats_of, media_type

    assert all(f in OUTPUT_FORMATS for fs in COMMAND_FORMATS.values() for f in fs)
    assert formats_of("check") == check_cli.FORMATS
    assert forms.FORMATS == forms_cli.FORMATS == formats_of("form")
    assert media_type("pdf") == "application/pdf"


def test_every_form_kind_is_registered_once() -> None:
    """One registry of form kinds: each kind's model says it is that kind, its DOC key is a list on
    Document, its layout is one the writers know, and the name maps elsewhere are read from it."""
    from typing import get_args

    from jixiao.model.document import Document
    from jixiao.model.kinds import FORM_KINDS, FormKind
    from jixiao.present.check_cli import KIND_LABEL
    from jixiao.present.forms import LAYOUTS
    from jixiao.store.export import KIND_LABELS
    from jixiao.store.queries import KINDS
    from jixiao.web.formview import KIND_NAMES

    assert tuple(FORM_KINDS) == get_args(FormKind) == KINDS
    for kind, info in FORM_KINDS.items():
        assert info.kind == kind
        assert kind in get_args(info.model.model_fields["kind"].annotation)
        assert info.key in Document.model_fields
        assert KIND_NAMES[kind] == info.name and KIND_LABEL[kind] == info.short
        assert KIND_LABELS[kind] == info.sheet_name
        assert LAYOUTS.get(kind) == info.layout
    doc = Document(source="x")
    assert list(doc.forms()) == []
