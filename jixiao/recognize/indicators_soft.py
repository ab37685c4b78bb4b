"""Soft text (PDF, flattened lines) of an indicator table → indicator rows.

The stream is cut into rows at each (分值, 得分) pair; blocks between are the text cells; fragments
after a page break continue the open cells of the row above; placeholder rows (「指标2：……」) are
dropped. Cells are fitted by :mod:`.indicator_cells`.
"""

from __future__ import annotations

from jixiao.model.selfeval import Indicator
from jixiao.model.values import normalize, parse_value
from jixiao.read.text import clean, join_fragments
from jixiao.recognize.columns import display_width
from jixiao.recognize.indicator_cells import (
    ORDINAL,
    PLACEHOLDER,
    ROW_START,
    TERMINAL,
    Atom,
    Levels,
    from_cells,
    is_score,
    is_value,
)
from jixiao.recognize.stream import Label, Tok, join_tokens


def soft_atoms(tokens: list[Tok], lo: int, hi: int, labels: dict[int, Label]) -> list[Atom]:
    atoms: list[Atom] = []
    words: list[Tok] = []
    i = lo
    while i < hi:
        tok = tokens[i]
        lab = labels.get(i)
        if lab is not None or (words and tok.row != words[0].row):
            _line_atoms(words, atoms, continues=lab is None and tok.gap == 0)
            words = []
        if lab is not None:
            atoms.append(Atom("label", join_tokens(tokens[lab.start:lab.end]), tok.line, tok.gap, lab.key))
            i = max(lab.end, i + 1)
            continue
        if tok.text:
            words.append(tok)
        i += 1
    _line_atoms(words, atoms)
    return atoms


def _line_atoms(words: list[Tok], atoms: list[Atom], continues: bool = False) -> None:
    """Cut one line's words at each run of two or more scores: the text before a run is a cell
    group of its own, the run's last two numbers are 分值 and 得分, text after them is a note."""
    if not words:
        return
    start = 0
    n = 0
    first = True
    while n < len(words):
        if is_score(words[n].text):
            run_end = n
            while run_end < len(words) and is_score(words[run_end].text):
                run_end += 1
            if run_end - n >= 2:
                segment = words[start:run_end - 2]
                if segment:
                    atoms.append(_text_atom(segment, fixed=True, gap=words[0].gap if first else 0))
                for w in words[run_end - 2:run_end]:
                    atoms.append(Atom("num", w.text, w.line, 0, row=w.row))
                first = False
                start = n = run_end
                continue
            n = run_end
            continue
        n += 1
    rest = words[start:]
    if not rest:
        return
    if not first:
        atoms.append(_text_atom(rest, fixed=True, gap=0, note=True))
        return
    text = " ".join(w.text for w in rest)
    last = atoms[-1] if atoms else None
    if (last is not None and last.kind == "text" and not last.fixed and words[0].gap == 0
            and not ORDINAL.match(text) and not _narrower_column(last, text, continues)
            and not (is_value(last.text) and is_value(text))):
        last.text = join_fragments(last.text, clean(text))
        last.widths.append(display_width(text))
        last.tail = text
        last.row = words[0].row
        return
    atoms.append(_text_atom(rest, fixed=False, gap=words[0].gap))



def _narrower_column(last: Atom, text: str, continues: bool) -> bool:
    """A line much narrower than the one above that is itself followed by more lines: not the
    wrapped tail of the cell above (a tail is the cell's last line) but the next, narrower cell."""
    above = display_width(last.tail or last.text)
    return continues and above >= 5 and display_width(text) < 0.6 * above


def _text_atom(words: list[Tok], fixed: bool, gap: int, note: bool = False) -> Atom:
    text = " ".join(w.text for w in words)  # spaces kept: on a flattened line they part the cells
    return Atom("text", text, words[0].line, gap, widths=[display_width(text)], row=words[0].row, fixed=fixed,
                 note=note)


def soft_rows(atoms: list[Atom], text_cols: list[str], levels: Levels) -> list[Indicator]:
    out: list[Indicator] = []
    pending: list[Atom] = []
    group_rows: list[Indicator] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if atom.kind == "label":
            _flush(pending, group_rows, out, text_cols, levels)
            pending, group_rows = [], []
            run = [(atom.key or "level2", atom.text)]
            while i + 1 < len(atoms) and atoms[i + 1].kind == "label":
                i += 1
                run.append((atoms[i].key or "level2", atoms[i].text))
            levels.apply(run)
            i += 1
            continue
        is_pair = (atom.kind == "num" and i + 1 < len(atoms) and atoms[i + 1].kind == "num"
                   and (i + 2 >= len(atoms) or atoms[i + 2].kind != "num"))
        if not is_pair:
            if _starts_row(atom) and any(_starts_row(a) for a in _real(pending)):
                _scoreless_row(pending, out, text_cols, levels)  # the row above printed no scores
                pending = []
            pending.append(atom)
            i += 1
            continue
        score_atom = atoms[i + 1]
        note = ""
        nxt = atoms[i + 2] if i + 2 < len(atoms) else None
        if nxt is not None and nxt.note:
            note = nxt.text
            i += 1
        continuation, pending = _split_continuation(pending, group_rows, len(text_cols))
        if continuation:
            _continue_cells(group_rows[-1], continuation)
        indicator = from_cells([a.text for a in pending] + [atom.text, score_atom.text], text_cols, pending)
        indicator.deviation_note = note or None
        indicator.level1, indicator.level2 = levels.level1, levels.level2
        indicator.line = pending[0].line if pending else atom.line
        out.append(indicator)
        group_rows.append(indicator)
        pending = []
        i += 2
    _flush(pending, group_rows, out, text_cols, levels)
    return out


def _starts_row(atom: Atom) -> bool:
    """A text cell opening with an indicator's ordinal ("指标 2：…") starts a new row."""
    return atom.kind == "text" and not atom.note and bool(ROW_START.match(atom.text))


def _scoreless_row(pending: list[Atom], out: list[Indicator], text_cols: list[str], levels: Levels) -> None:
    real = _real(pending)
    start = next(n for n, a in enumerate(real) if _starts_row(a))
    if start and out:
        _continue_cells(out[-1], real[:start])
    row = real[start:]
    indicator = from_cells([a.text for a in row], text_cols, row)
    indicator.level1, indicator.level2 = levels.level1, levels.level2
    indicator.line = row[0].line
    out.append(indicator)


def _real(pending: list[Atom]) -> list[Atom]:
    return [a for a in pending if not PLACEHOLDER.match(normalize(a.text))]


def _split_continuation(pending: list[Atom], group_rows: list[Indicator], k: int) -> tuple[list[Atom], list[Atom]]:
    pending = _real(pending)
    if not group_rows or not pending:
        return [], pending
    cont: list[Atom] = []
    while pending and len(pending) > k and max(pending[0].widths or [99]) <= 6 and (cont or pending[0].gap >= 2):
        cont.append(pending.pop(0))
    return cont, pending


def _flush(pending: list[Atom], group_rows: list[Indicator], out: list[Indicator], text_cols: list[str],
           levels: Levels) -> None:
    real = _real(pending)
    if not real:
        return
    if group_rows and (real[0].gap >= 2 or all(max(a.widths or [99]) <= 6 for a in real)):
        _continue_cells(group_rows[-1], real)
        return
    indicator = from_cells([a.text for a in real], text_cols, real)
    indicator.level1, indicator.level2 = levels.level1, levels.level2
    indicator.line = real[0].line
    out.append(indicator)


def _continue_cells(row: Indicator, atoms: list[Atom]) -> None:
    """Fragments after a page break continue the cells of the row above that were left open."""
    fields = [f for f in ("level3", "target", "actual", "deviation_note") if getattr(row, f)]
    open_fields = [f for f in fields if not str(getattr(row, f)).endswith(TERMINAL)] or fields[-1:]
    n = 0
    for atom in atoms:
        name = open_fields[min(n, len(open_fields) - 1)]
        value = join_fragments(getattr(row, name) or "", atom.text)
        setattr(row, name, value)
        if value.endswith(TERMINAL):
            n += 1
    row.target_value = parse_value(row.target) if row.target else None
    row.actual_value = parse_value(row.actual) if row.actual else None
