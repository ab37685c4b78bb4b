"""年度总体目标: a header row (预期目标 | 实际完成情况) with the values under it, or label-value rows."""

from __future__ import annotations

from jixiao.read.text import clean
from jixiao.recognize.forms.draft import Draft
from jixiao.recognize.forms.rows import GRow
from jixiao.recognize.lexicon import base_text, head_label


def goal_row(d: Draft, rows: list[GRow], n: int) -> bool:
    row = rows[n]
    cells = row.filled
    names = [(c, c.concept("goal")) for c in cells]
    unnamed = [c for c, name in names if name is None]
    header_like = len(unnamed) <= 1 and all(c is cells[0] and len(base_text(c.text)) <= 8
                                            and not any(ch.isdigit() for ch in c.text) for c in unnamed)
    named = sum(1 for _, name in names if name is not None)
    if (named >= 2 and header_like) or (named == 1 and not unnamed):
        d.goal_header = row  # a header row: 年度总体目标 | 预期目标 | 实际完成情况
        d.goal_columns = {name: c.col for c, name in names
                          if name in ("goal_expected", "goal_actual", "goal_adjusted")}
        d.concepts.add("goals")
        return True
    labelled = [(c, name) for c, name in names if name is not None]
    if labelled:
        others = [c for c, name in names if name is None]
        first, name = labelled[0]
        value = " ".join(c.text for c in others if c.col > first.col)
        if not value:
            found = head_label(first.text, ("goal",))
            value = found[1] if found is not None else ""
        key = {"goals": "goal_expected"}.get(name or "", name or "")
        if key in ("goal_expected", "goal_actual") and value:
            d.goals.setdefault(key, clean(value))
            d.concepts.add("goals")
            return True
        return bool(labelled) and not value
    if d.goal_header is not None and not d.goals:
        if row.grid and d.goal_header.grid and row.width == d.goal_header.width and d.goal_columns:
            cols = sorted(d.goal_columns.items(), key=lambda item: item[1])
            for k, (key, start) in enumerate(cols):
                end = cols[k + 1][1] if k + 1 < len(cols) else row.width
                text = "".join(c.text for c in row.cells[start:end] if c.text)
                if text and key != "goal_adjusted":
                    d.goals[key] = clean(text)
        else:
            printed = [c.text for c in cells]
            if len(printed) >= 2:
                d.goals["goal_expected"], d.goals["goal_actual"] = clean(printed[0]), clean(printed[-1])
            elif printed:
                d.goals["goal_expected"] = clean(printed[0])
        return bool(d.goals)
    return False
