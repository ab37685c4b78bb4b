"""绩效运行监控表 in the store like every other kind (SQLite and PostgreSQL): ingested as forms with
their indicator rows, listed, shown, exported as JSON, checked — and linked to their projects."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from jixiao.extract import extract_bytes
from jixiao.model.monitoring import MonitoringReport
from jixiao.present.cli import app
from jixiao.samples.cycle import monitoring_text
from jixiao.store import connect, ingest
from jixiao.store.projects import list_projects

runner = CliRunner()


def test_monitoring_forms_are_stored_listed_and_shown(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "2024年1-7月项目绩效运行监控表.txt"
    path.write_bytes(monitoring_text(2024))
    summary = ingest(connect(db_url), [path], jobs=1)
    assert summary.stored == 1 and summary.forms == 2 and summary.projects == 2
    listed = runner.invoke(app, ["ls", "forms", "--db", db_url, "--kind", "monitoring", "--format", "json"])
    forms = json.loads(listed.stdout)
    assert [(f["kind"], f["index"], f["name"], f["unit"], f["year"], f["amount"], f["executed"], f["execution_rate"])
            for f in forms] == [
        ("monitoring", 0, "环境整治", "示例街道办事处", 2024, 30.0, 18.0, 0.6),
        ("monitoring", 1, "保洁服务", "示例街道办事处", 2024, 8.0, 0.8, 0.1)]
    shown = json.loads(runner.invoke(app, ["show", str(forms[0]["id"]), "--db", db_url, "--format", "json"]).stdout)
    first = shown["rows"][0]
    assert (first["level3"], first["target"], first["actual"], first["values"]) == (
        "整治点位数", "≥20处", "12处", {"forecast": "26处", "deviation_cause": None, "likelihood": "确定能"})
    expected = extract_bytes(monitoring_text(2024), str(path)).monitoring_reports[0]
    assert MonitoringReport.model_validate(shown["data"]) == expected  # the whole form, exactly as read
    assert MonitoringReport.model_validate(shown["data"]).funds.initial_budget == Decimal("30.00")
    second = json.loads(runner.invoke(app, ["show", str(forms[1]["id"]), "--db", db_url, "--format", "json"]).stdout)
    assert [f["code"] for f in second["findings"]] == ["MR001"]  # 10% by July, no measure
    exported = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db_url]).stdout)
    assert sorted(f["kind"] for f in exported["forms"]) == ["monitoring", "monitoring"]
    engine = connect(db_url)
    with engine.connect() as conn:
        assert [(p.name, p.forms["monitoring"]) for p in list_projects(conn)] == [
            ("环境整治", forms[0]["id"]), ("保洁服务", forms[1]["id"])]
    engine.dispose()
