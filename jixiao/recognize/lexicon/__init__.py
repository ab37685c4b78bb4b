"""The concept lexicon: what a header or label cell *means*, whatever the province prints.

A wording is looked up by its :func:`label_key`, a tolerant comparable form of a cell: NFKC and full/
half width, CJK radicals, Traditional → Simplified (OpenCC), pinyin inserted after characters
("項(xiàng)目"), whitespace, trailing colons, bracketed column letters and formulas ((A), (B/A×100%),
(20分*执行率)), points ((20分), 产出指标(50分)), money units ((万元), (元)), (盖章), ordinals
(年度绩效目标1, 一、) and a leading 其中 all fall away. The wordings themselves are data
(``*.toml`` beside this file, and ``$JIXIAO_HOME/lexicon/*.toml``): a new province is a data change.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from jixiao.read.grid import normalize_cjk
from jixiao.read.han import is_han
from jixiao.recognize.lexicon.traditional import may_change

__all__ = ["Concept", "Lexicon", "base_text", "head_label", "label_key", "lexicon", "line_text", "lookup",
           "nfkc", "points_of", "without_pinyin", "words_pattern", "words_regex"]

# pinyin in brackets, dropped only right after a Chinese character (see _drop_pinyin)
_PINYIN = re.compile(r"[(（][a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]{1,8}[)）]")
_BRACKETS = re.compile(r"[(（\[【〔][^()（）\[\]【】〔〕]{0,24}[)）\]】〕]")
_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]|(\d+(?:\.\d+)?)\s*分$")
_LEADING_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))")
_TRAILING_DIGITS = re.compile(r"\d{1,2}$")  # an ordinal, when right after a Chinese character
_SPACE = re.compile(r"\s+")
_COLON_TAIL = re.compile(r"[:：]+$")
_QIZHONG = re.compile(r"^其中[:：]?")
_SEPARATOR = re.compile(r"[:：]")
MAX_LABEL_CHARS = 24


@lru_cache(maxsize=1)
def _converter() -> object | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a dependency; without it Traditional labels stay unread
        return None
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional → Simplified characters (OpenCC's data); other text unchanged."""
    if text.isascii() or not may_change(text):
        return text  # nothing the conversion would change: OpenCC is not even loaded
    converter = _converter()
    if converter is None:
        return text
    return str(converter.convert(text))  # type: ignore[attr-defined]


def _drop_pinyin(m: re.Match[str]) -> str:
    """A bracketed pinyin match: gone right after a Chinese character ("項(xiàng)目"), kept elsewhere."""
    at = m.start()
    return "" if at > 0 and is_han(m.string[at - 1]) else m.group(0)


def _without_trailing_ordinal(text: str) -> str:
    """"满意度指标2" → "满意度指标": one or two digits at the end, right after a Chinese character."""
    m = _TRAILING_DIGITS.search(text)
    if m is None or m.start() == 0 or not is_han(text[m.start() - 1]):
        return text
    return text[:m.start()] + text[m.end():]


def without_pinyin(text: str) -> str:
    """A page that printed ruby annotations inline ("項(xiàng)目") read without them: they are how the
    page was rendered, not what the form says."""
    return _PINYIN.sub(_drop_pinyin, text) if "(" in text or "（" in text else text


def line_text(text: str) -> str:
    """A whole line normalised at once (NFKC, radicals, no pinyin insertions, Simplified), its spaces
    kept: for scanning long lines, where :func:`base_text` word by word would cost more."""
    t = nfkc(text)
    t = normalize_cjk(t)
    t = _PINYIN.sub(_drop_pinyin, t) if "(" in t or "（" in t else t
    return simplified(t)


# full-width ASCII (！…～) and the ideographic space, as NFKC maps them
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, cheaper for Chinese text: its full-width punctuation
    (the usual reason a line is not normal) is mapped by a table, and the full normalisation runs only
    if something else is left to normalise."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    t = text.translate(_FULL_WIDTH)
    return t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t)


@lru_cache(maxsize=131072)
def base_text(text: str) -> str:
    """NFKC, CJK radicals mapped, Simplified, pinyin insertions removed, no whitespace."""
    t = unicodedata.normalize("NFKC", text)
    t = normalize_cjk(t)
    t = _PINYIN.sub(_drop_pinyin, t)
    t = _SPACE.sub("", t)
    return simplified(t)


@lru_cache(maxsize=131072)
def label_key(text: str) -> str:
    """The tolerant comparable form of a label cell (see the module docstring)."""
    t = base_text(text)
    if len(t) > 64:
        return t
    t = _COLON_TAIL.sub("", t)
    t = _QIZHONG.sub("", t)
    t = _LEADING_ORDINAL.sub("", t)
    previous = None
    while previous != t:
        previous = t
        t = _BRACKETS.sub("", t)
    t = re.sub(r"\d+(?:\.\d+)?分$", "", t)  # "满意度指标10分"
    t = _without_trailing_ordinal(t)
    return _COLON_TAIL.sub("", t)


def points_of(text: str) -> Decimal | None:
    """Points printed in a label: "产出指标(50分)" → 50, "年度绩效目标1（80分）" → 80."""
    t = unicodedata.normalize("NFKC", text)
    m = _POINTS.search(t)
    if m is None:
        return None
    try:
        return Decimal(m.group(1) or m.group(2))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


@dataclass(frozen=True, slots=True)
class Concept:
    section: str  # "field" | "funds_column" | "fund_row" | "goal" | "indicator_column" | "level1" | …
    name: str  # "project_name", "executed", "total" …


class Lexicon:
    """Wordings → concepts, by label key. Several concepts may share a wording ("分值" heads both the
    funds block and the indicator table): :meth:`concepts` returns them all, in section order."""

    def __init__(self, sections: dict[str, dict[str, list[str]]]) -> None:
        self.sections = sections
        self._by_key: dict[str, list[Concept]] = {}
        for section, concepts in sections.items():
            for name, words in concepts.items():
                for word in words:
                    key = label_key(word)
                    found = self._by_key.setdefault(key, [])
                    concept = Concept(section, name)
                    if concept not in found:
                        found.append(concept)
        self._longest = max((len(k) for k in self._by_key), default=0)

    def concepts(self, text: str) -> list[Concept]:
        if not text or len(text) > 80:
            return []
        return self._by_key.get(label_key(text), [])

    def concept(self, text: str, section: str) -> str | None:
        """The concept of ``text`` within one section, or ``None``."""
        for c in self.concepts(text):
            if c.section == section:
                return c.name
        return None

    def words(self, section: str, name: str) -> list[str]:
        return list(self.sections.get(section, {}).get(name, []))

    def head(self, text: str, sections: tuple[str, ...]) -> tuple[Concept, str] | None:
        """A cell that begins with a label and a colon ("项目名称：社区绿化") → (concept, the rest)."""
        m = _SEPARATOR.search(text)
        if m is None or m.start() == 0 or m.start() > MAX_LABEL_CHARS:
            return None
        rest = text[m.end():].strip()
        for c in self.concepts(text[:m.start()]):
            if c.section in sections:
                return c, rest
        return None


def _load(paths: list[Path]) -> dict[str, dict[str, list[str]]]:
    merged: dict[str, dict[str, list[str]]] = {}
    for path in paths:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for section, concepts in data.items():
            if not isinstance(concepts, dict):
                continue
            target = merged.setdefault(section, {})
            for name, words in concepts.items():
                if isinstance(words, list):
                    bucket = target.setdefault(name, [])
                    bucket.extend(w for w in words if isinstance(w, str) and w not in bucket)
    return merged


def lexicon_files() -> list[Path]:
    """The package's lexicon files, then those of ``$JIXIAO_HOME/lexicon`` (which add wordings)."""
    dirs = [Path(__file__).parent]
    try:
        from jixiao.home import data_dirs
    except ImportError:  # pragma: no cover - jixiao.home arrives with the packaging work
        pass
    else:
        dirs = [d for d in reversed(data_dirs("lexicon")) if d.is_dir()] or dirs
        if Path(__file__).parent not in dirs:
            dirs.insert(0, Path(__file__).parent)
    files: list[Path] = []
    for d in dirs:
        files.extend(sorted(d.glob("*.toml")))
    return files


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(_load(lexicon_files()))


def lookup(text: str) -> list[Concept]:
    return lexicon().concepts(text)


def head_label(text: str, sections: tuple[str, ...] = ("field",)) -> tuple[Concept, str] | None:
    return lexicon().head(text, sections)


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern that finds any of ``words``, the longest where several start at the same place: as
    "A|B|C" longest first would, but as a trie ("执行(?:率得分|率|数)"), so that each position costs
    one step per character matched instead of one try per word (300 wordings: ~10× faster)."""
    return re.compile(words_regex(words))


def words_regex(words: Iterable[str]) -> str:
    """The source of :func:`words_pattern`, to build a larger pattern around (it is one group-free
    unit: "(" + it + ")" captures the word)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)  # (a unit: its alternatives, if several, are in a group of their own)


def _trie_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a word ends here: the longer ones first (greedy), then none
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body
