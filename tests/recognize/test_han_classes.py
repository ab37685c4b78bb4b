"""The character tests that replaced regex classes over the CJK ranges (each cost a millisecond to
compile) answer exactly as those patterns did: each is checked against the pattern it replaced, on
examples and on generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.read.han import is_cjk, is_cjk_or_punctuation, is_han, join_between
from jixiao.read.text import clean, join_fragments
from jixiao.recognize.forms.fit import _unit_like
from jixiao.recognize.forms.rows import _indicator_tail
from jixiao.recognize.forms.unglue import _name_and_figures, _name_and_target
from jixiao.recognize.indicator_cells import _chinese_word
from jixiao.recognize.lexicon import _without_trailing_ordinal, without_pinyin

# the patterns as they were
OLD_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
OLD_CJK_SPACE = re.compile(
    r"(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])[ \t\u3000]+"
    r"(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])")
OLD_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
OLD_OPERATOR = re.compile(r"(?<=[\u3400-\u9fff)）])([≥≤=＝﹦><]=?\s*\d)")
OLD_FIGURES = re.compile(r"(?<=[\u3400-\u9fff])(\d[\d.%]*)$")
OLD_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]{1,8}[)）]")
OLD_ORDINAL = re.compile(r"(?<=[\u3400-\u9fff])\d{1,2}$")
OLD_UNIT = re.compile(r"^[%‰\u4e00-\u9fffA-Za-z/²³·*]{1,6}$")
OLD_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{1,3}$")
OLD_TAIL = re.compile(r"(?:^|\t)(?:≥|≤|=|＝|﹦|>|<|>=|<=|定性)\t[^\n]*\n\t*(?:合计|总分|合计得分|总计)(?:\t|$)", re.M)

# characters at and around every boundary of the ranges, and the ones the patterns look for
_EDGES = "\u2e7f\u2e80\u2fff\u3000\u303f\u3040\u33ff\u3400\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00" \
    "\ufeff\uff00\uff01\uff0f\uff10\uff19\uff1a\uff20\uff21\uffef\ufff0"
_ALPHABET = _EDGES + "中文项目率数绩效指标 \t\u00a0\r0123456789.%()（）xiàngAZaz≥≤=＝﹦><²³·*/‰\n"
texts = st.text(alphabet=_ALPHABET, max_size=14)


def test_the_classes_at_their_edges() -> None:
    for ch in _EDGES:
        assert is_cjk(ch) is bool(OLD_CJK.match(ch)), hex(ord(ch))
        assert is_han(ch) is ("\u3400" <= ch <= "\u9fff")
    assert [is_cjk_or_punctuation(c) for c in "\uff0f\uff10\uff1a\uff21中"] == [True, False, True, False, True]


@pytest.mark.parametrize(("text", "joined"), [
    ("绩 效 指 标 a b", "绩效指标 a b"), ("中 a 文", "中 a 文"), ("a b", "a b"), ("中 文 ", "中文 "), ("", ""),
])
def test_join_between(text: str, joined: str) -> None:
    assert join_between(text, is_han) == joined


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts)
def test_spaces_between_characters_go_as_before(text: str) -> None:
    single = " ".join(text.split())
    assert join_between(single, is_han) == OLD_HAN_SPACE.sub("", single)
    spaced = re.sub(r"[ \t\u3000\u00a0]+", " ", text.replace("\n", " ")).strip()
    assert clean(text) == OLD_CJK_SPACE.sub("", spaced)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts, texts)
def test_fragments_join_as_before(left: str, right: str) -> None:
    joined = join_fragments(left, right)
    if left and right and (OLD_CJK.match(left[-1]) or OLD_CJK.match(right[0])):
        assert joined == left + right


@pytest.mark.parametrize(("text", "parts"), [
    ("足额保障率=100%", ["足额保障率", "=100%"]), ("率（年）≥ 95", ["率（年）", "≥ 95"]), ("=100%", ["=100%"]),
    ("a=1", ["a=1"]), ("补贴渔船数≥=3", ["补贴渔船数", "≥=3"]), ("数≥x3", ["数≥x3"]),
])
def test_name_and_target(text: str, parts: list[str]) -> None:
    assert _name_and_target(text) == parts


def _old_name_and_target(text: str) -> list[str]:
    m = OLD_OPERATOR.search(text)
    if m is None or m.start() == 0:
        return [text]
    return [text[:m.start()], text[m.start():]]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts)
def test_names_part_from_targets_and_figures_as_before(text: str) -> None:
    assert _name_and_target(text) == _old_name_and_target(text)
    word = "".join(text.split())
    assert _name_and_figures(word) == [part for part in OLD_FIGURES.split(word) if part]


@pytest.mark.parametrize(("text", "key"), [
    ("满意度指标2", "满意度指标"), ("指标12", "指标"), ("指标123", "指标123"), ("a2", "a2"), ("2", "2"),
])
def test_trailing_ordinal(text: str, key: str) -> None:
    assert _without_trailing_ordinal(text) == key


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts)
def test_ordinals_pinyin_and_units_as_before(text: str) -> None:
    assert _without_trailing_ordinal(text) == OLD_ORDINAL.sub("", text)
    assert without_pinyin(text) == OLD_PINYIN.sub("", text)
    word = "".join(text.split())
    assert _unit_like(word) is bool(OLD_UNIT.match(word))
    assert _chinese_word(text) is bool(OLD_CJK_WORD.match(text))
    assert _chinese_word(word) is bool(OLD_CJK_WORD.match(word))


def test_pinyin_goes_only_after_a_character() -> None:
    assert without_pinyin("項(xiàng)目(mù)名称") == "項目名称"
    assert without_pinyin("项目(mu)(mu)") == "项目(mu)"
    assert without_pinyin("金额(万元)") == "金额(万元)"


@pytest.mark.parametrize(("text", "tail"), [
    ("a\t≥\t1\n合计\t100", True), ("≥\t1\n\t合计", True), ("a\t≥\n合计\t1", False), ("定性\t好\n合计得分\t9", True),
    ("≥\tx\ny\n合计\t1", False), ("合计\t1", False), ("", False),
])
def test_indicator_tail(text: str, tail: bool) -> None:
    assert _indicator_tail(text) is tail


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(["≥", "=", ">=", "定性", "合计", "总分", "合计得分", "总计", "", "x", "1"]),
                         max_size=4), max_size=5))
def test_indicator_tails_as_before(rows: list[list[str]]) -> None:
    text = "\n".join("\t".join(row) for row in rows)
    assert _indicator_tail(text) is bool(OLD_TAIL.search(text + "\n"))
