"""Column labels of a table from its header rows, merged cells included.

A DOCX converter prints a horizontally merged header cell once ("本年收入" over ten columns) and a
vertically merged one as an empty cell in the rows below. Labels are built top-down: a lower row's
empty cell continues the upper cell above it; a run of filled lower cells shares the upper cells
that remain, split where a group visibly starts (a 小计/合计 column, a label containing the upper
label, the run's first label repeated). Labels are joined with "/": "本年收入/一般公共预算资金".
"""

from __future__ import annotations

from jixiao.recognize.labels import norm

GROUP_STARTS = ("小计", "合计")


def _join(upper: str, lower: str) -> str:
    if not upper:
        return lower
    if not lower or norm(lower) == norm(upper.rsplit("/", 1)[-1]):
        return upper
    return f"{upper}/{lower}"


def _split_run(labels: list[str], uppers: list[str]) -> list[int]:
    """Start offsets (within the run) of the groups that ``uppers`` head."""
    m = len(uppers)
    if m <= 1:
        return [0]
    starts = [0]
    first = norm(labels[0])
    next_upper = 1
    for offset in range(1, len(labels)):
        if len(starts) == m:
            break
        label = norm(labels[offset])
        tail = norm(uppers[next_upper].rsplit("/", 1)[-1]) if next_upper < m else ""
        if label in GROUP_STARTS or label == first or (tail and tail in label):
            starts.append(offset)
            next_upper += 1
    if len(starts) == m:
        return starts
    if len(labels) % m == 0:  # no visible boundary: equal groups
        size = len(labels) // m
        return [size * k for k in range(m)]
    return [0]


def merge_rows(upper: list[str], lower: list[str]) -> list[str]:
    """The labels of ``lower``'s columns, prefixed by the upper cells they sit under."""
    if not upper:
        return list(lower)
    if len(lower) <= len(upper):
        return [_join(upper[i] if i < len(upper) else "", lower[i]) for i in range(len(lower))] + [
            upper[i] for i in range(len(lower), len(upper))]
    runs: list[tuple[int, int]] = []  # [start, end) of filled lower cells
    start = None
    for index, label in enumerate([*lower, ""]):
        if label and start is None:
            start = index
        elif not label and start is not None:
            runs.append((start, index))
            start = None
    empties = sum(1 for label in lower if not label)
    spare = max(len(upper) - empties, 0)
    shares = [1] * len(runs)
    if runs and spare != len(runs):
        shares = [0] * len(runs)
        shares[-1 if spare > len(runs) else 0] = spare if len(runs) == 1 else spare - (len(runs) - 1)
        shares = [s if s else 1 for s in shares] if spare >= len(runs) else [1 if k < spare else 0
                                                                             for k in range(len(runs))]
        if len(runs) == 1:
            shares = [spare]
    out: list[str] = []
    cursor = 0
    run_index = 0
    index = 0
    while index < len(lower):
        if not lower[index]:
            out.append(upper[cursor] if cursor < len(upper) else "")
            cursor += 1
            index += 1
            continue
        run_start, run_end = runs[run_index]
        share = shares[run_index] if run_index < len(shares) else 0
        heads = upper[cursor:cursor + share]
        labels = lower[run_start:run_end]
        starts = _split_run(labels, heads) if heads else [0]
        for offset, label in enumerate(labels):
            group = sum(1 for s in starts if s <= offset) - 1
            head = heads[group] if heads and group < len(heads) else (heads[-1] if heads else "")
            out.append(_join(head, label))
        cursor += len(heads)
        run_index += 1
        index = run_end
    return out


def column_labels(header_rows: list[list[str]]) -> list[str]:
    labels: list[str] = []
    for row in header_rows:
        labels = merge_rows(labels, row)
    return labels
