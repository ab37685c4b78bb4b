"""Traditional → Simplified without loading OpenCC where nothing would change: the lists that decide it
are OpenCC's own dictionaries, and the shortcut never changes a result."""

from __future__ import annotations

import subprocess
import sys

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.recognize.lexicon import simplified
from jixiao.recognize.lexicon.traditional import _data, from_opencc, may_change

CONVERTER = opencc.OpenCC("t2s")


def test_the_lists_are_the_installed_opencc_dictionaries() -> None:
    found = from_opencc()
    if found is None:  # pragma: no cover - the opencc wheel ships its dictionary tool
        pytest.skip("OpenCC's opencc_dict tool is not installed")
    chars, phrases, _ = _data()
    assert (chars, frozenset(phrases)) == found, "remake them: python -m jixiao.recognize.lexicon"


@pytest.mark.parametrize(("text", "changes"), [
    ("项目支出绩效自评表", False), ("覆盖率", False), ("年度指标值≥95%", False),
    ("項目支出績效自評表", True), ("深沈", True), ("批覆文件", True), ("报告已批覆", True), ("衹得", True),
])
def test_may_change(text: str, changes: bool) -> None:
    assert may_change(text) is changes
    assert (CONVERTER.convert(text) != text) is changes


def test_traditional_text_is_converted() -> None:
    assert simplified("項目名稱：社區綠化") == "项目名称：社区绿化"
    assert simplified("深沈的批覆") == "深沉的批复"
    assert simplified("覆盖率达到95%") == "覆盖率达到95%"


_CHARS, _PHRASES, _ = _data()
_ALPHABET = "".join(sorted(_CHARS))[:400] + "项目绩效指标覆盖率沈藉坏得分值年度" + "0123456789%≥≤：（）"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=6), st.sampled_from(_PHRASES)), max_size=6))
def test_the_shortcut_never_changes_a_result(parts: list[str]) -> None:
    text = "".join(parts)
    assert simplified(text) == CONVERTER.convert(text)


def test_a_simplified_document_never_loads_opencc() -> None:
    code = ("import sys\nfrom jixiao.extract import extract_bytes\n"
            "doc = extract_bytes('项目名称：社区绿化，覆盖率95%\\n年度资金总额 100\\n'.encode(), 'a.txt')\n"
            "print('opencc' in sys.modules)\n"
            "from jixiao.recognize.lexicon import label_key\n"
            "assert label_key('項目名稱：') == '项目名称'\n"
            "print('opencc' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
