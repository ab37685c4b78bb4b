"""Rows of cells → one stream of tokens that every recognizer walks.

A token is a cell of a hard row (tab, pipe, DOCX line; empty cells kept) or a word of a free text
line. Labels are found on the stream by :func:`scan_labels`, which may join consecutive soft
tokens (a label broken into PDF fragments) but never crosses a hard cell boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.read.text import Row, clean, join_fragments
from jixiao.recognize.labels import VOCABULARY, match_fragments, norm

_FIELD_PREFIX = re.compile(
    "^(" + "|".join(re.escape(w) for w in sorted({w for k in ("project_name", "unit_name", "department",
                                                                 "implementing_unit", "project_lead", "phone")
                                                  for w in VOCABULARY[k]}, key=len, reverse=True))
    + r")\s*[:：]\s*(.+)$"
)


@dataclass(slots=True)
class Tok:
    text: str
    norm: str
    line: int
    row: int  # index of the source row
    col: int  # index of the cell in a hard row, of the word in a soft line
    hard: bool
    gap: int  # blank lines before the token's row (0 for all but the row's first token)


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    start: int  # first token index
    end: int  # one past the last token index


def tokenize(rows: list[Row]) -> list[Tok]:
    tokens: list[Tok] = []
    for r, row in enumerate(rows):
        gap = row.gap_before
        if row.hard:
            for c, cell in enumerate(row.cells):
                for text in _split_field_prefix(cell.text):
                    tokens.append(Tok(text, norm(text), cell.line, r, c, True, gap if c == 0 else 0))
            continue
        for w, word in enumerate(_words(row.cells[0].text)):
            tokens.append(Tok(word, norm(word), row.line_start, r, w, False, gap if w == 0 else 0))
    return tokens


def _split_field_prefix(text: str) -> list[str]:
    m = _FIELD_PREFIX.match(text)
    return [m.group(1), m.group(2)] if m else [text]


def _words(line: str) -> list[str]:
    words: list[str] = []
    for word in line.split(" "):
        if word:
            words.extend(_split_field_prefix(word))
    return words


def scan_labels(tokens: list[Tok], lo: int = 0, hi: int | None = None) -> list[Label]:
    """Every label in ``tokens[lo:hi]``, left to right, longest match first."""
    hi = len(tokens) if hi is None else hi
    norms = [t.norm for t in tokens]
    labels: list[Label] = []
    i = lo
    while i < hi:
        tok = tokens[i]
        if not tok.norm:
            i += 1
            continue
        if tok.hard:
            found = match_fragments(norms, i, 1)
        else:
            run_end = i
            while run_end < hi and not tokens[run_end].hard and run_end - i < 12:
                run_end += 1
            found = match_fragments(norms, i, run_end - i)
        if found is not None:
            labels.append(Label(found[0], i, found[1]))
            i = found[1]
        else:
            i += 1
    return labels


def join_tokens(tokens: list[Tok]) -> str:
    """The text of consecutive tokens as one cell: words of a line with their spaces, lines and
    fragments joined without spaces between CJK characters."""
    pieces: list[list[str]] = []
    previous: Tok | None = None
    for tok in tokens:
        if not tok.text:
            continue
        if previous is not None and previous.row == tok.row and not tok.hard and not previous.hard:
            pieces[-1].append(tok.text)
        else:
            pieces.append([tok.text])
        previous = tok
    out = ""
    for words in pieces:
        out = join_fragments(out, clean(" ".join(words)))
    return out
