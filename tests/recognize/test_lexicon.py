"""The concept lexicon and its tolerant label key: every wording a template prints reaches its
concept, and a province's new wording is a data file, not code."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.extract import extract_bytes
from jixiao.recognize import lexicon as lexicon_module
from jixiao.recognize.lexicon import head_label, label_key, lookup, nfkc, points_of, words_pattern


@pytest.mark.parametrize(("printed", "key"), [
    ("年度资金总额：", "年度资金总额"),  # a trailing colon
    ("年度资金总额:", "年度资金总额"),
    ("全年预算数（A）", "全年预算数"),  # column letters and formulas in brackets
    ("执行率（B/A）", "执行率"),
    ("预算执行率(B/A×100%)", "预算执行率"),
    ("得分(20分*执行率)", "得分"),
    ("产出指标(50分)", "产出指标"),  # points
    ("满意度指标（10分）", "满意度指标"),
    ("项目资金(万元)", "项目资金"),  # money units
    ("年度资金总额(元)", "年度资金总额"),
    ("实施单位 (盖章)", "实施单位"),
    ("年度绩效目标1（80分）", "年度绩效目标"),  # an ordinal and points
    ("一、基本情况", "基本情况"),
    ("其中：当年财政拨款", "当年财政拨款"),
    ("全 年 执 行 数", "全年执行数"),  # spaces, full width
    ("全年执行数（Ｂ）", "全年执行数"),
    ("項目名稱", "项目名称"),  # Traditional characters
    ("項(xiàng)目資(zī)金", "项目资金"),  # pinyin inserted after characters
    ("全年(调整)预算数", "全年预算数"),
])
def test_label_key(printed: str, key: str) -> None:
    assert label_key(printed) == key


def test_a_sentence_is_not_a_label() -> None:
    assert lookup("指标1：基层组织活动") == []
    assert lookup("为进一步加强村（社）基层组织建设，提高公共服务能力") == []


@pytest.mark.parametrize(("printed", "section", "concept"), [
    ("年初预算数(A)", "funds_column", "initial_budget"),
    ("调整后预算数", "funds_column", "full_year_budget"),
    ("预算执行数", "funds_column", "executed"),
    ("执行率权重", "funds_column", "weight"),
    ("财政专户管理资金", "fund_row", "special_account"),
    ("其中:财政资金", "fund_row", "fiscal"),
    ("按支出性质分", "fund_row", None),
    ("年初目标值(A)", "indicator_column", "target"),
    ("全年实际值（B）", "indicator_column", "actual"),
    ("未完成原因及拟采取的改进措施", "indicator_column", "note"),
    ("部门(单位)名称", "field", "unit_name"),
])
def test_wordings_reach_their_concept(printed: str, section: str, concept: str | None) -> None:
    names = [c.name for c in lookup(printed) if c.section == section]
    assert (names[0] if names else None) == concept


def test_a_cell_whose_head_is_a_label_is_a_label() -> None:
    found = head_label("项目名称：社区绿化提升工程")
    assert found is not None and (found[0].name, found[1]) == ("project_name", "社区绿化提升工程")
    assert head_label("为完成：社区绿化") is None


def test_points_printed_in_labels() -> None:
    assert points_of("产出指标(50分)") == Decimal(50)
    assert points_of("年度绩效目标1（80分）") == Decimal(80)
    assert points_of("预算执行情况(万元)(20分)") == Decimal(20)
    assert points_of("得分(20分*执行率)") is None  # a formula, not the cell's points
    assert points_of("三级指标") is None


FORM = """项目支出绩效自评表
项目名称\t社区绿化提升工程
主管部门\t某区城市管理委员会\t实施单位\t某街道办事处
项目资金（万元）\t\t年初预算数\t全年预算数\t{executed}\t分值\t执行率\t得分
\t年度资金总额\t100.00\t100.00\t95.00\t10\t95.00%\t9.5
年度总体目标\t预期目标\t实际完成情况
\t养护绿地5万平方米。\t养护绿地5.2万平方米。
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t绿地养护面积\t≥5万平方米\t5.2万平方米\t50\t50\t
\t效益指标\t社会效益指标\t居民投诉下降率\t≥10%\t12%\t30\t30\t
\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t93%\t10\t10\t
总分\t100\t99.5
"""


@pytest.fixture()
def jixiao_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    (tmp_path / "lexicon").mkdir()
    lexicon_module.lexicon.cache_clear()
    yield tmp_path
    monkeypatch.delenv("JIXIAO_HOME")
    lexicon_module.lexicon.cache_clear()


def test_a_new_wording_is_a_data_change(jixiao_home: Path) -> None:
    """A province prints 全年执行数 as 本年度实际拨付数: unknown, the funds header has one column less
    and 95.00 is read as nothing; with one line in $JIXIAO_HOME/lexicon/*.toml it reads."""
    text = FORM.format(executed="本年度实际拨付数").encode()
    before = extract_bytes(text, "province.txt").self_evaluations[0].funds.total
    assert before.executed is None
    (jixiao_home / "lexicon" / "province.toml").write_text(
        '[funds_column]\nexecuted = ["本年度实际拨付数"]\n', encoding="utf-8")
    lexicon_module.lexicon.cache_clear()
    after = extract_bytes(text, "province.txt").self_evaluations[0].funds.total
    assert (after.executed, after.execution_rate, after.score) == (Decimal("95.00"), Decimal("0.95"), Decimal("9.5"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet="执行率数得分值a.(", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="执行率数得分值a.(x ", max_size=40))
def test_words_pattern_finds_what_the_longest_first_alternation_finds(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    found = [(m.start(), m.group()) for m in words_pattern(words).finditer(text)]
    assert found == [(m.start(), m.group()) for m in plain.finditer(text)]


def test_words_pattern_prefers_the_longest_wording() -> None:
    pattern = words_pattern(["执行", "执行率", "执行率得分", "得分"])
    assert [m.group() for m in pattern.finditer("执行率得分|执行率得|执行数")] == ["执行率得分", "执行率", "执行"]


def test_the_gate_normalises_every_text_whose_normal_form_differs_in_a_cjk_character() -> None:
    """The self-evaluation gate skips NFKC unless the text holds a character NFKC turns into a CJK
    character: that set must hold every such character, and no wording may change under NFKC."""
    from jixiao.recognize.forms.rows import _COMPATIBILITY_CJK, _self_evaluation_words

    cjk = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
    missed = [hex(cp) for cp in range(0x80, 0x110000)
              if (n := unicodedata.normalize("NFKC", chr(cp))) != chr(cp) and cjk.search(n)
              and not _COMPATIBILITY_CJK.match(chr(cp))]
    assert missed == []
    words = _self_evaluation_words().pattern
    assert unicodedata.normalize("NFKC", words) == words


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet="项目（）：，。！～０９ＡＺａｚ\u3000 …㎡①℃\u2f00\uf900e\u0301\u00e9\uff9e\uff76\u30ab\u3099",
               max_size=30))
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_the_full_width_table_is_what_nfkc_does() -> None:
    from jixiao.recognize.lexicon import _FULL_WIDTH

    assert all(unicodedata.normalize("NFKC", chr(a)) == chr(b) for a, b in _FULL_WIDTH.items())
