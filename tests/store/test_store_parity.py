"""SQLite and PostgreSQL give identical `ls` and `export` output for the same inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jixiao.present.cli import app
from jixiao.samples.generator import generate_district

runner = CliRunner()


def _outputs(db: str, tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for what in ("units", "documents", "forms", "findings"):
        for fmt in ("json", "csv", "table") if what in ("units", "documents") else ("json", "csv"):
            result = runner.invoke(app, ["ls", what, "--db", db, "--format", fmt, "--all-versions"])
            assert result.exit_code == 0, result.output
            text = result.stdout
            if what == "documents" and fmt == "json":  # the one column that is a clock reading
                text = json.dumps([{k: v for k, v in d.items() if k != "ingested_at"} for d in json.loads(text)])
            if what == "documents" and fmt == "csv":
                text = "\n".join(line.rsplit(",", 1)[0] for line in text.splitlines())
            out[f"ls {what} {fmt}"] = text
    for args in (["--severity", "error"], ["--rule", "SE007"], ["--unit", "示例"], ["--year", "2024"]):
        listed = runner.invoke(app, ["ls", "findings", "--db", db, "--format", "json", *args])
        out[f"ls findings {args}"] = listed.stdout
    exported = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)
    for doc in exported["documents"]:
        doc.pop("ingested_at")
    out["export json"] = exported
    folder = tmp / "csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--db", db, "--output", str(folder)]).exit_code == 0
    out["export csv"] = {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.csv"))}
    return out


def _xlsx(db: str, path: Path) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    assert runner.invoke(app, ["export", "--format", "xlsx", "--db", db, "--output", str(path)]).exit_code == 0
    book = load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def test_sqlite_and_postgresql_identical(seeds: Path, tmp_path: Path, sqlite_url: str, pg_url: str) -> None:
    inputs = tmp_path / "inputs"
    generate_district(inputs / "district", units=3, projects=5)
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copy(seed, inputs / seed.name)
    changed = inputs / "district" / "01_示例街道办事处_2024年项目支出绩效自评表.txt"
    results = []
    for n, db in enumerate((sqlite_url, pg_url)):
        generate_district(inputs / "district", units=3, projects=5)
        assert runner.invoke(app, ["ingest", str(inputs), "--db", db, "--jobs", "2"]).exit_code == 0
        changed.write_bytes(changed.read_bytes() + "\n附注：修订版。\n".encode())  # a second version
        assert runner.invoke(app, ["ingest", str(changed), "--db", db, "--jobs", "1"]).exit_code == 0
        work = tmp_path / f"out{n}"
        work.mkdir()
        results.append((_outputs(db, work), _xlsx(db, work / "r.xlsx")))
    (sqlite_out, sqlite_xlsx), (pg_out, pg_xlsx) = results
    assert sqlite_out.keys() == pg_out.keys()
    for key in sqlite_out:
        assert sqlite_out[key] == pg_out[key], key
    assert sqlite_xlsx == pg_xlsx
    assert len(sqlite_out["export json"]["forms"]) > 150 and len(sqlite_out["export json"]["documents"]) == 7
