"""The ``jixiao`` command line (DESIGN §5.3–5.4). Exit codes: 0 ok, 1 problems found, 2 could not run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao import __version__
from jixiao.errors import JixiaoError, mask_secrets
from jixiao.present.check_cli import _fail as fail
from jixiao.present.check_cli import read_documents
from jixiao.present.check_cli import register as register_check_commands
from jixiao.present.exits import exit_code
from jixiao.present.export_form_cli import register as register_export_form_command
from jixiao.present.forms_cli import register as register_form_commands
from jixiao.present.inspect_cli import register as register_inspect_command
from jixiao.present.store_cli import register as register_store_commands
from jixiao.present.unit_cli import register as register_unit_commands
from jixiao.present.web_cli import register as register_web_commands

app = typer.Typer(add_completion=False, no_args_is_help=True, help="jixiao 绩效：预算绩效表单的识别、评分与审核")

FormatOption = Annotated[str, typer.Option("--format", "-f", help="json | table")]
DebugOption = Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")]


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="文本文件 / text files")],
    fmt: FormatOption = "table",
    debug: DebugOption = False,
) -> None:
    """识别文件中的全部表单 / recognize every form in the files."""
    from jixiao.present.jsonout import document_json
    from jixiao.present.render import print_extract_table

    if fmt not in ("json", "table"):
        fail(f"未知格式 / unknown format: {fmt}", debug)
    docs = read_documents(paths, debug)
    if fmt == "json":
        payload = {"documents": [document_json(d) for d in docs]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        print_extract_table(docs)


@app.command()
def version() -> None:
    """显示版本 / show the version."""
    print(__version__)


register_check_commands(app)
register_form_commands(app)
register_store_commands(app)
register_web_commands(app)
register_export_form_command(app)
register_inspect_command(app)
register_unit_commands(app)


def main() -> None:
    """Run the command; an error no command turned into its one line (any ``JixiaoError``) still
    exits 2 with one line (DESIGN §5.3, :mod:`jixiao.present.exits`)."""
    try:
        app()
    except KeyboardInterrupt as error:
        print("jixiao: 已中断 / interrupted", file=sys.stderr)
        sys.exit(exit_code(error))
    except JixiaoError as error:
        if "--debug" in sys.argv:
            raise
        print(f"jixiao: {mask_secrets(str(error))}", file=sys.stderr)
        sys.exit(exit_code(error))
