"""The sample district: every deliberate error in the manifest is found after ingest, nothing else."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import cast

from jixiao.samples.generator import ERROR_CODES, deliberate_errors, generate_district
from jixiao.store import connect, ingest
from jixiao.store.queries import findings, forms


def test_deliberate_errors_found_and_only_them(tmp_path: Path) -> None:
    folder = tmp_path / "district"
    generate_district(folder, units=6, projects=10, disclosure=True)
    manifest = deliberate_errors(folder)
    assert {m["error"] for m in manifest} >= set(ERROR_CODES)  # every kind of error is planted
    engine = connect(str(tmp_path / "j.db"))
    ingest(engine, [folder], jobs=1)
    with engine.connect() as conn:
        by_form = {(Path(f["source"]).name, f["kind"], f["index"]): f["id"] for f in forms(conn)}
        codes: dict[int, set[str]] = defaultdict(set)
        for finding in findings(conn):
            codes[finding["form_id"]].add(finding["code"])
    assert sum(1 for key in by_form if key[1] == "self_evaluation") == 60
    assert sum(1 for key in by_form if key[1] != "self_evaluation") == 12  # 9 budget tables, 3 declarations
    expected = {by_form[(str(m["file"]), str(m.get("kind", "self_evaluation")), int(str(m["form_index"])))]:
                {str(m["code"]), *map(str, cast(list[object], m["also"]))} for m in manifest}
    assert dict(codes) == expected  # found every planted error, and no finding on a clean form


def test_manifest_deterministic(tmp_path: Path) -> None:
    generate_district(tmp_path / "a", units=3, projects=5)
    generate_district(tmp_path / "b", units=3, projects=5)
    assert deliberate_errors(tmp_path / "a") == deliberate_errors(tmp_path / "b")
    assert (tmp_path / "a" / "01_示例街道办事处_2024年项目支出绩效自评表.txt").read_bytes() == \
        (tmp_path / "b" / "01_示例街道办事处_2024年项目支出绩效自评表.txt").read_bytes()
