"""Text layouts of web pages flattened one cell per line: ``text |`` cells, lone ``|`` empty cells,
``||||`` lines closing rows — hard rows where the row ends are knowable, soft text where not."""

from __future__ import annotations

from pathlib import Path

from jixiao.read.office import read_document
from jixiao.read.text import TextDocument

FLAT = """\
(临时救助)绩效目标自评表
自评表 (2020年度) |
||||||||
项目名称 |
社区救助 |
|
|
|||||
资金情况(万元) |
|
全年预算数(A) |
全年执行数(B) |
执行率(B/A) |
||
|
年度资金总额: |
40 |
36 |
90% |
||
|
预算执行说明第一行
第二行 |
按进度执行
|||
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
产出指标 |
数量指标 |
救助人次 |
20 |
>=80人次 |
87人次 |
20 |
|
|
救助户数 |
20 |
>=30户 |
31户 |
18 |
|
质量指标 |
救助标准 |
10 |
>=500元 |
583元 |
10 |
效益指标 |
社会效益 |
受益人数 |
30 |
>=80人 |
87人 |
30 |
满意度指标 |
满意度 |
受助对象满意度 |
10 |
>=90% |
95% |
10 |
"""


def read(tmp_path: Path, text: str) -> TextDocument:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    fmt, doc = read_document(path.read_bytes(), str(path))
    assert fmt == "text"
    return doc


def rows(doc: TextDocument) -> list[tuple[bool, list[str]]]:
    return [(r.hard, [c.text for c in r.cells]) for r in doc.rows]


def test_cells_with_pipes_and_separator_lines_are_hard_rows(tmp_path: Path) -> None:
    got = rows(read(tmp_path, FLAT))
    assert got[:7] == [
        (False, ["(临时救助)绩效目标自评表"]),  # before the first cell: free text
        (True, ["自评表 (2020年度)"]),
        (True, ["项目名称", "社区救助", "", ""]),
        (True, ["资金情况(万元)", "", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"]),
        (True, ["", "年度资金总额:", "40", "36", "90%"]),
        (True, ["", "预算执行说明第一行第二行", "按进度执行"]),  # a cell over two lines; a last cell without pipe
        (True, ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"]),
    ]


def test_separators_stop_rows_cut_by_a_width_the_numbers_agree_on(tmp_path: Path) -> None:
    got = rows(read(tmp_path, FLAT))[7:]
    assert got == [
        (True, ["产出指标", "数量指标", "救助人次", "20", ">=80人次", "87人次", "20"]),
        (True, ["", "", "救助户数", "20", ">=30户", "31户", "18"]),
        (True, ["", "质量指标", "救助标准", "10", ">=500元", "583元", "10"]),
        (True, ["效益指标", "社会效益", "受益人数", "30", ">=80人", "87人", "30"]),
        (True, ["满意度指标", "满意度", "受助对象满意度", "10", ">=90%", "95%", "10"]),
    ]
    doc = read(tmp_path, FLAT)
    assert [r.line_start for r in doc.rows] == sorted(r.line_start for r in doc.rows)
    assert all(r.line_start <= r.line_end for r in doc.rows)


def test_without_a_width_the_cells_stay_soft(tmp_path: Path) -> None:
    text = FLAT.split("一级指标 |")[0] + "说明 |\n一段文字 |\n另一段 |\n第三段 |\n"
    got = rows(read(tmp_path, text))
    assert got[-4:] == [(False, ["说明 |"]), (False, ["一段文字 |"]), (False, ["另一段 |"]), (False, ["第三段 |"])]


def test_one_cell_per_line_with_lone_pipes_stays_soft_text(tmp_path: Path) -> None:
    text = "一级指标\n|\n二级指标\n|\n分值\n|\n投 入\n(15分)\n|\n预算配置\n|\n5\n|\n|\n"
    doc = read(tmp_path, text)
    assert not any(r.hard for r in doc.rows)  # no row ends: the recognizer decides
    assert [r.cells[0].text for r in doc.rows][:4] == ["一级指标", "|", "二级指标", "|"]


def test_pipe_rows_one_table_row_per_line(tmp_path: Path) -> None:
    text = ("部门整体支出绩效自评表 | |||||||||\n"
            "| 年度资金总额 | 7.29 | 7.29 | 10.00 | 100% | ||||\n"
            "其中:当年财政拨款 | 7.29 | 7.29 | 100% |\n")
    got = [(hard, _trim(cells)) for hard, cells in rows(read(tmp_path, text))]
    assert got == [(True, ["部门整体支出绩效自评表"]), (True, ["年度资金总额", "7.29", "7.29", "10.00", "100%"]),
                   (True, ["其中:当年财政拨款", "7.29", "7.29", "100%"])]


def _trim(cells: list[str]) -> list[str]:
    """Without the trailing empty cells a row's closing pipes leave."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def test_pipe_row_carried_over_by_a_line_break_in_a_cell(tmp_path: Path) -> None:
    text = ("| 项目支出绩效自评表 | ||||||\n"
            "| 项目名称 |\n"
            "2020年农村公路养护 |\n"
            "|\n"
            "项目资金 (万元) |\n"
            "年初预算数 | 全年预算数 | 得分 | ||\n"
            "| 年度资金总额 | 7.29 | 7.29 | 10 | ||\n"
            "注：本表金额单位为万元\n")
    doc = read(tmp_path, text)
    got = [(r.hard, _trim([c.text for c in r.cells]), r.line_start, r.line_end) for r in doc.rows]
    assert got == [
        (True, ["项目支出绩效自评表"], 1, 1),
        (True, ["项目名称", "2020年农村公路养护"], 2, 3),
        (True, ["项目资金 (万元)", "年初预算数", "全年预算数", "得分"], 4, 6),
        (True, ["年度资金总额", "7.29", "7.29", "10"], 7, 7),
        (False, ["注：本表金额单位为万元"], 8, 8),  # text after the table stays text
    ]
