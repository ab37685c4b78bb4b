"""`jixiao export-form ID --format docx|xlsx|pdf --output PATH` (DESIGN §5.4).

Writes one stored form in the official layout (the self-evaluation form, the target declaration,
an evaluation's score table) from the exact JSON the store keeps. Exit codes: 0 written; 2 unknown
id, a form kind with no official layout, bad arguments, an unreachable database or a file that
cannot be written (one-line reason on stderr).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from jixiao.present.store_cli import DbOption, DebugOption, _fail, _store


def export_form(
    form_id: Annotated[int, typer.Argument(help="表单ID（见 jixiao ls forms）/ form id")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="docx | xlsx | pdf")] = "docx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件 / output file")] = None,
    db: DbOption = None,
    debug: DebugOption = False,
) -> None:
    """按官方格式导出一张表单 / write one stored form in the official layout."""
    from sqlalchemy import select

    from jixiao.present.forms import FORMATS, LAYOUTS, FormWriteError, form_model, write_form
    from jixiao.store.schema import FormRow

    if fmt not in FORMATS:
        _fail(f"未知格式 / unknown format: {fmt}（{' | '.join(FORMATS)}）")
    with _store(db, debug, migrate=False) as engine, engine.connect() as conn:
        row = conn.execute(select(FormRow.kind, FormRow.data).where(FormRow.id == form_id)).first()
    if row is None:
        _fail(f"没有这张表单 / no form with id {form_id}")
    kind, data = row
    if kind not in LAYOUTS:
        _fail(f"表单 {form_id}（{kind}）没有官方版式 / no official layout for {kind}")
    try:
        form = form_model(kind, data)
    except ValidationError as error:
        _fail(f"表单 {form_id} 的数据无法读取 / stored form is unreadable: {error.error_count()} errors", debug, error)
    path = output if output is not None else Path(f"form-{form_id}.{fmt}")
    try:
        write_form(form, fmt, path)
    except (OSError, FormWriteError) as error:
        _fail(f"{path}: 无法写入 / cannot write: {getattr(error, 'strerror', None) or error}", debug, error)
    print(f"已写出 {path} / wrote {path}")


def register(app: typer.Typer) -> None:
    app.command(name="export-form")(export_form)
