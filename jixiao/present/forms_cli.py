"""`jixiao template selfeval|department|declaration --format docx|xlsx|pdf --output PATH` (DESIGN §5.4).

Writes the blank official form a unit fills in; jixiao reads the filled file back. Exit codes:
0 written, 2 bad arguments or the file cannot be written (one-line reason on stderr).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.model.kinds import FORM_KINDS
from jixiao.present.exits import fail
from jixiao.present.formats import formats_of

FORMATS = formats_of("form")  # as jixiao.present.forms.FORMATS, imported on use
TEMPLATES = tuple(info.template for info in FORM_KINDS.values() if info.template)  # as jixiao.present.forms.TEMPLATES


def register(app: typer.Typer) -> None:
    @app.command()
    def template(
        kind: Annotated[str, typer.Argument(help="selfeval（项目支出绩效自评表）| department（部门整体支出绩效自评表）"
                                                 "| declaration（绩效目标申报表）")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="docx | xlsx | pdf")] = "docx",
        output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件 / output file")] = None,
        debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")] = False,
    ) -> None:
        """写出空白的官方表单模板 / write a blank official form template."""
        if kind not in TEMPLATES:
            _fail(f"未知模板 / unknown template: {kind}（{' | '.join(TEMPLATES)}）")
        if fmt not in FORMATS:
            _fail(f"未知格式 / unknown format: {fmt}（{' | '.join(FORMATS)}）")
        from jixiao.present.forms import FormWriteError, write_template

        path = output if output is not None else Path(f"{kind}.{fmt}")
        try:
            write_template(kind, fmt, path)
        except (OSError, FormWriteError) as error:
            if debug:
                raise
            _fail(f"{path}: 无法写入 / cannot write: {getattr(error, 'strerror', None) or error}")
        print(f"已写出 {path} / wrote {path}")


def _fail(message: str) -> None:
    fail(message)
