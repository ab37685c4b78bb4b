"""Tables printed one cell per line: each cell closed by a line holding only "|", or standing alone
between blank lines. Where a table row ends is not marked; the header gives the width, and a row ends
after its score and the columns that follow (or, for label/value blocks, rows are rebuilt around the
labels as for a glued line)."""

from __future__ import annotations

import re

from jixiao.read.text import Cell, Row
from jixiao.recognize.forms.unglue import label_keys, pieces_to_rows, unglue
from jixiao.recognize.lexicon import label_key, lexicon

_BAR = re.compile(r"^\s*\|+\s*$")


def cell_stream(rows: list[Row]) -> list[Row]:
    """Pages that print one cell per line, each cell closed by a line holding only "|", and no mark
    where a table row ends: the cells are read as a stream, the header gives the row width, and a row
    ends where its last column (after 分值 and 得分) is reached."""
    out: list[Row] = []
    k, n = 0, len(rows)
    while k < n:
        if rows[k].hard or not rows[k].cells:
            out.append(rows[k])
            k += 1
            continue
        end = k + 1  # a run of soft lines
        while end < n and not rows[end].hard and rows[end].cells:
            end += 1
        run = rows[k:end]
        bars = sum(1 for r in run if _BAR.match(r.cells[0].text)) if len(run) >= 8 else 0
        if bars >= 8 and bars * 4 >= len(run):
            out.extend(_stream_rows(run))
        elif len(run) >= 12 and _lines_are_cells(run):
            out.extend(_line_cells(run))
        else:
            out.extend(run)
        k = end
    return out


def _stream_rows(run: list[Row]) -> list[Row]:
    from jixiao.read.text import join_fragments
    from jixiao.recognize.forms.rows import is_number_cell

    cells: list[tuple[str, int]] = []  # (text, line)
    text, line = "", 0
    for row in run:
        piece = row.cells[0].text
        if _BAR.match(piece):
            cells.append((text, line or row.line_start))
            text, line = "", 0
            continue
        if text and row.gap_before:
            cells.append((text, line))  # a blank line ends a cell too (a title above the table)
            text, line = "", 0
        text = join_fragments(text, piece.strip())
        line = line or row.line_start
    if text:
        cells.append((text, line))
    lex = lexicon()
    out: list[Row] = []
    n = 0
    width = 0
    concepts: list[str] = []
    while n < len(cells):
        header: list[tuple[str, int]] = []
        while n + len(header) < len(cells) and lex.concept(cells[n + len(header)][0], "indicator_column"):
            header.append(cells[n + len(header)])
        if len(header) >= 4:
            width = len(header)
            concepts = [lex.concept(t, "indicator_column") or "" for t, _ in header]
            out.append(_row([t for t, _ in header], header[0][1]))
            n += len(header)
            continue
        if not width or "score" not in concepts:
            out.append(_row([cells[n][0]], cells[n][1]))
            n += 1
            continue
        after = width - 1 - concepts.index("score")  # columns that follow the score
        texts: list[str] = []
        start = cells[n][1]
        while n < len(cells):
            texts.append(cells[n][0])
            n += 1
            numbers = [is_number_cell(t) for t in texts]
            if len(texts) >= 2 and numbers[-1] and (len(texts) < 3 or numbers[-2] or "weight" not in concepts):
                for _ in range(after):
                    if n < len(cells):
                        texts.append(cells[n][0])
                        n += 1
                break
        out.append(_row(texts, start))
    return out


def _row(texts: list[str], line: int) -> Row:
    return Row([Cell(t, line) for t in texts], line, line, True, 0, "stream")


def _lines_are_cells(run: list[Row]) -> bool:
    """A stretch of short lines each standing alone between blank lines (a table printed one cell per
    paragraph) that prints a header the lexicon knows (three or more column labels in a row)."""
    texts = [r.cells[0].text for r in run]
    if sum(1 for r in run if r.gap_before) * 2 < len(run) or sum(len(t) <= 30 for t in texts) * 4 < len(texts) * 3:
        return False
    lex = lexicon()
    streak = best = 0
    for t in texts:
        streak = streak + 1 if len(t) <= 20 and (lex.concept(t, "funds_column") or lex.concept(t, "indicator_column")) \
            else 0
        best = max(best, streak)
    return best >= 3


def _line_cells(run: list[Row]) -> list[Row]:
    """Each line a cell; rows rebuilt around the labels, as for a glued line."""
    keys, _ = label_keys()
    titles = {label_key(w): kind for kind in ("department_self_evaluation", "self_evaluation")
              for w in lexicon().words("title", kind)}
    pieces: list[tuple[str | None, str]] = []
    lines: list[int] = []
    for row in run:
        text = row.cells[0].text.strip()
        key = label_key(text)
        head, colon, rest = text.partition(":") if ":" in text else text.partition("：")
        title = next((kind for word, kind in titles.items() if len(key) <= len(word) + 16 and key.endswith(word)), None)
        if title is not None:
            pieces.append((f"title.{title}", text))
        elif key in keys:
            pieces.append((keys[key], text))
        elif colon and label_key(head) in keys and len(head) <= 20:
            pieces.append((keys[label_key(head)], head))  # "其他资金:585.62"
            if rest.strip():
                lines.append(row.line_start)
                pieces.append((None, rest.strip()))
        else:
            pieces.append((None, text))
        lines.append(row.line_start)
    return pieces_to_rows(pieces, run[0], lines)


def restore_cells(rows: list[Row], text: bool) -> list[Row]:
    """The rows the header reader reads: for text, forms flattened into one line or printed one cell
    per line get their cells and rows back (see :func:`unglue`, :func:`cell_stream`)."""
    return cell_stream(unglue(rows)) if text else rows
