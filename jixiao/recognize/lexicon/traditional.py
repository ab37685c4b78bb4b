"""Does OpenCC's Traditional → Simplified conversion (``t2s``) have anything to change in a text?

Loading OpenCC's dictionaries costs about 0.1 s, more than reading a district's text; most documents
are printed in Simplified characters and never need it. The conversion changes a text only where it
holds a character its character dictionaries change, or one of its phrases. A phrase that holds such a
character is found by the character; the few that hold none ("深沈" → "深沉", "批覆" → "批复") are
looked for as they are, but only in a text that holds one of their characters. A text that holds
neither is returned unchanged without loading OpenCC.

Both lists are data beside this file (``traditional.txt``, ``traditional_phrases.txt``), made from the
installed OpenCC's own dictionaries by ``python -m jixiao.recognize.lexicon``; a test checks them.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

CHARS = Path(__file__).with_name("traditional.txt")
PHRASES = Path(__file__).with_name("traditional_phrases.txt")
# the dictionaries of OpenCC's t2s.json: its normalization and its conversion chain
T2S_DICTIONARIES = ("CJK_Compatibility_Ideographs", "TSPhrases", "TSCharactersExt", "TSCharacters")


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], tuple[str, ...], dict[str, tuple[tuple[str, int], ...]]]:
    chars = frozenset(CHARS.read_text(encoding="utf-8").replace("\n", ""))
    phrases = tuple(line for line in PHRASES.read_text(encoding="utf-8").splitlines() if line)
    return chars, phrases, _index(phrases)


def _index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each phrase under one of its characters, the fewest characters for all (greedy): outside GB 2312
    first (衹), then those of the most phrases (沈, 藉, 覆) — a text holding none is done at once. With
    each phrase, where the character first stands in it."""
    index: dict[str, list[str]] = {}
    left = list(phrases)
    while left:
        counts = Counter(ch for phrase in left for ch in set(phrase))
        best = min(counts, key=lambda ch: (_common(ch), -counts[ch], ch))
        index[best] = [phrase for phrase in left if best in phrase]
        left = [phrase for phrase in left if best not in phrase]
    return {ch: tuple((phrase, phrase.index(ch)) for phrase in found) for ch, found in index.items()}


def _common(char: str) -> bool:
    """In GB 2312, the character set of everyday Simplified text."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def may_change(text: str) -> bool:
    """Whether ``t2s`` could change ``text`` (never false where it would)."""
    chars, _, by_char = _data()
    present = set(text)  # (one pass over the text; the tests below look at its distinct characters)
    if not chars.isdisjoint(present):
        return True
    # (覆 in 覆盖率: only the phrases with 覆 are looked for, and only where 覆 is: a phrase found in
    # the text has its index character at the phrase's first place of it)
    for ch in by_char.keys() & present:
        phrases = by_char[ch]
        at = text.find(ch)
        while at >= 0:
            if any(at >= offset and text.startswith(phrase, at - offset) for phrase, offset in phrases):
                return True
            at = text.find(ch, at + 1)
    return False


def from_opencc() -> tuple[frozenset[str], frozenset[str]] | None:
    """The characters and the phrases, read from the installed OpenCC's dictionaries with its
    ``opencc_dict`` tool; ``None`` where that tool or the dictionaries are not installed."""
    import subprocess  # (only here: every extraction imports this module)
    import tempfile

    try:
        import opencc
    except ImportError:
        return None
    clib = Path(opencc.__file__).parent / "clib"
    tool, share = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    if not tool.exists() or not share.is_dir():
        return None
    entries: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in T2S_DICTIONARIES:
            out = Path(tmp) / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2",
                            "-t", "text"], check=True, capture_output=True)
            pairs = (line.split("\t", 1) for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line)
            # an entry whose first candidate is the key itself changes nothing
            entries[name] = [key for key, values in pairs if values.split(" ")[0] != key]
    chars = {key for name in T2S_DICTIONARIES if name != "TSPhrases" for key in entries[name]}
    phrases = {phrase for phrase in entries["TSPhrases"] if chars.isdisjoint(phrase)}
    return frozenset(chars), frozenset(phrases)
