"""docs/rules.md is the output of `jixiao rules --format markdown`: regenerate it when a rule changes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.rules import ALL_RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_the_generated_reference() -> None:
    result = CliRunner().invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert DOCS.read_text(encoding="utf-8") == result.stdout, (
        "docs/rules.md is stale: run `jixiao rules --format markdown > docs/rules.md`")


def test_reference_holds_every_rule_with_its_examples() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for rule in ALL_RULES:
        section = text.split(f"### {rule.code}\n")[1].split("\n### ")[0]
        assert f"`{rule.severity}`" in section and f"`{rule.category}`" in section
        assert "错误示例 / Bad:" in section and "正确示例 / Good:" in section, rule.code
