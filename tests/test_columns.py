"""Splitting two side-by-side cells that a PDF converter emitted one after the other."""

from __future__ import annotations

from jixiao.recognize.columns import Line, best_split, split_two_cells


def lines(*texts: str, gaps: tuple[int, ...] = ()) -> list[Line]:
    return [Line(t, gaps[n] if n < len(gaps) else 1) for n, t in enumerate(texts)]


def test_repeated_text_is_split_where_it_repeats() -> None:
    ls = lines("完成辖区道路清扫保洁，", "保持环境整洁。", "完成辖区道路", "清扫保洁，保持", "环境整洁。")
    assert best_split(ls) == 2


def test_enumeration_restarting_marks_the_right_cell() -> None:
    ls = lines("1、开展培训 4 次，覆盖全部社区工作人员；2、更新", "宣传栏 20 处。",
               "1、开展培训 5 次；", "2、更新宣传栏 20 处。")
    assert best_split(ls) == 2


def test_cells_wrapped_at_different_widths() -> None:
    ls = lines("保障辖区内三十二个老旧小区的日常物业管理服务，", "确保居民满意。",
               "已完成三十二个小区", "物业管理服务，居民", "满意度达到百分之九十五。")
    assert best_split(ls) == 2


def test_a_cell_does_not_end_mid_sentence() -> None:
    ls = lines("协助完成季度各项统计调查工作，", "确保按时完成。", "统计调查工作、", "顺利完成。")
    assert best_split(ls) == 2


def test_page_break_repeats_the_pair() -> None:
    ls = lines("目标 1：修缮道路", "目标 1：修缮道路", "目标 2：更换路灯", "目标 2：更换路灯", gaps=(0, 1, 4, 1))
    left, right = split_two_cells(ls)
    assert [x.text for x in left] == ["目标 1：修缮道路", "目标 2：更换路灯"]
    assert [x.text for x in right] == ["目标 1：修缮道路", "目标 2：更换路灯"]


def test_single_line_stays_left() -> None:
    left, right = split_two_cells(lines("只有一行"))
    assert [x.text for x in left] == ["只有一行"] and right == []
