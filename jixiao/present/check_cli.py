"""`jixiao check` and `jixiao rules` (placeholder until the rules engine lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the check/rules commands to the CLI."""
