"""Bad input: a warning, never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jixiao.extract import extract_bytes
from tests.helpers import extract_text

FORM = """项目支出绩效自评表
（2022年度）
项目名称\t社区绿化养护\t\t
主管部门\t某街道办事处\t实施单位\t城市管理办公室
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t20\t20\t18\t10\t90%\t9
\t其中：当年财政拨款\t20\t20\t18\t—\t90%\t—
\t上年结转资金\t\t\t\t—\t\t—
\t其他资金\t\t\t\t—\t\t—
年度总体目标\t预期目标\t实际完成情况
\t养护绿地。\t完成养护。
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t养护面积\t≥5000平方米\t5200平方米\t50\t50\t
\t效益指标\t社会效益指标\t环境改善\t优良中差\t优\t30\t28\t
\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t92%\t10\t10\t
总分\t100\t97
"""


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "jixiao.present", *args], capture_output=True, env=env,
                          input=stdin, timeout=120, check=False)


def test_synthetic_form_extracts() -> None:
    doc = extract_text(FORM)
    assert len(doc.self_evaluations) == 1
    form = doc.self_evaluations[0]
    assert form.year == 2022
    assert form.funds.total.execution_rate is not None and float(form.funds.total.execution_rate) == 0.9
    assert [(i.level1, i.level3, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "养护面积", 50, 50), ("效益指标", "环境改善", 30, 28), ("满意度指标", "居民满意度", 10, 10)]
    assert (form.total_weight, form.total_score) == (100, 97)
    assert not form.incomplete


def test_empty_and_junk_give_warnings() -> None:
    for data in (b"", b"\x00\x01\x02\xff\xfe" * 1000, "随便一段文字，没有表格。".encode()):
        doc = extract_bytes(data, "junk")
        assert doc.self_evaluations == []
        assert doc.warnings


def test_form_cut_off_mid_table_is_marked_incomplete() -> None:
    cut = FORM[: FORM.index("\t效益指标")]
    doc = extract_text(cut)
    assert len(doc.self_evaluations) == 1
    assert doc.self_evaluations[0].incomplete
    assert any("不完整" in w for w in doc.warnings)


def test_large_noise_file_finishes(tmp_path: Path) -> None:
    noise = os.urandom(20 * 1024 * 1024)
    doc = extract_bytes(noise, "noise.bin")
    assert doc.self_evaluations == []
    assert doc.warnings


def test_cli_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "form.txt"
    good.write_text(FORM, encoding="gb18030")
    result = run_cli("extract", "--format", "json", str(good))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    form = data["documents"][0]["self_evaluations"][0]
    assert form["project_name"] == "社区绿化养护"
    assert form["funds"]["total"]["execution_rate"] == 0.9
    assert form["location"] == {"line_start": 3, "line_end": 16}
    missing = run_cli("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert b"Traceback" not in missing.stderr and "无法读取".encode() in missing.stderr
