"""``python -m jixiao.recognize.lexicon``: remake the lists of :mod:`jixiao.recognize.lexicon.traditional`
from the installed OpenCC."""

from __future__ import annotations

import sys

from jixiao.recognize.lexicon.traditional import CHARS, PHRASES, from_opencc


def main() -> int:
    found = from_opencc()
    if found is None:
        print("OpenCC 的词典工具 opencc_dict 未安装 / OpenCC's opencc_dict not installed", file=sys.stderr)
        return 1
    chars, phrases = found
    ordered = "".join(sorted(chars))
    CHARS.write_text("\n".join(ordered[k:k + 64] for k in range(0, len(ordered), 64)) + "\n", encoding="utf-8")
    PHRASES.write_text("".join(f"{phrase}\n" for phrase in sorted(phrases)), encoding="utf-8")
    print(f"{CHARS}: {len(chars)} characters; {PHRASES}: {len(phrases)} phrases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
