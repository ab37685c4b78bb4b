"""Forms flattened into one line of text (a web page's text layer, a document preview): cells back.

A page that lost its table prints "项目名称演出设备更新专项经费主管部门新洲区楚剧团…年度资金总额303010100%
…总分10098": labels and values run together, numbers glued to each other. The labels are found by the
lexicon (longest wording first), which cuts the line into label and value pieces; the pieces become
rows the header reader knows (a field and its value, a run of header labels, a funds row, a total).
Numbers glued together are taken apart by the form's own arithmetic: of every way to cut
"303010100%" into the funds header's columns, the one where 执行率 = 执行数 ÷ 预算数, 得分 ≤ 分值 and
the amounts agree is read — and the form says in its warnings that it was inferred.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.read.han import is_han, join_between
from jixiao.read.text import Cell, Row
from jixiao.recognize.lexicon import label_key, lexicon, line_text, words_pattern

MIN_LABELS = 4  # labels a line must hold to be taken apart


_SECTIONS = ("field", "funds_column", "fund_row", "goal", "indicator_column", "total", "block", "level1", "level2")


_FORMULA = re.compile(r"[(（][^()（）]{0,16}[)）]")


_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?$")


_GLUED = re.compile(r"^[\d.%]+$")


_LEADING_NUMBER = re.compile(r"^\d[\d.%]*")


_TRAILING_FIGURES = re.compile(r"\d[\d.%]*$")


_SHORT_OK = frozenset({"分值", "得分", "权重", "合计", "总分"})


@lru_cache(maxsize=1)
def label_keys() -> tuple[dict[str, str], int]:
    """Label key → its concepts, "section.name|section.name" (a wording may head two blocks: 分值)."""
    lex = lexicon()
    keys: dict[str, str] = {}
    for section in _SECTIONS:
        for name, words in lex.sections.get(section, {}).items():
            for word in words:
                key = label_key(word)
                if len(key) >= 3 or key in _SHORT_OK:
                    concept = f"{section}.{name}"
                    if concept not in keys.get(key, "").split("|"):
                        keys[key] = f"{keys[key]}|{concept}" if key in keys else concept
    # A wording that is two others run together ("执行率得分") is, in a glued line, those two.
    compound = {k for k in keys if any(k[:n] in keys and k[n:] in keys for n in range(2, len(k) - 1))}
    for k in compound:
        del keys[k]
    return keys, max(len(k) for k in keys)


@lru_cache(maxsize=1)
def _key_pattern() -> re.Pattern[str]:
    keys, _ = label_keys()
    return words_pattern(keys)


def tokens(text: str) -> list[tuple[str | None, str]]:
    """The line as (concepts or None, text) pieces, labels found longest first; concepts are
    "section.name", several joined by "|"."""
    t = base_text_keep_spaces(text)
    if "(" in t or "（" in t:
        t = _FORMULA.sub("", t)
    keys, _ = label_keys()
    out: list[tuple[str | None, str]] = []
    at = 0
    for m in _key_pattern().finditer(t):
        value = t[at:m.start()].strip()
        if value:
            out.append((None, value))
        out.append((keys[m.group(0)], m.group(0)))
        at = m.end()
    if t[at:].strip():
        out.append((None, t[at:].strip()))
    return out


_QIZHONG = re.compile(r"其中\s*[:：]?")


def base_text_keep_spaces(text: str) -> str:
    """Normalised like a label, but spaces that part values ("=100% 22.5") are kept; those between two
    characters ("绩 效 指 标", a vertical header read across) go."""
    joined = " ".join(line_text(text).split())
    if " " in joined:
        joined = join_between(joined, is_han)
    return _QIZHONG.sub(" ", joined) if "其中" in joined else joined


def label_count(text: str) -> int:
    return sum(1 for concept, _ in tokens(text) if concept is not None)


def unglue(rows: list[Row]) -> list[Row]:
    """Long soft lines holding many labels become rows of cells; everything else is kept."""
    out: list[Row] = []
    for row in rows:
        if not row.hard:
            text = row.cells[0].text if row.cells else ""
            glued = _glued_rows(text, row) if len(text) >= 40 else None
            out.extend(glued if glued is not None else [row])
            continue
        out.append(row)
        for cell in row.cells:  # a page summary that holds the whole form in one cell
            if len(cell.text) >= 80:
                out.extend(_glued_rows(cell.text, row) or [])
    return out


def _glued_rows(text: str, row: Row) -> list[Row] | None:
    pieces = tokens(text)
    concepts = [c for c, _ in pieces if c is not None]
    sections = {part.split(".")[0] for c in concepts for part in c.split("|")}
    # the end of an indicator table: level labels, then 合计/总分 with its figures
    tail = bool(sections & {"level1", "level2"}) and any(
        _in_section(c, "total") and "total.total" in (c or "") and k + 1 < len(pieces) and pieces[k + 1][0] is None
        and _LEADING_NUMBER.match(pieces[k + 1][1]) is not None for k, (c, _) in enumerate(pieces))
    if len(concepts) < MIN_LABELS or not (sections & {"field", "fund_row"} or tail) or len(sections) < 3:
        return None  # prose that names labels (a note on how to fill the form) stays prose
    if not tail and not _header_run(pieces):
        return None  # a form prints its column labels side by side; prose does not
    return pieces_to_rows(pieces, row)


def pieces_to_rows(pieces: list[tuple[str | None, str]], row: Row, lines: list[int] | None = None) -> list[Row]:
    """Pieces → rows: a run of header labels is a header row; a label with the value after it is a
    row of its own (a field, a funds row, a total); values glued together are split against the
    funds header last seen."""
    out: list[list[str]] = []
    starts: list[int] = []  # the line each row starts on (the piece's own line where known)
    funds_header: list[str] = []
    k = 0
    while k < len(pieces):
        concept, text = pieces[k]
        starts.append(lines[k] if lines is not None else row.line_start)
        section = concept.split(".")[0] if concept else None
        if section == "title":
            out.append([text])
            k += 1
            continue
        if section in ("funds_column", "indicator_column") or (section == "goal" and concept != "goal.goals"):
            run = [text]
            names = [concept or ""]
            k += 1
            while k < len(pieces) and _in_section(pieces[k][0], section):
                run.append(pieces[k][1])
                names.append(pieces[k][0] or "")
                k += 1
            if section == "funds_column":
                funds_header = [n.split("|")[0].split(".")[1] for n in names]
            out.append(run)
            continue
        values: list[str] = []
        k += 1
        while k < len(pieces) and pieces[k][0] is None:
            values.extend(pieces[k][1].lstrip(":：").split())
            k += 1
        if section in ("fund_row", "total") and values:
            lead = _LEADING_NUMBER.match(values[0])
            if lead and lead.end() < len(values[0]):
                values = [lead.group(0)]  # the text glued on after the figures is the next cell's
        elif section in ("level1", "level2"):
            values = [part for v in values for part in _name_and_figures(v)]
            values = [part for v in values for part in _name_and_target(v)]
            groups = _indicator_groups(values)
            if len(groups) > 1:  # several indicators under one level label: a row each
                out.append([text, *groups[0]])
                out.extend(groups[1:])
                starts.extend([starts[-1]] * (len(groups) - 1))
                continue
        if section == "fund_row" and funds_header:
            values = _split_funds(values, funds_header)
        elif section == "total":
            values = _split_total(values)
        out.append([text, *values] if text else values)
    if lines is not None:
        return [Row([Cell(t, start) for t in cells], start, start, True, 0, "stream")
                for cells, start in zip(out, starts, strict=True) if cells]
    return [Row([Cell(t, row.line_start) for t in cells], row.line_start, row.line_end, True, row.gap_before if n == 0
                else 0, "glued") for n, cells in enumerate(out) if cells]


_OPERATOR = re.compile(r"[≥≤=＝﹦><]=?\s*\d")


def _name_and_target(text: str) -> list[str]:
    """"足额保障率=100%" → 足额保障率 | =100%: a name glued to its comparator and value (the comparator
    right after a Chinese character or a closing bracket)."""
    for m in _OPERATOR.finditer(text):
        at = m.start()
        if at > 0 and (is_han(text[at - 1]) or text[at - 1] in ")）"):
            return [text[:at], text[at:]]
    return [text]


def _name_and_figures(text: str) -> list[str]:
    """"补贴渔船数6620" → 补贴渔船数 | 6620: figures glued after a Chinese character."""
    m = _TRAILING_FIGURES.search(text)
    if m is None or m.start() == 0 or not is_han(text[m.start() - 1]):
        return [text] if text else []
    return [text[:m.start()], m.group(0)]


def _indicator_groups(values: list[str]) -> list[list[str]]:
    """Cells of indicators printed one after the other: each ends with its figures (分值/得分)."""
    groups: list[list[str]] = [[]]
    for v in values:
        if groups[-1] and _NUMBER.match(groups[-1][-1]) and not _NUMBER.match(v):
            groups.append([])
        groups[-1].append(v)
    return [g for g in groups if g]


def _header_run(pieces: list[tuple[str | None, str]]) -> bool:
    """Two column labels one right after the other (年初预算数全年预算数, 一级指标二级指标)."""
    for (a, _), (b, _) in itertools.pairwise(pieces):
        for section in ("funds_column", "indicator_column", "goal"):
            if _in_section(a, section) and _in_section(b, section):
                return True
    return False


def _in_section(concepts: str | None, section: str) -> bool:
    return concepts is not None and any(c.split(".")[0] == section for c in concepts.split("|"))


def _split_total(values: list[str]) -> list[str]:
    """"10098" after 总分: 100 and 98 when a weight of 100 heads it."""
    if len(values) == 1 and _NUMBER.match(values[0]) and values[0].startswith("100") and len(values[0]) > 3:
        return ["100", values[0][3:]]
    return values


_MONEY = ("initial_budget", "full_year_budget", "executed", "allocated")


_WEIGHTS = frozenset(Decimal(n) for n in (5, 10, 15, 20, 30))


def _split_funds(values: list[str], header: list[str]) -> list[str]:
    """Glued numbers of a funds row, cut where the form's arithmetic holds; the columns the cut does
    not reach stay empty, so each value lands under its own header label."""
    columns = [c for c in header if c in (*_MONEY, "weight", "execution_rate", "score")]
    if len(values) != 1 or not _GLUED.match(values[0]) or not columns:
        return values
    glued = values[0]
    best: tuple[float, list[str]] | None = None
    for cut in _cuts(glued, len(columns)):
        for assign in _assignments(len(cut), len(columns)):
            placed = {columns[j]: cut[i] for i, j in enumerate(assign)}
            score = _plausible(placed)
            if best is None or score > best[0]:
                best = (score, [placed.get(c, "") for c in columns])
    if best is None or best[0] <= 0 or sum(1 for v in best[1] if v) < 2:
        return values  # no cut the arithmetic supports: the figure stays whole
    return best[1]


_PIECE = re.compile(r"^(?:0|[1-9]\d{0,8})(?:\.\d{1,2})?%?$")


def _cuts(text: str, most: int) -> list[list[str]]:
    """Every way to cut a glued number string into 1..most numbers, each printed as forms print them
    (at most two decimals, no leading zero, a % on the rate it ends)."""
    out: list[list[str]] = []

    def walk(rest: str, acc: list[str]) -> None:
        if not rest:
            out.append(list(acc))
            return
        if len(acc) >= most or len(out) > 20000:
            return
        for end in range(1, min(len(rest), 14) + 1):
            piece = rest[:end]
            if end < len(rest) and rest[end] in ".%":
                continue  # a number does not stop before its decimals or its % sign
            if not _PIECE.match(piece):
                continue
            acc.append(piece)
            walk(rest[end:], acc)
            acc.pop()

    walk(text, [])
    return out


def _assignments(pieces: int, columns: int) -> list[list[int]]:
    """Increasing column indexes for each piece (pieces in order, columns may be skipped)."""
    out: list[list[int]] = []

    def walk(start: int, acc: list[int]) -> None:
        if len(acc) == pieces:
            out.append(list(acc))
            return
        for j in range(start, columns - (pieces - len(acc)) + 1):
            acc.append(j)
            walk(j + 1, acc)
            acc.pop()

    walk(0, [])
    return out


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.rstrip("%"))
    except InvalidOperation:
        return None


def _plausible(placed: dict[str, str]) -> float:
    """How well a cut agrees with the form's arithmetic (higher is better; ≤ 0: not worth reading)."""
    score = 0.0
    values = {k: _number(v) for k, v in placed.items()}
    rate_text = placed.get("execution_rate")
    for key, text in placed.items():
        if text.endswith("%") != (key == "execution_rate"):
            return -9.0  # a % goes under 执行率 and nowhere else
        number = values[key]
        if key in ("weight", "score") and (number is None or number > 100 or ("." in text and len(
                text.split(".")[1]) > 2)):
            return -9.0
    weight, mark = values.get("weight"), values.get("score")
    if weight is not None:
        score += 1.0 if weight in (Decimal(5), Decimal(10), Decimal(15), Decimal(20), Decimal(30)) else -1.0
    if weight is not None and mark is not None:
        score += 1.0 if mark <= weight else -3.0
    if "full_year_budget" in placed:
        score += 0.2  # one budget figure printed: the budget the rate is taken on
    budget = values.get("full_year_budget") or values.get("initial_budget")
    executed = values.get("executed")
    if rate_text is not None and budget and executed is not None:
        rate = (_number(rate_text) or Decimal(0)) / 100
        digits = len(rate_text.rstrip("%").partition(".")[2])
        tolerance = max(Decimal(5) / Decimal(10) ** (digits + 3), Decimal("0.001"))  # half a printed unit
        score += 4.0 if abs(executed / budget - rate) <= tolerance else -2.0
    if budget is not None and executed is not None:
        score += 0.5 if executed <= budget * Decimal("1.2") else -1.0
    amounts = [v for k in _MONEY if (v := values.get(k)) is not None]
    if len(amounts) >= 2 and max(amounts) > 0:
        score += 0.5 if min(amounts) * 10 >= max(amounts) else -1.0
    score -= 0.5 * (len(placed) - 1)  # every cut must be paid for by the arithmetic it makes hold
    confirmed = score_confirms(values, rate_text)
    return score if confirmed or len(placed) == 1 else min(score, 0.0)


def score_confirms(values: dict[str, Decimal | None], rate_text: str | None) -> bool:
    """A cut is only believed when one of the form's own relations holds on it: the rate is the
    amounts' quotient, or a standard 分值 with a 得分 not above it."""
    budget = values.get("full_year_budget") or values.get("initial_budget")
    executed = values.get("executed")
    if rate_text is not None and budget and executed is not None:
        rate = (_number(rate_text) or Decimal(0)) / 100
        if abs(executed / budget - rate) <= Decimal("0.001") + Decimal("0.005"):
            return True
    weight, mark = values.get("weight"), values.get("score")
    return weight is not None and mark is not None and weight in _WEIGHTS and mark <= weight
