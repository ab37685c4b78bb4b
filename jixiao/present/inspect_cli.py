"""``jixiao inspect FILE``: how jixiao reads one file — the visual debugging of a template.

It shows the grid as read (rows, cells, spans), the header rows the recognizer found and the concept
it mapped each column to, each candidate form's boundaries and what became of it (taken, rejected and
why, a blank template), and the fields left empty with the reason. Adding a province's template
starts here: a column mapped to nothing is a wording the lexicon lacks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jixiao.present.check_cli import _fail as fail


def inspect_file(path: Path, show_rows: int | None = None) -> dict[str, Any]:
    """The inspection of one file as plain data (the JSON of ``--format json``)."""
    from jixiao.extract import read_file
    from jixiao.inspection import inspect_bytes

    return inspect_bytes(read_file(path), str(path), show_rows)


def _print_table(report: dict[str, Any]) -> None:
    from jixiao.inspection import STATUS_NAMES

    out = sys.stdout
    out.write(f"文件 {report['source']}  格式 {report['format']}\n")
    for w in report["reader_warnings"]:
        out.write(f"  读取提示：{w}\n")
    if report["rows"]:
        out.write("\n读取到的表格行（行号 | 单元格[列号,跨列] → 概念）：\n")
        for r in report["rows"]:
            cells = "  ".join(f"[{c['col']}{',' + str(c['span']) if c['span'] > 1 else ''}]{c['text'][:24]}"
                              + (f"→{'/'.join(c['concepts'])}" if c["concepts"] else "") for c in r["cells"])
            out.write(f"  {r['line']:>5} {'表' if r['hard'] else '文'} {cells}\n")
    out.write(f"\n候选表单 {len(report['forms'])} 个：\n")
    for n, form in enumerate(report["forms"], start=1):
        status = STATUS_NAMES.get(form["status"], form["status"])
        out.write(f"\n{n}. 第{form['lines'][0]}–{form['lines'][1]}行  {status}"
                  + (f"（{form['reason']}）" if form["reason"] else "") + "\n")
        for key, value in form["fields"].items():
            out.write(f"   字段 {key} = {value}\n")
        for header in form["headers"]:
            name = "资金表头" if header["section"] == "funds_column" else "指标表头"
            out.write(f"   {name}（第{'、'.join(str(x) for x in header['lines'])}行"
                      f"{'' if header['aligned'] else '，按顺序对齐'}）：\n")
            for col in header["columns"]:
                points = f"（{col['points']}分）" if col["points"] else ""
                out.write(f"     列{col['columns'][0]}–{col['columns'][1] - 1}  {col['printed']} → {col['concept']}"
                          f"{points}\n")
            for text in header["unmapped"]:
                out.write(f"     （未识别的表头单元格：{text} → 词表中没有这个说法）\n")
        for item in form["empty"]:
            out.write(f"   空缺 {item}\n")
    ex = report["extracted"]
    out.write(f"\n最终识别：自评表 {ex['self_evaluations']}，评价报告 {ex['evaluations']}，"
              f"申报表 {ex['target_declarations']}，预算表 {ex['budget_tables']}\n")
    for w in report["warnings"]:
        out.write(f"  {w}\n")


def register(app: typer.Typer) -> None:
    @app.command()
    def inspect(
        path: Annotated[Path, typer.Argument(help="要查看的文件 / the file to inspect")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
        rows: Annotated[int, typer.Option("--rows", help="显示前 N 行读取结果（-1 全部）/ grid rows to show")] = 60,
        debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整堆栈 / show tracebacks")] = False,
    ) -> None:
        """查看一个文件如何被读取和识别：表格、表头、列的含义、表单边界、未采用的原因 / how a file is read."""
        if fmt not in ("json", "table"):
            fail(f"未知格式 / unknown format: {fmt}", debug)
        try:
            report = inspect_file(path, None if rows < 0 else rows)
        except OSError as error:
            if debug:
                raise
            fail(f"{path}: {error.strerror or error}", debug)
        if fmt == "json":
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        else:
            _print_table(report)
